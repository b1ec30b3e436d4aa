"""The settings of one web application instance."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pista.documents import Analysis, Document
from pista.store.users import User, local_user_name

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024

Analyzer = Callable[[Iterable[Document]], Iterator[Analysis]]


def default_analyzer(docs: Iterable[Document]) -> Iterator[Analysis]:
    """Extraction as the command line runs it: ``pista.analyze_many`` over the documents."""
    from pista.extract.analyze import Text, analyze_many

    return analyze_many(Text(d.text, d.lang, d.published, d.id) for d in docs)


@dataclass
class WebSettings:
    auth_required: bool
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    analyzer: Analyzer = default_analyzer
    local_user: User = field(default_factory=lambda: User(0, local_user_name(), "admin"))
    # The CSRF token of the open local mode: random per process, shown only in our own pages.
    local_csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    allowed_hosts: list[str] | None = None
    secure_cookies: bool = False  # served over HTTPS (e.g. behind a TLS proxy): cookies only over HTTPS
