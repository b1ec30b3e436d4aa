"""``pista resolve``, ``review``, ``judge``, ``split`` and ``judgements``: cross-document resolution."""

from __future__ import annotations

import getpass
import json
import os

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

from pista.cli.app import app, console, settings
from pista.errors import PistaError
from pista.resolve import service
from pista.store import connect
from pista.store.resolution import ResolutionStore, load_corpus


def _engine(ctx: typer.Context) -> Engine:
    try:
        return connect(settings(ctx).db)
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _default_user() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser() or "unknown"
    except (KeyError, OSError):
        return "unknown"


def _report(outcome: service.Outcome) -> None:
    for problem in outcome.problems:
        console.print(f"[yellow]warning:[/yellow] {problem}")
    typer.echo(outcome.summary())


@app.command()
def resolve(
    ctx: typer.Context,
    user: str = typer.Option(None, "--user", help="who ran it, for the audit log (default: $USER)"),
) -> None:
    """Resolve entities and events across all analysed documents, applying people's judgements."""
    engine = _engine(ctx)
    try:
        outcome = service.resolve_store(engine, actor=user or _default_user())
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    _report(outcome)


@app.command()
def review(
    ctx: typer.Context,
    limit: int = typer.Option(10, "--limit", min=1, help="how many pairs to show"),
    json_out: bool = typer.Option(False, "--json", help="one JSON object per line, for tools"),
) -> None:
    """The most uncertain candidate pairs (scores near the merge threshold), with their evidence."""
    engine = _engine(ctx)
    rows = ResolutionStore(engine).review(limit)
    if json_out:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        console.print("nothing to review (run `pista resolve` first if you have not)")
        return
    corpus, _ = load_corpus(engine)
    by_doc = dict(corpus)
    out = Console()
    for row in rows:
        status = "merged" if row["key_a"] == row["key_b"] else "apart"
        out.print(f"[bold]#{row['rank']}[/bold] score {row['score']:.2f} ({status})")
        for side, key in (("a", "key_a"), ("b", "key_b")):
            doc_id, entity_id = row[side]
            entity = (
                next((e for e in by_doc[doc_id].entities if e.id == entity_id), None)
                if doc_id in by_doc
                else None
            )
            names = ", ".join(entity.names) if entity else "?"
            out.print(escape(f"  {row[key]}  [{doc_id}:{entity_id}]  {names}"))
            if entity and entity.mentions and entity.mentions[0].sentence:
                out.print(escape(f"      “{entity.mentions[0].sentence.strip()[:200]}”"))
        out.print(escape(f"  evidence: {row['explanation']}"))
        if status == "merged":
            out.print(
                f"  wrong? pista judge {row['a'][0]}:{row['a'][1]} {row['b'][0]}:{row['b'][1]} --different"
            )
        else:
            out.print(f"  same? pista judge {row['key_a']} {row['key_b']} --same")


@app.command()
def judge(
    ctx: typer.Context,
    key_a: str = typer.Argument(None, help="a resolved key, or DOCUMENT:ENTITY"),
    key_b: str = typer.Argument(None, help="a resolved key, or DOCUMENT:ENTITY"),
    same: bool = typer.Option(False, "--same", help="they are one real-world entity"),
    different: bool = typer.Option(False, "--different", help="they are never one entity"),
    withdraw: int = typer.Option(None, "--withdraw", help="withdraw the judgement with this id"),
    user: str = typer.Option(None, "--user", help="who judges (default: $USER)"),
) -> None:
    """Record that two resolved entities are the same or different, then re-resolve."""
    engine = _engine(ctx)
    who = user or _default_user()
    try:
        if withdraw is not None:
            if key_a or key_b or same or different:
                raise PistaError("--withdraw takes only a judgement id")
            outcome = service.withdraw(engine, withdraw, user=who)
            typer.echo(f"Withdrew judgement {withdraw}")
        else:
            if same == different:
                raise PistaError("say --same or --different")
            if not key_a or not key_b:
                raise PistaError("name two keys (or DOCUMENT:ENTITY ids)")
            outcome = service.judge(engine, key_a, key_b, "same" if same else "different", user=who)
            typer.echo(f"Judgement {outcome.judgement_id}: {key_a} {'=' if same else '≠'} {key_b}")
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    _report(outcome)


@app.command()
def split(
    ctx: typer.Context,
    key: str = typer.Argument(..., help="the resolved key whose members should stay apart"),
    user: str = typer.Option(None, "--user", help="who judges (default: $USER)"),
) -> None:
    """Split a resolved entity: its members are kept apart from now on."""
    engine = _engine(ctx)
    try:
        outcome = service.judge(engine, key, None, "split", user=user or _default_user())
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc
    typer.echo(f"Judgement {outcome.judgement_id}: split {key}")
    _report(outcome)


@app.command()
def judgements(
    ctx: typer.Context,
    json_out: bool = typer.Option(False, "--json", help="one JSON object per line, for tools"),
) -> None:
    """List every judgement, withdrawn ones included."""
    rows = ResolutionStore(_engine(ctx)).judgements()
    if json_out:
        for j in rows:
            typer.echo(
                json.dumps(
                    {
                        "id": j.id,
                        "judgement": j.kind,
                        "key_a": j.key_a,
                        "key_b": j.key_b,
                        "user": j.user,
                        "created_at": j.created_at,
                        "withdrawn_at": j.withdrawn_at,
                        "members_a": [m.to_dict() for m in j.members_a],
                        "members_b": [m.to_dict() for m in j.members_b],
                    },
                    ensure_ascii=False,
                )
            )
        return
    table = Table("id", "judgement", "key a", "key b", "user", "created", "withdrawn")
    for j in rows:
        table.add_row(
            str(j.id),
            j.kind,
            j.key_a or "",
            j.key_b or "",
            j.user,
            j.created_at[:19],
            (j.withdrawn_at or "")[:19],
        )
    Console().print(table)
    console.print(f"{len(rows)} judgements ({sum(1 for j in rows if not j.withdrawn_at)} in force)")
