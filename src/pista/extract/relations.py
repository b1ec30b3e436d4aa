"""Relations: found in a parsed document with its entities."""

from __future__ import annotations

from pista.documents import Relation
from pista.extract.context import DocContext


def extract_relations(ctx: DocContext) -> list[Relation]:
    """Every relation the text states, with evidence and confidence."""
    return []
