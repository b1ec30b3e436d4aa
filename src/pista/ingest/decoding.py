"""Bytes to text, with errors that name the byte and suggest ``--encoding``."""

from __future__ import annotations

import codecs
import re

from pista.errors import ConfigError, IngestError

_WIDE = ("utf-16", "utf-32")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def check_encoding(encoding: str | None) -> str | None:
    """The codec's canonical name, or a ConfigError for a name Python does not know."""
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError as exc:
        raise ConfigError(f"unknown encoding {encoding!r} (try utf-8, latin-1, cp1252, utf-16)") from exc


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag of its first 4 KB, if Python knows it."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def is_wide(encoding: str) -> bool:
    return encoding.lower().replace("_", "-").startswith(_WIDE)


def decode(data: bytes, origin: str, encoding: str | None = None, *, declared: str | None = None) -> str:
    """Decode a text file: ``encoding`` (the user's), else a BOM, else ``declared``, else UTF-8.

    Binary data (NUL bytes) and bytes invalid in the encoding raise an IngestError naming the
    offset; the message suggests ``--encoding`` when no encoding was given.
    """
    chosen = encoding or bom_encoding(data) or declared or "utf-8"
    if not is_wide(chosen):
        nul = data.find(b"\x00")
        if nul >= 0:
            raise IngestError(origin, f"binary data, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8-sig" if chosen == "utf-8" else chosen)
    except UnicodeDecodeError as exc:
        raise IngestError(origin, undecodable(exc, data, chosen, user_chose=encoding is not None)) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    nul_char = text.find("\x00")
    if nul_char >= 0:
        raise IngestError(origin, f"binary data, not text (NUL character at position {nul_char})")
    return text


def undecodable(
    exc: UnicodeDecodeError, data: bytes, encoding: str, *, user_chose: bool, base: int = 0
) -> str:
    """The reason for a decoding failure: which byte at which offset, and what to do."""
    offset = base + exc.start
    byte = data[exc.start] if exc.start < len(data) else 0
    label = "UTF-8" if encoding in ("utf-8", "utf-8-sig") else encoding
    if user_chose:
        return f"not valid {label} at byte offset {offset} (0x{byte:02X}); check the --encoding value"
    return (
        f"not valid {label} at byte offset {offset} (0x{byte:02X}); "
        "if the file uses another encoding, pass it with --encoding (e.g. --encoding latin-1)"
    )
