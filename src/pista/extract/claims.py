"""Claims: found in a parsed document with its entities."""

from __future__ import annotations

from pista.documents import Claim
from pista.extract.context import DocContext


def extract_claims(ctx: DocContext) -> list[Claim]:
    """Every claim the text states, with evidence and confidence."""
    return []
