#!/usr/bin/env python3
"""Differential test: ListLens against Python's email package (stdlib, policy=default).

For every file under CORPORA that ListLens reads as mail, run `listlens inspect --format jsonl`
and parse each message's bytes (located by ListLens's provenance: source offset and length) with
`email.parser.BytesParser(policy=email.policy.default)`. Compare per field:

    message_id, from.address, from.name, date (as an instant), subject, in_reply_to, references,
    text (whitespace-normalized)

and, per file, the message count against Python's `mailbox` module.

Where they differ for a reason where ListLens is the one that is right, the difference is counted
under that reason (KNOWN_PYTHON_MISTAKES below) and printed; nothing is excluded silently. A field's
agreement is (equal + explained) / compared. Exits 1 when any field is below --min.

Usage: differential.py [--listlens BIN] [--min 0.995] [--show N] CORPORA
"""
import argparse
import bz2
import collections
import datetime
import email
import email.parser
import email.policy
import email.utils
import gzip
import html.parser
import json
import mailbox
import os
import re
import subprocess
import sys
import tempfile
import zipfile

# Reasons ListLens differs from Python on purpose. Each is checked by a predicate below.
KNOWN_PYTHON_MISTAKES = {
    "obfuscated-address": "the archive wrote `user at host`; Python reads the words as a local part, ListLens restores user@host",
    "undeclared-8bit": "8-bit text with no declared charset (or a lying us-ascii label); Python replaces the bytes with U+FFFD, ListLens decodes them (UTF-8, else windows-1252)",
    "date-fallback": "Date missing or unreadable; Python has none, ListLens takes the mbox separator's date and records the defect",
    "invalid-offset": "an impossible zone offset (`0480`: 80 minutes); Python applies it, ListLens records the defect and takes the mbox separator's date",
    "joined-text-parts": "several inline text parts (e.g. Mailman's footer part); Python's get_body() returns one, ListLens shows all",
    "html-converted": "an HTML body; Python's get_content() returns markup, ListLens the text a reader sees (compared by words)",
    "flowed": "format=flowed; Python keeps the soft breaks (and the `>` of continued quote lines), ListLens joins them (RFC 3676)",
    "repaired-message-id": "a malformed Message-ID (unclosed bracket, spaces); Python keeps the raw text, ListLens repairs it",
    "name-is-address": "the display name only repeats the address; ListLens records no name",
    "mboxrd-escape": "a `>From ` line: ListLens removes the mboxrd escape",
    "bare-address-after-name": "`Name user@host` without angle brackets (pipermail 1999); Python takes every word as the local part, ListLens the word with the @ as the address and the rest as the name",
    "twelve-hour-clock": "a Date with AM/PM; Python ignores it, ListLens adds 12 hours for PM",
    "edge-whitespace": "whitespace at either end of the subject; Python keeps it, ListLens trims it (the words are equal)",
    "comment-name": "`user@host (Name)`: Python's header parser ignores the comment, ListLens takes it as the display name (as pipermail and old clients write names)",
}


def normalize_ws(s):
    return " ".join((s or "").split())


