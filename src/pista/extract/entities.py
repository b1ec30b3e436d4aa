"""Entities: people (with aliases), organizations and places named in a parsed document."""

from __future__ import annotations

from spacy.tokens import Doc

from pista.documents import Entity


def find_entities(doc: Doc, lang: str) -> list[Entity]:
    """Every entity the text names, with its mentions, merged within the document."""
    return []
