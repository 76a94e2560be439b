#!/usr/bin/env python3
"""What the quote step costs an import: the same archives imported with it on and off, in one run.

The quote step is segmentation (authored / quoted / attribution / signature …), the shingles that
fingerprint quotes, threading from quoted text and the quote attribution pass. With it off
(`import --without-quote-analysis`, hidden: for this script only) every body is one authored
segment and nothing is matched. Rounds are interleaved (on, off, on, off …) so both see the same
machine noise; each import is a fresh process into a fresh database, so its peak memory is its own.

It prints the median wall time and peak memory of each, and the ratio on/off (the bar: at most
1.30). With --halves it also imports every other file alone, so the figures for about half the
messages sit beside those for all of them: time should about double and memory stay flat.

With --hostile it times `listlens inspect` on the bodies the quote-structure issue names (a 5 MB
single line, 200,000 quoted lines, 10,000 nesting levels, a staircase of depths, a wall of
attribution-like lines), each beside ordinary prose of the same size: the segmenter is linear when
the ratios stay near 1 (the unit test only checks that they finish).

Usage:
    swift build -c release --product listlens
    python3 scripts/benchmark_quotes.py --halves \\
        ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
    python3 scripts/benchmark_quotes.py --hostile
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time


def run_import(binary, files, quotes):
    """One import in a fresh database: (seconds, peak RSS in MiB, messages imported)."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [binary, "import", "--quiet", "--db", os.path.join(tmp, "x.sqlite")]
        if not quotes:
            args.append("--without-quote-analysis")
        start = time.monotonic()
        proc = subprocess.Popen(args + files, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"benchmark_quotes: import failed (exit {os.waitstatus_to_exitcode(status)}): {out.strip()}")
        m = re.search(r"imported ([\d,]+) message", out)
        messages = int(m.group(1).replace(",", "")) if m else 0
        return seconds, usage.ru_maxrss / 1024, messages


def measure(binary, files, runs, label):
    on, off = [], []
    messages = 0
    for r in range(runs):
        for quotes, into in ((True, on), (False, off)) if r % 2 == 0 else ((False, off), (True, on)):
            s, mib, n = run_import(binary, files, quotes)
            into.append((s, mib))
            messages = n
            print(f"  {label} round {r + 1}: quotes {'on ' if quotes else 'off'} {s:7.2f} s {mib:6.0f} MiB", file=sys.stderr)
    t_on = statistics.median(s for s, _ in on)
    t_off = statistics.median(s for s, _ in off)
    m_on = statistics.median(m for _, m in on)
    m_off = statistics.median(m for _, m in off)
    return {"files": len(files), "messages": messages, "on": t_on, "off": t_off, "ratio": t_on / t_off,
            "memory_on": m_on, "memory_off": m_off}


def hostile_bodies():
    """The cases of QuoteStructureTests.hostileBodies, by name."""
    return {
        "5 MB single line": "word " * 1_000_000,
        "200,000 quoted lines": "On Mon, Ann wrote:\n" + "> a quoted line of text\n" * 200_000,
        "10,000 nesting levels": "> " * 10_000 + "deep\nmine\n",
        "staircase of depths": "\n".join(">" * (i % 100) + " step" for i in range(10_000)) + "\n",
        "attribution-like lines": "On x:\n" * 100_000 + "From: a\nSent: b\n" * 50_000,
    }


def ordinary(size):
    """Prose with short paragraphs, no quotes, of about `size` bytes."""
    para = "This is an ordinary paragraph of a reply, with a few sentences in it. It says what it means.\n\n"
    return (para * (size // len(para) + 1))[:size]


def time_inspect(binary, text, runs):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "body.txt")
        with open(path, "w") as f:
            f.write(text)
        times = []
        for _ in range(runs):
            start = time.monotonic()
            proc = subprocess.run([binary, "inspect", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            times.append(time.monotonic() - start)
            if proc.returncode != 0:
                sys.exit(f"benchmark_quotes: inspect failed (exit {proc.returncode}): {proc.stderr.strip()[:300]}")
        return statistics.median(times)


def hostile(binary, runs):
    print(f"listlens inspect on each body, median of {runs}; ordinary = prose of the same size")
    for name, text in hostile_bodies().items():
        t = time_inspect(binary, text, runs)
        o = time_inspect(binary, ordinary(len(text)), runs)
        print(f"{name:>24}: {len(text) / 1e6:5.2f} MB | {t:6.2f} s | ordinary {o:6.2f} s | ratio {t / o:5.2f}")


def line(label, r):
    return (f"{label:>5}: {r['files']:4d} files, {r['messages']:7,d} messages | quotes on {r['on']:7.2f} s {r['memory_on']:5.0f} MiB"
            f" | off {r['off']:7.2f} s {r['memory_off']:5.0f} MiB | on/off {r['ratio']:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "listlens"))
    ap.add_argument("--runs", type=int, default=3, help="imports each way; the median is quoted (default 3)")
    ap.add_argument("--halves", action="store_true", help="also import every other file, to see time and memory against size")
    ap.add_argument("--hostile", action="store_true", help="time the hostile bodies of the quote-structure issue instead")
    args = ap.parse_args()
    if args.hostile:
        return hostile(args.binary, args.runs)
    if not args.files:
        ap.error("give the archive files to import, or --hostile")
    files = sorted(args.files)
    results = []
    if args.halves:
        results.append(("half", measure(args.binary, files[::2], args.runs, "half")))
    results.append(("all", measure(args.binary, files, args.runs, "all")))
    print(f"median of {args.runs} imports each way, rounds interleaved")
    for label, r in results:
        print(line(label, r))
    if args.halves:
        h, a = results[0][1], results[1][1]
        print(f"all/half: messages {a['messages'] / h['messages']:.2f}x, time with quotes {a['on'] / h['on']:.2f}x, "
              f"memory with quotes {a['memory_on'] / h['memory_on']:.2f}x")


if __name__ == "__main__":
    main()
