"""Entity precision: names that are no entities, boundaries that swallow neighbouring words,
and types the parser gets wrong (hand-written English and Spanish sentences)."""

from __future__ import annotations

import pytest

from pista.documents import Entity
from pista.extract.entities import find_entities
from pista.extract.normalize import norm
from pista.extract.pipeline import load_model


def _entities(text: str, lang: str) -> list[Entity]:
    return find_entities(load_model(lang)(text), lang)


def _names(ents: list[Entity]) -> set[str]:
    return {norm(n) for e in ents for n in e.names}


def _by_name(ents: list[Entity], name: str) -> Entity:
    hits = [e for e in ents if norm(name) in {norm(n) for n in e.names}]
    assert len(hits) == 1, [(e.type, e.names) for e in ents]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        ("Washington named the gang a Specially Designated Global Terrorist on Monday.", "en", "designated"),
        ("El gobierno incluyó a la banda como Terrorista Global Especialmente Designado.", "es", "designado"),
        ("The Rewards for Justice Program offers up to 3 million dollars for the fugitive.", "en", "program"),
        ("Prosecutors in Miami charged the men under the Racketeer Influenced Act.", "en", "act"),
        ("La Ley de Extinción de Dominio permitió incautar bienes del Cartel de Sinaloa.", "es", "ley"),
        ("Police launched Operation Dark Harbor against the cartel in Mexico City.", "en", "operation"),
        ("El Operativo Escudo Azul fue desplegado por la Policía Federal en São Paulo.", "es", "operativo"),
        ("La Operación Relámpago terminó con 20 detenidos en Guayaquil.", "es", "operacion"),
        ("The Secretary of State announced new sanctions against Los Choneros.", "en", "secretary"),
    ],
)
def test_designations_laws_operations_and_posts_are_no_entities(text: str, lang: str, absent: str) -> None:
    ents = _entities(text, lang)
    assert not any(absent in name for name in _names(ents)), [(e.type, e.names) for e in ents]


def test_acronym_of_a_designation_is_no_entity() -> None:
    ents = _entities(
        "The department listed the cartel among Foreign Terrorist Organizations (FTO) on Friday.", "en"
    )
    assert "fto" not in _names(ents)
    assert not any("terrorist" in n for n in _names(ents))


def test_post_holder_is_kept_and_body_named_by_post_is_an_agency() -> None:
    ents = _entities("Secretary of State Laura Gómez Ruiz met the Director of the FBI in Bogotá.", "en")
    person = _by_name(ents, "Laura Gómez Ruiz")
    assert person.type == "person" and person.role == "official"
    fbi = [e for e in ents if e.type == "organization"]
    assert [e.subtype for e in fbi] == ["agency"] and "director" not in norm(fbi[0].names[0])


def test_coordinated_field_of_a_post_is_not_an_agency() -> None:
    ents = _entities(
        "Pedro Salas, the Under Secretary for Arms Control and International Security, spoke on Tuesday.",
        "en",
    )
    assert [e.type for e in ents] == ["person"]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "In July 2024 the United States Treasury sanctioned two of its leaders.",
            "en",
            "United States Treasury",
        ),
        (
            "En 2024 la Fiscalía General de la Nación acusó a diez miembros del Clan del Golfo.",
            "es",
            "Fiscalía General de la Nación",
        ),
        (
            "On Tuesday Ecuadorian National Police officers raided a house in Guayaquil.",
            "en",
            "Ecuadorian National Police",
        ),
    ],
)
def test_dates_before_a_body_stay_out_of_its_name(text: str, lang: str, name: str) -> None:
    ents = _entities(text, lang)
    org = _by_name(ents, name)
    assert org.type == "organization" and org.subtype == "agency"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The United States Department of the Treasury froze the accounts in March.", "en"),
        ("El Departamento del Tesoro de Estados Unidos congeló las cuentas en marzo.", "es"),
    ],
)
def test_of_the_inside_an_agency_name_joins(text: str, lang: str) -> None:
    orgs = [e for e in _entities(text, lang) if e.type == "organization"]
    assert len(orgs) == 1 and orgs[0].subtype == "agency", [e.names for e in orgs]
    assert "treasury" in norm(orgs[0].names[0]) or "tesoro" in norm(orgs[0].names[0])


