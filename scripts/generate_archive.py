#!/usr/bin/env python3
"""Writes a large, seeded mailing-list archive (mboxrd) made of the real messages in the corpora,
for the search and import benchmarks: one million messages, about 7 GB, in under two minutes.

What is real: every body (twisted-python's pipermail months, OpenBMC's raw messages with their
patches and MIME parts, notmuch's LKML thread, the hyperkitty and perceval mails), every subject,
the people's first and last names, and the transport headers (Received chains, DKIM, ARC) of
OpenBMC's messages. What is made up, from the seed, so that the same seed writes the same bytes:

- who writes: PEOPLE people whose activity follows Zipf's law (a few write thousands of messages,
  most write a handful), each at one of ORGS organizations or at a webmail domain; one in ten also
  writes from a second address, and one in ten moves to another organization halfway;
- threads: a heavy-tailed number of messages each (most 1 to 4, some hundreds), replies to the
  latest message or to an earlier one (so depth varies), hours to days apart, threads spread over
  fifteen years (2010 to 2024) across LISTS lists, some lists tagging their subjects (`[dev]`),
  some threads with a topic tag (`[nova]`) or a patch marker (`[PATCH v2 3/7]`);
- replies quote the start of their parent's text (its own quotes too, so quotes nest) under an
  `On …, NAME wrote:` line, when both are plain text, and one reply in thirty lacks In-Reply-To and References (threaded by subject);
- Message-IDs are unique (`<hex.N@domain>`).

Prints what it wrote (messages, threads, people, organizations, bytes, seconds) and writes the same
as JSON beside the archive (OUT.json), for the benchmarks to report.

    python3 scripts/generate_archive.py /tmp/million.mbox --messages 1000000
    .build/release/listlens import --db /tmp/million.sqlite /tmp/million.mbox
"""
import argparse
import bisect
import email.utils
import glob
import gzip
import itertools
import json
import os
import random
import re
import sys
import time

START = 1262304000  # 2010-01-01T00:00:00Z
SPAN = 15 * 365 * 86400

# Headers a source message keeps as "transport" (the rest are written per generated message).
IDENTITY = re.compile(
    rb"^(from|to|cc|bcc|subject|date|message-id|in-reply-to|references|content-[a-z-]+|mime-version|"
    rb"list-[a-z-]+|sender|reply-to|errors-to|precedence|x-mailman-[a-z-]+|x-beenthere|return-path|"
    rb"delivered-to|mailing-list|organization|thread-[a-z-]+|x-original-[a-z-]+|archived-at|"
    rb"x-mailer|user-agent|x-patchwork-[a-z-]+|resent-[a-z-]+|disposition-notification-to|"
    rb"x-ms-exchange-[a-z-]+|x-ms-has-attach|x-ms-tnef-correlator|accept-language|content-language):",
    re.I)
WEBMAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "gmx.de", "yandex.ru", "mail.ru",
           "qq.com", "163.com", "web.de", "protonmail.com", "fastmail.com", "icloud.com", "aol.com"]
LISTS = ["dev", "users", "announce", "infra", "docs", "security", "release", "testing", "packaging",
         "web", "design", "ops", "i18n", "community", "qa", "perf"]
TOPIC_TAGS = ["nova", "neutron", "cinder", "keystone", "glance", "swift", "heat", "horizon", "tc",
              "all", "LCOO", "infra", "docs", "release", "ptl", "ops", "qa", "oslo", "ironic", "kolla",
              "twisted.web", "trial", "conch", "deferred", "bmcweb", "dbus", "phosphor", "u-boot"]
SYLLABLES = ["nor", "tech", "vex", "ara", "lum", "sol", "quin", "dat", "cor", "bel", "ist", "ram",
             "tel", "on", "ix", "ova", "gen", "sys", "pra", "zen", "kal", "mer", "tri", "ul"]
TLDS = ["com", "com", "com", "org", "net", "de", "fr", "jp", "io", "co.uk", "cn", "in"]
QUOTED_LINES = 40  # the most of its parent's text a reply quotes (its quotes included, so quotes nest)
NAME_RE = re.compile(rb"^From:\s*(.*)$", re.M | re.I)


