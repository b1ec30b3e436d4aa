"""The Typer application and the options every command shares."""

from __future__ import annotations

from dataclasses import dataclass

import typer
from rich.console import Console

app = typer.Typer(
    name="pista",
    help="Turn reports on organized crime into an evidence-backed picture of criminal networks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


@dataclass
class Settings:
    db: str | None = None


@app.callback()
def main(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="PISTA_DB",
        help="Store: a SQLite file path (default ./pista.db) or postgresql://...",
    ),
) -> None:
    """pista: reports in, networks out."""
    ctx.obj = Settings(db=db)


def settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_object(Settings)
    return obj if obj is not None else Settings()
