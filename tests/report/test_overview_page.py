"""The overview page: counts, documents, facts with evidence, and hostile text escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pista.cli import app
from pista.documents import Analysis, Claim, Crime, Entity, Event, Evidence, Mention, Relation
from pista.errors import PistaError
from pista.report import build_overview, render_overview, write_overview
from pista.store import DocumentStore, connect
from pista.store.documents import SourceInfo, content_hash

EN_TEXT = (
    "Police in Lima arrested 23 members of Los Gallegos on 2 December 2022. "
    "Los Gallegos is a faction of Tren de Aragua. "
    "Héctor Guerrero leads Tren de Aragua. "
    "Los Gallegos extorts bus companies. "
    "Analysts say Tren de Aragua has about 2700 members."
)
HOSTILE_TITLE = "<script>alert('title')</script> Report"
HOSTILE_TEXT = (
    'El jefe <img src=x onerror="alert(1)"> dirige la banda <script>alert(2)</script> en Lima. '
    "La Policía Nacional del Perú detuvo a tres personas."
)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def sentence_of(text: str, needle: str) -> str:
    start = text.index(needle)
    lo = text.rfind(". ", 0, start)
    lo = 0 if lo == -1 else lo + 2
    hi = text.find(". ", start)
    return text[lo : (len(text) if hi == -1 else hi + 1)]


def ev(text: str, needle: str) -> Evidence:
    start, end = span(text, needle)
    return Evidence(start, end, sentence_of(text, needle))


def mention(text: str, needle: str) -> Mention:
    start, end = span(text, needle)
    return Mention(needle, start, end, sentence_of(text, needle))


def english_analysis(doc_id: str) -> Analysis:
    t = EN_TEXT
    return Analysis(
        doc_id=doc_id,
        lang="en",
        published="2022-12-03",
        entities=[
            Entity(
                "e1",
                "person",
                ["Héctor Guerrero"],
                role="criminal",
                country="VE",
                mentions=[mention(t, "Héctor Guerrero")],
                confidence=0.9,
            ),
            Entity(
                "e2",
                "organization",
                ["Tren de Aragua", "TdA"],
                subtype="criminal_group",
                aliases=["TdA"],
                mentions=[mention(t, "Tren de Aragua")],
                confidence=0.95,
            ),
            Entity(
                "e3",
                "organization",
                ["Los Gallegos"],
                subtype="faction",
                mentions=[mention(t, "Los Gallegos")],
            ),
            Entity("e4", "organization", ["Police"], subtype="agency", mentions=[mention(t, "Police")]),
            Entity("e5", "location", ["Lima"], subtype="city", country="PE", mentions=[mention(t, "Lima")]),
        ],
        relations=[
            Relation("leader_of", "e1", "e2", ev(t, "leads"), 0.8),
            Relation("part_of", "e3", "e2", ev(t, "is a faction of"), 0.7),
        ],
        crimes=[Crime("e3", "extortion", ev(t, "extorts"), 0.75)],
        events=[
            Event(
                "v1",
                "operation",
                date="2022-12-02",
                location="e5",
                agencies=["e4"],
                targets=["e3"],
                arrested=23,
                seized=["firearm"],
                evidence=[ev(t, "arrested 23")],
                confidence=0.6,
            ),
        ],
        claims=[Claim("e2", 2700, qualifier="about", evidence=ev(t, "about 2700 members"), confidence=0.7)],
    )


def hostile_analysis(doc_id: str) -> Analysis:
    t = HOSTILE_TEXT
    return Analysis(
        doc_id=doc_id,
        lang="es",
        published=None,
        entities=[
            Entity(
                "e1",
                "person",
                ['<img src=x onerror="alert(3)">'],
                role='criminal" onmouseover="alert(4)',
                mentions=[mention(t, '<img src=x onerror="alert(1)">')],
            ),
            Entity("e2", "organization", ["<script>alert(5)</script>"], subtype="criminal_group"),
        ],
        relations=[Relation("leader_of", "e1", "e2", ev(t, "dirige"), 0.5)],
        warnings=["<b>not bold</b>"],
    )


OPENED: list[DocumentStore] = []


@pytest.fixture(autouse=True)
def _dispose_stores() -> Iterator[None]:
    yield
    while OPENED:
        OPENED.pop().engine.dispose()


def open_store(url: str) -> DocumentStore:
    store = DocumentStore(connect(url))
    OPENED.append(store)
    return store


def fill(url: str, *, analyse: bool = True) -> DocumentStore:
    store = open_store(url)
    with store.engine.begin() as conn:
        en = store.add(
            conn,
            text=EN_TEXT,
            source=SourceInfo("pnp", "bulletin.txt", "police", "B"),
            title="Operation in Lima",
            url="https://example.org/news/1?a=1&b=2",
            lang="en",
            lang_supported=True,
            published="2022-12-03",
        )
        es = store.add(
            conn,
            text=HOSTILE_TEXT,
            source=SourceInfo("<i>src</i>", "x<y>.html", "press"),
            title=HOSTILE_TITLE,
            url="javascript:alert(6)",
            lang="es",
            lang_supported=True,
        )
        if analyse:
            store.save_analysis(
                conn, en.document_id, content_hash(EN_TEXT), "test", english_analysis(en.document_id)
            )
            store.save_analysis(
                conn, es.document_id, content_hash(HOSTILE_TEXT), "test", hostile_analysis(es.document_id)
            )
    store.record_error("broken<script>.pdf", "no text layer <b>")
    return store


@pytest.fixture
def page(tmp_path: Path) -> str:
    store = fill(str(tmp_path / "pista.db"))
    return render_overview(build_overview(store, now=datetime(2025, 1, 2, tzinfo=UTC)))


def test_overview_counts_and_documents(db_url: str) -> None:
    overview = build_overview(fill(db_url))
    assert overview.counts == {
        "documents": 2,
        "languages": 2,
        "sources": 2,
        "document_sources": 2,
        "analysed": 2,
        "errors": 1,
    }
    assert [d.title for d in overview.documents] == ["Operation in Lima", HOSTILE_TITLE]
    assert overview.fact_totals == {"entities": 7, "relations": 3, "crimes": 1, "events": 1, "claims": 1}
    html = render_overview(overview)
    assert "Operation in Lima" in html
    assert "bulletin.txt" in html
    assert "5 entities, 2 relations, 1 crime, 1 event, 1 claim" in html
    assert overview.documents[0].facts == {
        "entities": 5,
        "relations": 2,
        "crimes": 1,
        "events": 1,
        "claims": 1,
    }


def test_overview_shows_each_fact_with_its_highlighted_evidence(page: str) -> None:
    text = re.sub(r"\s+", " ", page)
    assert 'Héctor Guerrero <span class="rel">— leader_of →</span> Tren de Aragua' in text
    assert 'Los Gallegos <span class="rel">— part_of →</span> Tren de Aragua' in text
    assert "Héctor Guerrero <mark>leads</mark> Tren de Aragua." in text
    assert 'Los Gallegos <span class="rel">— extortion</span>' in text
    assert "<mark>extorts</mark> bus companies" in text
    assert "<mark>arrested 23</mark> members" in text
    assert "<th>Arrested</th><td>23</td>" in text
    assert "<th>Agencies</th><td>Police</td>" in text
    assert "<th>Targets</th><td>Los Gallegos</td>" in text
    assert "2022-12-02 · Lima" in text
    assert "member count:</span> about 2,700" in text
    assert '<span class="tag criminal">criminal</span>' in text
    assert "“TdA”" in text


def test_overview_escapes_everything_from_documents(page: str) -> None:
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert "<b>not bold" not in page and "<i>src</i>" not in page and "text layer <b>" not in page
    assert 'onerror="' not in page and '" onmouseover' not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Report" in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in page
    assert "broken&lt;script&gt;.pdf" in page
    assert "&lt;b&gt;not bold&lt;/b&gt;" in page


def test_overview_is_self_contained(page: str) -> None:
    assert "<style>" in page
    assert not re.search(r"<[a-z][^>]*\ssrc\s*=", page)
    assert "@import" not in page and "url(" not in page
    assert "<link" not in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") or h == "https://example.org/news/1?a=1&amp;b=2" for h in hrefs)


def test_overview_links_only_web_addresses(page: str) -> None:
    assert 'href="https://example.org/news/1?a=1&amp;b=2"' in page
    assert 'href="javascript' not in page
    assert "javascript:alert(6)" in page


def test_overview_without_analyses_lists_documents_only(tmp_path: Path) -> None:
    store = fill(str(tmp_path / "pista.db"), analyse=False)
    html = render_overview(build_overview(store))
    assert "Operation in Lima" in html
    assert "No document has been analysed yet" in html
    assert 'id="analyses"' not in html


def test_overview_of_an_empty_store(tmp_path: Path) -> None:
    html = render_overview(build_overview(open_store(str(tmp_path / "pista.db"))))
    assert "The store holds no documents yet" in html


def test_overview_limit_shows_fewer_documents_but_counts_all(tmp_path: Path) -> None:
    overview = build_overview(fill(str(tmp_path / "pista.db")), limit=1)
    assert len(overview.documents) == 1
    assert len(overview.analyses) == 1
    assert overview.counts["documents"] == 2
    assert "Showing the first 1 of 2 documents" in render_overview(overview)


def test_write_overview_creates_the_folder_and_refuses_a_folder(tmp_path: Path) -> None:
    store = fill(str(tmp_path / "pista.db"))
    out = write_overview(store, tmp_path / "new" / "report.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(PistaError, match="is a folder"):
        write_overview(store, tmp_path)


def test_cli_report_prints_the_path_it_wrote(tmp_path: Path) -> None:
    db = str(tmp_path / "pista.db")
    fill(db)
    out = tmp_path / "demo" / "report.html"
    result = CliRunner().invoke(app, ["--db", db, "report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == str(out)
    assert "not resolved yet: writing the overview" in result.output  # no briefing without resolution
    assert "Operation in Lima" in out.read_text(encoding="utf-8")


def test_cli_report_into_a_folder_fails_clearly(tmp_path: Path) -> None:
    db = str(tmp_path / "pista.db")
    fill(db)
    result = CliRunner().invoke(app, ["--db", db, "report", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a folder" in " ".join(result.output.split())


def test_overview_shows_the_most_recent_errors_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = fill(str(tmp_path / "pista.db"))
    store.record_error("second.pdf", "encrypted")
    monkeypatch.setattr("pista.report.overview.MAX_ERRORS", 1)
    overview = build_overview(store)
    assert [e["origin"] for e in overview.errors] == ["second.pdf"]
    assert overview.counts["errors"] == 2
    assert "Showing the last 1 of 2 errors" in render_overview(overview)
