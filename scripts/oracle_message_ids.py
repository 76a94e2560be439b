#!/usr/bin/env python3
"""Independent oracle: the distinct Message-IDs of mbox archives, read with Python's stdlib.

Usage: oracle_message_ids.py FILE... > ids.txt   (one id per line, without <>, sorted)

Python's mailbox module splits at every line starting with "From " (pipermail bodies hold such
lines), so a few extra pseudo-messages appear; they carry no Message-ID, which is why this oracle
compares the set of ids rather than the number of messages.
"""
import sys

from mbox_messages import messages

ids = set()
for path in sys.argv[1:]:
    for ident, _ in messages(path):
        if ident:
            ids.add(ident)
for i in sorted(ids):
    print(i)
