"""Hand-built cases for each resolution phenomenon, positive and negative, English and Spanish."""

from __future__ import annotations

from resolve_samples import doc, org, person, place, same

from pista.documents import Entity, Event, Relation
from pista.resolve import resolve_corpus


def test_double_surname_and_given_name_subset_merge() -> None:
    r = resolve_corpus(
        [
            doc("a", person("p", "Héctor Rusthenford Guerrero Flores", role="criminal")),
            doc("b", person("p", "Héctor Guerrero Flores", role="criminal"), lang="es"),
            doc("c", person("p", "Héctor Guerrero", role="criminal")),
        ]
    )
    assert same(r, ("a", "p"), ("b", "p"))
    assert same(r, ("a", "p"), ("c", "p"))


def test_shared_alias_merges_different_spellings_of_the_name() -> None:
    r = resolve_corpus(
        [
            doc("a", person("p", "Marcos Antonio Pérez Díaz", aliases=("El Zorro Plateado",))),
            doc("b", person("p", "Pérez", aliases=("El Zorro Plateado",)), lang="es"),
        ]
    )
    assert same(r, ("a", "p"), ("b", "p"))
    explanation = next(iter(r.explanations.values()))
    assert "alias_shared" in explanation


def test_accentless_alias_variant_merges() -> None:
    r = resolve_corpus(
        [
            doc("a", person("p", "Niño Guerrero", aliases=("Niño Guerrero",))),
            doc("b", person("p", "Nino Guerrero", aliases=("Nino Guerrero",))),
        ]
    )
    assert same(r, ("a", "p"), ("b", "p"))


def test_transliterated_given_names_merge() -> None:
    r = resolve_corpus(
        [
            doc("a", person("p", "Yohan José Romero Díaz")),
            doc("b", person("p", "Johan José Romero Díaz")),
            doc("c", person("q", "Jhonny Alberto Mena")),
            doc("d", person("q", "Johnny Alberto Mena")),
        ]
    )
    assert same(r, ("a", "p"), ("b", "p"))
    assert same(r, ("c", "q"), ("d", "q"))
    assert not same(r, ("a", "p"), ("c", "q"))


def test_two_people_sharing_a_surname_stay_apart() -> None:
    r = resolve_corpus(
        [
            doc("a", person("p", "Carlos Guerrero", role="official", country="PE")),
            doc("b", person("p", "Héctor Guerrero", role="criminal"), lang="es"),
            doc("c", person("p", "Guerrero")),
            doc("d", person("p", "Guerrero")),
        ]
    )
    keys = {r.entity_keys[(d, "p")] for d in "abcd"}
    assert len(keys) == 4


def test_same_given_name_different_second_surname_stay_apart() -> None:
    r = resolve_corpus(
        [
            doc("a", person("p", "Juan Carlos Pérez Rojas")),
            doc("b", person("p", "Juan Carlos Pérez Soto")),
        ]
    )
    assert not same(r, ("a", "p"), ("b", "p"))


def test_acronym_and_agency_in_two_languages_merge() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "Peruvian National Police", "PNP", aliases=("PNP",), country="PE")),
            doc("b", org("o", "Policía Nacional del Perú", country="PE"), lang="es"),
            doc("c", org("o", "PNP", aliases=("PNP",))),
        ]
    )
    assert same(r, ("a", "o"), ("b", "o"))
    assert same(r, ("a", "o"), ("c", "o"))


def test_acronym_read_off_a_name_not_in_the_lexicon() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "Brigada Especial de Rescate Andino", country="BO"), lang="es"),
            doc("b", org("o", "BERA", aliases=("BERA",), country="BO")),
        ]
    )
    assert same(r, ("a", "o"), ("b", "o"))
    assert "acronym" in next(iter(r.explanations.values()))


def test_generic_agency_name_needs_the_same_country() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "National Police", country="CO"), place("l", "Bogotá", country="CO")),
            doc("b", org("o", "Policía Nacional", country="CO"), lang="es"),
            doc("c", org("o", "National Police", country="PE"), place("l", "Lima", country="PE")),
        ]
    )
    assert same(r, ("a", "o"), ("b", "o"))
    assert not same(r, ("a", "o"), ("c", "o"))


def test_prosecutors_office_across_languages_within_a_country() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "Attorney General's Office", country="CO")),
            doc("b", org("o", "Fiscalía General de la Nación", country="CO"), lang="es"),
            doc("c", org("o", "Attorney General's Office", country="PE")),
            doc("d", org("o", "Ministerio Público", country="PE"), lang="es"),
        ]
    )
    assert same(r, ("a", "o"), ("b", "o"))
    assert same(r, ("c", "o"), ("d", "o"))
    assert not same(r, ("a", "o"), ("c", "o"))


def test_group_names_translated_merge() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "Dinastía Ramírez", subtype="faction"), lang="es"),
            doc("b", org("o", "Ramirez Dynasty", subtype="faction")),
        ]
    )
    assert same(r, ("a", "o"), ("b", "o"))


