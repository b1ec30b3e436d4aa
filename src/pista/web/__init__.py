"""The web application: a JSON API under /api and server-rendered pages over one store."""

from pista.web.app import create_app

__all__ = ["create_app"]
