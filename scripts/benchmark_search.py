#!/usr/bin/env python3
"""Search latency on a large store, per class of query, beside notmuch on the same messages.

Runs `listlens benchmark --queries` (in one process: the first 20 hits by relevance, then the
count, as `listlens search` does) over twenty-odd queries in classes (single term, phrase,
prefix, from:, person:, org:, date ranges, quoted:, OR/NOT, thread:, topic:, mid:) and prints
each query's median and each class's p50 and p95 over its queries' runs. The senders,
organizations and threads queried are picked from the store (its busiest sender, a person who
writes from two addresses, its largest organization, its largest thread), so the same script
serves any store.

Where notmuch is installed (Debian's `notmuch` and `python3-notmuch2`) and --mbox gives the
archive the store was imported from, the same queries (those notmuch can express: not person:,
org:, quoted: or topic:) run through notmuch's Python bindings in this process: the first 20
messages newest first, then the count. notmuch indexes the archive once, split into a Maildir
under --notmuch-dir (kept for later runs); the script prints how it indexed and how long that took.

    python3 scripts/generate_archive.py /tmp/million.mbox
    .build/release/listlens import --db /tmp/million.sqlite /tmp/million.mbox
    python3 scripts/benchmark_search.py --db /tmp/million.sqlite --mbox /tmp/million.mbox

Figures are medians and percentiles; the machine is noisy. Build ListLens in release.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_P50_MS = 10
TARGET_P95_MS = 50


def store_picks(db):
    """Senders, organizations, threads and ids to query, picked from the store's plain tables."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql, *a: c.execute(sql, a).fetchone()
    busiest = one("""SELECT p.key FROM message m JOIN participant p ON p.id = m.participant_id
                     GROUP BY m.participant_id ORDER BY count(*) DESC LIMIT 1""")[0]
    middling = one("""SELECT key FROM (SELECT p.key, count(*) n FROM message m JOIN participant p ON p.id = m.participant_id
                      GROUP BY m.participant_id) WHERE n BETWEEN 20 AND 200 ORDER BY n DESC LIMIT 1""")
    two = one("""SELECT p.key FROM participant p WHERE p.person_id IN
                 (SELECT person_id FROM participant WHERE person_id IS NOT NULL GROUP BY person_id HAVING count(*) > 1)
                 ORDER BY p.id LIMIT 1""")
    org = one("""SELECT o.name FROM message m JOIN organization o ON o.id = m.organization_id
                 GROUP BY m.organization_id ORDER BY count(*) DESC LIMIT 1""")[0]
    small_org = one("""SELECT name FROM (SELECT o.name, count(*) n FROM message m JOIN organization o ON o.id = m.organization_id
                       GROUP BY m.organization_id) WHERE n BETWEEN 50 AND 500 ORDER BY n DESC LIMIT 1""")
    thread = one("SELECT key FROM thread ORDER BY message_count DESC LIMIT 1")[0]
    mid = one("SELECT message_id FROM message WHERE id = (SELECT max(id) / 2 FROM message)")
    tag = None
    try:
        tag = one("SELECT name FROM topic WHERE kind = 'tag' ORDER BY threads DESC LIMIT 1")
    except sqlite3.OperationalError:
        pass
    # The month of the median message: a date query that finds messages in any store, even one
    # imported from a part of the generated archive (a few of its fifteen years).
    dated = one("SELECT count(*) FROM message WHERE date > 0")[0]
    median = one("""SELECT strftime('%Y', date, 'unixepoch'), strftime('%m', date, 'unixepoch') FROM message
                    WHERE date > 0 ORDER BY date LIMIT 1 OFFSET ?""", dated // 2)
    return {
        "busiest": busiest, "middling": middling[0] if middling else busiest, "two": two[0] if two else busiest,
        "org": org, "small_org": small_org[0] if small_org else org, "thread": thread,
        "mid": mid[0] if mid else thread, "tag": tag[0] if tag else None, "year": int(median[0]), "month": median[1],
    }


def queries(p):
    """(class, ListLens query, notmuch query or None)."""
    y, month = p["year"], p["month"]
    q = [
        ("term", "reactor", "reactor"),
        ("term", "gpio", "gpio"),
        ("term", "certificate", "certificate"),
        ("term", "thanks", "thanks"),
        ("phrase", '"inline callbacks"', '"inline callbacks"'),
        ("phrase", '"device tree"', '"device tree"'),
        ("prefix", "prototy*", "prototy*"),
        ("prefix", "callback*", "callback*"),
        ("from", f"from:{p['busiest']}", f"from:{p['busiest']}"),
        ("from", f"from:{p['middling']}", f"from:{p['middling']}"),
        ("person", f"person:{p['two']}", None),
        ("org", f"org:{p['org']}", None),
        ("org", f"org:{p['small_org']} deferred", None),
        ("date", f"date:{y}-{month}", f"date:{y}-{month}..{y}-{month}"),
        ("date", f"date:{y - 1}..{y} reactor", f"date:{y - 1}-01-01..{y}-12-31 reactor"),
        ("quoted", "quoted:deferred", None),
        ("quoted", "quoted:reactor deferred", None),
        ("or-not", "deferred OR errback", "deferred OR errback"),
        ("or-not", "reactor -deferred", "reactor AND NOT deferred"),
        ("thread", f"thread:<{p['thread']}>", f"thread:{{id:{p['thread']}}}"),
        ("mid", f"mid:<{p['mid']}>", f"id:{p['mid']}"),
        ("combined", f"from:{p['busiest']} date:{y}", f"from:{p['busiest']} date:{y}-01-01..{y}-12-31"),
        # notmuch tags a message with an attachment `attachment` when it indexes it.
        ("has", "has:attachment", "tag:attachment"),
        ("has", "has:html reactor", None),
    ]
    if p["tag"]:
        q.append(("topic", f"topic:{p['tag']}", None))
    return q


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


def run_listlens(binary, db, qs, runs):
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        for kind, text, _ in qs:
            f.write(f"{kind}\t{text}\n")
        path = f.name
    try:
        out = subprocess.run([binary, "benchmark", "--db", db, "--queries", path, "--runs", str(runs), "--format", "json"],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(path)
    return {t["query"]: t for t in json.loads(out)}


def split_mbox(mbox, maildir):
    """The mbox's messages as Maildir files (mboxrd: `>From ` lines unescaped), streaming."""
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    n = 0
    current = None
    with open(mbox, "rb") as f:
        for line in f:
            if line.startswith(b"From "):
                if current is not None:
                    current.close()
                n += 1
                current = open(os.path.join(maildir, "cur", f"{n:08d}.listlens:2,S"), "wb")
                continue
            if current is not None:
                if re.match(rb">+From ", line):
                    line = line[1:]
                current.write(line)
    if current is not None:
        current.close()
    return n


def notmuch_index(mbox, work):
    """A notmuch database of the mbox's messages under `work`, made once; (config path, how it was made)."""
    maildir = os.path.join(work, "mail")
    config = os.path.join(work, "notmuch-config")
    stamp = os.path.join(work, "indexed.json")
    if os.path.exists(stamp):
        return config, json.load(open(stamp))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(config, "w") as f:
        f.write(f"[database]\npath={maildir}\n[user]\nname=bench\nprimary_email=bench@example.org\n"
                "[new]\ntags=\n[search]\nexclude_tags=\n[maildir]\nsynchronize_flags=false\n")
    start = time.monotonic()
    files = split_mbox(mbox, maildir)
    split = time.monotonic() - start
    env = dict(os.environ, NOTMUCH_CONFIG=config)
    start = time.monotonic()
    subprocess.run(["notmuch", "new", "--quiet"], check=True, env=env)
    how = {"files": files, "split_seconds": round(split, 1), "index_seconds": round(time.monotonic() - start, 1),
           "version": subprocess.run(["notmuch", "--version"], capture_output=True, text=True).stdout.strip(),
           "size_bytes": sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(maildir, ".notmuch")) for f in fs)}
    json.dump(how, open(stamp, "w"))
    return config, how


