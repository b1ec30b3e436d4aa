"""Entity rules on hand-written English and Spanish sentences."""

from __future__ import annotations

import pytest

from pista.documents import Entity
from pista.extract.entities import find_entities
from pista.extract.gazetteer import gazetteer
from pista.extract.normalize import norm
from pista.extract.pipeline import load_model


def _entities(text: str, lang: str) -> list[Entity]:
    return find_entities(load_model(lang)(text), lang)


def _by_name(ents: list[Entity], name: str) -> Entity:
    hits = [e for e in ents if norm(name) in {norm(n) for n in e.names}]
    assert len(hits) == 1, [e.names for e in ents]
    return hits[0]


def test_norm_drops_accents_articles_and_possessive() -> None:
    assert norm("El Tren de Aragua’s") == "tren de aragua"
    assert norm("Policía\u200b Nacional") == "policia nacional"


@pytest.mark.parametrize(
    ("name", "subtype", "country"),
    [
        ("Lima", "city", "PE"),
        ("Perú", "country", "PE"),
        ("Caribbean", "area", None),
        ("Aragua", "region", "VE"),
    ],
)
def test_gazetteer_resolves(name: str, subtype: str, country: str | None) -> None:
    place = gazetteer().resolve(name, ["PE"])
    assert place is not None and (place.subtype, place.country) == (subtype, country)


def test_surname_and_alias_join_the_person() -> None:
    ents = _entities(
        "Police arrested Carlos Alberto Peña Ortiz, a.k.a. Tiburón, in Caracas. "
        "Peña Ortiz was later moved. Tiburón denied the charges.",
        "en",
    )
    person = _by_name(ents, "Carlos Alberto Peña Ortiz")
    assert {"Peña Ortiz", "Tiburón"} <= set(person.names)
    assert person.aliases == ["Tiburón"]
    assert person.role == "criminal"
    assert len(person.mentions) == 4


def test_title_is_not_a_name_and_sets_official() -> None:
    ents = _entities("Colonel Marta Díaz said the operation was a success.", "en")
    person = _by_name(ents, "Marta Díaz")
    assert person.names == ["Marta Díaz"]
    assert person.role == "official"


def test_acronym_in_parentheses_joins_later_mentions() -> None:
    ents = _entities(
        "La Guardia Nacional Bolivariana (GNB) detuvo a dos hombres. Luego la GNB informó del hecho.", "es"
    )
    gnb = _by_name(ents, "GNB")
    assert gnb.subtype == "agency" and gnb.country == "VE"
    assert "GNB" in gnb.aliases and len(gnb.mentions) == 3


def test_faction_of_a_group_is_split() -> None:
    ents = _entities("Detuvieron a miembros de la célula Los Trinitarios del Tren de Aragua.", "es")
    assert _by_name(ents, "Los Trinitarios").subtype == "faction"
    assert _by_name(ents, "Tren de Aragua").subtype == "criminal_group"


def test_demonyms_and_months_are_not_entities() -> None:
    ents = _entities("Venezuelan migrants arrived in March. Peruvian officials met on Monday.", "en")
    assert ents == []


def test_expert_is_not_a_member() -> None:
    ents = _entities("“The gang is growing,” said analyst Jorge Paredes, a researcher at a university.", "en")
    assert _by_name(ents, "Jorge Paredes").role == "expert"


def test_ids_follow_first_mention() -> None:
    ents = _entities("Chile and Peru signed an agreement with Bolivia.", "en")
    assert [e.id for e in ents] == ["e1", "e2", "e3"]
    assert [e.names[0] for e in ents] == ["Chile", "Peru", "Bolivia"]


def test_possessive_owner_is_split_and_gives_the_country() -> None:
    ents = _entities("Paraguay's National Police arrested him near Asunción.", "en")
    police = _by_name(ents, "National Police")
    assert police.subtype == "agency" and police.country == "PY"
    assert _by_name(ents, "Paraguay").type == "location"


def test_agency_name_with_a_list_stays_whole() -> None:
    text = "The Ministry of Interior, Justice and Peace said Venezuela, Colombia and Peru met."
    ents = _entities(text, "en")
    assert _by_name(ents, "Ministry of Interior, Justice and Peace").subtype == "agency"
    assert {"Venezuela", "Colombia", "Peru"} <= {e.names[0] for e in ents}


def test_counted_nickname_list_names_several_people() -> None:
    ents = _entities('Police sought three bosses known as "Cochino", "Piojo" and "Tuerto".', "en")
    people = [e for e in ents if e.type == "person"]
    assert sorted(e.names[0] for e in people) == ["Cochino", "Piojo", "Tuerto"]


def test_nicknames_after_one_cue_belong_to_one_person() -> None:
    text = 'Detuvieron a Mario Ruiz Paz, a quien apodaban "El Gato" y "El Tigre", en Caracas.'
    person = _by_name(_entities(text, "es"), "Mario Ruiz Paz")
    assert set(person.aliases) == {"El Gato", "El Tigre"}
