"""The analysis sample store plus one report whose names and sentences are hostile markup."""

from __future__ import annotations

from analysis_samples import Doc, fill_store, sample_docs

HOSTILE_GROUP = "<script>alert('gang')</script> Banda"
HOSTILE_TEXT = (
    f"{HOSTILE_GROUP} is a rival of Tren de Aragua <img src=x onerror=alert(1)>. Tren de Aragua said nothing."
)


def hostile_doc() -> Doc:
    doc = Doc("h", HOSTILE_TEXT, "2024-02-10", "<b>Outlet</b>")
    doc.entity("x", "organization", HOSTILE_GROUP, subtype="criminal_group")
    doc.entity("tda", "organization", "Tren de Aragua", subtype="criminal_group")
    doc.relation("rival_of", "x", "tda", "is a rival of")
    return doc


def fill_briefing_store(url: str) -> dict[str, str]:
    return fill_store(url, [*sample_docs(), hostile_doc()])
