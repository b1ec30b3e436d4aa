"""The binding rule, safe redirects and links, and the cutting of a text into highlighted runs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pista.documents import Analysis, Crime, Entity, Evidence, Mention
from pista.errors import ConfigError
from pista.web.auth import safe_next
from pista.web.render import annotate, safe_url
from pista.web.security import decide_auth, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2", "LOCALHOST"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "192.168.1.10", "example.org", "localhost.example.org", ""]
)
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_loopback_runs_open_without_users() -> None:
    assert decide_auth("127.0.0.1", has_admin=False) is False
    assert decide_auth("::1", has_admin=True) is False


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5"])
def test_other_addresses_refuse_to_start_without_an_admin(host: str) -> None:
    with pytest.raises(ConfigError, match=r"pista users add NAME --role admin"):
        decide_auth(host, has_admin=False)


def test_other_addresses_require_login_when_an_admin_exists() -> None:
    assert decide_auth("0.0.0.0", has_admin=True) is True


def test_login_can_be_required_on_loopback_too() -> None:
    assert decide_auth("127.0.0.1", has_admin=True, require_login=True) is True
    with pytest.raises(ConfigError):
        decide_auth("127.0.0.1", has_admin=False, require_login=True)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/documents?lang=es", "/documents?lang=es"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/x\r\nSet-Cookie: a=b", "/"),
        (None, "/"),
    ],
)
def test_safe_next(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c", "https://example.org/a?b=c"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//example.org", None),
        ('https://example.org/"onmouseover=x', None),
        ("", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_annotate_cuts_text_at_mentions_and_evidence() -> None:
    text = "Los Zetas operan en Monterrey. Otra frase."
    evidence = Evidence(0, 30, text[:30])
    analysis = Analysis(
        doc_id="d",
        lang="es",
        published=None,
        entities=[
            Entity("e1", "organization", ["Los Zetas"], mentions=[Mention("Los Zetas", 0, 9)]),
            Entity(
                "e2",
                "location",
                ["Monterrey"],
                mentions=[Mention("Monterrey", 20, 29), Mention("bad", 90, 99)],
            ),
        ],
        crimes=[
            Crime("e1", "extortion", evidence),
            Crime("e1", "homicide", Evidence(500, 510, "out of range")),
        ],
    )
    runs, facts = annotate(text, analysis)
    assert "".join(part.text for run in runs for part in run.parts) == text
    marked = [(run.entity_id, "".join(p.text for p in run.parts)) for run in runs if run.entity_type]
    assert marked == [("e1", "Los Zetas"), ("e2", "Monterrey")]
    assert [f.label for f in facts] == ["Los Zetas: extortion", "Los Zetas: homicide"]
    assert facts[0].target == "ev1" and facts[1].target is None
    covered = "".join(p.text for run in runs for p in run.parts if "ev1" in p.evidence)
    assert covered == text[:30]
    assert runs[0].parts[0].anchors == ["ev1", "e-e1"]


def test_annotate_without_analysis_is_the_plain_text() -> None:
    runs, facts = annotate("<b>x</b>", None)
    assert facts == [] and runs[0].parts[0].text == "<b>x</b>" and runs[0].entity_type is None


@st.composite
def texts_with_spans(draw: st.DrawFn) -> tuple[str, Analysis]:
    text = draw(st.text(alphabet="ab <>&\"'.\n", min_size=0, max_size=60))
    bound = len(text) + 5

    def span() -> tuple[int, int]:
        start = draw(st.integers(-2, bound))
        return start, start + draw(st.integers(-1, 12))

    entities = []
    for i in range(draw(st.integers(0, 4))):
        mentions = []
        for _ in range(draw(st.integers(1, 3))):
            start, end = span()
            mentions.append(Mention(text[max(start, 0) : max(end, 0)], start, end))
        entities.append(Entity(f"e{i}", "person", [f"n{i}"], mentions=mentions))
    crimes = []
    for _ in range(draw(st.integers(0, 4))):
        start, end = span()
        crimes.append(Crime("e0", "fraud", Evidence(start, end, draw(st.sampled_from(["", text, "x"])))))
    return text, Analysis("d", "en", None, entities=entities, crimes=crimes)


@given(texts_with_spans())
def test_annotate_keeps_every_character_once_whatever_the_spans(case: tuple[str, Analysis]) -> None:
    text, analysis = case
    runs, facts = annotate(text, analysis)
    assert "".join(p.text for run in runs for p in run.parts) == text
    assert all(p.text for run in runs for p in run.parts) or text == ""
    assert len(facts) == len(analysis.crimes)
    targets = {f.target for f in facts if f.target}
    anchors = {a for run in runs for p in run.parts for a in p.anchors}
    assert targets <= anchors
