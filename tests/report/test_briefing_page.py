"""The briefing page: its sections, charts, evidence links, escaping, periods and the CLI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from briefing_samples import HOSTILE_GROUP, fill_briefing_store
from sqlalchemy import Engine
from typer.testing import CliRunner

from pista.analysis.corpus import Period
from pista.cli import app
from pista.errors import PistaError
from pista.report import briefing as briefing_module
from pista.report.briefing import build_briefing, render_briefing, write_pdf
from pista.store import connect


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    url = str(tmp_path_factory.mktemp("briefing") / "pista.db")
    return url, fill_briefing_store(url)


@pytest.fixture(scope="module")
def engine(store: tuple[str, dict[str, str]]) -> Iterator[Engine]:
    engine = connect(store[0])
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def html(engine: Engine) -> str:
    return render_briefing(build_briefing(engine))


def test_without_org_it_briefs_the_most_mentioned_group(engine: Engine) -> None:
    assert build_briefing(engine).profile.name == "Tren de Aragua"


def test_sections_and_inline_charts(html: str) -> None:
    for section in ("summary", "network", "timeline", "territories", "crimes", "structure", "sources"):
        assert f'<section id="{section}">' in html
    assert html.count("<svg") >= 5  # network, legend, timeline, places, countries, crimes
    assert 'aria-label="Network drawing"' in html and 'aria-label="Timeline of events"' in html
    assert "<script" not in html  # no scripts at all (hostile ones are escaped)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from outside


def test_totals_evidence_and_sources(html: str, store: tuple[str, dict[str, str]]) -> None:
    ids = store[1]
    assert "<b>24</b>arrested" in html
    assert "reported 16 by 1, 15 by 1" in html
    assert (
        f'<a class="doc" href="#src-{ids["a"]}">{ids["a"]}</a> Héctor Guerrero leads Tren de Aragua.' in html
    )
    assert f'<tr id="src-{ids["d"]}">' in html and "BioBio" in html
    assert "about 5,000" in html and "3,000" in html  # member counts side by side


def test_network_shows_key_players_and_stated_leaders(html: str) -> None:
    section = html[html.index('<section id="network">') : html.index('<section id="timeline">')]
    assert "Key players" in section and "Stated leaders" in section
    assert "#1 " in section  # the top key player is labelled with its rank in the drawing
    assert "Héctor Guerrero" in section


def test_hostile_names_and_publishers_are_escaped(html: str) -> None:
    assert HOSTILE_GROUP not in html
    assert "&lt;script&gt;alert(&#39;gang&#39;)&lt;/script&gt; Banda" in html  # in tables
    assert "&lt;script&gt;alert(&#x27;gang&#x27;)&lt;/script&gt; Banda" in html  # in the drawing
    assert "<img" not in html and "<b>Outlet</b>" not in html and "&lt;b&gt;Outlet&lt;/b&gt;" in html


def test_period_and_named_org(engine: Engine) -> None:
    early = build_briefing(engine, org="los gallegos", period=Period(until="2023-12-31"))
    assert early.profile.name == "Los Gallegos"
    assert early.period == "until 2023-12-31"
    assert [e.date for e in early.profile.timeline] == ["2023-05-03"]
    with pytest.raises(PistaError, match="close names"):
        build_briefing(engine, org="Los Galegos")


def test_cli_report_writes_the_briefing(store: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    out = tmp_path / "out" / "briefing.html"
    result = CliRunner().invoke(
        app, ["--db", store[0], "report", "--out", str(out), "--org", "TdA", "--since", "2024"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    page = out.read_text(encoding="utf-8")
    assert "Briefing: Tren de Aragua" in page and "since 2024" in page
    overview = tmp_path / "overview.html"
    result = CliRunner().invoke(app, ["--db", store[0], "report", "--out", str(overview), "--overview"])
    assert result.exit_code == 0 and "Facts by document" in overview.read_text(encoding="utf-8")


def test_cli_report_on_an_unresolved_store_writes_the_overview(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "empty.db"), "report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "The store holds no documents yet" in out.read_text(encoding="utf-8")


def test_pdf_without_chromium_fails_clearly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(briefing_module, "chromium_path", lambda: None)
    with pytest.raises(PistaError, match="needs Chromium"):
        write_pdf("<p>x</p>", tmp_path / "b.pdf")
    with pytest.raises(PistaError, match="needs Chromium"):
        write_pdf("<p>x</p>", tmp_path / "c.pdf", browser=str(tmp_path / "no-such-browser"))
