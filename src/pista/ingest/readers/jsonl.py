"""JSON Lines: one document per line, read line by line so a file of any size streams."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pista.errors import IngestError
from pista.ingest.decoding import is_wide, undecodable
from pista.ingest.readers.fields import record_from_fields
from pista.ingest.readers.lines import read_lines, refuse_binary
from pista.ingest.records import BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import register


@register(".jsonl", ".ndjson", name="jsonl", streaming=True)
def read_jsonl(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    encoding = options.encoding or "utf-8"
    if is_wide(encoding):
        raise IngestError(origin, f"JSON Lines in {encoding} are not supported; convert the file to UTF-8")
    with path.open("rb") as stream:
        refuse_binary(stream, origin)
        for line in read_lines(stream, options.max_bytes):
            where = f"{origin}#line {line.number}"
            if line.data is None:
                yield BadRecord(where, f"record over the limit of {options.max_bytes} bytes (--max-bytes)")
                continue
            if not line.data.strip():
                continue
            if b"\x00" in line.data:
                yield BadRecord(where, "binary data, not text (NUL byte)")
                continue
            try:
                text = line.data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
            except UnicodeDecodeError as exc:
                yield BadRecord(
                    where,
                    undecodable(
                        exc, line.data, encoding, user_chose=bool(options.encoding), base=line.offset
                    ),
                )
                continue
            try:
                fields = json.loads(text)
            except json.JSONDecodeError as exc:
                yield BadRecord(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(fields, dict):
                yield BadRecord(where, f"not a JSON object but {type(fields).__name__}")
                continue
            yield record_from_fields(fields, origin, line.number)
