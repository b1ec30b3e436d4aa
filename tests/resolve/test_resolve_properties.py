"""Properties: resolution is deterministic, and a withdrawn judgement leaves no trace."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from resolve_samples import doc, org, person, place

from pista.documents import Analysis, Entity, Event
from pista.resolve import Judgement, member_ref, resolve_corpus

POOL: list[Entity] = [
    person("x", "Héctor Rusthenford Guerrero Flores", aliases=("Niño Guerrero",), role="criminal"),
    person("x", "Héctor Guerrero", role="criminal"),
    person("x", "Nino Guerrero", aliases=("Nino Guerrero",)),
    person("x", "Carlos Guerrero", role="official"),
    person("x", "Guerrero"),
    person("x", "Yohan Romero"),
    person("x", "Johan Romero"),
    org("x", "Peruvian National Police", "PNP", aliases=("PNP",), country="PE"),
    org("x", "Policía Nacional del Perú", country="PE"),
    org("x", "National Police", country="CO"),
    org("x", "Tren de Aragua", subtype="criminal_group", country="VE"),
    place("x", "Callao", subtype="region", country="PE"),
    place("x", "El Callao", country="VE"),
    place("x", "Lima", country="PE"),
]


@st.composite
def corpora(draw: st.DrawFn) -> list[tuple[str, Analysis]]:
    n_docs = draw(st.integers(2, 6))
    out = []
    for d in range(n_docs):
        picks = draw(st.lists(st.integers(0, len(POOL) - 1), min_size=1, max_size=5, unique=True))
        entities = [replace(POOL[i], id=f"e{i}") for i in picks]
        events = []
        if draw(st.booleans()):
            day = draw(st.sampled_from(["2024-05-14", "2024-05-15", "2024-06-20", "2024-05"]))
            events.append(Event(id="v1", type="operation", date=day, targets=[entities[0].id], arrested=3))
        out.append(doc(f"doc{d}", *entities, events=tuple(events)))
    return out


def _shuffled(corpus: list[tuple[str, Analysis]], order: list[int], flip: bool) -> list[tuple[str, Analysis]]:
    out = []
    for i in order:
        doc_id, a = corpus[i]
        entities = list(reversed(a.entities)) if flip else list(a.entities)
        out.append((doc_id, replace(a, entities=entities)))
    return out


@settings(max_examples=40, deadline=None)
@given(corpus=corpora(), data=st.data())
def test_input_order_does_not_change_keys(corpus: list[tuple[str, Analysis]], data: st.DataObject) -> None:
    order = data.draw(st.permutations(list(range(len(corpus)))))
    flip = data.draw(st.booleans())
    first = resolve_corpus(corpus)
    second = resolve_corpus(_shuffled(corpus, order, flip))
    assert first.entity_keys == second.entity_keys
    assert first.event_keys == second.event_keys
    assert {k: e.to_dict() for k, e in first.events.items()} == {
        k: e.to_dict() for k, e in second.events.items()
    }


def _judgement(
    corpus: list[tuple[str, Analysis]], kind: str, a: tuple[str, str], b: tuple[str, str]
) -> Judgement:
    by_doc = dict(corpus)
    ref_a = member_ref(a[0], by_doc[a[0]], a[1])
    ref_b = member_ref(b[0], by_doc[b[0]], b[1])
    assert ref_a and ref_b
    if kind == "split":
        return Judgement("split", (ref_a, ref_b), created_at="2025-01-01T00:00:00")
    return Judgement(kind, (ref_a,), (ref_b,), created_at="2025-01-01T00:00:00")  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(corpus=corpora(), data=st.data(), kind=st.sampled_from(["same", "different", "split"]))
def test_withdrawn_judgement_restores_the_previous_state(
    corpus: list[tuple[str, Analysis]], data: st.DataObject, kind: str
) -> None:
    items = [(d, e.id) for d, a in corpus for e in a.entities]
    a = data.draw(st.sampled_from(items))
    b = data.draw(st.sampled_from([i for i in items if i[0] != a[0]] or [a]))
    if a == b:
        return
    before = resolve_corpus(corpus)
    judgement = _judgement(corpus, kind, a, b)
    during = resolve_corpus(corpus, [judgement])
    if kind == "same":
        assert during.entity_keys[a] == during.entity_keys[b]
    else:
        assert during.entity_keys[a] != during.entity_keys[b]
    after = resolve_corpus(corpus, [replace(judgement, withdrawn_at="2025-01-02T00:00:00")])
    assert after.entity_keys == before.entity_keys
    assert after.event_keys == before.event_keys


def test_later_judgement_wins() -> None:
    corpus = [doc("a", person("p", "Ana Soto")), doc("b", person("p", "Ana Soto"))]
    different = replace(_judgement(corpus, "different", ("a", "p"), ("b", "p")), created_at="2025-01-01")
    same_again = replace(_judgement(corpus, "same", ("a", "p"), ("b", "p")), created_at="2025-02-01")
    r = resolve_corpus(corpus, [same_again, different])
    assert r.entity_keys[("a", "p")] == r.entity_keys[("b", "p")]
    r = resolve_corpus(corpus, [different])
    assert r.entity_keys[("a", "p")] != r.entity_keys[("b", "p")]


def test_judgement_survives_re_extraction_that_renumbers_entities() -> None:
    corpus = [
        doc("a", person("p1", "Guerrero", role="criminal")),
        doc("b", person("p7", "Héctor Guerrero Flores", role="criminal")),
    ]
    assert resolve_corpus(corpus).entity_keys[("a", "p1")] != resolve_corpus(corpus).entity_keys[("b", "p7")]
    judgement = _judgement(corpus, "same", ("a", "p1"), ("b", "p7"))
    re_extracted = [
        doc(
            "a",
            org("o1", "Tren de Aragua", subtype="criminal_group"),
            person("p2", "Guerrero", role="criminal"),
        ),
        doc("b", person("p1", "Héctor Guerrero Flores", "Guerrero Flores", role="criminal")),
    ]
    r = resolve_corpus(re_extracted, [judgement])
    assert r.entity_keys[("a", "p2")] == r.entity_keys[("b", "p1")]


def test_keys_are_stable_when_an_unrelated_document_is_added() -> None:
    base = [
        doc("a", org("o", "Peruvian National Police", country="PE")),
        doc("b", org("o", "Policía Nacional del Perú", country="PE")),
    ]
    first = resolve_corpus(base)
    second = resolve_corpus([*base, doc("c", place("l", "Quito", country="EC"))])
    assert first.entity_keys[("a", "o")] == second.entity_keys[("a", "o")]
