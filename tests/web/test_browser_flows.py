"""End-to-end flows in a real headless browser over a small store extracted and resolved here.

Skipped when Chromium (/usr/bin/chromium) or Playwright is absent. One server and one browser
serve the whole module; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"
)
sync_api = pytest.importorskip("playwright.sync_api")

import uvicorn  # noqa: E402
from web_helpers import PASSWORD  # noqa: E402

from pista.documents import Document  # noqa: E402
from pista.extract.analyze import EXTRACTOR_VERSION  # noqa: E402
from pista.resolve.service import resolve_store  # noqa: E402
from pista.store.documents import SourceInfo, content_hash  # noqa: E402
from pista.web import create_app  # noqa: E402
from pista.web.settings import default_analyzer  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = (
    'Banda Roja <script>alert("x")</script> extorted traders in Maracay. '
    '<img src=x onerror=alert(2)> Police said <a href="javascript:alert(3)">Banda Roja</a> was armed.'
)
REPORTS = [
    (
        "Arrests in Santiago",
        "en",
        "2024-03-03",
        "press",
        "The Tren de Aragua runs extortion rackets in Santiago, Chile. Prosecutors said Hector Guerrero "
        "Flores is the leader of the Tren de Aragua. Police arrested 12 members of the Tren de Aragua in "
        "Santiago on 2 March 2024.",
    ),
    (
        "Lima arrest",
        "en",
        "2024-05-11",
        "police",
        "Police in Lima arrested Yohan Jose Romero, a member of the Tren de Aragua, on 10 May 2024. "
        "Romero is accused of extortion and human trafficking.",
    ),
    (
        "Captura en Bogotá",
        "es",
        "2024-07-06",
        "press",
        "La policía de Colombia capturó a Larry Changa, cabecilla del Tren de Aragua, en Bogotá el 5 de "
        "julio de 2024.",
    ),
    (
        "Caracas detention",
        "en",
        "2024-06-04",
        "police",
        "Police in Caracas detained Johan Romero, alias El Flaco, on 3 June 2024. Hector Guerrero was not found.",
    ),
    ("Hostile note", "en", "2024-08-01", "other", HOSTILE),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    docs: dict[str, str] = field(default_factory=dict)  # title -> document id


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("browser") / "pista.db"
    app = create_app(str(db), auth_required=True, analyzer=default_analyzer)
    store = app.state.documents
    app.state.users.add("ana", PASSWORD, "analyst", actor="test")
    ids = {}
    with store.engine.begin() as conn:
        for title, lang, published, kind, text in REPORTS:
            added = store.add(
                conn,
                text=text,
                source=SourceInfo(f"{kind}-desk", f"{title}.txt", publisher_kind=kind),
                title=title,
                lang=lang,
                lang_supported=True,
                published=published,
            )
            ids[title] = added.document_id
    docs = [Document(ids[t], text, lang=lang, published=p) for t, lang, p, _, text in REPORTS]
    with store.engine.begin() as conn:
        for doc, analysis in zip(docs, default_analyzer(docs), strict=True):
            store.save_analysis(conn, doc.id, content_hash(doc.text), EXTRACTOR_VERSION, analysis)
    resolve_store(store.engine, actor="test")
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uv.started, "the server did not start"
    yield Server(f"http://127.0.0.1:{port}", ids)
    uv.should_exit = True
    thread.join(timeout=10)
    store.engine.dispose()


@dataclass
class Watch:
    """What a page did that it must not: dialogs opened, CSP violations, script errors."""

    dialogs: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def context(browser: Any, server: Server) -> Iterator[Any]:
    ctx = browser.new_context(base_url=server.base, viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(15000)
    page = ctx.new_page()
    page.goto("/login")
    page.fill("#username", "ana")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("#who")
    page.close()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[tuple[Any, Watch]]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    watch = Watch()
    pg = context.new_page()

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(msg: Any) -> None:
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            watch.csp.append(msg.text)

    pg.on("dialog", on_dialog)
    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    yield pg, watch
    pg.close()
    assert watch.dialogs == [], watch.dialogs
    assert watch.csp == [], watch.csp
    assert watch.errors == [], watch.errors


def shot(pg: Any, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"browser-{name}.png"), full_page=True)


def test_search_entity_graph_and_node_click(page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto("/search")
    pg.fill("#search-q", "Aragua")
    pg.click("#search-submit")
    pg.wait_for_selector("#resolved-hits")
    shot(pg, "search")
    pg.click("#resolved-hits a[data-key^='org-tren-de-aragua']")
    pg.wait_for_selector("#entity")
    assert pg.inner_text("#entity-name") == "Tren de Aragua"
    assert pg.locator("#relations .fact").count() >= 2
    shot(pg, "entity")
    pg.click("#open-graph")
    pg.wait_for_selector("#graph[data-ready='1']")
    assert int(pg.get_attribute("#graph", "data-nodes") or 0) >= 3
    shot(pg, "graph")
    target = pg.evaluate(
        """() => { const n = window.pistaGraph.nodes().filter(x => !x.data('center'))[0];
                   const p = n.renderedPosition(); return {label: n.data('label'), x: p.x, y: p.y}; }"""
    )
    box = pg.locator("#graph").bounding_box()
    pg.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    pg.wait_for_selector("#graph-details h2")
    assert pg.inner_text("#graph-details h2") == target["label"]
    pg.click("#graph-details a.open-entity")
    pg.wait_for_selector("#entity")
    assert pg.inner_text("#entity-name") == target["label"]


def test_graph_filters_narrow_the_network(page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto("/graph/org-tren-de-aragua")
    pg.wait_for_selector("#graph[data-ready='1']")
    before = int(pg.get_attribute("#graph", "data-nodes") or 0)
    pg.uncheck("#graph-filters input[name='types'][value='person']")
    pg.click("#apply-filters")
    pg.wait_for_selector("#graph[data-ready='1']")
    after = int(pg.get_attribute("#graph", "data-nodes") or 0)
    assert after < before
    types = pg.evaluate(
        "() => window.pistaGraph.nodes().filter(n => !n.data('center')).map(n => n.data('type'))"
    )
    assert "person" not in types


def test_evidence_opens_the_document_with_the_sentence_highlighted(page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto("/entities/org-tren-de-aragua")
    link = pg.locator("#relations a.evidence-link").first
    sentence = link.inner_text().strip()
    link.click()
    pg.wait_for_selector("#doc-text .hl")
    assert re.search(r"[?&]hl=\d+-\d+", pg.url)
    highlighted = pg.eval_on_selector_all("#doc-text .hl", "els => els.map(e => e.textContent).join('')")
    assert sentence == highlighted.strip()
    shot(pg, "evidence")


def test_judge_a_merge_in_the_review_queue(page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto("/review")
    assert pg.locator("#review-list .pair").count() >= 1
    shot(pg, "review")
    pg.locator("#review-list .pair").first.locator("button.reject").click()
    pg.wait_for_selector("#review-done")
    assert pg.locator("#judgements tbody tr").count() >= 1
    assert pg.locator("#judgements tbody tr").first.locator("td").nth(1).inner_text() == "different"


def test_timeline_and_map(page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto("/timeline")
    assert pg.locator("#timeline .event").count() >= 2
    shot(pg, "timeline")
    pg.goto("/map")
    pg.wait_for_selector("#map[data-ready='1']")
    assert pg.locator("#map path.leaflet-interactive").count() >= 1
    assert pg.locator("#map-places li").count() >= 1
    shot(pg, "map")


def test_upload_a_document(page: tuple[Any, Watch], tmp_path: Path) -> None:
    pg, _ = page
    note = tmp_path / "note.txt"
    note.write_text("Police in Caracas arrested three members of the Tren de Aragua on 3 June 2024.\n")
    pg.goto("/upload")
    pg.set_input_files("#upload-file", str(note))
    pg.click("#upload-submit")
    pg.wait_for_selector("#upload-status[data-status='done']", timeout=30000)
    assert pg.locator("#upload-documents a").count() == 1
    shot(pg, "upload")


def test_hostile_document_runs_no_script(page: tuple[Any, Watch], server: Server) -> None:
    pg, watch = page
    pg.goto(f"/documents/{server.docs['Hostile note']}")
    pg.wait_for_selector("#doc-text")
    assert "<script>" in pg.inner_text("#doc-text")
    assert pg.locator("#doc-text img, #doc-text a[href^='javascript']").count() == 0
    pg.goto("/search?q=Banda")
    pg.goto("/entities?q=banda")
    for href in pg.locator("#entity-list a.entity-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    ):
        pg.goto(href)
        pg.wait_for_selector("#entity")
    shot(pg, "hostile")
    assert watch.dialogs == []
