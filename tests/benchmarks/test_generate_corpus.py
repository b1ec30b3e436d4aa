"""The synthetic corpus: deterministic, in both languages, its truth consistent with its text."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from pista.cli import app
from pista.cli.bench_cmd import benchmark_module
from pista.documents import CRIME_TYPES, EVENT_TYPES, LOC_SUBTYPES, ORG_SUBTYPES, RELATION_TYPES
from pista.evaluate import score


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return benchmark_module("generate")


@pytest.fixture(scope="module")
def corpus(generate: ModuleType) -> list[Any]:
    return list(generate.generate_corpus(120, seed=11))


def test_same_seed_same_corpus(generate: ModuleType, corpus: list[Any]) -> None:
    again = [r.to_dict() for r in generate.generate_corpus(120, seed=11)]
    assert again == [r.to_dict() for r in corpus]
    other = [r.text for r in generate.generate_corpus(20, seed=12)]
    assert other != [r.text for r in corpus[:20]]


def test_language_mix(generate: ModuleType, corpus: list[Any]) -> None:
    langs = {r.lang for r in corpus}
    assert langs == {"en", "es"}
    assert {r.lang for r in generate.generate_corpus(15, seed=1, lang_mix={"es": 1.0})} == {"es"}
    with pytest.raises(ValueError, match="lang_mix"):
        list(generate.generate_corpus(1, lang_mix={"fr": 1.0}))


def test_truth_names_appear_in_the_text(corpus: list[Any]) -> None:
    for record in corpus:
        for ent in record.truth["entities"]:
            assert ent["names"], ent
            for name in ent["names"]:
                assert name in record.text, (record.id, name)
            assert set(ent["aliases"]) <= set(ent["names"])


def test_truth_uses_the_vocabularies_and_local_ids(corpus: list[Any]) -> None:
    for record in corpus:
        truth = record.truth
        ids = {e["id"] for e in truth["entities"]}
        for ent in truth["entities"]:
            if ent["type"] == "organization":
                assert ent["subtype"] in ORG_SUBTYPES
            elif ent["type"] == "location":
                assert ent["subtype"] in LOC_SUBTYPES
            else:
                assert ent["role"] in ("criminal", "official")
        for rel in truth["relations"]:
            assert rel["type"] in RELATION_TYPES and {rel["subject"], rel["object"]} <= ids
        for crime in truth["crimes"]:
            assert crime["type"] in CRIME_TYPES and crime["subject"] in ids
        for ev in truth["events"]:
            assert ev["type"] in EVENT_TYPES
            assert set(ev["agencies"]) | set(ev["targets"]) <= ids
        assert truth["events"][0]["event_ref"]


def test_reports_retell_operations_and_rename_people(corpus: list[Any]) -> None:
    refs = [r.truth["events"][0]["event_ref"] for r in corpus]
    assert len(set(refs)) < len(refs)  # some operations are reported more than once
    forms: dict[str, set[str]] = {}
    for record in corpus:
        for ent in record.truth["entities"]:
            if ent["type"] == "person":
                forms.setdefault(ent["ref"], set()).add(ent["names"][0])
    assert any(len(names) > 1 for names in forms.values())  # full name here, nickname there


def test_truth_is_gold_for_the_scorer(corpus: list[Any]) -> None:
    gold = {r.id: r.to_dict() for r in corpus[:30]}
    perfect = score(gold, gold)
    assert perfect["entity"]["f1"] == 1.0 and perfect["relation"]["f1"] == 1.0


def test_bench_extract_prints_both_speeds_and_the_ratio() -> None:
    result = CliRunner().invoke(app, ["bench", "extract", "--docs", "6"])
    assert result.exit_code == 0, result.output
    assert "corpus: 6 documents" in result.stdout
    assert "spaCy nlp.pipe:" in result.stdout and "pista analyze_many:" in result.stdout
    assert "ratio pista/spaCy:" in result.stdout
