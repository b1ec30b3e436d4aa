"""HTML pages: main text, title, date and URL with trafilatura; ``<title>``/``<meta>`` as fallback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura

from pista.errors import IngestError
from pista.ingest.decoding import decode, html_charset
from pista.ingest.records import BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import register

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Meta tags that carry a publication date, most specific first.
_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='date' or @name='DC.date' or @name='dc.date' or @name='pubdate' "
    "or @name='publish-date' or @name='publication_date']/@content",
    "//time[@datetime]/@datetime",
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "dd",
        "dt",
    ]
)
_URL_XPATHS = ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
_TITLE_XPATHS = ("//meta[@property='og:title']/@content", "//title/text()")


def _first(tree: lxml.html.HtmlElement, xpaths: tuple[str, ...]) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def _body_text(tree: lxml.html.HtmlElement) -> str:
    """All visible text of the page, one block per line: the fallback for very short pages."""
    for bad in tree.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
        elif element.tag in ("td", "th"):
            element.tail = " " + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def extract_html(html: str, origin: str) -> RawRecord:
    """The main text and metadata of one HTML page (also used for HTML-only e-mails)."""
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise IngestError(origin, f"not readable as HTML ({exc})") from exc
    found = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(found, "text", None) or ""
    title = getattr(found, "title", None) or _first(tree, _TITLE_XPATHS)
    published = getattr(found, "date", None) or _first(tree, _DATE_XPATHS)
    url = getattr(found, "url", None) or _first(tree, _URL_XPATHS)
    if not text.strip():
        text = _body_text(tree)
    return RawRecord(text=text, origin=origin, title=title, published=published, url=url)


@register(".html", ".htm", ".xhtml", name="html")
def read_html(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    data = path.read_bytes()
    html = decode(data, origin, options.encoding, declared=html_charset(data))
    if not html.strip():
        raise IngestError(origin, "empty file")
    yield extract_html(html, origin)