def test_callao_peru_and_el_callao_venezuela_stay_apart() -> None:
    r = resolve_corpus(
        [
            doc("a", place("l", "Callao", subtype="region", country="PE")),
            doc("b", place("l", "El Callao", country="VE"), lang="es"),
            doc("c", place("l", "Callao", subtype="region", country="PE")),
        ]
    )
    assert not same(r, ("a", "l"), ("b", "l"))
    assert same(r, ("a", "l"), ("c", "l"))


def test_country_names_in_two_languages_merge() -> None:
    r = resolve_corpus(
        [
            doc("a", place("l", "Peru", subtype="country")),
            doc("b", place("l", "Perú", subtype="country"), lang="es"),
        ]
    )
    assert same(r, ("a", "l"), ("b", "l"))


def test_a_town_is_not_the_region_it_shares_words_with() -> None:
    r = resolve_corpus(
        [
            doc("a", place("l", "San Martín", subtype="region", country="PE")),
            doc("b", place("l", "San Martín de Porres", country="PE")),
        ]
    )
    assert not same(r, ("a", "l"), ("b", "l"))


def test_type_is_a_hard_constraint() -> None:
    r = resolve_corpus(
        [
            doc("a", place("x", "Aragua", subtype="region", country="VE")),
            doc("b", org("x", "Aragua", subtype="criminal_group", country="VE")),
        ]
    )
    assert not same(r, ("a", "x"), ("b", "x"))


def _raid(eid: str, date: str, loc: str, arrested: int) -> Event:
    return Event(
        id=eid,
        type="operation",
        date=date,
        location=loc,
        agencies=["pol"],
        targets=["gang"],
        arrested=arrested,
    )


def _raid_doc(doc_id: str, date: str, arrested: int, lang: str) -> tuple:
    police = org(
        "pol", "Policía Nacional del Perú" if lang == "es" else "Peruvian National Police", country="PE"
    )
    gang = org("gang", "Los Malditos del Cerro", subtype="criminal_group", country="PE")
    lima = place("lima", "Lima", country="PE")
    return doc(doc_id, police, gang, lima, events=(_raid("v1", date, "lima", arrested),), lang=lang)


def test_one_raid_reported_in_english_and_spanish_is_one_event() -> None:
    r = resolve_corpus([_raid_doc("en", "2024-05-14", 23, "en"), _raid_doc("es", "2024-05-15", 25, "es")])
    assert r.event_keys[("en", "v1")] == r.event_keys[("es", "v1")]
    event = r.events[r.event_keys[("en", "v1")]]
    assert event.corroboration == 2
    assert sorted(f["value"] for f in event.figures["arrested"]) == [23, 25]


def test_two_raids_a_month_apart_stay_apart() -> None:
    r = resolve_corpus([_raid_doc("en", "2024-05-14", 23, "en"), _raid_doc("es", "2024-06-14", 23, "es")])
    assert r.event_keys[("en", "v1")] != r.event_keys[("es", "v1")]


def test_raids_in_two_countries_stay_apart() -> None:
    first = _raid_doc("a", "2024-05-14", 10, "en")
    second_id, second = _raid_doc("b", "2024-05-14", 10, "en")
    second.entities[2] = place("lima", "Lima", country="VE")
    r = resolve_corpus([first, (second_id, second)])
    assert r.event_keys[("a", "v1")] != r.event_keys[("b", "v1")]


def test_resolved_entity_keeps_names_with_their_documents() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "Peruvian National Police", "PNP", aliases=("PNP",), country="PE")),
            doc("b", org("o", "Policía Nacional del Perú", country="PE"), lang="es"),
        ]
    )
    entity = r.entities[r.entity_keys[("a", "o")]]
    assert entity.names["Policía Nacional del Perú"] == ["b"]
    assert entity.names["PNP"] == ["a"]
    assert entity.countries == ["PE"]
    assert entity.key.startswith("org-")


def test_a_capture_in_a_country_and_in_one_of_its_towns_is_one_event() -> None:
    def report(doc_id: str, place_entity: Entity) -> tuple:
        target = person("t", "Erasmo Quintero Vidal", aliases=("El Brujo",), role="criminal")
        ev = Event(
            id="v1", type="operation", date="2025-03-02", location=place_entity.id, targets=["t"], arrested=1
        )
        return doc(doc_id, target, place_entity, events=(ev,))

    r = resolve_corpus(
        [
            report("a", place("py", "Paraguay", subtype="country", country="PY")),
            report("b", place("sl", "San Lorenzo", country="PY")),
        ]
    )
    assert r.event_keys[("a", "v1")] == r.event_keys[("b", "v1")]


