"""One record of a JSONL or CSV file: the fields ``id``, ``text``, ``title``, ``url``, ``published``,
``source`` and ``lang``; other fields are ignored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pista.ingest.records import BadRecord, RawRecord

FIELDS = ("id", "text", "title", "url", "published", "source", "lang")


def _optional(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None or isinstance(value, dict | list):
        return None
    value = " ".join(str(value).split())
    return value or None


def record_from_fields(fields: Mapping[str, Any], path_origin: str, line: int) -> RawRecord | BadRecord:
    """The record, with origin ``path#id`` (or ``path#line N`` without an id), or why it is bad."""
    where = f"{path_origin}#line {line}"
    if "text" not in fields or fields["text"] is None:
        return BadRecord(where, "record has no 'text' field")
    text = fields["text"]
    if not isinstance(text, str):
        return BadRecord(where, f"field 'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        return BadRecord(where, "record has an empty 'text' field")
    record_id = _optional(fields, "id")
    return RawRecord(
        text=text,
        origin=f"{path_origin}#{record_id}" if record_id else where,
        title=_optional(fields, "title"),
        published=_optional(fields, "published"),
        url=_optional(fields, "url"),
        lang=_optional(fields, "lang"),
        source=_optional(fields, "source"),
    )
