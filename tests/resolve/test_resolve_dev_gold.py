"""Resolution measured on the shared gold analyses (skipped where the shared folder is absent)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from pista.documents import Analysis
from pista.resolve import assign_keys


def test_resolution_of_gold_analyses_meets_the_targets(shared_dir: Path, tmp_path: Path) -> None:
    gold_dir = shared_dir / "eval" / "dev"
    analyses = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for e in data.get("entities") or []:
            e.pop("ref", None)
        for ev in data.get("events") or []:
            ev.pop("event_ref", None)
        analyses.append(Analysis.from_dict(data))
    assign_keys(analyses)
    assert all(e.key for a in analyses for e in a.entities)
    assert all(ev.key for a in analyses for ev in a.events)
    out = tmp_path / "system.jsonl"
    out.write_text("\n".join(json.dumps(a.to_dict(), ensure_ascii=False) for a in analyses), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("reference_score", shared_dir / "eval" / "score.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    report = scorer.score(str(gold_dir), str(out))
    assert report["resolution_b3"]["f1"] >= 0.95
    assert report["resolution_b3_hard"]["f1"] >= 0.85
    assert report["event_dedup"]["r"] == 1.0
