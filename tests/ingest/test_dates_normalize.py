"""Publication dates become ISO strings; day-first numeric dates; unknown forms raise ValueError."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pista.ingest import normalize_date


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2023-01-05", "2023-01-05"),
        ("2023-01-05T10:00:00Z", "2023-01-05"),
        ("2023-01-05T23:30:00-05:00", "2023-01-05"),  # the local date, not moved to UTC
        ("2023-01", "2023-01"),
        ("2023", "2023"),
        ("2023/1/5", "2023-01-05"),
        ("20230105", "2023-01-05"),
        ("05/01/2023", "2023-01-05"),  # day first
        ("5.1.2023", "2023-01-05"),
        ("05-01-23", "2023-01-05"),
        ("01/25/2023", "2023-01-25"),  # cannot be day first
        ("Thu, 05 Jan 2023 10:00:00 +0000", "2023-01-05"),
        ("5 January 2023", "2023-01-05"),
        ("January 5th, 2023", "2023-01-05"),
        ("Jan. 5, 2023, 10:30 a.m. EST", "2023-01-05"),
        ("5 de enero de 2023", "2023-01-05"),
        ("Sábado 7 de septiembre de 2024 - 10:15", "2024-09-07"),
        ("1º de setiembre de 2024", "2024-09-01"),
        ("enero de 2023", "2023-01"),
        ("  March 2024 ", "2024-03"),
        (datetime(2024, 2, 29, 23, 59, tzinfo=timezone(timedelta(hours=-5))), "2024-02-29"),
        (date(2020, 12, 31), "2020-12-31"),
    ],
)
def test_known_forms_become_iso(raw: str | date, iso: str) -> None:
    assert normalize_date(raw) == iso


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_empty_is_none(empty: str | None) -> None:
    assert normalize_date(empty) is None


@pytest.mark.parametrize(
    "raw",
    ["next tuesday", "2023-02-30", "13/13/2023", "yesterday", "1850", "5 5 2023", "32 de enero de 2023"],
)
def test_unknown_or_impossible_dates_raise(raw: str) -> None:
    with pytest.raises(ValueError):
        normalize_date(raw)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_iso_output_is_a_fixed_point(day: date) -> None:
    iso = normalize_date(day)
    assert iso == day.isoformat()
    assert normalize_date(iso) == iso
    assert normalize_date(day.strftime("%d/%m/%Y")) == iso
    assert normalize_date(day.strftime("%d %B %Y")) == iso
