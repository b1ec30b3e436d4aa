"""Exports of the resolved store: graphs (GraphML, GEXF, JSON), FollowTheMoney, chart tables.

Each format names the module and function that writes it, so a format's code is only
imported when it is used. A writer takes the store's engine, the output path and the
options, and returns the number of items written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from pista.errors import ConfigError

Writer = Callable[..., int]

EXPORTERS: dict[str, tuple[str, str]] = {
    "graphml": ("pista.export.graph", "write_graphml"),
    "gexf": ("pista.export.graph", "write_gexf"),
    "json": ("pista.export.graph", "write_json"),
    "ftm": ("pista.export.ftm", "write_ftm"),
    "i2": ("pista.export.i2", "write_i2"),
}


def writer(fmt: str) -> Writer:
    """The function that writes ``fmt``; a ConfigError names the formats there are."""
    try:
        module, name = EXPORTERS[fmt]
    except KeyError as exc:
        raise ConfigError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORTERS)}") from exc
    found: Writer = getattr(importlib.import_module(module), name)
    return found


def export(engine: Engine, fmt: str, out: Path, **options: Any) -> int:
    """Write the store in ``fmt`` to ``out``; returns how many items were written."""
    return writer(fmt)(engine, out, **options)
