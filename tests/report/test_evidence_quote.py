"""Evidence quotes: the span set apart inside its sentence, at the right place."""

from __future__ import annotations

from pista.documents import Evidence
from pista.report.evidence import quote

TEXT = "Intro line. Guerrero met Guerrero's brother in Lima. The end."


def test_quote_none_without_evidence() -> None:
    assert quote(None, TEXT) is None


def test_quote_highlights_the_occurrence_the_offsets_name() -> None:
    start = TEXT.index("Guerrero's")
    q = quote(Evidence(start, start + len("Guerrero"), "Guerrero met Guerrero's brother in Lima."), TEXT)
    assert q is not None
    assert q.before == "Guerrero met "
    assert q.focus == "Guerrero"
    assert q.after == "'s brother in Lima."
    assert q.text == "Guerrero met Guerrero's brother in Lima."


def test_quote_without_the_text_shows_the_sentence_unmarked() -> None:
    q = quote(Evidence(1000, 1004, "Arrests were made in Lima today."), None)
    assert q is not None
    assert (q.before, q.focus, q.after) == ("Arrests were made in Lima today.", "", "")


def test_quote_finds_the_span_in_a_sentence_that_was_reworded() -> None:
    start = TEXT.index("Lima")
    q = quote(Evidence(start, start + 4, "He was seen in Lima, police said."), TEXT)
    assert q is not None
    assert (q.before, q.focus, q.after) == ("He was seen in ", "Lima", ", police said.")


def test_quote_keeps_the_sentence_when_offsets_do_not_fit() -> None:
    q = quote(Evidence(500, 510, "A sentence with nothing to mark."), TEXT)
    assert q is not None
    assert q.focus == ""
    assert q.before == "A sentence with nothing to mark."


def test_quote_without_sentence_shows_context_around_the_span() -> None:
    start = TEXT.index("Lima")
    q = quote(Evidence(start, start + 4, ""), TEXT)
    assert q is not None
    assert q.focus == "Lima"
    assert q.before.endswith("brother in ")
    assert q.after.startswith(". The end")


def test_quote_spanish_accents_keep_offsets() -> None:
    text = "La Policía Nacional del Perú capturó a alias Niño en Lima."
    start = text.index("Niño")
    q = quote(Evidence(start, start + 4, text), text)
    assert q is not None
    assert q.focus == "Niño"
    assert q.before == "La Policía Nacional del Perú capturó a alias "
