"""Reads mbox archives (plain or gzipped) with Python's stdlib, for the oracle scripts: each
message with its bare Message-ID, as the oracles compare them."""
import email
import email.policy
import gzip
import mailbox
import re
import tempfile


def messages(path):
    """Yields (bare Message-ID or None, message) for each message Python's mailbox finds in `path`.

    Python's mailbox module splits at every line starting with "From " (pipermail bodies hold such
    lines), so a few extra pseudo-messages appear; they carry no Message-ID."""
    data = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    with tempfile.NamedTemporaryFile(suffix=".mbox") as tmp:
        tmp.write(data)
        tmp.flush()
        for msg in mailbox.mbox(tmp.name, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.compat32)):
            raw = msg.get("Message-ID")
            if raw is None:
                yield None, msg
                continue
            m = re.search(r"<([^<>]+)>", str(raw))
            ident = m.group(1) if m else str(raw).strip()
            # Compare bare ids: drop whitespace and any stray bracket of an unclosed `<id`.
            ident = re.sub(r"[\s<>]+", "", ident)
            yield ident or None, msg
