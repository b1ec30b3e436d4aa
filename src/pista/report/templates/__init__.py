"""The report templates and the Jinja2 environment that renders them (autoescape on)."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

FOLDER = Path(__file__).resolve().parent


def _percent(value: float) -> str:
    return f"{round(float(value) * 100)}%"


def _label(value: str | None) -> str:
    return (value or "").replace("_", " ")


SINGULAR = {
    "entities": "entity",
    "relations": "relation",
    "crimes": "crime",
    "events": "event",
    "claims": "claim",
}


def _counted(n: int, plural: str) -> str:
    """``3 events``, ``1 event``."""
    return f"{n} {SINGULAR.get(plural, plural) if n == 1 else plural}"


def _squash(value: str | None) -> str:
    """White space (line breaks of the source text) collapsed to single spaces."""
    return " ".join((value or "").split())


def _qualifier(value: str | None) -> str:
    words = {"about": "about ", "more_than": "more than ", "less_than": "fewer than "}
    return words.get(value or "", "")


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


@functools.cache
def environment() -> Environment:
    """Templates from this folder; HTML autoescaped, the stylesheet (our own file) included verbatim."""
    env = Environment(
        loader=FileSystemLoader(FOLDER),
        autoescape=select_autoescape(
            enabled_extensions=("html",), disabled_extensions=("css",), default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = _percent
    env.filters["label"] = _label
    env.filters["counted"] = _counted
    env.filters["squash"] = _squash
    env.filters["qualifier"] = _qualifier
    env.filters["number"] = _number
    return env
