"""Blocking keeps the number of compared pairs near-linear in the corpus size."""

from __future__ import annotations

from resolve_samples import doc, org, person

from pista.resolve.blocking import DEFAULT_CAP, WINDOW, candidate_pairs
from pista.resolve.profile import build_profiles


def _corpus(n: int) -> list:
    return [
        doc(
            f"d{i:05d}",
            org("o", "Tren de Aragua", subtype="criminal_group"),
            person("p", f"Persona Número{i} Apellido{i % 7}"),
        )
        for i in range(n)
    ]


def test_pairs_grow_linearly_with_one_very_common_name() -> None:
    small = len(list(candidate_pairs(build_profiles(_corpus(200)))))
    large = len(list(candidate_pairs(build_profiles(_corpus(400)))))
    assert large <= 2.3 * small
    assert large <= 400 * 2 * (WINDOW + DEFAULT_CAP)


def test_pairs_never_join_a_document_with_itself() -> None:
    profiles = build_profiles(_corpus(50))
    for i, j in candidate_pairs(profiles):
        assert profiles[i].item[0] != profiles[j].item[0]
