"""Ingestion: files and folders in, de-duplicated documents with their sources out.

One reader per format (``pista.ingest.readers``), chosen by suffix through a registry
(``pista.ingest.registry``); ``pista.ingest.pipeline`` normalizes, de-duplicates and stores.
"""

from pista.ingest.dates import normalize_date
from pista.ingest.pipeline import IngestOptions, IngestReport, Observer, Problem, ingest_paths, iter_records
from pista.ingest.records import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import known_suffixes, reader_for, register

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PAGES",
    "BadRecord",
    "IngestOptions",
    "IngestReport",
    "Observer",
    "Problem",
    "RawRecord",
    "ReadOptions",
    "ingest_paths",
    "iter_records",
    "known_suffixes",
    "normalize_date",
    "reader_for",
    "register",
]