def read_sources(corpora):
    """(bodies, subjects, firsts, lasts, transports) from the corpora's mbox files and messages."""
    raws = []
    for path in sorted(glob.glob(os.path.join(corpora, "twisted-pipermail/*/*.txt.gz"))) + \
            sorted(glob.glob(os.path.join(corpora, "openbmc-public-inbox/*.mbox.gz"))) + \
            sorted(glob.glob(os.path.join(corpora, "hyperkitty-testdata/*.txt"))) + \
            sorted(glob.glob(os.path.join(corpora, "grimoirelab-perceval/tests/data/mbox/*.mbox"))):
        data = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
        data = data.replace(b"\r\n", b"\n")
        raws.extend(re.split(rb"^From [^\n]*\n", data, flags=re.M))
    for path in sorted(glob.glob(os.path.join(corpora, "notmuch-test-corpora/test/corpora/lkml/cur/*"))) + \
            sorted(glob.glob(os.path.join(corpora, "openbmc-public-inbox/eml/*/*.eml"))):
        raws.append(open(path, "rb").read().replace(b"\r\n", b"\n"))

    bodies, subjects, firsts, lasts, transports = [], [], set(), set(), []
    for raw in raws:
        head, sep, body = raw.partition(b"\n\n")
        if not sep or not re.search(rb"^message-id:", head, re.I | re.M) or not re.search(rb"^from:", head, re.I | re.M):
            continue
        fields = re.split(rb"\n(?=[^ \t])", head)
        mime = [f for f in fields if re.match(rb"(content-[a-z-]+|mime-version):", f, re.I)]
        ctype = next((f for f in fields if f.lower().startswith(b"content-type:")), b"content-type: text/plain")
        encoding = next((f for f in fields if f.lower().startswith(b"content-transfer-encoding:")), b"")
        plain = b"text/plain" in ctype.lower() and b"base64" not in encoding.lower() and \
            b"quoted-printable" not in encoding.lower()
        body = re.sub(rb"^(>*From )", rb">\1", body, flags=re.M)
        if not body.endswith(b"\n"):
            body += b"\n"
        bodies.append((b"\n".join(mime) + b"\n" if mime else b"", body, plain))
        subject = next((f for f in fields if f.lower().startswith(b"subject:")), None)
        if subject is not None:
            s = re.sub(rb"\s+", b" ", subject[8:]).strip()
            s = re.sub(rb"^((re|fwd?|aw|sv)\s*:\s*|\[twisted-python\]\s*|\[openbmc\]\s*)+", b"", s, flags=re.I)
            if s and b"=?" not in s and len(s) < 200:
                subjects.append(s)
        m = NAME_RE.search(head)
        if m:
            name = re.sub(rb"<[^>]*>|\([^)]*\)|\"", b"", m.group(1)).strip()
            parts = name.split()
            if len(parts) == 2 and all(re.fullmatch(rb"[A-Za-z][a-z'\-]+", p) for p in parts):
                firsts.add(parts[0])
                lasts.add(parts[1])
        transport = [f for f in fields if not IDENTITY.match(f)]
        if len(transport) >= 4:
            transports.append(b"\n".join(transport) + b"\n")
    return bodies, subjects, sorted(firsts), sorted(lasts), transports


def zipf_cumulative(n, s):
    total, cumulative = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank ** s
        cumulative.append(total)
    return cumulative


def organizations(rng, count):
    names, seen = [], set()
    while len(names) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        if word in seen:
            continue
        seen.add(word)
        names.append((word.capitalize() + rng.choice(["", " Inc.", " Ltd", " GmbH", " Systems", " Labs"]),
                      f"{word}.{rng.choice(TLDS)}"))
    return names


