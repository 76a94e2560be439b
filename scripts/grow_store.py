#!/usr/bin/env python3
"""Grows an imported ListLens store into a larger one for the report benchmark: COPIES copies of
every person, message and thread, so reports can be timed on a million messages
(the 248 twisted-python months hold 33,244; 31 copies make 1,030,564).

Each copy k (1 … COPIES-1) of the store's people, persons, threads and messages gets ids shifted
past the originals, its own addresses (`c<k>.` before the local part) and Message-IDs (`#<k>`
after), and keeps its texts, dates, lists and organizations: an organization has COPIES times the
people and messages, as a community COPIES times as large would. Parents, threads, persons and
joins point into the same copy. The full-text index is not copied (search on the grown store sees
the originals only); the report benchmark does not search.

Unlike scripts/large_store.py (a synthetic archive imported, for import cost), the copies keep real
texts, organizations and reply structure, which is what report cost depends on. It is a benchmark
fixture, not a way to make real data: the copies are written with plain SQL beside the importer,
which is what makes a million messages take a minute rather than an hour.

Usage:
    .build/release/listlens import --db /tmp/twisted.sqlite ../shared/corpora/twisted-pipermail/twisted-python/*.txt.gz
    python3 scripts/grow_store.py /tmp/twisted.sqlite /tmp/million.sqlite --copies 31
    python3 scripts/benchmark_reports.py --db /tmp/million.sqlite --bar 1
"""
import argparse, os, shutil, sqlite3, sys, time

# How each table is copied: its id column and, per column, how a copy's value is made
# ("id:<table>" shifts it as that table's ids are shifted, "suffix" adds `#k`, "address" adds `c<k>.`).
TABLES = {
    "person": {"id": "id:person", "key": "address"},
    "participant": {"id": "id:participant", "key": "address", "person_id": "id:person", "joined_to": "id:participant"},
    "thread": {"id": "id:thread", "key": "suffix", "root_id": "id:message"},
    "message": {"id": "id:message", "message_id": "suffix", "participant_id": "id:participant", "parent_id": "id:message",
                "thread_id": "id:thread", "imposter_of": "id:message", "from_address": "address", "content_key": "suffix"},
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", help="an imported store (left as it is)")
    ap.add_argument("target", help="the grown store to write (must not exist)")
    ap.add_argument("--copies", type=int, default=31, help="copies in all, the originals included (default 31)")
    args = ap.parse_args()
    if args.copies < 1:
        sys.exit("grow_store: --copies must be 1 or more")
    if os.path.exists(args.target):
        sys.exit(f"grow_store: {args.target} exists; give a new path")
    start = time.monotonic()
    source = sqlite3.connect(f"file:{args.source}?mode=ro", uri=True)
    target = sqlite3.connect(args.target)
    source.backup(target)
    source.close()
    db = target
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    shift = {table: db.execute(f"SELECT COALESCE(max(id), 0) FROM {table}").fetchone()[0] for table in TABLES}
    columns = {table: [r[1] for r in db.execute(f"PRAGMA table_info({table})")] for table in TABLES}

    def value(table, column, k):
        how = TABLES[table].get(column)
        if how is None:
            return f'"{column}"'
        if how.startswith("id:"):
            return f'"{column}" + {k} * {shift[how[3:]]}'
        if how == "suffix":
            return f"\"{column}\" || '#{k}'"
        # An address: a copy's own mailbox at the same domain (`c3.glyph@twistedmatrix.com`); NULL stays NULL.
        return f"'c{k}.' || \"{column}\""

    for k in range(1, args.copies):
        with db:
            for table in TABLES:
                names = ", ".join(f'"{c}"' for c in columns[table])
                values = ", ".join(value(table, c, k) for c in columns[table])
                db.execute(f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} WHERE id <= {shift[table]}")
        print(f"\rcopy {k + 1} of {args.copies}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    count = db.execute("SELECT count(*) FROM message").fetchone()[0]
    db.close()
    size = os.path.getsize(args.target)
    print(f"{args.target}: {count:,} messages, {size / 2**20:,.0f} MiB, {time.monotonic() - start:.0f} s")


if __name__ == "__main__":
    main()
