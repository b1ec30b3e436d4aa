"""Language identification: English and Spanish are analysed, other languages flagged."""

from __future__ import annotations

import functools
import re
from typing import Any

SUPPORTED_LANGUAGES = ("en", "es")
UNDETERMINED = "und"
_MIN_LETTERS = 20
# Languages a report in this field is likely to be written in; the full model also knows
# rare languages (Aragonese, Pidgin) that short Spanish or English texts are mistaken for.
CANDIDATES = (
    "en",
    "es",
    "pt",
    "fr",
    "it",
    "de",
    "nl",
    "ca",
    "gl",
    "ro",
    "pl",
    "ru",
    "uk",
    "tr",
    "ar",
    "fa",
    "he",
    "hi",
    "zh",
    "ja",
    "ko",
    "vi",
    "th",
    "id",
    "sv",
    "el",
)


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(CANDIDATES))
    return identifier


def detect(text: str, *, sample: int = 5000) -> str:
    """ISO 639-1 code of the text's language, or ``"und"`` when too short or unclear."""
    head = text[:sample]
    if len(re.findall(r"[^\W\d_]", head)) < _MIN_LETTERS:
        return UNDETERMINED
    lang, prob = _identifier().classify(head)
    return str(lang) if prob >= 0.4 else UNDETERMINED


def is_supported(lang: str | None) -> bool:
    return lang in SUPPORTED_LANGUAGES
