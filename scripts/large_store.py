#!/usr/bin/env python3
"""Adding a few messages to a large store: time and peak memory, beside an older build.

Issue 9 measured 115 s and 550 MB to add 2 messages to a 1M-message store: the threading pass
read the whole store. This script builds a store of N synthetic messages (threads of 1 to 12
messages, sender names and organizations repeating as on a real list), then imports 2 more
messages (a reply into an old thread and a new thread) with each build given, and prints the
median wall time and peak RSS of that small import over --runs runs, each on a fresh copy of the
large store.

    swift build -c release --product listlens
    python3 scripts/large_store.py --messages 1000000 --new .build/release/listlens \\
        --old /tmp/old/.build/release/listlens

The large store is built once per build (it takes minutes at 1M) in --work (default
/tmp/listlens-large-store). Figures are medians; the machine is noisy.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time


def write_archive(path, count, seed=9):
    rng = random.Random(seed)
    with open(path, "w") as f:
        n = 0
        t = 0
        while n < count:
            size = min(count - n, rng.randint(1, 12))
            for k in range(size):
                sender = rng.randint(0, 4999)
                minute = (t * 7 + k) % 60
                f.write(f"From p{sender}@example.org Mon Jun  1 10:00:00 2026\n")
                f.write(f"Message-ID: <m{t}.{k}@example.org>\n")
                if k > 0:
                    parent = rng.randint(0, k - 1)
                    f.write(f"In-Reply-To: <m{t}.{parent}@example.org>\n")
                    f.write(f"References: <m{t}.0@example.org> <m{t}.{parent}@example.org>\n")
                f.write(f"From: Person {sender} <p{sender}@org{sender % 300}.example>\n")
                f.write(f"Date: Mon, 1 Jun 2026 {10 + (t // 60) % 12:02d}:{minute:02d}:00 +0000\n")
                f.write(f"Subject: {'Re: ' if k else ''}topic {t}\n\n")
                f.write(f"Message {k} of thread {t}, on topic {t % 997}.\n> quoted words\n\n")
                n += 1
            t += 1
    return t


NEW_MESSAGES = """From q@example.org Tue Jun  2 10:00:00 2026
Message-ID: <late-reply@example.org>
In-Reply-To: <m1234.0@example.org>
References: <m1234.0@example.org>
From: Q <q@org1.example>
Date: Tue, 2 Jun 2026 10:00:00 +0000
Subject: Re: topic 1234

a late reply

From r@example.org Tue Jun  2 11:00:00 2026
Message-ID: <new-topic@example.org>
From: R <r@org2.example>
Date: Tue, 2 Jun 2026 11:00:00 +0000
Subject: something new

a new thread

"""


def timed(binary, args):
    """Wall seconds and peak RSS (MiB) of one run, through GNU time."""
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", binary] + args, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if p.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)} failed: {p.stderr[-500:]}")
    rss_kib = int(p.stderr.strip().splitlines()[-1])
    return seconds, rss_kib / 1024, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--new", required=True, help="the listlens binary under test")
    ap.add_argument("--old", help="an older listlens binary to compare with")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default="/tmp/listlens-large-store")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    archive = os.path.join(args.work, f"large-{args.messages}.mbox")
    if not os.path.exists(archive):
        threads = write_archive(archive, args.messages)
        print(f"wrote {archive}: {args.messages:,} messages in {threads:,} threads", flush=True)
    more = os.path.join(args.work, "two-more.mbox")
    with open(more, "w") as f:
        f.write(NEW_MESSAGES)

    builds = [("new", args.new)] + ([("old", args.old)] if args.old else [])
    results = {}
    for name, binary in builds:
        base = os.path.join(args.work, f"{name}-{args.messages}.sqlite")
        if not os.path.exists(base):
            seconds, rss, out = timed(binary, ["import", "-q", "--db", base, archive])
            print(f"{name}: built the large store in {seconds:.0f} s, peak {rss:.0f} MiB: {out.strip()}", flush=True)
        times, peaks = [], []
        for _ in range(args.runs):
            db = os.path.join(args.work, f"{name}-run.sqlite")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
            shutil.copyfile(base, db)
            seconds, rss, out = timed(binary, ["import", "-q", "--db", db, more])
            times.append(seconds)
            peaks.append(rss)
        results[name] = (statistics.median(times), statistics.median(peaks))
        print(f"{name}: 2 messages into {args.messages:,}: median {results[name][0]:.2f} s, peak RSS {results[name][1]:.0f} MiB "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)} s)", flush=True)
    if "old" in results:
        (nt, nm), (ot, om) = results["new"], results["old"]
        print(f"new/old: time {nt / ot:.3f}×, memory {nm / om:.3f}×")


if __name__ == "__main__":
    main()
