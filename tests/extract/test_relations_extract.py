"""Relations from cue words and the parse, on small English and Spanish sentences."""

from __future__ import annotations

import pytest
from extract_samples import EntityTable, context_with
from spacy.language import Language

from pista.documents import Entity, Mention
from pista.extract.context import DocContext
from pista.extract.pipeline import load_model
from pista.extract.relations import extract_relations

pytestmark = pytest.mark.model

# id -> (type, subtype, role, names)
ENTITIES: EntityTable = {
    "lobos": ("organization", "criminal_group", None, ["Los Lobos"]),
    "choneros": ("organization", "criminal_group", None, ["Los Choneros"]),
    "cachorros": ("organization", "faction", None, ["Los Cachorros"]),
    "malditos": ("organization", "criminal_group", None, ["Los Malditos"]),
    "injertos": ("organization", "criminal_group", None, ["Los Injertos"]),
    "police": ("organization", "agency", None, ["National Police", "Policía Nacional"]),
    "unit": ("organization", "agency", None, ["Anti-Kidnapping Unit", "Unidad Antisecuestros"]),
    "perez": ("person", None, "criminal", ["Carlos Pérez", "Pérez"]),
    "luis": ("person", None, "criminal", ["Luis Pérez"]),
    "rios": ("person", None, "criminal", ["Juan Ríos"]),
    "salas": ("person", None, "criminal", ["Jorge Salas", "El Toro"]),
    "mario": ("person", None, "criminal", ["Mario Salas"]),
    "ruiz": ("person", None, "criminal", ["Ana Ruiz"]),
    "torres": ("person", None, "official", ["Ana Torres"]),
    "diaz": ("person", None, "official", ["Pedro Díaz"]),
    "mora": ("person", None, None, ["Pablo Mora"]),
    "treasury": ("organization", "agency", None, ["Treasury Department", "Treasury"]),
    "ofac": ("organization", "agency", None, ["Office of Foreign Assets Control"]),
    "pnp": ("organization", "agency", None, ["Policía Nacional del Perú", "PNP"]),
    "divincri": ("organization", "agency", None, ["División de Investigación Criminal PNP"]),
    "doj": ("organization", "agency", None, ["Department of Justice"]),
    "quito": ("location", "city", None, ["Quito"]),
    "guayaquil": ("location", "city", None, ["Guayaquil"]),
    "cuenca": ("location", "city", None, ["Cuenca"]),
    "machala": ("location", "city", None, ["Machala"]),
    "lima": ("location", "city", None, ["Lima"]),
    "callao": ("location", "region", None, ["Callao"]),
    "piura": ("location", "region", None, ["Piura"]),
    "sullana": ("location", "city", None, ["Sullana"]),
    "laroca": ("location", "facility", None, ["La Roca prison"]),
    "challapalca": ("location", "facility", None, ["penal de Challapalca"]),
}


@pytest.fixture(scope="module")
def nlp_en() -> Language:
    return load_model("en")


@pytest.fixture(scope="module")
def nlp_es() -> Language:
    return load_model("es")


def context(nlp: Language, lang: str, text: str) -> DocContext:
    """The parse of ``text`` with every entity of ENTITIES that it names, mentions placed."""
    return context_with(nlp, lang, text, ENTITIES)


def found(nlp: Language, lang: str, text: str) -> set[tuple[str, str, str]]:
    return {(r.type, r.subject, r.object) for r in extract_relations(context(nlp, lang, text))}


# -- English ------------------------------------------------------------------------------


