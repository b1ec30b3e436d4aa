"""Crimes: found in a parsed document with its entities."""

from __future__ import annotations

from pista.documents import Crime
from pista.extract.context import DocContext


def extract_crimes(ctx: DocContext) -> list[Crime]:
    """Every crime the text states, with evidence and confidence."""
    return []
