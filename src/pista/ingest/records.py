"""What a reader yields: raw records to be stored, or bad records to be reported."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PAGES = 500


@dataclass(frozen=True)
class ReadOptions:
    """Limits and decoding a reader needs; built by the pipeline from ``IngestOptions``."""

    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES


@dataclass(frozen=True)
class RawRecord:
    """One text as read from a file, before normalization and storage.

    ``published`` is the date exactly as the file gives it; the pipeline normalizes it.
    ``source``, ``lang`` and ``publisher_kind`` are the record's own (JSONL/CSV fields) and win over options.
    """

    text: str
    origin: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    lang: str | None = None
    source: str | None = None
    publisher_kind: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BadRecord:
    """One record of a multi-record file that cannot be used; the rest of the file goes on."""

    origin: str
    reason: str
