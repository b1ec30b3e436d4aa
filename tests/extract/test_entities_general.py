"""General entity patterns (headings, initials, nicknames, factions, places by grammar,
countries) on hand-written English and Spanish text."""

from __future__ import annotations

import pytest

from pista.documents import Entity
from pista.extract.entities import find_entities
from pista.extract.gazetteer import gazetteer
from pista.extract.normalize import norm
from pista.extract.pipeline import load_model


def _entities(text: str, lang: str) -> list[Entity]:
    return find_entities(load_model(lang)(text), lang)


def _find(ents: list[Entity], name: str) -> Entity | None:
    hits = [e for e in ents if norm(name) in {norm(n) for n in e.names}]
    assert len(hits) <= 1, [e.names for e in ents]
    return hits[0] if hits else None


def _by_name(ents: list[Entity], name: str) -> Entity:
    found = _find(ents, name)
    assert found is not None, [e.names for e in ents]
    return found


# ------------------------------------------------------------------ headings and datelines
def test_dateline_month_and_heading_word_are_not_names() -> None:
    ents = _entities(
        "LIMA, Mar 3 — Police detained Rosa Elena Quispe in Callao.\n\nContexto\n"
        "La banda operaba desde 2019.",
        "en",
    )
    names = {norm(n) for e in ents for n in e.names}
    assert "mar" not in names
    assert "contexto" not in names
    assert _by_name(ents, "Rosa Elena Quispe").type == "person"


def test_all_capitals_heading_is_not_an_organization() -> None:
    ents = _entities(
        "RESUMEN SEMANAL\nLa Policía Nacional del Perú capturó a Luis Ramos Tello en Lima.", "es"
    )
    assert _find(ents, "RESUMEN SEMANAL") is None
    assert _by_name(ents, "Policía Nacional del Perú").subtype == "agency"


def test_names_of_orders_and_designations_are_not_people() -> None:
    ents = _entities(
        "The sanctions were imposed under the Kingpin Designation Act after a Transnational "
        "Criminal Organization listing of the gang.",
        "en",
    )
    assert not [e for e in ents if e.type == "person"]


# ------------------------------------------------------------------ people
def test_middle_initial_keeps_the_name_whole() -> None:
    ents = _entities("Mark T. Rollins, the agency's director, announced the charges.", "en")
    person = _by_name(ents, "Mark T. Rollins")
    assert person.type == "person"


def test_nickname_between_given_name_and_surname() -> None:
    ents = _entities(
        'Drug lord Ramón "El Güero" Ledesma arrested\n\n'
        "Ramón Ledesma Fuentes was detained on Friday. Ledesma had been hiding in a ranch.",
        "en",
    )
    person = _by_name(ents, "Ramón Ledesma Fuentes")
    assert "El Güero" in person.aliases
    assert not [e for e in ents if e.names == ["Ramón"]]


def test_quoted_alias_after_aka() -> None:
    ents = _entities('Officers arrested Julio César Bravo Mena, a.k.a. "Toro", on Monday.', "en")
    person = _by_name(ents, "Julio César Bravo Mena")
    assert person.aliases == ["Toro"]


def test_brothers_sharing_surnames_stay_apart() -> None:
    ents = _entities(
        "El grupo lo dirigía Pedro Luis Cárdenas Rojas, alias 'Coco'. Tras su muerte, su hermano "
        "Andrés Felipe Cárdenas Rojas, alias 'Pelusa', tomó el mando.",
        "es",
    )
    pedro = _by_name(ents, "Pedro Luis Cárdenas Rojas")
    andres = _by_name(ents, "Andrés Felipe Cárdenas Rojas")
    assert pedro.id != andres.id
    assert pedro.aliases == ["Coco"] and andres.aliases == ["Pelusa"]


def test_agency_heading_does_not_lend_its_words_to_an_alias() -> None:
    ents = _entities(
        "Policía Nacional de Colombia\nComunicado\n\nCapturado alias 'Tigre', cabecilla de la banda.",
        "es",
    )
    police = _by_name(ents, "Policía Nacional de Colombia")
    assert police.type == "organization" and police.country == "CO"
    tigre = _by_name(ents, "Tigre")
    assert tigre.type == "person" and "Colombia" not in tigre.names


def test_people_listed_after_a_role_share_it() -> None:
    ents = _entities(
        "La fiscalía investiga a dos funcionarios hondureños, Mario Ortega Paz y Lidia Romero, "
        "por presunto soborno.",
        "es",
    )
    lidia = _by_name(ents, "Lidia Romero")
    assert lidia.role == "official" and lidia.country == "HN"


