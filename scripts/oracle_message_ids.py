#!/usr/bin/env python3
"""Independent oracle: the distinct Message-IDs of mbox archives, read with Python's stdlib.

Usage: oracle_message_ids.py FILE... > ids.txt   (one id per line, without <>, sorted)

Python's mailbox module splits at every line starting with "From " (pipermail bodies hold such
lines), so a few extra pseudo-messages appear; they carry no Message-ID, which is why this oracle
compares the set of ids rather than the number of messages.
"""
import email
import email.policy
import gzip
import mailbox
import re
import sys
import tempfile

ids = set()
for path in sys.argv[1:]:
    data = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    with tempfile.NamedTemporaryFile(suffix=".mbox") as tmp:
        tmp.write(data)
        tmp.flush()
        for msg in mailbox.mbox(tmp.name, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.compat32)):
            raw = msg.get("Message-ID")
            if raw is None:
                continue
            m = re.search(r"<([^<>]+)>", str(raw))
            ident = m.group(1) if m else str(raw).strip()
            # Compare bare ids: drop whitespace and any stray bracket of an unclosed `<id`.
            ident = re.sub(r"[\s<>]+", "", ident)
            if ident:
                ids.add(ident)
for i in sorted(ids):
    print(i)
