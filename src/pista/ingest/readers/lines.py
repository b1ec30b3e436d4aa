"""Reading a file line by line in bounded memory: an over-long line is skipped, not loaded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from pista.errors import IngestError

_CHUNK = 1 << 20
_SNIFF = 8192


def refuse_binary(stream: BinaryIO, origin: str) -> None:
    """Raise when the start of the file holds NUL bytes: a binary file, not lines of text."""
    head = stream.read(_SNIFF)
    stream.seek(0)
    nul = head.find(b"\x00")
    if nul >= 0:
        raise IngestError(origin, f"binary data, not text (NUL byte at offset {nul})")


@dataclass(frozen=True)
class Line:
    number: int
    offset: int  # byte offset of the line in the file
    data: bytes | None  # None when the line is longer than the limit (it was skipped)


def read_lines(stream: BinaryIO, max_bytes: int) -> Iterator[Line]:
    """Each line of ``stream`` with its number and offset; lines over ``max_bytes`` come as ``None``."""
    number = 0
    offset = 0
    while True:
        data = stream.readline(max_bytes + 1)
        if not data:
            return
        number += 1
        start = offset
        offset += len(data)
        if len(data) > max_bytes and not data.endswith(b"\n"):
            while chunk := stream.readline(_CHUNK):
                offset += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield Line(number, start, None)
            continue
        yield Line(number, start, data)
