"""Figures in English and Spanish text: digits, words, collectives and qualifiers."""

from __future__ import annotations

import pytest

from pista.extract.numbers import find_quantities, parse_digits, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,700", 2700),
        ("2.700", 2700),
        ("1 500", 1500),
        ("1,234,567", 1234567),
        ("1.234.567", 1234567),
        ("150", 150),
        ("1.5", 1.5),
        ("1,8", 1.8),
        ("12,5", 12.5),
    ],
)
def test_digits_in_both_conventions(text: str, value: float) -> None:
    assert parse_digits(text) == value


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("fifteen", "en", 15),
        ("twenty-three", "en", 23),
        ("twenty three", "en", 23),
        ("one hundred and fifty", "en", 150),
        ("a hundred", "en", 100),
        ("three thousand two hundred", "en", 3200),
        ("a dozen", "en", 12),
        ("two dozen", "en", 24),
        ("Thirty-one", "en", 31),
        ("1.5 million", "en", 1_500_000),
        ("quince", "es", 15),
        ("veintitrés", "es", 23),
        ("treinta y uno", "es", 31),
        ("ciento cincuenta", "es", 150),
        ("cien", "es", 100),
        ("doscientas", "es", 200),
        ("dos mil trescientos", "es", 2300),
        ("una docena", "es", 12),
        ("1,8 millones", "es", 1_800_000),
        ("5 mil", "es", 5000),
    ],
)
def test_numbers_written_as_words(text: str, lang: str, value: float) -> None:
    assert parse_number(text, lang) == value


@pytest.mark.parametrize(
    ("text", "lang", "value", "qualifier"),
    [
        ("the gang has some 2,700 members", "en", 2700, "about"),
        ("an estimated 5,000 members", "en", 5000, "about"),
        ("nearly 40 people", "en", 40, "about"),
        ("more than 150 members", "en", 150, "more_than"),
        ("at least 23 people", "en", 23, "more_than"),
        ("fewer than ten boats", "en", 10, "less_than"),
        ("más de 150 integrantes", "es", 150, "more_than"),
        ("al menos 5.000 integrantes", "es", 5000, "more_than"),
        ("unos 300 hombres armados", "es", 300, "about"),
        ("casi cuarenta detenidos", "es", 40, "about"),
        ("menos de 20 personas", "es", 20, "less_than"),
        ("capturaron a 16 personas", "es", 16, "exact"),
        ("una treintena de hombres", "es", 30, "about"),
    ],
)
def test_qualifier_is_read_before_the_figure(text: str, lang: str, value: float, qualifier: str) -> None:
    (q,) = find_quantities(text, lang)
    assert (q.value, q.qualifier) == (value, qualifier)
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("dozens of people were detained", "en"),
        ("hundreds of migrants", "en"),
        ("decenas de personas", "es"),
        ("cientos de migrantes", "es"),
        ("a man was detained", "en"),
        ("detuvieron a un hombre", "es"),
    ],
)
def test_vague_collectives_and_articles_are_no_count(text: str, lang: str) -> None:
    assert find_quantities(text, lang) == []


def test_separate_figures_stay_separate() -> None:
    found = find_quantities("between 10,000 and 80,000 soles, one two", "en")
    assert [q.value for q in found] == [10000, 80000, 1, 2]


def test_spans_point_into_the_text() -> None:
    text = "Police arrested fifteen suspects and seized 2.700 dollars."
    found = find_quantities(text, "en")
    assert [text[q.start : q.end] for q in found] == ["fifteen", "2.700"]


def test_parse_number_rejects_text_with_no_single_figure() -> None:
    assert parse_number("no figure here", "en") is None
    assert parse_number("3 and 4", "en") is None
