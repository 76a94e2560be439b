#!/usr/bin/env python3
"""HTML-to-text throughput: ListLens (libxml2) beside Python's lxml on the same documents, in one run.

The documents are the HTML of the corpora: every text/html part of the openbmc mbox months and .eml
files (decoded with Python's email package), the seed, the quotequail files, and the pipermail and
hypermail pages. Both sides run on one core, read the same bytes from memory, and are timed over
interleaved rounds; the medians are printed. lxml's side is `lxml.html.document_fromstring(b).text_content()`.

Usage (release build first):
    swift build -c release && python3 scripts/benchmark_html.py [--corpora ../shared/corpora]
"""
import argparse, email, email.policy, glob, gzip, json, mailbox, os, statistics, subprocess, sys, tempfile, time

try:
    import lxml.html
except ImportError:
    sys.exit("lxml is missing: apt-get install python3-lxml (then run with /usr/bin/python3) or pip install lxml")


def html_documents(corpora):
    docs = []
    def parts(msg):
        for part in msg.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if payload:
                    charset = part.get_content_charset() or "utf-8"
                    try:
                        docs.append(payload.decode(charset, "replace").encode("utf-8"))
                    except LookupError:
                        docs.append(payload)
    for path in sorted(glob.glob(os.path.join(corpora, "openbmc-public-inbox", "openbmc-*.mbox.gz"))):
        with tempfile.NamedTemporaryFile(suffix=".mbox") as tmp:
            tmp.write(gzip.open(path).read()); tmp.flush()
            for msg in mailbox.mbox(tmp.name, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.compat32)):
                parts(msg)
    for path in sorted(glob.glob(os.path.join(corpora, "openbmc-public-inbox", "eml", "*", "*.eml"))):
        with open(path, "rb") as f:
            parts(email.message_from_binary_file(f, policy=email.policy.compat32))
    pages = [os.path.join(corpora, "seed", "000_670395e02ef3a6df.txt")]
    pages += sorted(glob.glob(os.path.join(corpora, "quotequail", "tests", "files", "*.html")))
    pages += sorted(glob.glob(os.path.join(corpora, "twisted-pipermail", "twisted-python", "2013-July", "0*.html")))
    pages += sorted(glob.glob(os.path.join(corpora, "cf-convention-hypermail", "Data", "0*.html")))
    for p in pages:
        with open(p, "rb") as f:
            docs.append(f.read())
    return [d for d in docs if d.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpora", default=os.environ.get("LISTLENS_CORPORA", os.path.join(here, "..", "..", "shared", "corpora")))
    ap.add_argument("--listlens", default=os.path.join(here, "..", ".build", "release", "listlens"))
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    docs = html_documents(args.corpora)
    total = sum(len(d) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, d in enumerate(docs):
            p = os.path.join(tmp, "%05d.html" % i)
            with open(p, "wb") as f:
                f.write(d)
            paths.append(p)
        # Interleaved rounds, so both sides see the same machine noise: each ListLens round is one
        # `listlens benchmark --html` run (itself the median of 3 passes), each lxml round one pass.
        ours_s, lxml_times, ours = [], [], None
        for _ in range(args.rounds):
            out = subprocess.run([args.listlens, "benchmark", "--html", "--format", "json"] + paths,
                                 check=True, capture_output=True, text=True).stdout
            ours = json.loads(out)
            ours_s.append(ours["seconds"])
            start = time.perf_counter()
            for d in docs:
                try:
                    lxml.html.document_fromstring(d).text_content()
                except Exception:   # lxml refuses some documents (empty after parsing); it is still timed
                    pass
            lxml_times.append(time.perf_counter() - start)
    lxml_s = statistics.median(lxml_times)
    ours["seconds"] = statistics.median(ours_s)
    ours_mbs = ours["bytes"] / 1e6 / ours["seconds"]
    lxml_mbs = total / 1e6 / lxml_s
    print("%d HTML documents, %.1f MB, one core, median of %d interleaved rounds" % (len(docs), total / 1e6, args.rounds))
    print("  ListLens (libxml2, quote depth kept): %6.1f MB/s" % ours_mbs)
    print("  lxml.html + text_content():           %6.1f MB/s" % lxml_mbs)
    print("  ratio: %.2fx" % (ours_mbs / lxml_mbs))
    if ours["bytes"] != total:
        print("  (ListLens read %d bytes, lxml %d)" % (ours["bytes"], total))


if __name__ == "__main__":
    main()
