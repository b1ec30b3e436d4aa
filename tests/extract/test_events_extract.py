"""Events from small English and Spanish texts with hand-built entities."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language

from pista.documents import Entity, Mention
from pista.extract.context import DocContext
from pista.extract.events import extract_events
from pista.extract.pipeline import load_model

pytestmark = pytest.mark.model

# (id, type, subtype, names, role)
EntitySpec = tuple[str, str, str | None, list[str], str | None]


@pytest.fixture(scope="module")
def nlp_en() -> Language:
    return load_model("en")


@pytest.fixture(scope="module")
def nlp_es() -> Language:
    return load_model("es")


def make_ctx(
    nlp: Language, text: str, lang: str, published: str | None, specs: list[EntitySpec]
) -> DocContext:
    """A context from a real parse plus entities whose mentions are found by exact search."""
    doc = nlp(text)
    entities = []
    for eid, etype, subtype, names, role in specs:
        mentions = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if any(m.start() < x.end and x.start < m.end() for x in mentions):
                    continue
                mentions.append(Mention(name, m.start(), m.end()))
        mentions.sort(key=lambda x: x.start)
        entities.append(
            Entity(id=eid, type=etype, names=names, subtype=subtype, role=role, mentions=mentions)  # type: ignore[arg-type]
        )
    return DocContext(doc=doc, lang=lang, published=published, entities=entities)


EN_TEXT = (
    "Police in Cartagena arrested 12 members of Los Halcones on Monday, officials said. "
    "During the operation, officers seized four rifles, 300 cartridges and two motorcycles. "
    "In a separate raid on March 2, agents detained gang leader Ramon Ortiz in Medellin."
)
EN_SPECS: list[EntitySpec] = [
    ("p", "organization", "agency", ["National Police", "Police"], None),
    ("g", "organization", "criminal_group", ["Los Halcones"], None),
    ("c1", "location", "city", ["Cartagena"], None),
    ("c2", "location", "city", ["Medellin"], None),
    ("r", "person", None, ["Ramon Ortiz"], "criminal"),
]


def test_english_operations_are_split_by_date_and_merged_by_narration(nlp_en: Language) -> None:
    ctx = make_ctx(nlp_en, EN_TEXT, "en", "2024-03-13", EN_SPECS)  # a Wednesday
    events = extract_events(ctx)
    assert len(events) == 2
    first, second = events
    assert first.type == "operation"
    assert first.date == "2024-03-11"
    assert first.location == "c1"
    assert first.arrested == 12
    assert first.targets == ["g"]
    assert set(first.seized) == {"firearm", "ammunition", "vehicle"}
    assert len(first.evidence) == 2  # the arrest sentence and the seizure sentence
    assert second.date == "2024-03-02"
    assert second.location == "c2"
    assert second.arrested == 1  # one named person
    assert "r" in second.targets


def test_evidence_points_at_the_trigger_sentence(nlp_en: Language) -> None:
    ctx = make_ctx(nlp_en, EN_TEXT, "en", "2024-03-13", EN_SPECS)
    ev = extract_events(ctx)[0].evidence[0]
    assert EN_TEXT[ev.start : ev.end] == "arrested"
    assert ev.sentence.startswith("Police in Cartagena arrested")
    assert 0 < extract_events(ctx)[0].confidence <= 1


ES_TEXT = (
    "Lima, 5 de marzo de 2024.– La Policía Nacional del Perú detuvo ayer a quince presuntos "
    "integrantes de la banda Los Topos en el distrito de Comas. "
    "Los agentes rescataron a dos mujeres y decomisaron pistolas, droga y 20 000 soles en efectivo. "
    "El cabecilla de la banda, Julio Paredes, fue condenado en 2021 a doce años de prisión."
)
ES_SPECS: list[EntitySpec] = [
    ("pnp", "organization", "agency", ["Policía Nacional del Perú"], None),
    ("t", "organization", "criminal_group", ["Los Topos"], None),
    ("lima", "location", "city", ["Lima"], None),
    ("comas", "location", "city", ["Comas"], None),
    ("jp", "person", None, ["Julio Paredes"], "criminal"),
]


def test_spanish_operation_with_counts_and_seizures(nlp_es: Language) -> None:
    ctx = make_ctx(nlp_es, ES_TEXT, "es", "2024-03-05", ES_SPECS)
    events = extract_events(ctx)
    ops = [e for e in events if e.type == "operation"]
    assert len(ops) == 1
    op = ops[0]
    assert op.date == "2024-03-04"
    assert op.arrested == 15
    assert op.rescued == 2
    assert op.agencies == ["pnp"]
    assert "t" in op.targets
    assert op.location == "comas"
    assert set(op.seized) == {"firearm", "drugs", "cash"}


def test_spanish_sentence_is_a_legal_action(nlp_es: Language) -> None:
    ctx = make_ctx(nlp_es, ES_TEXT, "es", "2024-03-05", ES_SPECS)
    legal = [e for e in extract_events(ctx) if e.type == "legal_action"]
    assert len(legal) == 1
    assert legal[0].date == "2021"
    assert legal[0].targets == ["jp"]


def test_killing_without_state_agents_is_a_violent_incident(nlp_en: Language) -> None:
    text = "Gunmen killed three people in Valencia on June 4, 2023."
    specs: list[EntitySpec] = [("v", "location", "city", ["Valencia"], None)]
    events = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert [(e.type, e.date, e.killed, e.location) for e in events] == [
        ("violent_incident", "2023-06-04", 3, "v")
    ]


def test_killing_by_police_is_an_operation(nlp_en: Language) -> None:
    text = "Police killed the gang leader Jose Mora in a shoot-out on May 3, 2022."
    specs: list[EntitySpec] = [("j", "person", None, ["Jose Mora"], "criminal")]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert (event.type, event.killed, event.targets) == ("operation", 1, ["j"])


def test_others_besides_a_named_person_are_added(nlp_en: Language) -> None:
    text = (
        "Officers arrested Ana Ruiz on January 9, 2024. "
        "She was detained together with 20 other members of the network."
    )
    specs: list[EntitySpec] = [("a", "person", None, ["Ana Ruiz"], "criminal")]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert event.arrested == 21


def test_ages_and_years_are_not_counts(nlp_en: Language) -> None:
    text = "Luis Vega, 34, was arrested on September 24, 2025 in Quito."
    specs: list[EntitySpec] = [
        ("l", "person", None, ["Luis Vega"], "criminal"),
        ("q", "location", "city", ["Quito"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert event.arrested == 1
    assert event.date == "2025-09-24"


def test_running_totals_and_purposes_are_no_events(nlp_en: Language) -> None:
    text = (
        "Police say they have captured 50 gang members so far this year. "
        "A reward is offered for information leading to the capture of the boss."
    )
    events = extract_events(make_ctx(nlp_en, text, "en", "2025-10-03", []))
    assert [e for e in events if e.type == "operation"] == []


def test_crime_nouns_alone_are_no_events(nlp_es: Language) -> None:
    text = "La banda Los Lobos se dedica al homicidio, la extorsión y el secuestro."
    specs: list[EntitySpec] = [("l", "organization", "criminal_group", ["Los Lobos"], None)]
    assert extract_events(make_ctx(nlp_es, text, "es", "2024-01-01", specs)) == []


def test_text_without_triggers_or_entities_gives_nothing(nlp_en: Language) -> None:
    assert extract_events(make_ctx(nlp_en, "The weather was mild.", "en", None, [])) == []
    assert extract_events(make_ctx(nlp_en, "", "en", None, [])) == []


def test_killing_of_police_officers_is_a_violent_incident(nlp_en: Language) -> None:
    text = "On May 3, 2023, gunmen killed two police officers in Maracay."
    specs: list[EntitySpec] = [("m", "location", "city", ["Maracay"], None)]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert (event.type, event.killed, event.date) == ("violent_incident", 2, "2023-05-03")


def test_headline_dated_by_the_dateline_merges_with_the_lead(nlp_es: Language) -> None:
    text = (
        "Capturan a 14 integrantes de Los Lobos en Trujillo\n\n"
        "Trujillo, 10 de agosto de 2023.– La policía capturó en la madrugada de ayer a catorce "
        "presuntos integrantes de la organización criminal Los Lobos.\n\n"
        "Durante el operativo se incautaron tres revólveres y dos vehículos."
    )
    specs: list[EntitySpec] = [
        ("l", "organization", "criminal_group", ["Los Lobos"], None),
        ("t", "location", "city", ["Trujillo"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_es, text, "es", "2023-08-10", specs))
    assert (event.date, event.arrested, event.location) == ("2023-08-09", 14, "t")
    assert event.targets == ["l"]
    assert set(event.seized) == {"firearm", "vehicle"}


def test_others_without_a_named_companion_are_not_added(nlp_es: Language) -> None:
    text = "El 10 de abril de 2022, otros dos miembros de la banda fueron detenidos en Maracaibo."
    specs: list[EntitySpec] = [("m", "location", "city", ["Maracaibo"], None)]
    (event,) = extract_events(make_ctx(nlp_es, text, "es", None, specs))
    assert (event.arrested, event.date, event.location) == (2, "2022-04-10", "m")


def test_agents_acting_are_no_count_of_the_dead(nlp_en: Language) -> None:
    text = "On May 9, 2024, at least 31 people were killed when some 900 soldiers raided the slum of Villa Nueva."
    specs: list[EntitySpec] = [("v", "location", "city", ["Villa Nueva"], None)]
    events = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert [e.killed for e in events] == [31]


def test_spanish_compound_number_words_count(nlp_es: Language) -> None:
    text = "El 3 de abril de 2021, cuarenta y dos personas fueron asesinadas en Tumaco."
    specs: list[EntitySpec] = [("t", "location", "city", ["Tumaco"], None)]
    (event,) = extract_events(make_ctx(nlp_es, text, "es", "2021-04-05", specs))
    assert (event.type, event.killed, event.location) == ("violent_incident", 42, "t")


@pytest.mark.parametrize(
    ("nlp_name", "text", "lang"),
    [
        ("nlp_en", "On March 4, 2023, soldiers recaptured Pedro Salas in Cali.", "en"),
        ("nlp_es", "El 4 de marzo de 2023, Pedro Salas fue recapturado en Cali.", "es"),
    ],
)
def test_a_named_person_recaptured_counts_one(
    request: pytest.FixtureRequest, nlp_name: str, text: str, lang: str
) -> None:
    specs: list[EntitySpec] = [
        ("p", "person", None, ["Pedro Salas"], "criminal"),
        ("c", "location", "city", ["Cali"], None),
    ]
    (event,) = extract_events(make_ctx(request.getfixturevalue(nlp_name), text, lang, None, specs))
    assert (event.type, event.arrested, event.date, event.location) == ("operation", 1, "2023-03-04", "c")


@pytest.mark.parametrize(
    ("nlp_name", "text", "lang"),
    [
        ("nlp_en", "The minister said Pedro Salas would be extradited to Spain.", "en"),
        ("nlp_en", "Prosecutors plan to extradite Pedro Salas to Spain.", "en"),
        ("nlp_es", "El ministro anunció que Pedro Salas será extraditado a España.", "es"),
        ("nlp_es", "Pedro Salas podría ser extraditado a España.", "es"),
    ],
)
def test_future_and_hypothetical_actions_are_no_events(
    request: pytest.FixtureRequest, nlp_name: str, text: str, lang: str
) -> None:
    specs: list[EntitySpec] = [
        ("p", "person", None, ["Pedro Salas"], "criminal"),
        ("s", "location", "country", ["Spain", "España"], None),
    ]
    assert extract_events(make_ctx(request.getfixturevalue(nlp_name), text, lang, None, specs)) == []


@pytest.mark.parametrize(
    ("nlp_name", "text", "lang"),
    [
        ("nlp_en", "On June 2, 2022, Pedro Salas pleaded guilty in Miami.", "en"),
        ("nlp_es", "El 2 de junio de 2022, Pedro Salas se declaró culpable en Miami.", "es"),
        ("nlp_en", "On June 2, 2022, the government designated Los Topos as a terrorist organization.", "en"),
    ],
)
def test_pleas_and_designations_are_legal_actions(
    request: pytest.FixtureRequest, nlp_name: str, text: str, lang: str
) -> None:
    specs: list[EntitySpec] = [
        ("p", "person", None, ["Pedro Salas"], "criminal"),
        ("g", "organization", "criminal_group", ["Los Topos"], None),
        ("m", "location", "city", ["Miami"], None),
    ]
    events = extract_events(make_ctx(request.getfixturevalue(nlp_name), text, lang, None, specs))
    assert [(e.type, e.date) for e in events] == [("legal_action", "2022-06-02")]


def test_founding_and_escape_are_no_operations(nlp_en: Language) -> None:
    text = (
        "Los Topos was founded in 1985 by inmates of Modelo prison. "
        "The escape of its leader was discovered on May 2, 2020."
    )
    specs: list[EntitySpec] = [
        ("g", "organization", "criminal_group", ["Los Topos"], None),
        ("f", "location", "facility", ["Modelo prison"], None),
    ]
    assert extract_events(make_ctx(nlp_en, text, "en", None, specs)) == []


def test_an_earlier_action_is_its_own_event(nlp_en: Language) -> None:
    text = (
        "On June 2, 2022, the Treasury sanctioned Los Topos in Miami. "
        "Its leader fled to Peru. Police made no comment. "
        "The Treasury has previously sanctioned Los Lobos."
    )
    specs: list[EntitySpec] = [
        ("t", "organization", "agency", ["Treasury"], None),
        ("g", "organization", "criminal_group", ["Los Topos"], None),
        ("l", "organization", "criminal_group", ["Los Lobos"], None),
        ("m", "location", "city", ["Miami"], None),
    ]
    events = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert [(e.type, e.date, e.targets) for e in events] == [
        ("legal_action", "2022-06-02", ["g"]),
        ("legal_action", None, ["l"]),
    ]


def test_an_armed_strike_is_a_violent_incident(nlp_es: Language) -> None:
    text = "Desde el 5 de mayo de 2022, Los Topos impuso un paro armado en Sucre."
    specs: list[EntitySpec] = [
        ("g", "organization", "criminal_group", ["Los Topos"], None),
        ("s", "location", "region", ["Sucre"], None),
    ]
    events = extract_events(make_ctx(nlp_es, text, "es", None, specs))
    assert [(e.type, e.date, e.location) for e in events] == [("violent_incident", "2022-05-05", "s")]


def test_dateline_city_is_not_the_place_of_the_event(nlp_en: Language) -> None:
    text = "LIMA, May 6 — Police on Thursday arrested Pedro Salas in Tacna."
    specs: list[EntitySpec] = [
        ("p", "person", None, ["Pedro Salas"], "criminal"),
        ("l", "location", "city", ["LIMA"], None),
        ("t", "location", "city", ["Tacna"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", "2022-05-06", specs))
    assert (event.date, event.location) == ("2022-05-05", "t")


def test_coordinated_years_are_one_event_each(nlp_en: Language) -> None:
    text = "Earlier raids against Los Topos, in 2011 and 2015, failed to end its grip."
    specs: list[EntitySpec] = [("g", "organization", "criminal_group", ["Los Topos"], None)]
    events = extract_events(make_ctx(nlp_en, text, "en", "2024-01-01", specs))
    assert sorted((e.type, e.date) for e in events) == [("operation", "2011"), ("operation", "2015")]


def test_nationality_nouns_count_people(nlp_es: Language) -> None:
    text = "El 4 de marzo de 2023, la policía detuvo a nueve colombianos en Lima."
    specs: list[EntitySpec] = [("l", "location", "city", ["Lima"], None)]
    (event,) = extract_events(make_ctx(nlp_es, text, "es", None, specs))
    assert event.arrested == 9


def test_agency_of_another_clause_is_not_a_party(nlp_es: Language) -> None:
    text = (
        "El 4 de marzo de 2023 la Policía capturó a Pedro Salas, a quien la Fiscalía de Miami "
        "acusó en 2021 de narcotráfico."
    )
    specs: list[EntitySpec] = [
        ("p", "organization", "agency", ["Policía"], None),
        ("f", "organization", "agency", ["Fiscalía de Miami"], None),
        ("s", "person", None, ["Pedro Salas"], "criminal"),
    ]
    events = extract_events(make_ctx(nlp_es, text, "es", None, specs))
    by_type = {e.type: e for e in events}
    assert by_type["operation"].agencies == ["p"]
    assert by_type["legal_action"].date == "2021"


def test_agents_of_a_coordinated_clause_do_not_make_a_killing_an_operation(nlp_en: Language) -> None:
    text = (
        "On May 3, 2023, the boss admitted that he bribed police commanders, and that his "
        "hitmen killed two rivals in Cali."
    )
    specs: list[EntitySpec] = [("c", "location", "city", ["Cali"], None)]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert (event.type, event.killed) == ("violent_incident", 2)


@pytest.mark.parametrize(
    ("nlp_name", "text", "lang"),
    [
        ("nlp_en", "The gang vowed revenge if police kept raiding its houses in Cali.", "en"),
        ("nlp_es", "La banda amenazó con represalias si la policía captura a Pedro Salas en Cali.", "es"),
    ],
)
def test_actions_under_a_condition_are_no_events(
    request: pytest.FixtureRequest, nlp_name: str, text: str, lang: str
) -> None:
    specs: list[EntitySpec] = [
        ("p", "person", None, ["Pedro Salas"], "criminal"),
        ("c", "location", "city", ["Cali"], None),
    ]
    assert extract_events(make_ctx(request.getfixturevalue(nlp_name), text, lang, "2024-01-01", specs)) == []


def test_an_armed_attack_by_gunmen_is_a_violent_incident(nlp_en: Language) -> None:
    text = "On January 9, 2024, masked gunmen attacked a radio station in Cali."
    specs: list[EntitySpec] = [("c", "location", "city", ["Cali"], None)]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert (event.type, event.date, event.location) == ("violent_incident", "2024-01-09", "c")


@pytest.mark.parametrize(
    "text",
    [
        "LIMA (Agency) - On May 5, 2022, police arrested Pedro Salas at his home.",
        "LIMA — On May 5, 2022, police arrested Pedro Salas at his home.",
    ],
)
def test_dateline_without_a_date_is_not_the_place(nlp_en: Language, text: str) -> None:
    specs: list[EntitySpec] = [
        ("p", "person", None, ["Pedro Salas"], "criminal"),
        ("l", "location", "city", ["LIMA"], None),
        ("t", "location", "city", ["Tacna"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", None, specs))
    assert (event.date, event.location) == ("2022-05-05", None)


def test_a_reward_is_its_own_undated_legal_action(nlp_en: Language) -> None:
    text = (
        "Mario Vega, the leader of Los Halcones, was sentenced in 2021 to 30 years in prison. "
        "He escaped the following year. "
        "Authorities are offering a reward of $50,000 for information leading to his capture."
    )
    specs: list[EntitySpec] = [
        ("v", "person", None, ["Mario Vega"], "criminal"),
        ("g", "organization", "criminal_group", ["Los Halcones"], None),
    ]
    events = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    legal = [e for e in events if e.type == "legal_action"]
    assert [(e.date, e.targets) for e in legal] == [("2021", ["v"]), (None, ["v"])]


def test_a_reward_offered_without_the_word(nlp_es: Language) -> None:
    text = (
        "La Fiscalía acusó en marzo de 2020 a Julián Soto, alias el Zorro. "
        "Estados Unidos ofrecía hasta dos millones de dólares por información sobre su paradero."
    )
    specs: list[EntitySpec] = [
        ("s", "person", None, ["Julián Soto", "el Zorro"], "criminal"),
        ("us", "location", "country", ["Estados Unidos"], None),
    ]
    events = extract_events(make_ctx(nlp_es, text, "es", "2024-05-10", specs))
    reward = [e for e in events if e.type == "legal_action" and e.date is None]
    assert len(reward) == 1
    assert reward[0].targets == ["s"]
    assert reward[0].location is None  # the country offering is no place of the event


def test_rewards_for_two_fugitives_are_two_events(nlp_en: Language) -> None:
    text = (
        "Police offered a reward of $10,000 for information on Mario Vega. "
        "Prosecutors say the gang recruits minors in several towns. "
        "A separate reward was announced for Luis Pardo, another gang leader."
    )
    specs: list[EntitySpec] = [
        ("v", "person", None, ["Mario Vega"], "criminal"),
        ("p", "person", None, ["Luis Pardo"], "criminal"),
    ]
    events = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert sorted(e.targets[0] for e in events if e.type == "legal_action") == ["p", "v"]


def test_extradited_to_a_country_is_no_place(nlp_en: Language) -> None:
    text = "In 2022, Mario Vega was extradited to the United States."
    specs: list[EntitySpec] = [
        ("v", "person", None, ["Mario Vega"], "criminal"),
        ("us", "location", "country", ["United States"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert event.type == "legal_action"
    assert event.location is None


def test_transferred_to_a_prison_is_no_place(nlp_es: Language) -> None:
    text = "El 3 de mayo de 2023, Julián Soto fue capturado en Cali y trasladado a la cárcel La Picota."
    specs: list[EntitySpec] = [
        ("s", "person", None, ["Julián Soto"], "criminal"),
        ("c", "location", "city", ["Cali"], None),
        ("f", "location", "facility", ["La Picota"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_es, text, "es", "2024-05-10", specs))
    assert event.location == "c"


def test_a_date_of_a_later_clause_is_not_the_sentence(nlp_en: Language) -> None:
    text = "Mario Vega had been sentenced to 20 years in prison, but fled at the end of 2019."
    specs: list[EntitySpec] = [("v", "person", None, ["Mario Vega"], "criminal")]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert event.type == "legal_action"
    assert event.date is None


def test_a_date_the_trigger_clause_hangs_on_is_its_date(nlp_en: Language) -> None:
    text = "The fugitive has been on the run since 2019, when Mario Vega was sentenced to 20 years."
    specs: list[EntitySpec] = [("v", "person", None, ["Mario Vega"], "criminal")]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert event.date == "2019"


def test_a_named_murder_without_a_date_is_an_incident(nlp_en: Language) -> None:
    text = "Investigators still link the gang to the murder of Rosa Lima, a local trader."
    specs: list[EntitySpec] = [("r", "person", None, ["Rosa Lima"], "criminal")]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert (event.type, event.date, event.targets) == ("violent_incident", None, ["r"])


def test_the_killing_of_a_leader_targets_the_leader_only(nlp_en: Language) -> None:
    text = "In 2020 gunmen killed Mario Vega, the leader of Los Halcones, in Cali."
    specs: list[EntitySpec] = [
        ("v", "person", None, ["Mario Vega"], "criminal"),
        ("g", "organization", "criminal_group", ["Los Halcones"], None),
        ("c", "location", "city", ["Cali"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert event.targets == ["v"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The chief said officers work to locate and detain the bosses of Los Halcones in Cali.",
        ),
        (
            "es",
            "El director dijo que la Policía trabaja para ubicar y capturar a los jefes de Los Halcones en Cali.",
        ),
    ],
)
def test_a_purpose_shared_by_coordinated_verbs_is_no_event(
    nlp_en: Language, nlp_es: Language, lang: str, text: str
) -> None:
    specs: list[EntitySpec] = [
        ("g", "organization", "criminal_group", ["Los Halcones"], None),
        ("c", "location", "city", ["Cali"], None),
    ]
    nlp = nlp_en if lang == "en" else nlp_es
    assert extract_events(make_ctx(nlp, text, lang, "2024-05-10", specs)) == []


def test_an_airport_in_the_country_continues_the_arrest(nlp_en: Language) -> None:
    text = (
        "Chilean detectives arrested Mario Vega in Chile on Friday. "
        "He was sent back within hours. "
        "Prosecutors said the gang had moved money abroad. "
        "Officers detained Mario Vega at Santiago Airport as he stepped off the plane."
    )
    specs: list[EntitySpec] = [
        ("v", "person", None, ["Mario Vega"], "criminal"),
        ("cl", "location", "country", ["Chile"], None),
        ("a", "location", "facility", ["Santiago Airport"], None),
    ]
    ctx = make_ctx(nlp_en, text, "en", "2024-05-11", specs)
    ctx.entity("a").country = "CL"
    ctx.entity("cl").country = "CL"
    ops = [e for e in extract_events(ctx) if e.type == "operation"]
    assert len(ops) == 1
    assert ops[0].location == "a"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Agents executed an arrest warrant against Mario Vega in Cali on May 2, 2024.", "operation"),
        ("en", "A judge issued an arrest warrant against Mario Vega on May 2, 2024.", "legal_action"),
        (
            "es",
            "El 2 de mayo de 2024 la Policía hizo efectiva una orden de captura contra Mario Vega.",
            "operation",
        ),
        ("es", "El 2 de mayo de 2024 un juez emitió una orden de captura contra Mario Vega.", "legal_action"),
    ],
)
def test_a_warrant_carried_out_is_an_arrest(
    nlp_en: Language, nlp_es: Language, lang: str, text: str, expected: str
) -> None:
    specs: list[EntitySpec] = [("v", "person", None, ["Mario Vega"], "criminal")]
    nlp = nlp_en if lang == "en" else nlp_es
    (event,) = extract_events(make_ctx(nlp, text, lang, "2024-05-10", specs))
    assert (event.type, event.date, event.targets) == (expected, "2024-05-02", ["v"])


def test_a_massacre_named_by_its_town_is_an_incident(nlp_es: Language) -> None:
    text = "Los vecinos todavía recuerdan la masacre de Palmira, atribuida a Los Halcones."
    specs: list[EntitySpec] = [
        ("g", "organization", "criminal_group", ["Los Halcones"], None),
        ("c", "location", "city", ["Palmira"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_es, text, "es", "2024-05-10", specs))
    assert (event.type, event.date, event.location) == ("violent_incident", None, "c")


def test_a_killing_told_elsewhere_is_not_the_arrest(nlp_en: Language) -> None:
    text = (
        "Police arrested Mario Vega in Cali on May 2, 2024. "
        "He leads the Los Halcones gang, which controls the port. "
        "The gang has grown since its founder was shot dead by police in a raid in Palmira."
    )
    specs: list[EntitySpec] = [
        ("v", "person", None, ["Mario Vega"], "criminal"),
        ("g", "organization", "criminal_group", ["Los Halcones"], None),
        ("c1", "location", "city", ["Cali"], None),
        ("c2", "location", "city", ["Palmira"], None),
    ]
    events = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert [(e.date, e.location) for e in events] == [("2024-05-02", "c1"), (None, "c2")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "In 2023 the gang ran illegal mining operations in Cali.", []),
        ("en", "In 2023 police carried out anti-drug operations in Cali.", ["operation"]),
        ("es", "En 2023 la banda dirigía operaciones de narcotráfico en Cali.", []),
        ("es", "En 2023 la Policía realizó operaciones contra el narcotráfico en Cali.", ["operation"]),
    ],
)
def test_business_operations_are_no_police_operations(
    nlp_en: Language, nlp_es: Language, lang: str, text: str, expected: list[str]
) -> None:
    specs: list[EntitySpec] = [("c", "location", "city", ["Cali"], None)]
    nlp = nlp_en if lang == "en" else nlp_es
    assert [e.type for e in extract_events(make_ctx(nlp, text, lang, "2024-05-10", specs))] == expected


@pytest.mark.parametrize(("joiner", "expected"), [(" ", "2024-05-02"), ("\n\n", None)])
def test_a_scene_date_carries_to_the_next_sentence(
    nlp_en: Language, joiner: str, expected: str | None
) -> None:
    text = (
        "Early on May 2, 2024, dozens of agents surrounded a house in Cali."
        + joiner
        + "They arrested Mario Vega there."
    )
    specs: list[EntitySpec] = [
        ("v", "person", None, ["Mario Vega"], "criminal"),
        ("c", "location", "city", ["Cali"], None),
    ]
    (event,) = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert event.date == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "On May 2, 2024, Los Halcones imposed an armed strike in Cali."),
        ("es", "El 2 de mayo de 2024, Los Halcones impusieron un paro armado en Cali."),
    ],
)
def test_the_group_carrying_out_an_incident_is_no_target(
    nlp_en: Language, nlp_es: Language, lang: str, text: str
) -> None:
    specs: list[EntitySpec] = [
        ("g", "organization", "criminal_group", ["Los Halcones"], None),
        ("c", "location", "city", ["Cali"], None),
    ]
    nlp = nlp_en if lang == "en" else nlp_es
    (event,) = extract_events(make_ctx(nlp, text, lang, "2024-05-10", specs))
    assert (event.type, event.date, event.targets) == ("violent_incident", "2024-05-02", [])


def test_legal_acts_against_other_groups_are_other_events(nlp_en: Language) -> None:
    text = (
        "The Treasury sanctioned Los Halcones over drug trafficking. "
        "The gang moves cocaine through the northern ports. "
        "The department has also sanctioned La Cordillera, a rival network."
    )
    specs: list[EntitySpec] = [
        ("h", "organization", "criminal_group", ["Los Halcones"], None),
        ("c", "organization", "criminal_group", ["La Cordillera"], None),
    ]
    events = extract_events(make_ctx(nlp_en, text, "en", "2024-05-10", specs))
    assert sorted(e.targets[0] for e in events if e.type == "legal_action") == ["c", "h"]