def run_notmuch(config, qs, runs):
    import notmuch2
    os.environ["NOTMUCH_CONFIG"] = config
    out = {}
    with notmuch2.Database(config=config) as db:
        for kind, text, nm in qs:
            if nm is None:
                continue

            def once():
                first = []
                for m in db.messages(nm, sort=notmuch2.Database.SORT.NEWEST_FIRST):
                    first.append(m.messageid)
                    if len(first) == 20:
                        break
                return db.count_messages(nm) if len(first) == 20 else len(first)

            hits = once()
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                once()
                times.append((time.perf_counter() - start) * 1000)
            out[text] = {"hits": hits, "milliseconds": times}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the imported store")
    ap.add_argument("--listlens", default=".build/release/listlens", help="the listlens binary (release)")
    ap.add_argument("--mbox", help="the archive the store was imported from, for notmuch")
    ap.add_argument("--notmuch-dir", default="/tmp/listlens-notmuch", help="where notmuch's Maildir and database are kept")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query (default 5)")
    args = ap.parse_args()

    qs = queries(store_picks(args.db))
    ours = run_listlens(args.listlens, args.db, qs, args.runs)
    theirs = {}
    if args.mbox and shutil.which("notmuch"):
        try:
            import notmuch2  # noqa: F401
            config, how = notmuch_index(args.mbox, args.notmuch_dir)
            print(f"notmuch: {how['version']}, `notmuch new` over {how['files']:,} Maildir files split from {args.mbox} "
                  f"({how['split_seconds']} s to split), indexed in {how['index_seconds']} s, database {how['size_bytes'] / 1e9:.2f} GB; "
                  f"queried through its Python bindings (notmuch2), in this process")
            theirs = run_notmuch(config, qs, args.runs)
        except ImportError:
            print("notmuch: the Python bindings (python3-notmuch2) are not installed: ListLens alone")
    else:
        print("notmuch: not run (give --mbox, and install notmuch and python3-notmuch2)")

    print(f"\n{'class':9} {'query':58} {'hits':>9} {'ListLens ms':>12} {'notmuch ms':>11} {'notmuch hits':>12}")
    classes = {}
    for kind, text, nm in qs:
        t = ours[text]
        med = statistics.median(t["milliseconds"])
        classes.setdefault(kind, {"ours": [], "theirs": []})["ours"] += t["milliseconds"]
        n = theirs.get(text)
        if n:
            classes[kind]["theirs"] += n["milliseconds"]
        print(f"{kind:9} {text[:58]:58} {t['hits']:>9,} {med:>12.1f} {statistics.median(n['milliseconds']) if n else float('nan'):>11.1f} "
              f"{n['hits'] if n else '-':>12}")
    print(f"\n{'class':9} {'ListLens p50':>13} {'p95':>8} {'notmuch p50':>12} {'p95':>8}  target p50 < {TARGET_P50_MS} ms, p95 < {TARGET_P95_MS} ms")
    missed = []
    for kind, v in classes.items():
        p50, p95 = percentile(v["ours"], 0.5), percentile(v["ours"], 0.95)
        n50 = percentile(v["theirs"], 0.5) if v["theirs"] else None
        n95 = percentile(v["theirs"], 0.95) if v["theirs"] else None
        ok = p50 < TARGET_P50_MS and p95 < TARGET_P95_MS
        if not ok:
            missed.append(kind)
        print(f"{kind:9} {p50:>13.1f} {p95:>8.1f} {n50 if n50 is not None else float('nan'):>12.1f} {n95 if n95 is not None else float('nan'):>8.1f}  "
              f"{'met' if ok else 'missed'}")
    print(f"\n{len(qs)} queries, {args.runs} runs each; target missed by: {', '.join(missed) if missed else 'none'}")


if __name__ == "__main__":
    main()