def test_a_boss_with_a_nickname_is_a_criminal() -> None:
    ents = _entities(
        "La banda se dividió tras la muerte de su jefe, Óscar Medina Luna, apodado 'Chino'.",
        "es",
    )
    assert _by_name(ents, "Óscar Medina Luna").role == "criminal"


# ------------------------------------------------------------------ organizations
def test_para_joins_a_body_name() -> None:
    ents = _entities("El caso pasó a la Comisión Especial para la Verdad (CEV) el martes.", "es")
    body = _by_name(ents, "Comisión Especial para la Verdad")
    assert "CEV" in body.names
    assert _find(ents, "Verdad") is None


def test_faction_named_after_a_faction_noun_and_alias_cue() -> None:
    ents = _entities(
        "The cartel split. The faction based in the northern hills, known as Los Primos, "
        "fought the faction led by his nephews, known as La Sobrinada.",
        "en",
    )
    assert _by_name(ents, "Los Primos").subtype == "faction"
    assert _by_name(ents, "La Sobrinada").subtype == "faction"


def test_names_listed_after_a_plural_faction_noun() -> None:
    ents = _entities(
        "La Mara Salvatrucha se enfrenta a las dos facciones del Barrio 18, los Norteños y los Leales.",
        "es",
    )
    for name in ("Norteños", "Leales"):
        faction = _by_name(ents, name)
        assert (faction.type, faction.subtype, faction.country) == ("organization", "faction", "SV")


def test_nickname_of_a_person_is_not_a_faction() -> None:
    ents = _entities(
        "The faction, which takes orders from alias Flaco, controls the port.",
        "en",
    )
    assert _by_name(ents, "Flaco").type == "person"


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        (
            "El Ejército Revolucionario del Pueblo atacó un puesto militar.",
            "es",
            "Ejército Revolucionario del Pueblo",
        ),
        (
            "Según la fiscalía, las Autodefensas Campesinas del Norte cobran extorsiones.",
            "es",
            "Autodefensas Campesinas del Norte",
        ),
        (
            "Brazil's Comando Vermelho fights the Segundo Comando Leal for control of the slums.",
            "en",
            "Segundo Comando Leal",
        ),
    ],
)
def test_armed_groups_are_not_state_agencies(text: str, lang: str, name: str) -> None:
    assert _by_name(_entities(text, lang), name).subtype == "criminal_group"


def test_state_army_stays_an_agency() -> None:
    ents = _entities("El Ejército Nacional desplegó tropas en la frontera.", "es")
    assert _by_name(ents, "Ejército Nacional").subtype == "agency"


def test_international_body_takes_no_country() -> None:
    ents = _entities("Interpol issued a red notice; Peruvian police arrested him in Lima.", "en")
    assert _by_name(ents, "Interpol").country is None


# ------------------------------------------------------------------ places
def test_unknown_town_after_locative_preposition() -> None:
    ents = _entities("Los sicarios fueron capturados en Ticuantepe, Managua, el domingo.", "es")
    town = _by_name(ents, "Ticuantepe")
    assert (town.type, town.subtype, town.country) == ("location", "city", "NI")


def test_place_noun_with_de_makes_a_region_even_when_parsed_as_person() -> None:
    ents = _entities("El operativo ocurrió en la subregión de Montemayor, cerca del río.", "es")
    region = _by_name(ents, "Montemayor")
    assert (region.type, region.subtype) == ("location", "region")


def test_prison_noun_right_before_a_name() -> None:
    ents = _entities("Fue trasladado a la cárcel La Esperanza, en Quito, la semana pasada.", "es")
    prison = _by_name(ents, "La Esperanza")
    assert prison.type == "location" and prison.subtype == "facility"


def test_prison_noun_after_a_modifier() -> None:
    ents = _entities("He is serving his sentence at the Hollow Creek supermax prison in Nevada.", "en")
    prison = _by_name(ents, "Hollow Creek")
    assert prison.subtype == "facility" and prison.country == "US"


def test_detention_center_and_its_acronym_are_one_facility() -> None:
    ents = _entities(
        "El Centro de Detención Preventiva del Sur (CDPS) recibió a 300 reos. El CDPS está en Guatemala.",
        "es",
    )
    center = _by_name(ents, "Centro de Detención Preventiva del Sur")
    assert center.type == "location" and center.subtype == "facility"
    assert "CDPS" in center.names


