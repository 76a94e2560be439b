#!/usr/bin/env python3
"""Independent oracle for `listlens search`'s fields: which Message-IDs a query matches, computed
from the archive files with Python's stdlib, not from ListLens's store.

Usage: search_oracle.py [--query Q]... FILE...   (prints {query: [sorted ids]} as JSON)

The oracle reads a subset of the query language, each field by its own reading of the headers:
  from:V, to:V, cc:V   the decoded header (pipermail's `user at host` made `user@host`) contains V,
                       case and diacritics folded (NFKD, combining marks dropped, casefold)
  date:A, date:A..B, date:A.., date:..B, after:A, before:A   the Date header, UTC (YYYY[-MM[-DD]])
  tag:V                a bracketed tag at the subject's front equals V, folded
  is:patch             a tag holding a word that starts with PATCH
  mid:ID               the Message-ID
  has:html             a text/html part anywhere in the message (msg.walk())
  has:attachment       a part that is not multipart/* with Content-Disposition attachment or a
                       file name (get_filename(): the disposition's filename, else Content-Type's name)
A query is terms separated by spaces (all must match), `-` before a term negates it, and ` OR `
between such conjunctions lets either match. Values may be quoted: from:"Jean Paul".

Messages without a Message-ID are left out (ListLens names them itself); a Message-ID seen twice
counts once, its first message deciding.
"""
import calendar
import email.header
import email.utils
import json
import re
import shlex
import sys
import unicodedata

import mbox_messages


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def decoded(value):
    if value is None:
        return ""
    try:
        parts = email.header.decode_header(str(value))
    except Exception:
        return str(value)
    out = []
    for text, charset in parts:
        if isinstance(text, bytes):
            try:
                text = text.decode(charset or "ascii", errors="replace")
            except LookupError:
                text = text.decode("latin-1")
        out.append(text)
    # decode_header separates encoded words from plain text without the space between them.
    return re.sub(r"\s+", " ", "".join(out) if len(parts) == 1 else " ".join(o.strip() for o in out))


def deobfuscated(s):
    return re.sub(r"(\S) at (\S)", r"\1@\2", s)


def tags(subject):
    found = []
    s = subject
    for _ in range(32):
        s = s.lstrip(" \t")
        low = s[:6].lower()
        prefix = next((p for p in ["re:", "fw:", "fwd:", "aw:", "sv:", "antw:", "re :", "tr:"] if low.startswith(p)), None)
        if prefix:
            s = s[len(prefix):]
        elif s.startswith("[") and "]" in s[:64]:
            close = s.index("]")
            tag = s[1:close].strip(" ")
            if tag and tag not in found:
                found.append(tag)
            s = s[close + 1:]
        else:
            break
    return found


def period(text):
    """(start, end) epoch seconds of YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = [int(p) for p in text.split("-")]
    y, m, d = parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
    start = calendar.timegm((y, m, d, 0, 0, 0))
    if len(parts) == 1:
        end = calendar.timegm((y + 1, 1, 1, 0, 0, 0))
    elif len(parts) == 2:
        end = calendar.timegm((y + (m == 12), m % 12 + 1, 1, 0, 0, 0))
    else:
        end = start + 86400
    return start, end


class Message:
    def __init__(self, msg):
        self.headers = {k: deobfuscated(decoded(msg.get(k))) for k in ("From", "To", "Cc")}
        self.subject = decoded(msg.get("Subject"))
        parts = list(msg.walk())
        self.html = any(p.get_content_type() == "text/html" for p in parts)
        self.attachment = any(p.get_content_maintype() != "multipart"
                              and (p.get_content_disposition() == "attachment" or p.get_filename() is not None)
                              for p in parts)
        self.date = None
        try:
            parsed = email.utils.parsedate_to_datetime(str(msg.get("Date")))
            self.date = int(parsed.timestamp()) if parsed.tzinfo else calendar.timegm(parsed.timetuple())
        except Exception:
            pass

    def matches(self, field, value, ident):
        if field in ("from", "to", "cc"):
            return fold(value) in fold(self.headers[field.capitalize()])
        if field == "tag":
            return any(fold(t) == fold(value) for t in tags(self.subject))
        if field == "is" and value == "patch":
            return any(re.search(r"(^|\s)PATCH", t.upper()) for t in tags(self.subject))
        if field == "has" and value in ("html", "attachment"):
            return self.html if value == "html" else self.attachment
        if field == "mid":
            return ident == value.strip("<>")
        if field in ("date", "after", "before"):
            if self.date is None:
                return False
            if field == "after":
                return self.date >= period(value)[1]
            if field == "before":
                return self.date < period(value)[0]
            lower, _, upper = value.partition("..") if ".." in value else (value, "", value)
            return (not lower or self.date >= period(lower)[0]) and (not upper or self.date < period(upper)[1])
        raise SystemExit(f"oracle: no field {field}:")


def main():
    args = sys.argv[1:]
    queries, files = [], []
    while args:
        a = args.pop(0)
        if a == "--query":
            queries.append(args.pop(0))
        else:
            files.append(a)
    messages = {}
    for path in files:
        for ident, msg in mbox_messages.messages(path):
            if ident and ident not in messages:
                messages[ident] = Message(msg)
    out = {}
    for q in queries:
        disjuncts = [shlex.split(part) for part in q.split(" OR ")]
        hits = []
        for ident, message in messages.items():
            for terms in disjuncts:
                ok = True
                for term in terms:
                    negated = term.startswith("-")
                    field, _, value = term.lstrip("-").partition(":")
                    if message.matches(field, value, ident) == negated:
                        ok = False
                        break
                if ok:
                    hits.append(ident)
                    break
        out[q] = sorted(hits)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)


main()