class TextOfHTML(html.parser.HTMLParser):
    """Just the words of an HTML document (no head, style, script)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.words.extend(data.split())


def words(s):
    return re.findall(r"\w+", s or "")


def unescape_mboxrd(raw):
    return re.sub(rb"(?m)^>(>*From )", rb"\1", raw)


def message_bytes(data, offset, length):
    raw = data[offset:offset + length]
    if raw.startswith(b"From "):
        nl = raw.find(b"\n")
        raw = raw[nl + 1:] if nl >= 0 else b""
    return unescape_mboxrd(raw)


def python_fields(raw):
    msg = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    out = {}

    def header(name):
        try:
            v = msg.get(name)
            return None if v is None else str(v)
        except Exception:
            return None

    def raw_header(name):
        for k, v in msg.raw_items():
            if k.lower() == name:
                return v
        return None

    mid = raw_header("message-id")
    if mid is None:
        out["message_id"] = None
    else:
        m = re.search(r"<([^<>]+)>", mid)
        out["message_id"] = re.sub(r"\s+", "", m.group(1)) if m else (mid.strip() or None)
    addr, name = None, None
    try:
        f = msg["From"]
        if f is not None and f.addresses:
            a = f.addresses[0]
            addr, name = (a.addr_spec or None), (a.display_name or None)
    except Exception:
        rf = raw_header("from")
        if rf:
            pairs = email.utils.getaddresses([rf])
            if pairs:
                name, addr = pairs[0][0] or None, pairs[0][1] or None
    if addr and "@" in addr:
        local, _, domain = addr.rpartition("@")
        addr = local + "@" + domain.lower()
    out["from.address"], out["from.name"], out["raw_from"] = addr, name, raw_header("from") or ""
    try:
        d = msg["Date"]
        dt = d.datetime if d is not None else None
        if dt is not None and dt.tzinfo is None:
            dt = dt.replace(tzinfo=datetime.timezone.utc)
        out["date"] = int(dt.timestamp()) if dt is not None else None
    except Exception:
        out["date"] = None
    out["subject"] = header("Subject") or ""
    for field, name in (("in_reply_to", "in-reply-to"), ("references", "references")):
        v = raw_header(name) or ""
        ids = []
        for i in re.findall(r"<([^<>]*)>", v):
            i = re.sub(r"\s+", "", i)
            if i and i not in ids:
                ids.append(i)
        out[field] = ids
    text, is_html, parts, flowed, flowed_delsp = "", False, 0, False, False
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
        parts = sum(1 for p in msg.walk() if p.get_content_maintype() == "text" and not p.is_attachment())
        if body is not None:
            is_html = body.get_content_subtype() == "html"
            flowed = (body.get_param("format") or "").lower() == "flowed"
            flowed_delsp = flowed and (body.get_param("delsp") or "").lower() == "yes"
            try:
                text = body.get_content()
            except Exception:
                payload = body.get_payload(decode=True) or b""
                text = payload.decode("utf-8", "replace")
    except Exception:
        pass
    out["text"], out["is_html"], out["text_parts"], out["flowed"], out["flowed_delsp"] = text, is_html, parts, flowed, flowed_delsp
    out["raw"] = raw
    return out


def epoch(rfc3339):
    if rfc3339 is None:
        return None
    return int(datetime.datetime.strptime(rfc3339, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())


def explain(field, ours, py, msg):
    """The reason ListLens differs here, when it is one of the known Python mistakes; else None."""
    raw_from = py["raw_from"]
    if field in ("from.address", "from.name") and "<" not in raw_from and re.search(r"\S+\s+\S+@\S+\s*$", raw_from) \
            and (py["from.address"] or "").startswith('"'):
        return "bare-address-after-name"
    if field == "from.name" and py["from.name"] is None and ours and "<" not in raw_from and "(" in raw_from:
        return "comment-name"
    if field in ("from.address", "from.name"):
        m = re.match(r"\s*(\S+) at (\S+?)\s*(?:\((.*)\))?\s*$", raw_from)
        if m and "@" not in raw_from:
            # Only when ListLens's value is the restoration: user@host, and the comment as the name.
            local, domain, comment = m.group(1), m.group(2).lower(), m.group(3)
            expected_name = comment.strip() if comment else None
            if expected_name and expected_name.replace(" at ", "@").lower() == f"{local}@{domain}".lower():
                expected_name = None
            if field == "from.address" and ours == f"{local}@{domain}":
                return "obfuscated-address"
            if field == "from.name" and (ours == expected_name or (expected_name and "=?" in expected_name)):
                return "obfuscated-address"
        if field == "from.name" and ours is None and py["from.name"] and py["from.name"].replace(" at ", "@").lower() == (msg["from"]["address"] or "").lower():
            return "name-is-address"
        if field == "from.name" and ours is None and py["from.name"] and py["from.name"].lower() == (py["from.address"] or "").lower():
            return "name-is-address"
        if "\ufffd" in (py[field] or "") or re.search(r"[^\x00-\x7f]", raw_from.encode("utf-8", "surrogateescape").decode("latin-1")):
            return "undeclared-8bit"
    if field == "subject" and "\ufffd" in py["subject"]:
        return "undeclared-8bit"
    if field == "subject" and py["subject"].strip() == (ours or "") and py["subject"] != (ours or ""):
        return "edge-whitespace"
    if field == "date" and re.search(rb"(?im)^date:.*\b(am|pm)\b", py["raw"]):
        return "twelve-hour-clock"
    if field == "date" and py["date"] is None and ({"missing-date", "invalid-date", "invalid-timezone-offset"} & set(msg["defects"])):
        return "date-fallback"
    if field == "date" and "invalid-timezone-offset" in msg["defects"]:
        return "invalid-offset"
    if field == "message_id" and "invalid-message-id" in msg["defects"]:
        return "repaired-message-id"
    if field == "text":
        if "\ufffd" in py["text"] and collapse_non_ascii(py["text"]) == collapse_non_ascii(msg["text"]):
            return "undeclared-8bit"
        if py["is_html"]:
            theirs, mine = set(words(html_text(py["text"]))), set(words(msg["text"]))
            if theirs and len(theirs & mine) >= 0.95 * len(theirs):
                return "html-converted"
        if py["text_parts"] > 1 and normalize_ws(py["text"]) in normalize_ws(msg["text"]):
            return "joined-text-parts"
        if py["flowed_delsp"] or (py["flowed"] and words(py["text"].replace(">", " ")) == words(msg["text"].replace(">", " "))):
            return "flowed"
        if re.search(rb"(?m)^>+From ", py["raw"]) and normalize_ws(re.sub(r"(?m)^>(>*From )", r"\1", py["text"])) == normalize_ws(msg["text"]):
            return "mboxrd-escape"
    return None


def collapse_non_ascii(s):
    """Whitespace-normalized text with every run of non-ASCII characters as one `?`: Python's ASCII
    decoding turns each 8-bit byte into U+FFFD where ListLens decodes the character."""
    return normalize_ws(re.sub(r"[^\x00-\x7f]+", "?", s or ""))


def html_text(s):
    p = TextOfHTML()
    try:
        p.feed(s)
        p.close()
    except Exception:
        pass
    return " ".join(p.words)


def python_count(data):
    """Messages Python's mailbox module finds, counting a `From ` line only when a header line follows
    (the rule of mbox readers for pipermail's unescaped bodies; the bare module splits at every `From ` line)."""
    with tempfile.NamedTemporaryFile(suffix=".mbox") as tmp:
        tmp.write(data)
        tmp.flush()
        box = mailbox.mbox(tmp.name)
        n = 0
        for key in box.iterkeys():
            first = box.get_bytes(key).split(b"\n", 1)[0]
            n += 1 if re.match(rb"^[!-9;-~]+[ \t]*:", first) else 0
        return n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora")
    ap.add_argument("--listlens", default=os.environ.get("LISTLENS_BIN", ".build/debug/listlens"))
    ap.add_argument("--min", type=float, default=0.995)
    ap.add_argument("--show", type=int, default=3, help="unexplained differences shown per field")
    ap.add_argument("--dump", help="write every unexplained difference to this JSON file")
    args = ap.parse_args()

    fields = ["count", "message_id", "from.address", "from.name", "date", "subject", "in_reply_to", "references", "text"]
    equal = collections.Counter()
    explained = collections.defaultdict(collections.Counter)
    unexplained = collections.defaultdict(list)
    compared = collections.Counter()
    files = skipped = html_pages = 0
    seen = set()
    for root, dirs, names in os.walk(args.corpora):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(root, name)
            real = os.path.realpath(path)
            if name.startswith(".") or real in seen or not os.path.isfile(path):
                continue
            seen.add(real)
            proc = subprocess.run([args.listlens, "inspect", "--format", "jsonl", path], capture_output=True)
            if proc.returncode != 0 and b"not a mail archive" in proc.stderr:
                skipped += 1
                continue
            head = open(path, "rb").read(4)
            if open(path, "rb").read(4096).lstrip().lstrip(b"\xef\xbb\xbf")[:1] == b"<":
                # An HTML page: its message is rebuilt from the page, not parsed from mail bytes, so Python's
                # email package is no oracle here. HTMLCorpusTests compares those pages with the archive's mbox.
                html_pages += 1
                continue
            files += 1
            messages = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
            # The bytes of each archive member ("" for a plain file; zip members by name, read with zipfile).
            if head == b"PK\x03\x04":
                with zipfile.ZipFile(path) as z:
                    contents = {n: z.read(n) for n in z.namelist() if not n.endswith("/")}
            else:
                contents = {"": gzip.open(path).read() if head[:2] == b"\x1f\x8b" else bz2.open(path).read() if head[:3] == b"BZh" else open(path, "rb").read()}
            for member, data in contents.items():
                if not data.startswith(b"From "):
                    continue
                where = f"{path}!{member}" if member else path
                ours_count = sum(1 for m in messages if m["source"]["path"] == where)
                compared["count"] += 1
                if python_count(data) == ours_count:
                    equal["count"] += 1
                else:
                    unexplained["count"].append(f"{where}: ListLens {ours_count}, Python {python_count(data)}")
            for m in messages:
                member = m["source"]["path"][len(path) + 1:] if m["source"]["path"] != path else ""
                data = contents.get(member, b"")
                py = python_fields(message_bytes(data, m["source"]["offset"], m["source"]["length"]))
                ours = {
                    "message_id": None if m["message_id"].endswith("@listlens.invalid") else m["message_id"],
                    "from.address": m["from"]["address"], "from.name": m["from"]["name"],
                    "date": epoch(m["date"]), "subject": m["subject"],
                    "in_reply_to": m["in_reply_to"], "references": m["references"], "text": m["text"],
                }
                for f in fields[1:]:
                    compared[f] += 1
                    a, b = ours[f], py[f]
                    same = normalize_ws(a) == normalize_ws(b) if f == "text" else a == b
                    if f == "date" and not same and a is not None and b is not None:
                        same = False
                    if same:
                        equal[f] += 1
                        continue
                    reason = explain(f, a, py, m)
                    if reason:
                        explained[f][reason] += 1
                    else:
                        where = f"{path} @ {m['source']['offset']}"
                        show = (repr(a)[:160], repr(b)[:160]) if f != "text" else (repr(normalize_ws(a))[:200], repr(normalize_ws(b))[:200])
                        unexplained[f].append(f"{where}: ListLens {show[0]} | Python {show[1]}")
    print(f"files compared: {files}; files that are not mail (skipped, named by listlens): {skipped}; HTML pages (checked by HTMLCorpusTests instead): {html_pages}")
    print(f"{'field':14} {'compared':>9} {'equal':>9} {'explained':>9} {'differ':>7}  agreement")
    worst = 1.0
    for f in fields:
        n = compared[f]
        e = sum(explained[f].values())
        d = len(unexplained[f])
        agreement = (equal[f] + e) / n if n else 1.0
        worst = min(worst, agreement)
        print(f"{f:14} {n:9} {equal[f]:9} {e:9} {d:7}  {agreement * 100:.2f}%")
    for f in fields:
        for reason, k in sorted(explained[f].items()):
            print(f"  explained {f}: {k} × {reason}: {KNOWN_PYTHON_MISTAKES[reason]}")
    for f in fields:
        for line in unexplained[f][: args.show]:
            print(f"  differs {f}: {line}")
    if args.dump:
        with open(args.dump, "w") as out:
            json.dump(unexplained, out, indent=1)
    if worst < args.min:
        print(f"FAIL: lowest agreement {worst * 100:.2f}% is below {args.min * 100:.2f}%")
        return 1
    print(f"OK: every field agrees on at least {args.min * 100:.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
