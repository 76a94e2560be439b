#!/usr/bin/env python3
"""How long each report takes on a store, beside the same headline figure computed with plain SQL.

Each report is a fresh `listlens` process (release build) on an existing store, so its time is what
a user waits for: opening the store, applying nothing (the affiliations file is applied once
first), running its queries and printing. Beside each, sqlite3's own shell runs the plain SQL a
user would write for that report's main figure (messages per organization, per person, replies
between organizations, threads and first answers), in the same run, so the machine's noise touches
both. Rounds are interleaved; the median of --runs is quoted, and the ratio listlens/SQL.

The issue's bar: every report under 300 ms on the twisted-python archive, and under 1 s on a
one-million-message store (scripts/grow_store.py grows the twisted-python store to one: --bar 1).

Usage:
    swift build -c release --product listlens
    .build/release/listlens import --db /tmp/twisted.sqlite ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
    python3 scripts/benchmark_reports.py --db /tmp/twisted.sqlite
    python3 scripts/grow_store.py /tmp/twisted.sqlite /tmp/million.sqlite --copies 31
    python3 scripts/benchmark_reports.py --db /tmp/million.sqlite --bar 1
"""
import argparse, os, shutil, statistics, subprocess, sys, time

# What each report computes, as plain SQL over the same tables (bots left out, published messages).
COUNTED = "m.thread_id IS NOT NULL AND p.automated IS NULL"
PLAIN_SQL = {
    "orgs": f"""SELECT o.name, count(*), count(DISTINCT COALESCE(p.person_id, p.id)), sum(m.authored_words)
               FROM message m JOIN participant p ON p.id = m.participant_id LEFT JOIN organization o ON o.id = m.organization_id
               WHERE {COUNTED} GROUP BY m.organization_id ORDER BY 2 DESC""",
    "orgs --by quarter": f"""SELECT strftime('%Y', m.date, 'unixepoch'), o.name, count(*)
               FROM message m JOIN participant p ON p.id = m.participant_id LEFT JOIN organization o ON o.id = m.organization_id
               WHERE {COUNTED} GROUP BY 1, m.organization_id""",
    "orgs --matrix": f"""SELECT m.organization_id, parent.organization_id, count(*)
               FROM message m JOIN participant p ON p.id = m.participant_id JOIN message parent ON parent.id = m.parent_id
               WHERE {COUNTED} GROUP BY 1, 2""",
    "people": f"""SELECT COALESCE(p.person_id, p.id), count(*), count(DISTINCT m.thread_id), min(m.date), max(m.date)
               FROM message m JOIN participant p ON p.id = m.participant_id WHERE {COUNTED} GROUP BY 1 ORDER BY 2 DESC""",
    "health --by year": f"""SELECT strftime('%Y', m.date, 'unixepoch'), count(*),
               (SELECT min(x.date) FROM message x WHERE x.thread_id = m.thread_id AND x.id != m.id AND x.date >= m.date)
               FROM message m JOIN participant p ON p.id = m.participant_id JOIN thread t ON t.root_id = m.id
               WHERE {COUNTED} GROUP BY 1""",
    "report --html": f"""SELECT o.name, count(*) FROM message m JOIN participant p ON p.id = m.participant_id
               LEFT JOIN organization o ON o.id = m.organization_id WHERE {COUNTED} GROUP BY m.organization_id""",
}


def timed(args):
    start = time.monotonic()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark_reports: {' '.join(args[:3])} … failed (exit {proc.returncode}): {proc.stderr.strip()[:300]}")
    return seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="an existing store (import the archive first)")
    ap.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "listlens"))
    ap.add_argument("--runs", type=int, default=5, help="rounds; the median is quoted (default 5)")
    ap.add_argument("--bar", type=float, default=0.3,
                    help="the issue's bar in seconds: 0.3 on twisted-python (default), 1 on a million messages")
    args = ap.parse_args()
    sqlite = shutil.which("sqlite3")
    if not sqlite:
        sys.exit("benchmark_reports: sqlite3 is not installed (Debian: apt-get install sqlite3); this script installs nothing")
    if not os.path.exists(args.db):
        sys.exit(f"benchmark_reports: {args.db}: no such store")
    # The affiliations file (if any) applied once, so no timed run pays for it.
    subprocess.run([args.binary, "orgs", "--db", args.db, "--limit", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    messages = subprocess.run([sqlite, args.db, "SELECT count(*) FROM message"], capture_output=True, text=True).stdout.strip()
    print(f"{args.db}: {int(messages):,} messages; median of {args.runs} runs, each a fresh process")
    print(f"{'report':>18} | {'listlens':>9} | {'plain SQL':>9} | ratio | under {args.bar * 1000:.0f} ms")
    for report, sql in PLAIN_SQL.items():
        command = [args.binary] + report.split() + ["--db", args.db]
        ours, theirs = [], []
        for r in range(args.runs):
            pair = [(ours, command), (theirs, [sqlite, args.db, sql])]
            for into, cmd in (pair if r % 2 == 0 else pair[::-1]):
                into.append(timed(cmd))
        o, t = statistics.median(ours), statistics.median(theirs)
        print(f"{report:>18} | {o * 1000:6.0f} ms | {t * 1000:6.0f} ms | {o / t:5.2f} | {'yes' if o < args.bar else 'NO'}")


if __name__ == "__main__":
    main()
