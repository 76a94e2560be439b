#!/usr/bin/env python3
"""Parse-throughput benchmark: ListLens beside Python's email package, same files, same run.

ListLens: `listlens benchmark --format json FILES` (read, parse and analyse on all cores, no database),
run --runs times; the median is reported. Python: one process; each file read (gunzipped), split into
messages with the same rule (a `From ` line followed by a header line), and every message parsed with
BytesParser(policy=email.policy.default), reading Message-ID, From, Date, Subject, In-Reply-To,
References and the body text (get_body + get_content), which is what ListLens extracts too.

Usage: benchmark.py [--listlens BIN] [--runs 3] FILE...
"""
import argparse
import email.parser
import email.policy
import gzip
import json
import re
import resource
import statistics
import subprocess
import sys
import time

SEPARATOR = re.compile(rb"^From [^\n]*\n(?=[!-9;-~]+[ \t]*:)", re.M)


def python_parse(files):
    parser = email.parser.BytesParser(policy=email.policy.default)
    messages = 0
    size = 0
    start = time.perf_counter()
    for path in files:
        data = gzip.open(path).read() if open(path, "rb").read(2) == b"\x1f\x8b" else open(path, "rb").read()
        size += len(data)
        starts = [m.start() for m in SEPARATOR.finditer(data)] or [0]
        for i, s in enumerate(starts):
            chunk = data[s:starts[i + 1] if i + 1 < len(starts) else len(data)]
            chunk = chunk[chunk.find(b"\n") + 1:] if chunk.startswith(b"From ") else chunk
            msg = parser.parsebytes(chunk)
            for name in ("Message-ID", "From", "Date", "Subject", "In-Reply-To", "References"):
                try:
                    value = msg[name]
                    if name == "From" and value is not None:
                        value.addresses
                    if name == "Date" and value is not None:
                        value.datetime
                except Exception:
                    pass
            try:
                body = msg.get_body(preferencelist=("plain", "html"))
                if body is not None:
                    body.get_content()
            except Exception:
                pass
            messages += 1
    seconds = time.perf_counter() - start
    return messages, size, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--listlens", default=".build/release/listlens")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    runs = []
    for _ in range(args.runs):
        out = subprocess.run([args.listlens, "benchmark", "--format", "json", *args.files], check=True, capture_output=True)
        runs.append(json.loads(out.stdout))
    median = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    ll_rate = median["messages"] / median["seconds"]
    py_messages, py_bytes, py_seconds = python_parse(args.files)
    py_rate = py_messages / py_seconds
    py_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{'parser':28} {'messages':>9} {'MB':>6} {'seconds':>8} {'messages/s':>11} {'MB/s':>7} {'peak MiB':>9}")
    print(f"{'ListLens (median of ' + str(args.runs) + ', ' + str(median['cores']) + ' cores)':28} {median['messages']:9} "
          f"{median['bytes'] / 1e6:6.0f} {median['seconds']:8.2f} {ll_rate:11.0f} {median['bytes'] / 1e6 / median['seconds']:7.1f} "
          f"{median['peakRSSKiB'] // 1024:9}")
    print(f"{'Python email (1 core)':28} {py_messages:9} {py_bytes / 1e6:6.0f} {py_seconds:8.2f} {py_rate:11.0f} "
          f"{py_bytes / 1e6 / py_seconds:7.1f} {py_rss:9}")
    print(f"ratio: ListLens parses {ll_rate / py_rate:.1f}x as many messages per second as Python's email package "
          f"({ll_rate / py_rate / median['cores']:.1f}x per core); ListLens runs: "
          + ", ".join(f"{r['seconds']:.2f} s" for r in runs))
    if median["messages"] != py_messages:
        print(f"note: message counts differ ({median['messages']} vs {py_messages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
