"""Golden files: small hand-written reports, one per phenomenon, with their expected entities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pista.extract import analyze
from pista.extract.normalize import norm

GOLDEN = sorted((Path(__file__).parent / "golden").glob("*.json"))


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_entities(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    found = analyze(gold["text"], gold["lang"]).entities
    assert len(found) == len(gold["entities"]), [e.names for e in found]
    for expected in gold["entities"]:
        wanted = {norm(n) for n in expected["names"]}
        match = [e for e in found if e.type == expected["type"] and wanted & {norm(n) for n in e.names}]
        assert len(match) == 1, expected
        ent = match[0]
        assert wanted <= {norm(n) for n in ent.names}, (expected, ent.names)
        assert {norm(a) for a in expected.get("aliases", [])} == {norm(a) for a in ent.aliases}
        for key in ("subtype", "country", "role"):
            if key in expected:
                assert getattr(ent, key) == expected[key], (key, expected, ent)
        text = gold["text"]
        assert ent.mentions and all(text[m.start : m.end] == m.text for m in ent.mentions)
