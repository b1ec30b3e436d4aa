"""Helpers of the web tests: an application over a fresh store, a client, a stand-in analyzer."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from pista.documents import Analysis, Crime, Document, Entity, Evidence, Mention, Relation
from pista.store import DocumentStore
from pista.store.documents import SourceInfo, content_hash
from pista.store.users import UserStore
from pista.web import create_app

PASSWORD = "correct horse battery"
BASE = "http://127.0.0.1"
CAPITALIZED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")


def _sentence(text: str, start: int, end: int) -> tuple[int, int, str]:
    left = max(text.rfind(".", 0, start) + 1, 0)
    right = text.find(".", end)
    right = len(text) if right < 0 else right + 1
    while left < start and text[left].isspace():
        left += 1
    return left, right, text[left:right]


def simple_analyzer(docs: Iterable[Document]) -> Iterator[Analysis]:
    """A fast stand-in for extraction: runs of capitalized words become organizations."""
    for doc in docs:
        entities = []
        for i, m in enumerate(CAPITALIZED.finditer(doc.text)):
            _, _, sentence = _sentence(doc.text, m.start(), m.end())
            entities.append(
                Entity(
                    id=f"e{i + 1}",
                    type="organization",
                    names=[m.group(0)],
                    mentions=[Mention(m.group(0), m.start(), m.end(), sentence)],
                )
            )
        yield Analysis(doc_id=doc.id, lang=doc.lang, published=doc.published, entities=entities)


@dataclass
class Web:
    """An application, its store and a client, with helpers to sign in and seed documents."""

    app: FastAPI
    client: TestClient
    users: UserStore
    docs: DocumentStore

    def add_user(self, name: str, role: str) -> None:
        self.users.add(name, PASSWORD, role, actor="test")

    def token(self, name: str) -> dict[str, str]:
        user = self.users.get(name)
        assert user is not None
        return {"Authorization": f"Bearer {self.users.open_session(user, kind='api')}"}

    def login(self, name: str, password: str = PASSWORD) -> Any:
        page = self.client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        return self.client.post(
            "/login",
            data={"username": name, "password": password, "csrf_token": token.group(1), "next": "/"},
            follow_redirects=False,
        )

    def csrf(self) -> str:
        return str(self.client.get("/api/me").json()["csrf_token"])

    def add_document(
        self,
        text: str,
        *,
        title: str | None = None,
        lang: str = "en",
        source: str = "tests",
        publisher_kind: str = "press",
        url: str | None = None,
        analysis: Analysis | None = None,
    ) -> str:
        with self.docs.engine.begin() as conn:
            added = self.docs.add(
                conn,
                text=text,
                source=SourceInfo(
                    source, f"{source}/{len(text)}.txt", publisher_kind=publisher_kind, url=url
                ),
                title=title,
                lang=lang,
                lang_supported=True,
                url=url,
            )
            if analysis is not None:
                self.docs.save_analysis(conn, added.document_id, content_hash(text), "test", analysis)
        return added.document_id


def make_web(db_url: str, *, auth_required: bool = True, **kwargs: Any) -> Web:
    app = create_app(db_url, auth_required=auth_required, analyzer=simple_analyzer, **kwargs)
    return Web(app, TestClient(app, base_url=BASE), app.state.users, app.state.documents)


def sample_analysis(text: str) -> Analysis:
    """An analysis of ``text`` naming the first two capitalized runs and relating them."""
    found = list(CAPITALIZED.finditer(text))
    entities = []
    for i, m in enumerate(found[:2]):
        entities.append(
            Entity(
                id=f"e{i + 1}",
                type="organization" if i == 0 else "location",
                names=[m.group(0)],
                mentions=[Mention(m.group(0), m.start(), m.end())],
            )
        )
    start, end, sentence = _sentence(text, found[0].start(), found[1].end())
    evidence = Evidence(start, end, sentence)
    return Analysis(
        doc_id=None,
        lang="en",
        published=None,
        entities=entities,
        relations=[Relation("operates_in", "e1", "e2", evidence, 0.8)],
        crimes=[Crime("e1", "extortion", evidence, 0.7)],
    )
