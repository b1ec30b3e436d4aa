"""Periods (--since/--until) and the corpus they select from a resolved store."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_samples import fill_store

from pista.analysis.corpus import Period, load_corpus
from pista.errors import PistaError
from pista.store import connect


@pytest.mark.parametrize(
    ("date", "since", "until", "inside"),
    [
        ("2023-05-04", "2023-05-01", "2023-05-31", True),
        ("2023-05-04", "2023-06", None, False),
        ("2023-05", "2023-05-20", None, True),  # a month overlaps a day inside it
        ("2023", None, "2022-12-31", False),
        ("2024-01-22", None, "2024", True),
        (None, "2020", None, False),
        (None, None, None, True),
    ],
)
def test_period_contains_dates_of_any_precision(
    date: str | None, since: str | None, until: str | None, inside: bool
) -> None:
    assert Period(since, until).contains(date) is inside


def test_period_rejects_bad_dates_and_reversed_bounds() -> None:
    with pytest.raises(PistaError, match="not an ISO date"):
        Period("May 2023")
    with pytest.raises(PistaError, match="after"):
        Period("2024-01-01", "2023-12-31")


def test_corpus_keeps_documents_and_events_of_the_period(db_url: str) -> None:
    ids = fill_store(db_url)
    engine = connect(db_url)
    try:
        everything = load_corpus(engine)
        assert set(everything.documents) == set(ids.values())
        assert len(everything.events) == 2  # the Lima raid reported twice is one event
        before = load_corpus(engine, Period(until="2023-12-31"))
        assert set(before.documents) == {ids["a"], ids["b"]}
        assert [e["date"][:4] for e in before.events] == ["2023"]
        assert "org-los-trinitarios" not in before.entities
        after = load_corpus(engine, Period(since="2024-01-01"))
        assert set(after.documents) == {ids["c"], ids["d"]}
        assert [e["date"] for e in after.events] == ["2024-01-20"]
        assert after.majority("per-hector-guerrero", "role") == "criminal"
    finally:
        engine.dispose()


def test_an_empty_store_loads_as_an_empty_corpus(tmp_path: Path) -> None:
    engine = connect(str(tmp_path / "empty.db"))
    corpus = load_corpus(engine, Period("2024"))
    engine.dispose()
    assert not corpus.resolved
    assert corpus.documents == {} and corpus.events == []