@pytest.mark.parametrize(
    ("text", "lang", "name", "country"),
    [
        ("The Venezuelan Tren de Aragua expanded into Chile in 2018.", "en", "Tren de Aragua", "VE"),
        ("Ecuadorian Los Lobos members were arrested in Quito.", "en", "Los Lobos", "EC"),
        (
            "Brazilian Primeiro Comando da Capital bosses met in Paraguay.",
            "en",
            "Primeiro Comando da Capital",
            "BR",
        ),
    ],
)
def test_nationality_before_a_group_is_its_country_not_its_name(
    text: str, lang: str, name: str, country: str
) -> None:
    group = _by_name(_entities(text, lang), name)
    assert (group.type, group.subtype, group.country) == ("organization", "criminal_group", country)


@pytest.mark.parametrize(
    ("text", "lang", "city", "country"),
    [
        ("Santiago de Chile, 4 de mayo de 2025. La policía detuvo a tres hombres.", "es", "Santiago", "CL"),
        ("Reporters in Bogotá de Colombia confirmed the arrests.", "en", "Bogotá", "CO"),
    ],
)
def test_city_of_country_is_that_city(text: str, lang: str, city: str, country: str) -> None:
    place = _by_name(_entities(text, lang), city)
    assert (place.type, place.subtype, place.country) == ("location", "city", country)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "The killing of Carlos Méndez, a former army lieutenant, was blamed on Los Choneros.",
            "en",
            "Carlos Méndez",
        ),
        (
            "El asesinato de María Torres, exconcejal de Quito, fue atribuido a Los Lobos.",
            "es",
            "María Torres",
        ),
        ("El secuestro del empresario Luis Vera Castro ocurrió en Guayaquil.", "es", "Luis Vera Castro"),
    ],
)
def test_person_governed_by_a_crime_noun_is_a_victim(text: str, lang: str, name: str) -> None:
    person = _by_name(_entities(text, lang), name)
    assert (person.type, person.role) == ("person", "victim")


def test_group_named_before_alias_cue_keeps_its_other_name() -> None:
    ents = _entities("Mara Salvatrucha, known as MS-13, recruits teenagers in San Salvador.", "en")
    group = _by_name(ents, "Mara Salvatrucha")
    assert group.type == "organization" and "MS-13" in group.aliases
    assert not any(e.type == "person" for e in ents)


def test_capitalized_article_inside_a_sentence_belongs_to_the_name() -> None:
    ents = _entities("A rival faction, known as La Barredora, fought in Culiacán.", "en")
    group = [e for e in ents if e.type == "organization"]
    assert [e.names[0] for e in group] == ["La Barredora"]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Troops reached San Juan de los Morros before dawn.", "en", "San Juan de los Morros"),
        ("The cargo flew on an Antonov An-32B from Cali.", "en", "Antonov An-32B"),
        (
            "Los grupos mexicanos son Cárteles Unidos y La Nueva Familia Michoacana.",
            "es",
            "La Nueva Familia Michoacana",
        ),
    ],
)
def test_never_person_shapes(text: str, lang: str, name: str) -> None:
    ents = _entities(text, lang)
    assert not any(e.type == "person" and norm(name) in {norm(n) for n in e.names} for e in ents)


def test_plural_cartel_prefix_is_a_group() -> None:
    group = _by_name(_entities("Cárteles Unidos controla rutas en Michoacán.", "es"), "Cárteles Unidos")
    assert (group.type, group.subtype) == ("organization", "criminal_group")


def test_other_name_of_a_prison_is_a_facility() -> None:
    ents = _entities(
        "Los militares tomaron el Centro Penitenciario de Occidente, conocido como Tocuyito, en Carabobo.",
        "es",
    )
    assert not any(e.type == "person" for e in ents), [(e.type, e.names) for e in ents]
    place = _by_name(ents, "Tocuyito")
    assert (place.type, place.subtype) == ("location", "facility")


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "The Ministry of Public Order said the Rewards for Justice Program pays informants.",
            "en",
            "Ministry of Public Order",
        ),
        (
            "La Operación Relámpago y la Policía Nacional del Ecuador detuvieron a diez personas.",
            "es",
            "Policía Nacional del Ecuador",
        ),
    ],
)
def test_body_next_to_a_designation_survives(text: str, lang: str, name: str) -> None:
    ents = _entities(text, lang)
    assert [e.names[0] for e in ents if e.type == "organization"] == [name]
