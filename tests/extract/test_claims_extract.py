"""Member-count claims from small English and Spanish texts with hand-built entities."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from pista.documents import Entity, Mention
from pista.extract.claims import extract_claims
from pista.extract.context import DocContext
from pista.extract.pipeline import load_model

pytestmark = pytest.mark.model

EntitySpec = tuple[str, str, str | None, list[str]]


@pytest.fixture(scope="module")
def nlp_en() -> Language:
    return load_model("en")


@pytest.fixture(scope="module")
def nlp_es() -> Language:
    return load_model("es")


def make_ctx(nlp: Language, text: str, lang: str, specs: list[EntitySpec]) -> DocContext:
    doc = nlp(text)
    entities = []
    for eid, etype, subtype, names in specs:
        mentions = [
            Mention(name, m.start(), m.end())
            for name in names
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
        ]
        mentions.sort(key=lambda x: x.start)
        entities.append(Entity(id=eid, type=etype, names=names, subtype=subtype, mentions=mentions))  # type: ignore[arg-type]
    return DocContext(doc=doc, lang=lang, published=None, entities=entities)


GROUP = ("g", "organization", "criminal_group", ["Los Halcones"])


def claims_of(nlp: Language, text: str, lang: str, specs: list[EntitySpec]) -> list[tuple[object, ...]]:
    return [
        (c.subject, c.attribute, c.value, c.qualifier, c.location)
        for c in extract_claims(make_ctx(nlp, text, lang, specs))
    ]


def test_english_size_statement(nlp_en: Language) -> None:
    text = "Los Halcones has some 2,700 members, according to analysts."
    assert claims_of(nlp_en, text, "en", [GROUP]) == [("g", "member_count", 2700, "about", None)]


def test_figure_for_one_place_and_earlier_subject(nlp_en: Language) -> None:
    text = "Los Halcones is expanding. The criminal organization has more than 150 members in Cusco."
    specs = [GROUP, ("c", "location", "city", ["Cusco"])]
    assert claims_of(nlp_en, text, "en", specs) == [("g", "member_count", 150, "more_than", "c")]


def test_spanish_size_statements(nlp_es: Language) -> None:
    text = (
        "Según la policía, Los Halcones cuenta con unos 300 hombres armados. "
        "Un analista calcula que Los Halcones reúne al menos 5.000 integrantes y que tiene presencia en Chile."
    )
    specs = [GROUP, ("cl", "location", "country", ["Chile"])]
    assert claims_of(nlp_es, text, "es", specs) == [
        ("g", "member_count", 300, "about", None),
        ("g", "member_count", 5000, "more_than", None),
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Police arrested 15 members of Los Halcones on Monday.", "en"),
        ("The court sentenced 34 members of Los Halcones.", "en"),
        ("Fueron capturados 16 integrantes de Los Halcones.", "es"),
        ("Los Halcones extorted 40 shops and 12 companies.", "en"),
    ],
)
def test_arrests_and_other_figures_are_no_claims(text: str, lang: str) -> None:
    assert claims_of(load_model(lang), text, lang, [GROUP]) == []


def test_no_group_no_claim(nlp_en: Language) -> None:
    assert claims_of(nlp_en, "The network has some 2,700 members.", "en", []) == []


def test_a_range_is_one_claim_about_its_midpoint(nlp_en: Language) -> None:
    text = "Los Halcones is believed to have between 5,000 and 6,000 members."
    assert claims_of(nlp_en, text, "en", [GROUP]) == [("g", "member_count", 5500, "about", None)]


def test_spanish_participles_and_scaled_figures(nlp_es: Language) -> None:
    text = (
        "La banda Los Halcones, integrada por unos 8.000 miembros, opera en la costa. "
        "Según la policía, Los Halcones tiene más de 12 mil integrantes en todo el país."
    )
    assert claims_of(nlp_es, text, "es", [GROUP]) == [
        ("g", "member_count", 8000, "about", None),
        ("g", "member_count", 12000, "more_than", None),
    ]


def test_subject_named_after_a_with_phrase(nlp_en: Language) -> None:
    text = "With an estimated 4,000 members, Los Halcones is the largest gang in Peru."
    assert claims_of(nlp_en, text, "en", [GROUP]) == [("g", "member_count", 4000, "about", None)]


def test_with_phrase_after_the_group(nlp_es: Language) -> None:
    text = "Los Halcones, una banda nacida en Tumbes, con unos 500 integrantes, domina el puerto."
    assert claims_of(nlp_es, text, "es", [GROUP]) == [("g", "member_count", 500, "about", None)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Los Halcones' 4,000 members control the port.", "en"),
        ("Los 4.000 integrantes de Los Halcones controlan el puerto.", "es"),
    ],
)
def test_the_whole_membership_of_a_named_group(request: pytest.FixtureRequest, text: str, lang: str) -> None:
    nlp = request.getfixturevalue("nlp_en" if lang == "en" else "nlp_es")
    assert claims_of(nlp, text, lang, [GROUP]) == [("g", "member_count", 4000, "exact", None)]


def test_some_members_of_a_group_are_no_claim(nlp_es: Language) -> None:
    text = "Cuarenta integrantes de Los Halcones asistieron a la fiesta."
    assert claims_of(nlp_es, text, "es", [GROUP]) == []
