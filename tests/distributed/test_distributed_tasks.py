"""The worker's batch function: one failing text is reported alone, the others are analysed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pytest

from pista.distributed import Failure, analyse_texts, analyse_texts_json, tasks
from pista.documents import Analysis
from pista.extract import Text


def _fragile(texts: Iterable[Text], *, batch_size: int = 32) -> Iterator[Analysis]:
    """Stands in for the extractors: fails on any batch holding a text with 'BOOM'."""
    items = list(texts)
    if any("BOOM" in item.text for item in items):
        raise ValueError("cannot parse")
    for item in items:
        yield Analysis(doc_id=item.doc_id, lang=item.lang, published=None)


def test_a_failing_text_costs_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "analyze_many", _fragile)
    texts = [Text("Police arrested two men.", "en", doc_id="a"), Text("BOOM", "en", doc_id="b")]
    texts.append(Text("La policía detuvo a dos hombres.", "es", doc_id="c"))
    results = analyse_texts(texts)
    assert [type(r) for r in results] == [Analysis, Failure, Analysis]
    assert [r.doc_id for r in results] == ["a", "b", "c"]
    failure = results[1]
    assert isinstance(failure, Failure) and "ValueError: cannot parse" in failure.reason


def test_json_results_are_the_stored_encoding_and_keep_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "analyze_many", _fragile)
    texts = [Text("La Fiscalía acusó a Peña.", "es", doc_id="ñ"), Text("BOOM", "en", doc_id="b")]
    results = analyse_texts_json(texts)
    assert isinstance(results[1], Failure) and results[1].doc_id == "b"
    encoded = results[0]
    assert isinstance(encoded, str) and "ñ" in encoded  # not escaped, as the store writes it
    assert Analysis.from_dict(json.loads(encoded)) == Analysis(doc_id="ñ", lang="es", published=None)
    assert encoded == json.dumps(
        Analysis(doc_id="ñ", lang="es", published=None).to_dict(), ensure_ascii=False
    )
