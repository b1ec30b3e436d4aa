"""The briefing in a real browser (headless Chromium): sections render, nothing is fetched, PDF pages print."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from briefing_samples import fill_briefing_store

from pista.report.briefing import CHROMIUM, build_briefing, render_briefing, write_html, write_pdf
from pista.store import connect

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    url = str(folder / "pista.db")
    fill_briefing_store(url)
    engine = connect(url)
    html = render_briefing(build_briefing(engine))
    engine.dispose()
    return write_html(html, folder / "briefing.html")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def test_briefing_renders_its_sections_without_any_network_request(browser: Any, page_file: Path) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    for section in ("summary", "network", "timeline", "territories", "crimes", "structure", "sources"):
        assert page.locator(f"section#{section}").is_visible(), section
    assert page.title() == "Briefing: Tren de Aragua"
    drawing = page.locator("svg.network")
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 200
    assert page.locator("svg.network circle").count() >= 4
    assert page.locator("svg.bars rect").count() >= 3
    assert page.locator("section#timeline svg circle").count() == 2
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0
    assert "alert('gang')" in page.locator("section#structure").inner_text()  # shown as text, not run
    outside = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert outside == []
    page.close()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_pdf_prints_non_empty_pages(page_file: Path, tmp_path: Path) -> None:
    pdf = write_pdf(page_file.read_text(encoding="utf-8"), tmp_path / "briefing.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp_path / "page")], check=True, timeout=60
    )
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) >= 2
    first = pages[0].read_bytes()
    pixels = first[first.index(b"255\n") + 4 :]
    assert min(pixels) < 128  # something dark (text, charts) is printed on the first page
