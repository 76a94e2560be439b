#!/usr/bin/env python3
"""Two builds of listlens side by side, in one run: parse, import and HTML-to-text throughput.

For a change that must leave speed unchanged (a refactoring), build the old head and the new one
in release, then run both on the same files, rounds interleaved so both see the same machine
noise. Prints the median of each figure and the ratio new/old (above 1.00 is faster).

Usage:
    git worktree add /tmp/old <old-commit> && (cd /tmp/old && swift build -c release --product listlens)
    swift build -c release --product listlens
    python3 scripts/compare_builds.py --old /tmp/old/.build/release/listlens --new .build/release/listlens \\
        ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz

The HTML figures use the corpora's HTML, gathered as scripts/benchmark_html.py gathers it
(Python's email package decodes the parts); they are skipped when --corpora does not exist.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time


def parse_rate(binary, files):
    out = subprocess.run([binary, "benchmark", "--format", "json"] + files, check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["messages"] / r["seconds"]


def import_rate(binary, files):
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "x.sqlite")
        start = time.monotonic()
        subprocess.run([binary, "import", "--quiet", "--db", db] + files, check=True, capture_output=True)
        first = time.monotonic() - start
        start = time.monotonic()
        subprocess.run([binary, "import", "--quiet", "--db", db] + files, check=True, capture_output=True)
        again = time.monotonic() - start
    return first, again


def html_rate(binary, paths):
    out = subprocess.run([binary, "benchmark", "--html", "--format", "json"] + paths, check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    return r["bytes"] / 1e6 / r["seconds"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("files", nargs="+", help="archives for the parse and import figures")
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpora", default=os.environ.get("LISTLENS_CORPORA", os.path.join(here, "..", "..", "shared", "corpora")))
    args = ap.parse_args()

    html_paths, tmp = [], None
    if os.path.isdir(args.corpora):
        sys.path.insert(0, here)
        try:
            import benchmark_html
            docs = benchmark_html.html_documents(args.corpora)
            tmp = tempfile.TemporaryDirectory()
            for i, d in enumerate(docs):
                p = os.path.join(tmp.name, "%05d.html" % i)
                with open(p, "wb") as f:
                    f.write(d)
                html_paths.append(p)
        except SystemExit as e:   # lxml missing: benchmark_html exits on import; the HTML figures need only the documents
            print("HTML figures skipped: %s" % e)

    figures = {name: {"old": [], "new": []} for name in ["parse messages/s", "import s", "re-import s", "HTML MB/s"]}
    for run in range(args.runs):
        for side in ["old", "new"] if run % 2 == 0 else ["new", "old"]:
            binary = getattr(args, side)
            figures["parse messages/s"][side].append(parse_rate(binary, args.files))
            first, again = import_rate(binary, args.files)
            figures["import s"][side].append(first)
            figures["re-import s"][side].append(again)
            if html_paths:
                figures["HTML MB/s"][side].append(html_rate(binary, html_paths))
        print("run %d of %d done" % (run + 1, args.runs), file=sys.stderr)

    print("%d runs, interleaved; medians (ratio > 1.00: the new build is faster)" % args.runs)
    for name, sides in figures.items():
        if not sides["old"]:
            continue
        old, new = statistics.median(sides["old"]), statistics.median(sides["new"])
        ratio = new / old if name.endswith("/s") else old / new
        print("  %-17s old %10.1f   new %10.1f   ratio %.2f   (old runs %s; new runs %s)" % (
            name, old, new, ratio, ", ".join("%.1f" % v for v in sides["old"]), ", ".join("%.1f" % v for v in sides["new"])))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