def test_a_faction_and_its_parent_group_targeted_the_same_day_is_one_event() -> None:
    def report(doc_id: str, target: Entity, with_parent: bool) -> tuple:
        entities = [target, place("l", "Trujillo", country="PE")]
        relations = []
        if with_parent:
            entities.append(org("g", "Los Pulpos", subtype="criminal_group", country="PE"))
            relations.append(Relation("part_of", target.id, "g"))
        ev = Event(
            id="v1", type="operation", date="2024-02-10", location="l", targets=[target.id], arrested=12
        )
        d = doc(doc_id, *entities, events=(ev,))
        d[1].relations = relations
        return d

    r = resolve_corpus(
        [
            report("a", org("f", "Los Malditos de Alto Trujillo", subtype="faction"), True),
            report("b", org("f", "Los Pulpos", subtype="criminal_group", country="PE"), False),
        ]
    )
    assert r.event_keys[("a", "v1")] == r.event_keys[("b", "v1")]


def test_factions_of_different_groups_with_one_name_stay_apart() -> None:
    def report(doc_id: str, parent: str) -> tuple:
        d = doc(
            doc_id,
            org("f", "Los Compadres", subtype="faction"),
            org("g", parent, subtype="criminal_group"),
        )
        d[1].relations = [Relation("part_of", "f", "g")]
        return d

    r = resolve_corpus([report("a", "Los Pulpos"), report("b", "Tren de Aragua"), report("c", "Los Pulpos")])
    assert not same(r, ("a", "f"), ("b", "f"))
    assert same(r, ("a", "f"), ("c", "f"))


def test_a_nickname_carried_by_two_people_does_not_merge_them() -> None:
    r = resolve_corpus(
        [
            doc("a", person("p", "Luis Alberto Mora Salas", aliases=("El Flaco",))),
            doc("b", person("p", "Ramón Ortega Pino", aliases=("El Flaco",))),
            doc("c", person("p", "El Flaco", aliases=("El Flaco",))),
        ]
    )
    assert not same(r, ("a", "p"), ("b", "p"))
    assert not same(r, ("a", "p"), ("c", "p")) or not same(r, ("b", "p"), ("c", "p"))


def test_every_entity_gets_a_key_and_assign_keys_sets_them() -> None:
    from pista.documents import Analysis
    from pista.resolve import assign_keys

    nameless = Entity(id="z", type="person", names=[])
    analyses = [
        Analysis("a", "en", None, entities=[person("p", "Ana Soto"), nameless]),
        Analysis("b", "es", None, entities=[person("p", "Ana Soto")]),
    ]
    assign_keys(analyses)
    assert analyses[0].entities[0].key == analyses[1].entities[0].key
    assert analyses[0].entities[1].key and analyses[0].entities[1].key.startswith("per-unnamed-")


def test_comparison_explains_its_score() -> None:
    from pista.resolve import compare
    from pista.resolve.profile import build_profiles

    profiles = build_profiles(
        [
            doc("a", org("o", "Peruvian National Police", country="PE")),
            doc("b", org("o", "Policía Nacional del Perú", country="PE")),
        ]
    )
    c = compare(profiles[0], profiles[1])
    assert c.score == sum(w for _, w, _ in c.features)
    assert "lexicon +2.50 (pe-national-police)" in c.explain()


def test_misspelt_group_name_merges_but_a_different_family_clan_does_not() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "Clan González", subtype="criminal_group", country="CO")),
            doc("b", org("o", "Clan Gonzales", subtype="criminal_group", country="CO")),
            doc("c", org("o", "Clan Fernández", subtype="criminal_group", country="CO")),
        ]
    )
    assert same(r, ("a", "o"), ("b", "o"))
    assert not same(r, ("a", "o"), ("c", "o"))


def test_country_named_in_two_languages_merges_by_its_code() -> None:
    r = resolve_corpus(
        [
            doc("a", place("l", "United States", subtype="country")),
            doc("b", place("l", "Estados Unidos", subtype="country"), lang="es"),
            doc("c", place("l", "Ciudad de México", country="MX"), lang="es"),
            doc("d", place("l", "Mexico City", country="MX")),
        ]
    )
    assert same(r, ("a", "l"), ("b", "l"))
    assert same(r, ("c", "l"), ("d", "l"))


def test_an_international_body_merges_whatever_country_a_document_gives_it() -> None:
    r = resolve_corpus(
        [
            doc("a", org("o", "Interpol", country="PE")),
            doc("b", org("o", "Interpol", country="CO")),
            doc("c", org("o", "PNP", aliases=("PNP",), country="VE")),
            doc("d", org("o", "Policía Nacional del Perú")),
        ]
    )
    assert same(r, ("a", "o"), ("b", "o"))
    assert same(r, ("c", "o"), ("d", "o"))


def test_one_gang_given_different_countries_by_different_reports_merges() -> None:
    r = resolve_corpus(
        [
            doc("a", org("g", "Los Compadres", subtype="criminal_group", country="PE")),
            doc("b", org("g", "Los Compadres", subtype="faction", country="CL")),
            doc("c", org("g", "Los Compadres", subtype="criminal_group", country="VE"), lang="es"),
        ]
    )
    assert same(r, ("a", "g"), ("b", "g"))
    assert same(r, ("a", "g"), ("c", "g"))
