"""One exception tree for pista: every failure a user can meet is a PistaError."""

from __future__ import annotations


class PistaError(Exception):
    """Base of every error pista raises on purpose; the message says what to do."""


class ConfigError(PistaError):
    """A setting (database URL, model name, limit) is missing or wrong."""


class StoreError(PistaError):
    """The store cannot be opened, migrated or written."""


class IngestError(PistaError):
    """A file or record cannot be turned into a document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ExtractionError(PistaError):
    """A text cannot be analysed (model missing, text unusable)."""
