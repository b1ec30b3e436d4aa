"""E-mail messages (.eml): Subject as title, Date as published, the text/plain body or else the HTML one."""

from __future__ import annotations

import email
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path

from pista.errors import IngestError
from pista.ingest.readers.html import extract_html
from pista.ingest.records import BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import register


def _body(message: EmailMessage, origin: str) -> tuple[str, bool]:
    """The body text and whether it is HTML."""
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        if part is None:
            continue
        try:
            content = part.get_content()
        except (LookupError, UnicodeError, ValueError) as exc:
            raise IngestError(origin, f"unreadable text/{kind} part ({exc})") from exc
        if isinstance(content, bytes):
            continue
        return str(content), kind == "html"
    raise IngestError(origin, "no text/plain or text/html part in the message")


@register(".eml", name="email")
def read_eml(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    data = path.read_bytes()
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(origin, f"binary data, not an e-mail message (NUL byte at offset {nul})")
    message = email.message_from_bytes(data, policy=policy.default)
    if not isinstance(message, EmailMessage) or not message.keys():
        raise IngestError(origin, "no e-mail headers (not an .eml message?)")
    body, is_html = _body(message, origin)
    subject = " ".join(str(message.get("subject", "")).split()) or None
    date_header = message.get("date")
    published = str(date_header).strip() if date_header is not None else None
    if is_html:
        page = extract_html(body, origin)
        yield RawRecord(text=page.text, origin=origin, title=subject or page.title, published=published)
    else:
        yield RawRecord(text=body, origin=origin, title=subject, published=published)
