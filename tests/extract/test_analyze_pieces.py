"""The orchestrator: empty and odd input, long texts analysed in pieces."""

from __future__ import annotations

import importlib

import pytest

from pista.extract import analyze

analyze_module = importlib.import_module("pista.extract.analyze")


def test_empty_text_gives_empty_analysis() -> None:
    result = analyze("   ", "en")
    assert result.entities == [] and result.warnings == []


def test_odd_unicode_does_not_crash() -> None:
    text = "El\u200b Tren de Aragua «opera» en Lima\u00ad. 漢字 😀 “alias” ‘X’"
    result = analyze(text, "es")
    assert all(text[m.start : m.end] == m.text for e in result.entities for m in e.mentions)


def test_split_pieces_keeps_every_character() -> None:
    text = ("Paragraph one about Lima.\n\n" * 50) + "x" * 300
    pieces = analyze_module.split_pieces(text, limit=200)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 200 for _, p in pieces)
    assert all(text[off : off + len(p)] == p for off, p in pieces)


def test_long_text_merges_entities_across_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyze_module, "MAX_PIECE_CHARS", 120)
    para = "The Peruvian National Police (PNP) arrested members of the Tren de Aragua in Lima."
    text = "\n\n".join([para] * 4)
    result = analyze(text, "en")
    names = [e.names[0] for e in result.entities]
    assert names.count("Tren de Aragua") == 1
    tda = next(e for e in result.entities if e.names[0] == "Tren de Aragua")
    assert len(tda.mentions) == 4
    assert all(text[m.start : m.end] == m.text for e in result.entities for m in e.mentions)
    assert [e.id for e in result.entities] == [f"e{i + 1}" for i in range(len(result.entities))]
