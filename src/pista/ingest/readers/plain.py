"""Plain text and Markdown: the whole file is the text; the first line (or ``# heading``) the title.

Markdown may open with YAML front matter (``title``, ``published``, ``lang``, ``url``,
``source``, ``publisher_kind``); its markup (headings, emphasis, links) is dropped so
evidence sentences read as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from pista.ingest.decoding import decode
from pista.ingest.records import BadRecord, RawRecord, ReadOptions
from pista.ingest.registry import register

MAX_TITLE = 200


def first_line_title(text: str, *, markdown: bool = False) -> str | None:
    """A Markdown ``#`` heading, else the first line when it stands alone (a blank line follows)
    and is short enough to be a title; hard-wrapped paragraphs give no title."""
    lines = [line.strip() for line in text.splitlines()]
    if markdown:
        for line in lines:
            if line.startswith("#"):
                return line.lstrip("#").strip() or None
    filled = [i for i, line in enumerate(lines) if line]
    if len(filled) < 2:
        return None
    first = filled[0]
    standalone = first + 1 < len(lines) and not lines[first + 1]
    if standalone and len(lines[first]) <= MAX_TITLE:
        return lines[first].lstrip("#").strip() or None
    return None


@register(".txt", ".text", name="text")
def read_text(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    text = decode(path.read_bytes(), origin, options.encoding)
    yield RawRecord(text=text, origin=origin, title=first_line_title(text))


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
MARKUP = [
    (re.compile(r"^#{1,6}[ \t]+", re.MULTILINE), ""),  # headings
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep the words
    (re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), ""),  # list bullets
    (re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE), ""),  # quotes
]


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """The YAML front matter (empty when absent or unreadable), the body, and a warning."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text[match.end() :], "front matter is not valid YAML; ignored"
    if not isinstance(meta, dict):
        return {}, text[match.end() :], "front matter is not a mapping; ignored"
    return meta, text[match.end() :], None


def strip_markdown(text: str) -> str:
    """Markdown as plain prose: no heading marks, emphasis, link targets, bullets or quote marks."""
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    return text


def _field(meta: dict[str, Any], name: str) -> str | None:
    value = meta.get(name)
    return None if value is None else str(value)


@register(".md", ".markdown", name="markdown")
def read_markdown(path: Path, origin: str, options: ReadOptions) -> Iterator[RawRecord | BadRecord]:
    meta, body, warning = split_front_matter(decode(path.read_bytes(), origin, options.encoding))
    yield RawRecord(
        text=strip_markdown(body),
        origin=origin,
        title=_field(meta, "title") or first_line_title(body, markdown=True),
        published=_field(meta, "published") or _field(meta, "date"),
        url=_field(meta, "url"),
        lang=_field(meta, "lang"),
        source=_field(meta, "source"),
        publisher_kind=_field(meta, "publisher_kind"),
        warnings=(warning,) if warning else (),
    )
