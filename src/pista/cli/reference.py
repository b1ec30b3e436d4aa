"""The command-line reference (docs/cli.md), generated from every command's ``--help``.

    python -m pista.cli.reference > docs/cli.md

The help is rendered in plain text at a fixed width, so the file only changes when a
command, option or help text changes; ``tests/test_docs.py`` checks it is current.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer.main

from pista.cli import app

WIDTH = 100
PROG = "pista"
HEADER = """# Command-line reference

Generated from each command's `--help` by `python -m pista.cli.reference > docs/cli.md`;
do not edit by hand. Every command also accepts the global option `--db` (or `PISTA_DB`),
given before the command name: `pista --db demo/pista.db stats`.
"""


def _plain(command: Any) -> None:
    """Render this command's help as plain text (no Rich boxes, no terminal-dependent width)."""
    if hasattr(command, "rich_markup_mode"):
        command.rich_markup_mode = None


def walk(command: Any, path: tuple[str, ...], parent: Any = None) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every (command path, help text) of the tree under ``command``, in declaration order."""
    ctx = command.context_class(
        command, info_name=path[-1], parent=parent, terminal_width=WIDTH, max_content_width=WIDTH
    )
    _plain(command)
    yield path, command.get_help(ctx)
    commands = getattr(command, "commands", None)
    if not commands:
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is None or getattr(sub, "hidden", False):
            continue
        yield from walk(sub, (*path, name), ctx)


def command_names() -> list[str]:
    """Every command path below the top level, such as ``ingest`` or ``review list``."""
    root = typer.main.get_command(app)
    return [" ".join(path[1:]) for path, _ in walk(root, (PROG,)) if len(path) > 1]


def generate() -> str:
    """The whole reference as Markdown."""
    root = typer.main.get_command(app)
    parts = [HEADER]
    for path, text in walk(root, (PROG,)):
        title = " ".join(path)
        lines = [line.rstrip() for line in text.strip("\n").splitlines()]
        parts.append(f"## `{title}`\n\n```text\n" + "\n".join(lines) + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(generate(), end="")
