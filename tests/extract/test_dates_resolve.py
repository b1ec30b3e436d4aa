"""Dates in English and Spanish text, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from pista.extract.dates import agree, find_dates, infer_year, parse_anchor, weekday_before


def values(text: str, lang: str, published: str | None) -> list[str]:
    return [d.value for d in find_dates(text, lang, published)]


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("The raid took place on December 2, 2022.", "en", None, "2022-12-02"),
        ("It happened on 2 December 2022 in Lima.", "en", None, "2022-12-02"),
        ("Dec. 2, 2022: police struck.", "en", None, "2022-12-02"),
        ("La redada fue el 2 de diciembre de 2022.", "es", None, "2022-12-02"),
        ("La redada fue el 02/12/2022.", "es", None, "2022-12-02"),
        ("The raid was on 12/02/2022.", "en", None, "2022-12-02"),
        ("Fecha: 2022-12-02.", "es", None, "2022-12-02"),
        ("El lunes 8 de noviembre de 2021 murió.", "es", None, "2021-11-08"),
    ],
)
def test_absolute_dates(text: str, lang: str, published: str | None, expected: str) -> None:
    assert values(text, lang, published) == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        # the most recent such day not after publication
        ("A December 2 operation in Arequipa.", "en", "2023-01", "2022-12-02"),
        ("On November 11, police struck again.", "en", "2023-01-15", "2022-11-11"),
        ("He spoke on January 10.", "en", "2023-01", "2023-01-10"),
        ("LIMA, Oct. 5 — Police said.", "en", "2023-10-05", "2023-10-05"),
        ("El 2 de diciembre la policía intervino.", "es", "2023-01-20", "2022-12-02"),
        # a year written earlier in the sentence wins
        ("In 2019, on March 3, the gang struck.", "en", "2023-06-01", "2019-03-03"),
        # no publication date: the nearest year written in the text
        ("The gang grew in 2015. On March 3 it struck.", "en", None, "2015-03-03"),
    ],
)
def test_partial_dates_take_their_year_from_context(
    text: str, lang: str, published: str | None, expected: str
) -> None:
    assert values(text, lang, published)[-1] == expected


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        # 2022-02-09 is a Wednesday
        ("He was killed on Tuesday.", "en", "2022-02-09", "2022-02-08"),
        ("Police acted on Wednesday.", "en", "2022-02-09", "2022-02-09"),
        ("Police acted last Wednesday.", "en", "2022-02-09", "2022-02-02"),
        ("It will resume next Monday.", "en", "2022-02-09", "2022-02-14"),
        ("Fue detenido el pasado martes.", "es", "2022-02-09", "2022-02-08"),
        ("Fue detenido el viernes pasado.", "es", "2022-02-09", "2022-02-04"),
        ("La policía informó este miércoles.", "es", "2022-02-09", "2022-02-09"),
        ("Police said yesterday.", "en", "2022-02-09", "2022-02-08"),
        ("La policía informó ayer.", "es", "2022-03-01", "2022-02-28"),
        ("In the early hours of today, police raided homes.", "en", "2025-11-21", "2025-11-21"),
        ("En la madrugada de hoy se ejecutó el operativo.", "es", "2018-03-15", "2018-03-15"),
        ("Police raided homes this morning.", "en", "2025-11-21", "2025-11-21"),
        ("Arrests followed last week.", "en", "2023-03-03", "2023-02"),
        ("Las capturas fueron la semana pasada.", "es", "2023-03-20", "2023-03"),
        ("Earlier this month, police struck.", "en", "2023-03-20", "2023-03"),
        ("El mes pasado hubo capturas.", "es", "2023-01-20", "2022-12"),
        ("Last year the gang grew.", "en", "2023-01-20", "2022"),
        ("Este año la banda creció.", "es", "2023-01-20", "2023"),
    ],
)
def test_relative_dates_are_resolved_against_publication(
    text: str, lang: str, published: str, expected: str
) -> None:
    assert values(text, lang, published) == [expected]


def test_relative_dates_need_a_publication_date() -> None:
    assert values("He was killed on Tuesday, police said yesterday.", "en", None) == []
    assert values("Fue detenido el pasado martes.", "es", "2022-02") == []


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("The gang split in March 2023.", "en", None, "2023-03"),
        ("He was killed in January 2015.", "en", None, "2015-01"),
        ("Fue abatido en mayo de 2016.", "es", None, "2016-05"),
        ("The cell was dismantled in 2022.", "en", None, "2022"),
        ("La célula cayó en 2022.", "es", None, "2022"),
        ("The trial opened in March.", "en", "2024-06-10", "2024-03"),
        ("El juicio empezó en marzo.", "es", "2024-02-10", "2023-03"),
    ],
)
def test_month_and_year_dates(text: str, lang: str, published: str | None, expected: str) -> None:
    assert values(text, lang, published) == [expected]


def test_anaphoric_dates_point_to_the_last_date_written() -> None:
    text = "The offensive began on July 8, 2021, and later that month a reward was offered."
    assert values(text, "en", "2022-02-09") == ["2021-07-08", "2021-07"]
    text_es = "La ofensiva empezó el 8 de julio de 2021 y ese mismo mes se ofreció una recompensa."
    assert values(text_es, "es", None) == ["2021-07-08", "2021-07"]


@pytest.mark.parametrize(
    "text",
    [
        "More than 2,700 members.",
        "The gang grew in the 1990s.",
        "He may be extradited.",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert find_dates(text, "en", "2024-01-10") == []


def test_spanish_abbreviations_need_a_day() -> None:
    assert find_dates("Cruzaron el mar de noche hacia la costa.", "es", "2024-01-10") == []
    assert values("Llegó el 3 de mar. de 2020.", "es", None) == ["2020-03-03"]


def test_spans_point_into_the_text() -> None:
    text = "LIMA, Oct. 5 — Police struck on Thursday."
    found = find_dates(text, "en", "2023-10-05")
    assert [text[d.start : d.end] for d in found] == ["Oct. 5", "Thursday"]
    assert [d.precision for d in found] == ["day", "day"]


def test_helpers() -> None:
    assert parse_anchor("2023-01") is not None
    assert parse_anchor("2023-01").last_day == dt.date(2023, 1, 31)  # type: ignore[union-attr]
    assert parse_anchor("garbage") is None
    assert parse_anchor("2023-13-01") is None
    assert weekday_before(dt.date(2022, 2, 9), 2, strictly=True) == dt.date(2022, 2, 2)
    assert infer_year(12, 25, parse_anchor("2023-01-10")) == 2022
    assert infer_year(12, 25, None) is None
    assert agree("2022-12", "2022-12-02") and agree(None, "2022") and not agree("2022-11", "2022-12-02")


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        ("Between March 25 and 27, 2022, 80 people died.", "en", None, "2022-03"),
        ("From 3 to 5 May 2021 the gangs fought.", "en", None, "2021-05"),
        ("Entre el viernes 25 y el domingo 27 de marzo de 2022 murieron 80 personas.", "es", None, "2022-03"),
        ("Del 3 al 5 de mayo de 2021 hubo ataques.", "es", None, "2021-05"),
    ],
)
def test_a_day_range_gives_its_month(text: str, lang: str, published: str | None, expected: str) -> None:
    assert values(text, lang, published)[0] == expected


@pytest.mark.parametrize(
    ("text", "lang", "published", "expected"),
    [
        # a weekday anchors to the full date told before it in the same paragraph
        (
            "El domingo 27 de marzo de 2022 hubo 60 muertos. El domingo, el Congreso votó.",
            "es",
            "2023-03-27",
            "2022-03-27",
        ),
        (
            "On Friday, March 4, 2022, gangs struck. On Sunday, troops deployed.",
            "en",
            "2023-01-10",
            "2022-03-06",
        ),
        # the dateline, not a later publication date, anchors "on Wednesday" (2025-06-26 is a Thursday)
        ("QUITO, Jun 26 — Troops on Wednesday captured him.", "en", "2025-06-30", "2025-06-25"),
        # with no full date before, the publication date
        ("Police acted on Tuesday.", "en", "2022-02-09", "2022-02-08"),
    ],
)
def test_weekdays_follow_the_narration(text: str, lang: str, published: str | None, expected: str) -> None:
    assert values(text, lang, published)[-1] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The riot began on January 7, 2024. Two days later, gunmen attacked a station.", "en", "2024-01-09"),
        ("El motín empezó el 7 de enero de 2024. Tres días después hubo otro ataque.", "es", "2024-01-10"),
        # a partial date takes the year of the full date told before it in the paragraph
        ("El motín empezó el 7 de enero de 2024. El 9 de enero hubo otro ataque.", "es", "2024-01-09"),
    ],
)
def test_dates_counted_from_the_last_date_told(text: str, lang: str, expected: str) -> None:
    assert values(text, lang, "2025-06-26")[-1] == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Raids in 2011 and 2015 failed.", "en", ["2011", "2015"]),
        ("Hubo redadas en 2011 y 2015.", "es", ["2011", "2015"]),
        ("La Corte aprobó la extradición a comienzos de año.", "es", ["2024"]),
        ("The court approved it early this year.", "en", ["2024"]),
    ],
)
def test_coordinated_years_and_start_of_year(text: str, lang: str, expected: list[str]) -> None:
    assert values(text, lang, "2024-05-06") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("QUITO, May 3, 2024 — Police said today that the raid ended.", "en", ["2024-05-03", "2024-05-03"]),
        ("Cali, 3 de mayo de 2024.– Ayer fue capturado el cabecilla.", "es", ["2024-05-03", "2024-05-02"]),
    ],
)
def test_today_is_told_from_the_dateline(text: str, lang: str, expected: list[str]) -> None:
    # published the day after the dateline: "today" is the dateline's day
    assert values(text, lang, "2024-05-04") == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("He was arrested on March 3, 2024. The next day he was charged.", "en", "2024-03-04"),
        ("Fue detenido el 3 de marzo de 2024. Al día siguiente fue imputado.", "es", "2024-03-04"),
        ("The raid was on March 3, 2024; the previous day, agents met.", "en", "2024-03-02"),
    ],
)
def test_the_next_day_counts_from_the_last_day_told(text: str, lang: str, expected: str) -> None:
    assert values(text, lang, "2024-05-10")[-1] == expected


def test_the_next_day_without_a_day_told_is_unresolved() -> None:
    assert values("In 2024 he was arrested. The next day he was charged.", "en", "2024-05-10") == ["2024"]


def test_the_day_after_an_event_is_not_counted_from_the_last_date() -> None:
    text = "Fue capturado el 3 de marzo de 2024. La respuesta llegó al día siguiente de la extradición."
    assert values(text, "es", "2024-05-10") == ["2024-03-03"]
