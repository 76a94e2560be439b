#!/usr/bin/env python3
"""Import benchmark (issue 14): the whole ListLens import beside Python's email package merely parsing
the same files and beside `notmuch new` indexing the same messages, measured in one run.

ListLens: `listlens import --quiet --db FRESH FILES` (parse, segment, thread, identities, topics, FTS
index), --runs times into a fresh store each; the median is reported, with its peak memory. Then the
same files again into the last store: nothing changed, so nothing should be read.
Python: benchmark.py's parse (read, split with ListLens's separator rule, BytesParser with
email.policy.default, the fields ListLens extracts), one process.
notmuch: the same messages written one a file into a Maildir, then `notmuch new` with a fresh
database (Debian's notmuch; this script installs nothing, and says when it is missing). Its time
does not count writing the Maildir.

Usage: benchmark_import.py [--listlens BIN] [--runs 3] [--skip-notmuch] FILE...
e.g.   python3 scripts/benchmark_import.py --listlens .build/release/listlens \\
           ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
"""
import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchmark import SEPARATOR, python_parse  # noqa: E402  (the same parse and split rule)


def timed(args, env=None):
    """Runs a command; returns (seconds, peak RSS in MiB, stdout)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark_import: {' '.join(args[:3])} … failed (exit {os.waitstatus_to_exitcode(status)})")
    return seconds, usage.ru_maxrss / 1024, out.decode()


def read_bytes(path):
    with open(path, "rb") as f:
        head = f.read(2)
    return gzip.open(path).read() if head == b"\x1f\x8b" else open(path, "rb").read()


def write_maildir(files, folder):
    """Every message of `files` one a file in folder/cur, as benchmark.py splits them; returns the count."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    count = 0
    for path in files:
        data = read_bytes(path)
        starts = [m.start() for m in SEPARATOR.finditer(data)] or [0]
        for i, s in enumerate(starts):
            chunk = data[s:starts[i + 1] if i + 1 < len(starts) else len(data)]
            chunk = chunk[chunk.find(b"\n") + 1:] if chunk.startswith(b"From ") else chunk
            with open(os.path.join(folder, "cur", f"{count:08d}.listlens:2,S"), "wb") as f:
                f.write(chunk)
            count += 1
    return count


def notmuch_new(files, work):
    maildir = os.path.join(work, "maildir")
    messages = write_maildir(files, maildir)
    config = os.path.join(work, "notmuch-config")
    with open(config, "w") as f:
        f.write(f"[database]\npath={maildir}\n[new]\ntags=\nignore=\n[search]\nexclude_tags=\n"
                "[maildir]\nsynchronize_flags=false\n[user]\nname=bench\nprimary_email=bench@example.org\n")
    env = dict(os.environ, NOTMUCH_CONFIG=config)
    seconds, rss, _ = timed(["notmuch", "new", "--quiet"], env=env)
    return messages, seconds, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--listlens", default=".build/release/listlens")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-notmuch", action="store_true", help="leave notmuch out (indexing takes minutes)")
    args = ap.parse_args()
    files = [os.path.abspath(f) for f in args.files]

    with tempfile.TemporaryDirectory(prefix="listlens-bench-") as work:
        runs = []
        for r in range(args.runs):
            db = os.path.join(work, f"run{r}.sqlite")
            seconds, rss, out = timed([args.listlens, "import", "--quiet", "--db", db, *files])
            runs.append((seconds, rss, out.strip()))
            if r + 1 < args.runs:
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(db + suffix):
                        os.remove(db + suffix)
        again_seconds, again_rss, again_out = timed([args.listlens, "import", "--quiet", "--db", db, *files])
        store_mb = os.path.getsize(db) / 1e6
        ll_seconds = statistics.median(s for s, _, _ in runs)
        ll_rss = max(m for _, m, _ in runs)

        py_messages, py_bytes, py_seconds = python_parse(files)

        notmuch = None
        if args.skip_notmuch:
            notmuch_note = "notmuch: left out (--skip-notmuch)"
        elif shutil.which("notmuch") is None:
            notmuch_note = "notmuch: not installed (Debian: apt-get install notmuch); left out"
        else:
            notmuch = notmuch_new(files, work)
            notmuch_note = None

    print(f"{len(files)} files, {py_bytes / 1e6:.0f} MB of mail, {py_messages:,} messages (duplicates included)")
    print(f"{'':34} {'seconds':>8} {'messages/s':>11} {'peak MiB':>9}")
    print(f"{'ListLens import (median of ' + str(args.runs) + ')':34} {ll_seconds:8.2f} {py_messages / ll_seconds:11,.0f} {ll_rss:9.0f}")
    print(f"{'ListLens import again, unchanged':34} {again_seconds:8.2f} {'':>11} {again_rss:9.0f}")
    print(f"{'Python email, parse only':34} {py_seconds:8.2f} {py_messages / py_seconds:11,.0f}")
    if notmuch:
        messages, seconds, rss = notmuch
        print(f"{'notmuch new (Maildir)':34} {seconds:8.2f} {messages / seconds:11,.0f} {rss:9.0f}")
    print(f"ListLens import: {py_seconds / ll_seconds:.2f}x Python's parse (bar 10x)"
          + (f", {notmuch[1] / ll_seconds:.2f}x notmuch new (bar 25x)" if notmuch else "")
          + f"; again unchanged: {again_seconds:.2f} s (bar 1 s); store {store_mb:.0f} MB")
    if notmuch_note:
        print(notmuch_note)
    print("runs: " + ", ".join(f"{s:.2f} s" for s, _, _ in runs))
    print("last import said: " + runs[-1][2])
    print("again said: " + again_out.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