def test_leader_by_apposition_is_not_also_a_member(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Carlos Pérez, the leader of Los Lobos, was arrested in Quito on Monday.")
    assert ("leader_of", "perez", "lobos") in rels
    assert ("member_of", "perez", "lobos") not in rels


def test_leader_by_possessive_pronoun(nlp_en: Language) -> None:
    text = "Los Lobos grew fast in the port. Its leader, Carlos Pérez, escaped."
    assert ("leader_of", "perez", "lobos") in found(nlp_en, "en", text)


def test_member_of(nlp_en: Language) -> None:
    text = "Police detained Juan Ríos, a member of Los Lobos, in Guayaquil."
    assert ("member_of", "rios", "lobos") in found(nlp_en, "en", text)


def test_faction_is_part_of_group(nlp_en: Language) -> None:
    text = "Los Cachorros, a faction of Los Lobos, was dismantled last year."
    assert ("part_of", "cachorros", "lobos") in found(nlp_en, "en", text)


def test_agency_unit_is_part_of_agency(nlp_en: Language) -> None:
    text = "The Anti-Kidnapping Unit of the National Police raided the house."
    assert ("part_of", "unit", "police") in found(nlp_en, "en", text)


def test_subordinate_of(nlp_en: Language) -> None:
    text = "Los Cachorros takes orders from Carlos Pérez, according to the prosecutors."
    assert ("subordinate_of", "cachorros", "perez") in found(nlp_en, "en", text)


def test_alliance_is_found_once(nlp_en: Language) -> None:
    rels = extract_relations(context(nlp_en, "en", "Los Lobos formed an alliance with Los Choneros in 2021."))
    allied = [r for r in rels if r.type == "allied_with"]
    assert len(allied) == 1
    assert {allied[0].subject, allied[0].object} == {"lobos", "choneros"}


def test_rival_of(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Lobos fought Los Choneros for two years.")
    assert ("rival_of", "choneros", "lobos") in rels or ("rival_of", "lobos", "choneros") in rels


def test_official_of_is_not_member_or_leader(nlp_en: Language) -> None:
    rels = found(
        nlp_en, "en", "General Ana Torres, director of the National Police, said Los Lobos was weakened."
    )
    assert ("official_of", "torres", "police") in rels
    assert not any(r[1] == "torres" and r[0] in ("member_of", "leader_of") for r in rels)


def test_head_of_agency_is_official_not_leader(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Ana Torres, head of the Anti-Kidnapping Unit, praised the officers.")
    assert ("official_of", "torres", "unit") in rels
    assert not any(r[0] == "leader_of" for r in rels)


def test_operates_in_every_coordinated_place(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Lobos has a presence in Quito, Guayaquil and Cuenca.")
    assert {("operates_in", "lobos", p) for p in ("quito", "guayaquil", "cuenca")} <= rels


def test_headquartered_in(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Lobos has its headquarters in Machala.")
    assert ("headquartered_in", "lobos", "machala") in rels


def test_imprisoned_in(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Carlos Pérez is held in La Roca prison, where he runs the gang.")
    assert ("imprisoned_in", "perez", "laroca") in rels


def test_family_of_through_pronoun(nlp_en: Language) -> None:
    text = "Carlos Pérez was arrested on Monday. His brother, Luis Pérez, was also detained."
    rels = found(nlp_en, "en", text)
    assert ("family_of", "luis", "perez") in rels or ("family_of", "perez", "luis") in rels


def test_no_relation_without_cue(nlp_en: Language) -> None:
    assert found(nlp_en, "en", "Carlos Pérez and Ana Torres attended the hearing in Quito.") == set()


# -- Spanish ------------------------------------------------------------------------------


def test_cabecilla_with_alias(nlp_es: Language) -> None:
    text = 'Jorge Salas, alias "El Toro", cabecilla de Los Malditos, fue detenido en Piura.'
    assert ("leader_of", "salas", "malditos") in found(nlp_es, "es", text)


def test_integrante(nlp_es: Language) -> None:
    text = "Ana Ruiz, integrante de Los Malditos, fue capturada el lunes."
    assert ("member_of", "ruiz", "malditos") in found(nlp_es, "es", text)


def test_faccion_and_presence(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Los Cachorros, facción de Los Malditos, opera en Piura.")
    assert ("part_of", "cachorros", "malditos") in rels
    assert ("operates_in", "cachorros", "piura") in rels


def test_unidad_de_la_policia(nlp_es: Language) -> None:
    text = "La Unidad Antisecuestros de la Policía Nacional ejecutó el operativo."
    assert ("part_of", "unit", "police") in found(nlp_es, "es", text)


def test_responde_a(nlp_es: Language) -> None:
    text = "Según la fiscalía, Los Cachorros responde a Jorge Salas."
    assert ("subordinate_of", "cachorros", "salas") in found(nlp_es, "es", text)


def test_alianza(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Los Malditos mantiene una alianza con Los Injertos.")
    assert {r[0] for r in rels} == {"allied_with"}


def test_disputa_gives_rivals_and_shared_ground(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Los Malditos se disputa el control de Piura con Los Injertos.")
    assert any(r[0] == "rival_of" and {r[1], r[2]} == {"malditos", "injertos"} for r in rels)
    assert ("operates_in", "malditos", "piura") in rels


def test_director_de_la_policia(nlp_es: Language) -> None:
    text = "El general Pedro Díaz, director de la Policía Nacional, informó sobre la captura."
    assert ("official_of", "diaz", "police") in found(nlp_es, "es", text)


def test_presencia_through_generic_noun(nlp_es: Language) -> None:
    text = "Los Malditos nació hace diez años. La banda tiene presencia en Lima y Callao."
    rels = found(nlp_es, "es", text)
    assert {("operates_in", "malditos", "lima"), ("operates_in", "malditos", "callao")} <= rels


def test_bastion(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Los Malditos tiene su bastión en Sullana.")
    assert ("headquartered_in", "malditos", "sullana") in rels


def test_preso_en_penal(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Jorge Salas está preso en el penal de Challapalca desde 2020.")
    assert ("imprisoned_in", "salas", "challapalca") in rels


def test_hermanos(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Entre los detenidos figuran los hermanos Jorge Salas y Mario Salas.")
    assert any(r[0] == "family_of" and {r[1], r[2]} == {"salas", "mario"} for r in rels)


def test_official_is_no_member(nlp_es: Language) -> None:
    text = "Pedro Díaz, jefe de la Policía Nacional, dijo que los integrantes de Los Malditos huyeron."
    rels = found(nlp_es, "es", text)
    assert not any(r[1] == "diaz" and r[0] in ("member_of", "leader_of") for r in rels)


def test_evidence_is_the_sentence(nlp_es: Language) -> None:
    text = "La policía llegó temprano. Ana Ruiz, integrante de Los Malditos, fue capturada."
    rels = extract_relations(context(nlp_es, "es", text))
    member = next(r for r in rels if r.type == "member_of")
    assert member.evidence is not None
    assert member.evidence.sentence.startswith("Ana Ruiz")
    assert 0 < member.confidence <= 1


def test_list_of_quoted_aliases_are_all_members(nlp_en: Language) -> None:
    text = 'Los Lobos lost ground. Police arrested three zone bosses known as "Juan Ríos", "Jorge Salas" and "Ana Ruiz".'
    rels = found(nlp_en, "en", text)
    assert {("member_of", p, "lobos") for p in ("rios", "salas", "ruiz")} <= rels


def test_qualified_title_names_the_office(nlp_es: Language) -> None:
    ENTITIES["fiscalia"] = ("organization", "agency", None, ["Fiscalía Regional de Piura"])
    try:
        text = (
            "La Fiscalía Regional de Piura abrió una investigación. "
            "Los Malditos opera en Sullana, según la fiscal regional Ana Torres."
        )
        assert ("official_of", "torres", "fiscalia") in found(nlp_es, "es", text)
    finally:
        del ENTITIES["fiscalia"]


def test_mentions_outside_the_text_are_ignored(nlp_en: Language) -> None:
    ctx = context(nlp_en, "en", "Carlos Pérez, the leader of Los Lobos, was arrested.")
    ctx.entities.append(
        Entity(
            id="ghost", type="person", names=["Ghost"], role="criminal", mentions=[Mention("Ghost", 500, 505)]
        )
    )
    ctx.entities.append(Entity(id="empty", type="organization", names=["Nobody"], subtype="criminal_group"))
    assert ("leader_of", "perez", "lobos") in {(r.type, r.subject, r.object) for r in extract_relations(ctx)}


def test_document_without_entities(nlp_es: Language) -> None:
    assert extract_relations(context(nlp_es, "es", "No hubo novedades en la jornada.")) == []


def test_role_in_a_place_puts_the_group_there(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Cachorros is the armed wing of Los Lobos in Piura.")
    assert ("part_of", "cachorros", "lobos") in rels
    assert {("operates_in", "cachorros", "piura"), ("operates_in", "lobos", "piura")} <= rels


def test_city_of_a_faction_is_not_its_parent_groups(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Cachorros is the armed wing of Los Lobos in Quito.")
    assert ("operates_in", "cachorros", "quito") in rels
    assert ("operates_in", "lobos", "quito") not in rels


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Juan Ríos, Carlos Pérez's right-hand man, was arrested."),
        ("en", "Carlos Pérez was arrested on Monday. Juan Ríos, his right-hand man, escaped."),
        ("es", "Carlos Pérez fue detenido el lunes. Juan Ríos, su mano derecha, escapó."),
        ("es", "Juan Ríos, quien trabajaba para Carlos Pérez, fue capturado en Quito."),
        ("es", "Juan Ríos actuaba bajo el mando de Carlos Pérez."),
    ],
)
def test_owner_of_a_post_is_the_boss(nlp_en: Language, nlp_es: Language, lang: str, text: str) -> None:
    rels = found(nlp_en if lang == "en" else nlp_es, lang, text)
    assert ("subordinate_of", "rios", "perez") in rels
    assert ("subordinate_of", "perez", "rios") not in rels


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Juan Ríos was arrested together with Luis Pérez, one of Carlos Pérez's sons."),
        ("es", "Juan Ríos fue detenido junto a Luis Pérez, uno de los hijos de Carlos Pérez."),
        ("es", "Carlos Pérez y sus hijos Luis Pérez y Mario Salas fueron detenidos."),
    ],
)
def test_plural_kin_noun_with_its_owner(nlp_en: Language, nlp_es: Language, lang: str, text: str) -> None:
    rels = found(nlp_en if lang == "en" else nlp_es, lang, text)
    assert ("family_of", "luis", "perez") in rels
    assert not any(r[0] == "family_of" and "rios" in r for r in rels)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Los Cachorros, del grupo Los Lobos, controlan Quito."),
        ("es", "La facción Los Cachorros de Los Lobos controla Quito."),
        ("es", "Los Cachorros, brazo armado de Los Lobos, controla Quito."),
        ("en", "Los Cachorros, a Los Lobos cell, extorts shops in Quito."),
        ("en", "Los Cachorros, the armed wing of the gang Los Lobos, controls Quito."),
    ],
)
def test_faction_written_with_its_group(nlp_en: Language, nlp_es: Language, lang: str, text: str) -> None:
    rels = found(nlp_en if lang == "en" else nlp_es, lang, text)
    assert ("part_of", "cachorros", "lobos") in rels
    assert ("part_of", "lobos", "cachorros") not in rels


def test_two_groups_named_together_are_no_faction(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Los Choneros de Los Lobos y Los Malditos se enfrentaron.")
    assert ("part_of", "choneros", "lobos") not in rels


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("en", "Los Lobos has its headquarters in Quito, Ecuador, and fights Los Choneros.", "quito"),
        ("es", "Los Lobos tiene su centro de operaciones en Sullana, en la región Piura.", "sullana"),
    ],
)
def test_headquarters_is_the_most_specific_place(
    nlp_en: Language, nlp_es: Language, lang: str, text: str, place: str
) -> None:
    rels = found(nlp_en if lang == "en" else nlp_es, lang, text)
    assert ("headquartered_in", "lobos", place) in rels
    assert not any(r[0] == "headquartered_in" and r[2] != place for r in rels)


def test_prison_rather_than_its_region(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Carlos Pérez está preso en el penal de Challapalca, en Piura.")
    assert ("imprisoned_in", "perez", "challapalca") in rels
    assert ("imprisoned_in", "perez", "piura") not in rels


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Los Lobos se extendió a Guayaquil, Cuenca y Machala."),
        ("en", "Los Lobos has a presence in Guayaquil, Cuenca and Machala."),
        ("es", "Los Lobos tiene integrantes en Guayaquil, Cuenca y Machala."),
    ],
)
def test_listed_places_of_a_group(nlp_en: Language, nlp_es: Language, lang: str, text: str) -> None:
    rels = found(nlp_en if lang == "en" else nlp_es, lang, text)
    assert {("operates_in", "lobos", p) for p in ("guayaquil", "cuenca", "machala")} <= rels


def test_former_ally_is_no_ally(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Lobos is at war with Los Choneros, a former ally, over the ports.")
    assert not any(r[0] == "allied_with" for r in rels)
    assert any(r[0] == "rival_of" for r in rels)


def test_chief_as_modifier_is_no_leader(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Juan Ríos, the chief financial operator of Los Lobos, was detained.")
    assert ("leader_of", "rios", "lobos") not in rels
    assert ("member_of", "rios", "lobos") in rels


def test_member_of_an_agency_is_no_gang_member(nlp_en: Language) -> None:
    text = "Los Lobos remains active in Quito. Pablo Mora, a member of the National Police, was praised."
    rels = found(nlp_en, "en", text)
    assert not any(r[0] == "member_of" for r in rels)


# -- general patterns: argument choice --------------------------------------------------


def test_ally_accused_with_a_group_is_the_group_not_the_person(nlp_en: Language) -> None:
    text = "Prosecutors charged Carlos Pérez, accusing Los Lobos of working with Los Choneros."
    rels = found(nlp_en, "en", text)
    assert ("allied_with", "choneros", "lobos") in rels or ("allied_with", "lobos", "choneros") in rels
    assert not any(r[0] == "allied_with" and "perez" in r for r in rels)


def test_example_of_splinter_groups_is_the_part(nlp_en: Language) -> None:
    text = "Splinter groups such as Los Cachorros broke away and have since fought Los Lobos."
    rels = found(nlp_en, "en", text)
    assert ("part_of", "cachorros", "lobos") in rels
    assert ("part_of", "lobos", "cachorros") not in rels


def test_examples_of_factions_in_spanish(nlp_es: Language) -> None:
    text = "La policía debilitó a las facciones de Los Lobos, como Los Cachorros."
    assert ("part_of", "cachorros", "lobos") in found(nlp_es, "es", text)


def test_that_gang_is_the_group_named_last(nlp_en: Language) -> None:
    text = (
        "Los Lobos is the largest gang in the country. It broke away from Los Choneros after the "
        "arrest of that gang's leader, Carlos Pérez."
    )
    rels = found(nlp_en, "en", text)
    assert ("leader_of", "perez", "choneros") in rels
    assert ("leader_of", "perez", "lobos") not in rels


def test_possessive_of_kin_is_not_the_leader(nlp_en: Language) -> None:
    text = "The faction led by Carlos Pérez's sons, known as Los Cachorros, is at war with Los Lobos."
    rels = found(nlp_en, "en", text)
    assert not any(r[0] in ("leader_of", "member_of") and r[1] == "perez" for r in rels)
    assert ("rival_of", "cachorros", "lobos") in rels


# -- general patterns: rivals ---------------------------------------------------------------


def test_their_rivals_in_apposition(nlp_en: Language) -> None:
    text = "Among the groups were Los Lobos and their main rivals, Los Choneros."
    assert ("rival_of", "choneros", "lobos") in found(nlp_en, "en", text)


def test_at_war_with_in_a_place(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Lobos has been at war with Los Choneros in and around Guayaquil.")
    assert ("rival_of", "choneros", "lobos") in rels
    assert {("operates_in", "lobos", "guayaquil"), ("operates_in", "choneros", "guayaquil")} <= rels


def test_rivals_in_spanish(nlp_es: Language) -> None:
    rels = found(nlp_es, "es", "Los Lobos disputan las rutas del puerto con Los Choneros.")
    assert ("rival_of", "choneros", "lobos") in rels


def test_others_controlling_a_place_are_no_rival_ground(nlp_en: Language) -> None:
    text = "In Quito, the main rivals of Los Lobos are Los Choneros and the militias that dominate Cuenca."
    rels = found(nlp_en, "en", text)
    assert ("rival_of", "choneros", "lobos") in rels
    assert not any(r[0] == "operates_in" and r[2] == "cuenca" for r in rels)


# -- general patterns: chain of command and succession ------------------------------------


def test_loyal_to_is_subordinate(nlp_en: Language) -> None:
    text = "Police arrested members of the faction loyal to Carlos Pérez, known as Los Cachorros."
    assert ("subordinate_of", "cachorros", "perez") in found(nlp_en, "en", text)


def test_lieutenants_of_a_person_in_spanish(nlp_es: Language) -> None:
    text = "Juan Ríos, uno de los lugartenientes de Carlos Pérez, fue detenido en Quito."
    assert ("subordinate_of", "rios", "perez") in found(nlp_es, "es", text)


def test_command_left_in_the_hands_of_two(nlp_es: Language) -> None:
    text = "Tras la captura, el mando de Los Lobos quedó en manos de Juan Ríos y de Jorge Salas."
    rels = found(nlp_es, "es", text)
    assert {("leader_of", "rios", "lobos"), ("leader_of", "salas", "lobos")} <= rels


def test_former_boss_as_subject_is_the_last_person(nlp_es: Language) -> None:
    text = "Carlos Pérez fue extraditado el miércoles. El exjefe de Los Lobos salió de Quito en un avión."
    assert ("leader_of", "perez", "lobos") in found(nlp_es, "es", text)


def test_local_boss_is_a_member(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Carlos Pérez, a Los Lobos boss in Machala, was arrested.")
    assert ("member_of", "perez", "lobos") in rels
    assert ("leader_of", "perez", "lobos") not in rels
    assert ("operates_in", "perez", "machala") in rels


# -- general patterns: places ---------------------------------------------------------------


def test_both_gangs_stand_for_two_groups(nlp_es: Language) -> None:
    text = (
        "Los Lobos y Los Choneros son rivales. Ambas bandas nacieron en Guayaquil y mantienen "
        "estructuras en Quito y Cuenca."
    )
    rels = found(nlp_es, "es", text)
    for group in ("lobos", "choneros"):
        for place in ("guayaquil", "quito", "cuenca"):
            assert ("operates_in", group, place) in rels


# -- general patterns: agencies -------------------------------------------------------------


def test_office_of_an_agency_named_as_its_possessor(nlp_en: Language) -> None:
    text = "The Treasury Department's Office of Foreign Assets Control sanctioned Los Lobos."
    assert ("part_of", "ofac", "treasury") in found(nlp_en, "en", text)


def test_office_without_parent_is_no_unit(nlp_en: Language) -> None:
    text = "The Office of Foreign Assets Control sanctioned Los Lobos, the National Police said."
    assert not any(r[0] == "part_of" for r in found(nlp_en, "en", text))


def test_unit_named_with_the_agency_acronym(nlp_es: Language) -> None:
    text = "La Policía Nacional del Perú informó que la División de Investigación Criminal PNP capturó a Carlos Pérez."
    assert ("part_of", "divincri", "pnp") in found(nlp_es, "es", text)


def test_official_with_the_agency_as_possessor(nlp_en: Language) -> None:
    text = "Pedro Díaz, the Treasury's Under Secretary for Terrorism, said the action was taken."
    assert ("official_of", "diaz", "treasury") in found(nlp_en, "en", text)


def test_ran_the_group_together_with_another(nlp_en: Language) -> None:
    text = "Carlos Pérez admitted that for years he ran Los Lobos together with Juan Ríos."
    rels = found(nlp_en, "en", text)
    assert {("leader_of", "perez", "lobos"), ("leader_of", "rios", "lobos")} <= rels


def test_title_without_agency_takes_the_agency_of_that_title(nlp_en: Language) -> None:
    text = (
        "The Department of Justice charged Los Lobos. Attorney General Pedro Díaz said the case was strong."
    )
    assert ("official_of", "diaz", "doj") in found(nlp_en, "en", text)


def test_title_without_agency_and_no_such_agency(nlp_en: Language) -> None:
    text = "The National Police arrested Carlos Pérez. Attorney General Pedro Díaz praised the arrest."
    assert not any(r[0] == "official_of" and r[1] == "diaz" for r in found(nlp_en, "en", text))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Carlos Pérez is imprisoned in a federal prison in Piura."),
        ("es", "Carlos Pérez está preso en una cárcel de máxima seguridad en Piura."),
    ],
)
def test_unnamed_prison_is_not_its_region(nlp_en: Language, nlp_es: Language, lang: str, text: str) -> None:
    rels = found(nlp_en if lang == "en" else nlp_es, lang, text)
    assert ("imprisoned_in", "perez", "piura") not in rels


def test_prisoner_in_a_region_named_alone(nlp_es: Language) -> None:
    assert ("imprisoned_in", "perez", "piura") in found(nlp_es, "es", "Carlos Pérez está preso en Piura.")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Juan Ríos, Carlos Pérez's bodyguard, was arrested."),
        ("es", "Juan Ríos era el hombre de confianza de Carlos Pérez."),
        ("es", "Juan Ríos, escolta de Carlos Pérez, fue arrestado."),
    ],
)
def test_personal_posts_under_a_boss(nlp_en: Language, nlp_es: Language, lang: str, text: str) -> None:
    assert ("subordinate_of", "rios", "perez") in found(nlp_en if lang == "en" else nlp_es, lang, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "Los Lobos se alió con Los Choneros para traficar cocaína."),
        ("en", "Los Lobos teamed up with Los Choneros to move cocaine."),
    ],
)
def test_alliance_verbs(nlp_en: Language, nlp_es: Language, lang: str, text: str) -> None:
    assert ("allied_with", "choneros", "lobos") in found(nlp_en if lang == "en" else nlp_es, lang, text)


def test_plural_part_noun_in_apposition(nlp_en: Language) -> None:
    rels = found(nlp_en, "en", "Los Cachorros and Los Malditos, cells of Los Lobos, extort shops in Quito.")
    assert {("part_of", "cachorros", "lobos"), ("part_of", "malditos", "lobos")} <= rels


def test_members_in_a_place(nlp_en: Language, nlp_es: Language) -> None:
    assert ("operates_in", "lobos", "lima") in found(
        nlp_en, "en", "Los Lobos has more than 500 members in Lima."
    )
    assert ("operates_in", "lobos", "lima") in found(nlp_es, "es", "Los Lobos tiene integrantes en Lima.")