def test_short_name_joins_the_longer_place() -> None:
    ents = _entities(
        "Police raided slums in Rio de Janeiro on Tuesday. In Rio, the gang still controls the hills.", "en"
    )
    rio = _by_name(ents, "Rio de Janeiro")
    assert "Rio" in rio.names


def test_departments_of_the_story_country_win_over_famous_cities() -> None:
    ents = _entities(
        "La Policía de Colombia reportó bloqueos en Antioquia, Córdoba y Sucre, tres departamentos "
        "del norte de Colombia.",
        "es",
    )
    for name in ("Córdoba", "Sucre"):
        assert _by_name(ents, name).country == "CO"


def test_gazetteer_prefers_the_documents_country() -> None:
    place = gazetteer().resolve("Córdoba", {"CO": 4})
    assert place is not None and place.country == "CO"


# ------------------------------------------------------------------ the story's country
def test_home_country_comes_from_where_the_story_happens() -> None:
    ents = _entities(
        "SAN SALVADOR — La Policía Nacional Civil capturó a 40 pandilleros en San Miguel, "
        "El Salvador. En El Salvador rige un régimen de excepción. Estados Unidos sancionó "
        "a un funcionario en 2021, según el Departamento de Estado.",
        "es",
    )
    assert _by_name(ents, "Policía Nacional Civil").country == "SV"


def test_a_common_word_in_a_body_name_is_no_foreign_town() -> None:
    ents = _entities(
        "La Defensoría del Pueblo de Colombia alertó sobre ataques en Antioquia; Estados Unidos "
        "pidió la extradición.",
        "es",
    )
    assert _by_name(ents, "Defensoría del Pueblo de Colombia").country == "CO"


def test_body_with_a_place_in_its_name_takes_that_country() -> None:
    ents = _entities(
        "La Fiscalía del Distrito Sur de Nueva York acusó a tres peruanos detenidos en Lima, Perú.",
        "es",
    )
    assert _by_name(ents, "Fiscalía del Distrito Sur de Nueva York").country == "US"


def test_newspaper_name_needs_its_article() -> None:
    ents = _entities(
        "El presidente de la República habló tras la captura. El diario La República publicó la foto.",
        "es",
    )
    paper = _by_name(ents, "La República")
    assert paper.subtype == "media"
    assert all(m.text != "República" for m in paper.mentions)


def test_mountain_and_island_names_are_areas_in_the_story_country() -> None:
    ents = _entities(
        "Soldiers searched the Sierra de Perijá near Maracaibo, Venezuela, and the police patrolled "
        "Isla Margarita.",
        "en",
    )
    sierra = _by_name(ents, "Sierra de Perijá")
    assert (sierra.type, sierra.subtype, sierra.country) == ("location", "area", "VE")


def test_national_police_by_demonym_joins_the_named_force() -> None:
    ents = _entities(
        "The Bolivian National Police (PNB) made the arrest. Later the Bolivian Police said the "
        "suspect was armed.",
        "en",
    )
    police = _by_name(ents, "Bolivian National Police")
    assert "Bolivian Police" in police.names


def test_a_far_town_name_used_as_a_word_is_not_a_place() -> None:
    ents = _entities("El presidente de la República visitó Medellín, Colombia.", "es")
    assert _find(ents, "República") is None


@pytest.mark.parametrize(
    ("text", "lang", "name", "subtype"),
    [
        ("The gang grew up in Loma Alta, a hillside settlement in Cali.", "en", "Loma Alta", "city"),
        (
            "He was sent to Pozo Hondo, a maximum-security prison in the Andes.",
            "en",
            "Pozo Hondo",
            "facility",
        ),
        ("Los migrantes cruzaron por la comuna fronteriza de Pisiga Choque.", "es", "Pisiga Choque", "city"),
        ("The gang controlled the Villa Sur neighbourhood of Valencia.", "en", "Villa Sur", "city"),
    ],
)
def test_place_nouns_around_an_unknown_name(text: str, lang: str, name: str, subtype: str) -> None:
    place = _by_name(_entities(text, lang), name)
    assert (place.type, place.subtype) == ("location", subtype)


def test_names_listed_after_gangs_are_groups_but_people_stay_people() -> None:
    ents = _entities(
        "La policía desarticuló dos bandas, Los Topos y Los Cuervos. Según miembros de las bandas, "
        "Juan Pérez Soto era el jefe.",
        "es",
    )
    for name in ("Los Topos", "Los Cuervos"):
        assert _by_name(ents, name).subtype == "criminal_group"
    assert _by_name(ents, "Juan Pérez Soto").type == "person"
