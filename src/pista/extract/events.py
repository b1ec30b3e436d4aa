"""Events: found in a parsed document with its entities."""

from __future__ import annotations

from pista.documents import Event
from pista.extract.context import DocContext


def extract_events(ctx: DocContext) -> list[Event]:
    """Every event the text states, with evidence and confidence."""
    return []
