"""Which reader handles which file: a registry keyed by lower-case suffix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pista.errors import IngestError
from pista.ingest.records import BadRecord, RawRecord, ReadOptions

ReadFunction = Callable[[Path, str, ReadOptions], Iterator[RawRecord | BadRecord]]


@dataclass(frozen=True)
class Reader:
    """A format's reader. ``streaming`` readers read record by record and apply the byte
    limit to each record; the others read the whole file, so the limit applies to the file."""

    name: str
    read: ReadFunction
    streaming: bool = False


_READERS: dict[str, Reader] = {}


def register(*suffixes: str, name: str, streaming: bool = False) -> Callable[[ReadFunction], ReadFunction]:
    """Decorator: make ``read(path, origin, options)`` the reader of files with these suffixes."""

    def decorate(read: ReadFunction) -> ReadFunction:
        for suffix in suffixes:
            _READERS[suffix.lower()] = Reader(name=name, read=read, streaming=streaming)
        return read

    return decorate


def _load() -> None:
    # Importing the package registers every built-in reader.
    import pista.ingest.readers  # noqa: F401


def known_suffixes() -> list[str]:
    _load()
    return sorted(_READERS)


def reader_for(path: Path) -> Reader:
    """The reader of ``path``'s format, or an IngestError naming the known formats."""
    _load()
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        what = f"'{path.suffix}'" if path.suffix else "no suffix"
        raise IngestError(str(path), f"unknown format ({what}); known: {', '.join(known_suffixes())}")
    return reader
