"""Crimes attributed to groups and persons, on small English and Spanish sentences."""

from __future__ import annotations

import pytest
from extract_samples import EntityTable, context_with
from spacy.language import Language

from pista.documents import CRIME_TYPES
from pista.extract import lexicon
from pista.extract.context import DocContext
from pista.extract.crimes import extract_crimes
from pista.extract.pipeline import load_model

pytestmark = pytest.mark.model

# id -> (type, subtype, role, names)
ENTITIES: EntityTable = {
    "lobos": ("organization", "criminal_group", None, ["Los Lobos"]),
    "malditos": ("organization", "criminal_group", None, ["Los Malditos"]),
    "police": ("organization", "agency", None, ["National Police", "Policía Nacional", "PNP"]),
    "perez": ("person", None, "criminal", ["Carlos Pérez", "Pérez"]),
    "rios": ("person", None, "criminal", ["Juan Ríos"]),
    "torres": ("person", None, "official", ["Ana Torres"]),
    "vega": ("person", None, "victim", ["Rosa Vega"]),
    "quito": ("location", "city", None, ["Quito"]),
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


def found(nlp: Language, lang: str, text: str) -> set[tuple[str, str]]:
    return {(c.subject, c.type) for c in extract_crimes(context(nlp, lang, text))}


def test_lexicon_uses_the_controlled_vocabulary() -> None:
    data = lexicon.load("crimes")
    assert set(data["terms"]) <= set(CRIME_TYPES)
    for kinds in data["also"]:
        assert set(kinds.split("+")) <= set(CRIME_TYPES)


# -- English ------------------------------------------------------------------------------


def test_group_accused_of_a_list(nlp_en: Language) -> None:
    crimes = found(nlp_en, "en", "Los Lobos is accused of extortion, kidnapping and drug trafficking.")
    assert crimes == {("lobos", "extortion"), ("lobos", "kidnapping"), ("lobos", "drug_trafficking")}


def test_members_of_group_give_the_group(nlp_en: Language) -> None:
    text = "Police arrested ten members of Los Lobos who engaged in human trafficking and contract killings."
    crimes = found(nlp_en, "en", text)
    assert ("lobos", "human_trafficking") in crimes
    assert ("lobos", "contract_killing") in crimes
    assert not any(c[1] == "homicide" for c in crimes)


def test_person_wanted_for_murder(nlp_en: Language) -> None:
    assert found(nlp_en, "en", "Carlos Pérez is wanted for murder and money laundering.") == {
        ("perez", "homicide"),
        ("perez", "money_laundering"),
    }


def test_pronoun_continues_about_the_group(nlp_en: Language) -> None:
    text = "Los Lobos grew quickly in the port. They control street prostitution in Quito."
    assert found(nlp_en, "en", text) == {("lobos", "sexual_exploitation")}


def test_police_fighting_a_crime_is_no_offender(nlp_en: Language) -> None:
    assert found(nlp_en, "en", "The National Police vowed to fight extortion in Quito.") == set()


def test_official_speaking_is_no_offender(nlp_en: Language) -> None:
    crimes = found(nlp_en, "en", "Ana Torres said that Los Lobos runs illegal mining in the south.")
    assert crimes == {("lobos", "illegal_mining")}


def test_victim_is_no_offender(nlp_en: Language) -> None:
    text = "Los Lobos kidnapped Rosa Vega last year."
    crimes = found(nlp_en, "en", text)
    assert ("vega", "kidnapping") not in crimes
    assert ("lobos", "kidnapping") in crimes


def test_one_pair_once_with_evidence(nlp_en: Language) -> None:
    text = "Los Lobos is known for extortion. Its extortion rackets reach Quito."
    crimes = extract_crimes(context(nlp_en, "en", text))
    assert [(c.subject, c.type) for c in crimes] == [("lobos", "extortion")]
    assert crimes[0].evidence is not None and "extortion" in crimes[0].evidence.sentence


# -- Spanish ------------------------------------------------------------------------------


def test_sicariato_and_cobro_de_cupos(nlp_es: Language) -> None:
    crimes = found(nlp_es, "es", "Los Malditos se dedica al sicariato y al cobro de cupos a transportistas.")
    assert crimes == {("malditos", "contract_killing"), ("malditos", "extortion")}


def test_trata_con_fines_de_explotacion_sexual(nlp_es: Language) -> None:
    text = "Los Malditos está involucrada en la trata de personas con fines de explotación sexual."
    crimes = found(nlp_es, "es", text)
    assert {("malditos", "human_trafficking"), ("malditos", "sexual_exploitation")} <= crimes


def test_mineria_lavado_trafico_de_migrantes(nlp_es: Language) -> None:
    text = "Los Malditos controla la minería ilegal, el lavado de activos y el tráfico de migrantes."
    assert found(nlp_es, "es", text) == {
        ("malditos", "illegal_mining"),
        ("malditos", "money_laundering"),
        ("malditos", "migrant_smuggling"),
    }


def test_microcomercializacion_and_vacunas(nlp_es: Language) -> None:
    text = "Según la fiscalía, Carlos Pérez cobraba vacunas y dirigía la microcomercialización de drogas."
    assert found(nlp_es, "es", text) == {("perez", "extortion"), ("perez", "drug_trafficking")}


def test_generic_noun_refers_to_the_group(nlp_es: Language) -> None:
    text = "Los Malditos surgió en 2015. La organización se dedica al secuestro."
    assert found(nlp_es, "es", text) == {("malditos", "kidnapping")}


def test_pnp_combating_sicariato_is_not_attributed(nlp_es: Language) -> None:
    assert (
        found(nlp_es, "es", "La PNP reafirma su compromiso de combatir el sicariato y la extorsión.") == set()
    )


def test_official_is_no_offender(nlp_es: Language) -> None:
    text = "Ana Torres anunció una campaña contra el robo de vehículos."
    assert found(nlp_es, "es", text) == set()


def test_person_running_the_groups_crime_shares_it(nlp_en: Language) -> None:
    text = "Carlos Pérez was the finance coordinator for the gang's extortion rackets in Los Lobos territory."
    crimes = found(nlp_en, "en", "Los Lobos is feared in Quito. " + text)
    assert {("lobos", "extortion"), ("perez", "extortion")} <= crimes


def test_crime_without_any_offender_is_not_attributed(nlp_es: Language) -> None:
    assert found(nlp_es, "es", "La extorsión creció un 20 % en Quito el año pasado.") == set()


# -- trafficking said with a verb or noun of moving goods ---------------------------------


def test_verb_of_moving_drugs(nlp_en: Language) -> None:
    crimes = found(nlp_en, "en", "Los Lobos has shipped cocaine to Europe through the port of Quito.")
    assert crimes == {("lobos", "drug_trafficking")}


def test_loads_of_drugs_and_routes(nlp_en: Language) -> None:
    assert ("perez", "drug_trafficking") in found(
        nlp_en, "en", "Carlos Pérez admitted importing multi-ton loads of heroin."
    )
    assert ("lobos", "drug_trafficking") in found(nlp_en, "en", "Los Lobos controls the heroin routes.")


def test_trafficking_verb_with_weapons_and_drugs_in_spanish(nlp_es: Language) -> None:
    crimes = found(nlp_es, "es", "Los Malditos se dedican a traficar armas de fuego y cocaína.")
    assert {("malditos", "arms_trafficking"), ("malditos", "drug_trafficking")} <= crimes


def test_routes_of_drugs_in_spanish(nlp_es: Language) -> None:
    crimes = found(nlp_es, "es", "Los Lobos controla buena parte de las rutas de la marihuana.")
    assert crimes == {("lobos", "drug_trafficking")}


def test_moving_goods_without_goods_is_no_crime(nlp_en: Language) -> None:
    assert found(nlp_en, "en", "Los Lobos moved its leaders to Quito.") == set()


# -- charged, designated, blamed --------------------------------------------------------------


def test_prosecutors_charging_a_group(nlp_en: Language) -> None:
    crimes = found(nlp_en, "en", "Prosecutors accused Los Lobos of smuggling migrants.")
    assert crimes == {("lobos", "migrant_smuggling")}


def test_designation_as_terrorists_in_spanish(nlp_es: Language) -> None:
    text = "El Gobierno calificó como terroristas a varias bandas, entre ellas Los Lobos y Los Malditos."
    crimes = found(nlp_es, "es", text)
    assert {("lobos", "terrorism"), ("malditos", "terrorism")} <= crimes


def test_designation_as_terrorist_organization(nlp_en: Language) -> None:
    text = "The National Police designated Los Lobos as a terrorist organization."
    assert found(nlp_en, "en", text) == {("lobos", "terrorism")}


# -- victims ----------------------------------------------------------------------------------


def test_victim_of_a_killing_that_dates_something(nlp_en: Language) -> None:
    crimes = found(nlp_en, "en", "Los Lobos has split since the killing of its leader, Carlos Pérez.")
    assert not any(kind == "homicide" for _, kind in crimes)


def test_victim_of_a_killing_in_spanish(nlp_es: Language) -> None:
    crimes = found(nlp_es, "es", "La banda Los Lobos se dividió tras el asesinato de Carlos Pérez.")
    assert not any(kind == "homicide" for _, kind in crimes)


def test_racketeering_is_no_extortion(nlp_en: Language) -> None:
    crimes = found(nlp_en, "en", "Carlos Pérez pleaded guilty to racketeering conspiracy.")
    assert ("perez", "extortion") not in crimes


# -- who "it" and "both gangs" are -------------------------------------------------------------


def test_pronoun_subject_is_the_group_that_was_subject(nlp_en: Language) -> None:
    text = "Los Lobos sells cocaine with Los Malditos, and it controls illegal mining in Quito."
    crimes = found(nlp_en, "en", text)
    assert ("lobos", "illegal_mining") in crimes
    assert ("malditos", "illegal_mining") not in crimes


def test_both_gangs_commit_the_crime(nlp_en: Language) -> None:
    text = "Los Lobos and Los Malditos are rivals in Quito. Both gangs launder money through shell companies."
    crimes = found(nlp_en, "en", text)
    assert {("lobos", "money_laundering"), ("malditos", "money_laundering")} <= crimes


def test_the_kingpin_is_the_person_named_before(nlp_en: Language) -> None:
    text = "Carlos Pérez was captured in Quito on Monday. The kingpin is wanted abroad for drug trafficking."
    assert ("perez", "drug_trafficking") in found(nlp_en, "en", text)


def test_partner_together_with_shares_the_crime(nlp_en: Language) -> None:
    text = "Carlos Pérez admitted that he ran Los Lobos together with Rosa Vega, importing tons of cocaine."
    crimes = found(nlp_en, "en", text)
    assert ("perez", "drug_trafficking") in crimes
    assert ("vega", "drug_trafficking") not in crimes  # a victim is never an offender


def test_companion_in_the_act_shares_the_crime(nlp_en: Language) -> None:
    text = "Carlos Pérez admitted that he ran Los Lobos together with Juan Ríos, importing tons of cocaine."
    crimes = found(nlp_en, "en", text)
    assert {("perez", "drug_trafficking"), ("rios", "drug_trafficking")} <= crimes
