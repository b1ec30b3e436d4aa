"""Normalization, string similarity and acronym checks."""

from __future__ import annotations

import pytest

from pista.resolve.features import acronym_fits, person_names_conflict
from pista.resolve.normalize import fold, jaro_winkler, norm_name, phonetic
from pista.resolve.profile import person_tokens


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("El Callao", "callao"),
        ("The Peruvian National Police", "peruvian national police"),
        ("Los Injertos del Cono Norte", "injertos del cono norte"),
        ("Rísquez’s", "risquez"),
        ("  NIÑO   Guerrero ", "nino guerrero"),
    ],
)
def test_norm_name(raw: str, expected: str) -> None:
    assert norm_name(raw) == expected


def test_fold_keeps_a_lone_article() -> None:
    assert norm_name("La") == "la"
    assert fold("Fiscalía, 2ª") == "fiscalia 2a"


@pytest.mark.parametrize(
    ("a", "b"), [("yohan", "johan"), ("erick", "erik"), ("jhonny", "jonny"), ("vargas", "bargas")]
)
def test_phonetic_variants(a: str, b: str) -> None:
    assert phonetic(a) == phonetic(b)


def test_phonetic_keeps_different_names_apart() -> None:
    assert phonetic("guerrero") != phonetic("herrera")


def test_jaro_winkler() -> None:
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.961, abs=0.001)
    assert jaro_winkler("abc", "abc") == 1.0
    assert jaro_winkler("abc", "") == 0.0
    assert jaro_winkler("guerrero flores", "herrera paz") < 0.8


@pytest.mark.parametrize(
    ("acronym", "name", "fits"),
    [
        ("pnp", "policia nacional del peru", True),
        ("pnp", "peruvian national police", True),
        ("dirincri", "direccion de investigacion criminal", True),
        ("feccor", "fiscalias especializadas contra la criminalidad organizada", True),
        ("pnb", "policia nacional del peru", False),
        ("pdi", "policia nacional del peru", False),
    ],
)
def test_acronym_fits(acronym: str, name: str, fits: bool) -> None:
    assert acronym_fits(acronym, name.split()) is fits


def test_person_tokens_drop_titles_and_particles() -> None:
    assert person_tokens("Gen. Óscar Arriola de la Cruz") == ("oscar", "arriola", "cruz")


def test_person_name_conflicts() -> None:
    hector = person_tokens("Héctor Guerrero Flores")
    assert not person_names_conflict(hector, person_tokens("Héctor Rusthenford Guerrero Flores"))
    assert person_names_conflict(hector, person_tokens("Carlos Guerrero Flores"))
    assert not person_names_conflict(person_tokens("Pepe Soto"), person_tokens("José Soto"))
    assert person_names_conflict(person_tokens("Ana Soto"), person_tokens("Ana Ruiz"))
