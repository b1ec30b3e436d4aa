"""CSV: one document per row under a header naming the columns (``text`` is required).

Read row by row so a file of any size streams. The delimiter (``,`` ``;`` tab or ``|``) is the
one the header line uses most. A byte sequence invalid in the encoding stops the file at that
line (rows before it are kept): the row boundaries after it cannot be trusted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from pista.errors import IngestError
from pista.ingest.decoding import is_wide, undecodable
from pista.ingest.readers.fields import record_from_fields
from pista.ingest.readers.lines import read_lines, refuse_binary
from pista.ingest.records import BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import register

DELIMITERS = (",", ";", "\t", "|")


class _Lines:
    """Decoded lines for ``csv.reader``, remembering where each starts; over-long lines are noted."""

    def __init__(self, path: Path, origin: str, options: ReadOptions) -> None:
        self.stream = path.open("rb")
        try:
            refuse_binary(self.stream, origin)
        except IngestError:
            self.stream.close()
            raise
        self.lines = read_lines(self.stream, options.max_bytes)
        self.origin = origin
        self.options = options
        self.encoding = options.encoding or "utf-8"
        self.number = 0
        self.too_long: list[int] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.number = line.number
        if line.data is None:
            self.too_long.append(line.number)
            return "\n"
        try:
            return line.data.decode(
                "utf-8-sig" if self.encoding == "utf-8" and line.number == 1 else self.encoding
            )
        except UnicodeDecodeError as exc:
            reason = undecodable(
                exc, line.data, self.encoding, user_chose=bool(self.options.encoding), base=line.offset
            )
            raise IngestError(
                self.origin, f"line {line.number}: {reason}; the rest of the file was skipped"
            ) from exc


def _delimiter(header: str) -> str:
    return max(DELIMITERS, key=header.count) if any(d in header for d in DELIMITERS) else ","


@register(".csv", ".tsv", name="csv", streaming=True)
def read_csv(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    if is_wide(options.encoding or "utf-8"):
        raise IngestError(origin, f"CSV in {options.encoding} is not supported; convert the file to UTF-8")
    lines = _Lines(path, origin, options)
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(max(previous_limit, options.max_bytes))
    try:
        header_line = next(lines, None)
        if header_line is None or not header_line.strip():
            raise IngestError(origin, "no header line (the first line must name the columns, e.g. id,text)")
        if "\x00" in header_line:
            raise IngestError(origin, "binary data, not text (NUL byte in the header)")
        delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(header_line)
        header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=delimiter))]
        if "text" not in header:
            raise IngestError(origin, f"no 'text' column in the header (columns: {', '.join(header)})")
        reader = csv.reader(lines, delimiter=delimiter)
        while True:
            start = lines.number + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield BadRecord(f"{origin}#line {start}", f"malformed CSV row ({exc})")
                continue
            if lines.too_long and lines.too_long[-1] >= start:
                yield BadRecord(f"{origin}#line {start}", f"row over the limit of {options.max_bytes} bytes")
                continue
            if not any(cell.strip() for cell in row):
                continue
            if any("\x00" in cell for cell in row):
                yield BadRecord(f"{origin}#line {start}", "binary data, not text (NUL byte)")
                continue
            yield record_from_fields(dict(zip(header, row, strict=False)), origin, start)
    finally:
        csv.field_size_limit(previous_limit)
        lines.stream.close()
