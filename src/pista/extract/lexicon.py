"""Domain knowledge as data: ``lexicons/<name>.yml`` files, loaded once."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

from pista.errors import ConfigError


@functools.cache
def load(name: str) -> Any:
    """The parsed content of ``lexicons/<name>.yml`` (cached; treat as read-only)."""
    path = resources.files("pista.extract") / "lexicons" / f"{name}.yml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"lexicon {name!r} is missing ({path})") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"lexicon {name!r} is not valid YAML: {exc}") from exc