def people(rng, count, firsts, lasts, orgs):
    """Each person: (name, [addresses], switch time or None, later addresses)."""
    org_weights = zipf_cumulative(len(orgs), 1.0)
    result, used = [], set()
    for i in range(count):
        first, last = rng.choice(firsts).decode(), rng.choice(lasts).decode()
        name = f"{first} {last}"
        local = f"{first[0]}{last}".lower().replace("'", "")
        if (local, i % 7) in used:
            local = f"{local}{i}"
        used.add((local, i % 7))

        def address():
            if rng.random() < 0.3:
                return f"{first.lower()}.{last.lower()}{rng.randint(1, 999)}@{rng.choice(WEBMAIL)}".replace("'", "")
            org = orgs[bisect.bisect(org_weights, rng.random() * org_weights[-1])]
            return f"{local}@{org[1]}"
        addresses = [address()]
        if rng.random() < 0.1:
            addresses.append(address())
        switch = START + rng.randint(SPAN // 4, 3 * SPAN // 4) if rng.random() < 0.1 else None
        later = [address()] if switch else None
        result.append((name, addresses, switch, later))
    return result


def thread_size(rng):
    # Pareto with alpha 1.4: median 1.6, mean about 3.5, a few hundreds.
    return min(400, int(rng.paretovariate(1.4)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="the mbox file to write")
    ap.add_argument("--messages", type=int, default=1_000_000, help="messages to write (default 1,000,000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1): the same seed writes the same archive")
    ap.add_argument("--people", type=int, default=0, help="people (default: messages / 20, at least 50)")
    ap.add_argument("--orgs", type=int, default=0, help="organizations (default: people / 40, at least 5)")
    ap.add_argument("--corpora", default=os.environ.get("LISTLENS_CORPORA", os.path.join(os.path.dirname(__file__), "../../shared/corpora")),
                    help="the corpora folder (default $LISTLENS_CORPORA or ../shared/corpora)")
    args = ap.parse_args()
    if args.messages < 1:
        sys.exit("generate_archive: --messages must be at least 1")
    begun = time.monotonic()
    rng = random.Random(args.seed)
    bodies, subjects, firsts, lasts, transports = read_sources(args.corpora)
    if not bodies or not firsts:
        sys.exit(f"generate_archive: no messages found under {args.corpora} (set LISTLENS_CORPORA)")
    read_seconds = time.monotonic() - begun
    people_count = args.people or max(50, args.messages // 20)
    orgs = organizations(rng, args.orgs or max(5, people_count // 40))
    persons = people(rng, people_count, firsts, lasts, orgs)
    sender_weights = zipf_cumulative(people_count, 1.07)
    total_weight = sender_weights[-1]
    list_tagged = {name: rng.random() < 0.5 for name in LISTS}
    list_weights = zipf_cumulative(len(LISTS), 0.8)

    written = threads = unthreaded = quoted = 0
    size = 0
    serial = itertools.count()
    with open(args.out, "wb", buffering=8 << 20) as out:
        expected_threads = max(1, args.messages // 3)
        while written < args.messages:
            count = min(args.messages - written, thread_size(rng))
            start = START + int(SPAN * threads / expected_threads) % SPAN + rng.randint(0, 86400)
            lst = LISTS[bisect.bisect(list_weights, rng.random() * list_weights[-1])]
            subject = rng.choice(subjects).decode("utf-8", "replace")
            roll = rng.random()
            if roll < 0.15:
                subject = f"[{rng.choice(TOPIC_TAGS)}] {subject}"
            elif roll < 0.2:
                subject = f"[{rng.choice(TOPIC_TAGS)}][{rng.choice(TOPIC_TAGS)}] {subject}"
            elif roll < 0.25:
                parts = rng.randint(1, 9)
                subject = f"[PATCH v{rng.randint(2, 5)} {rng.randint(1, parts)}/{parts}] {subject}"
            elif roll < 0.27:
                subject = f"[RFC] {subject}"
            if list_tagged[lst]:
                subject = f"[{lst}] {subject}"
            thread = []  # (message id, name, first lines of its text when plain, time)
            when = start
            for k in range(count):
                person = persons[bisect.bisect(sender_weights, rng.random() * total_weight)]
                name, addresses, switch, later = person
                pool = later if switch and when >= switch else addresses
                address = pool[0] if len(pool) == 1 or rng.random() < 0.7 else pool[1]
                n = next(serial)
                domain = address.rsplit("@", 1)[1]
                mid = f"{rng.getrandbits(48):012x}.{n}@{domain}"
                mime, body, plain = rng.choice(bodies)
                head = [f"From {address} {time.asctime(time.gmtime(when))}\n".encode()]
                head.append(rng.choice(transports))
                head.append(f"From: {name} <{address}>\nTo: {lst}@lists.example.org\n".encode())
                head.append(f"Date: {email.utils.formatdate(when)}\nMessage-ID: <{mid}>\n".encode())
                head.append(f"List-Id: <{lst}.lists.example.org>\n".encode())
                prefix = b""
                if k == 0:
                    head.append(b"Subject: " + subject.encode() + b"\n")
                else:
                    parent = thread[-1] if rng.random() < 0.55 else thread[rng.randrange(len(thread))]
                    head.append(b"Subject: Re: " + subject.encode() + b"\n")
                    if rng.random() < 1 / 30:
                        unthreaded += 1
                    else:
                        refs = " ".join(f"<{t[0]}>" for t in ([thread[0]] if parent is not thread[0] else [])) + f" <{parent[0]}>"
                        head.append(f"In-Reply-To: <{parent[0]}>\nReferences: {refs.strip()}\n".encode())
                    if plain and parent[2] and rng.random() < 0.7:
                        quoted += 1
                        stamp = time.strftime("%a, %b %d, %Y at %H:%M", time.gmtime(parent[3]))
                        prefix = f"On {stamp}, {parent[1]} wrote:\n".encode() + \
                            b"".join((b">" if line.startswith(b">") else b"> ") + line + b"\n" for line in parent[2]) + b"\n"
                head.append(mime or b"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n")
                message = b"".join(head) + b"\n" + prefix + body + b"\n"
                out.write(message)
                size += len(message)
                text = (prefix + body[:4000]).split(b"\n")[:QUOTED_LINES] if plain else None
                thread.append((mid, name, [line for line in text if line.strip()] if text else None, when))
                when += rng.randint(60, 3 * 86400)
                written += 1
            threads += 1
    summary = {
        "messages": written, "threads": threads, "people": people_count, "organizations": len(orgs),
        "lists": len(LISTS), "replies_without_thread_headers": unthreaded, "replies_quoting": quoted,
        "bytes": size, "seed": args.seed, "source_messages": len(bodies),
        "seconds": round(time.monotonic() - begun, 1), "seconds_reading_corpora": round(read_seconds, 1),
    }
    with open(args.out + ".json", "w") as f:
        json.dump(summary, f, indent=2)
    print(f"{written:,} messages in {threads:,} threads from {people_count:,} people at {len(orgs):,} organizations, "
          f"{size / 1e9:.2f} GB, in {summary['seconds']} s ({len(bodies):,} real messages read in {summary['seconds_reading_corpora']} s); "
          f"{unthreaded:,} replies without thread headers, {quoted:,} quoting their parent")


if __name__ == "__main__":
    main()
