"""``pista serve`` (the web application) and ``pista users ...`` (who may use it)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer
from rich.console import Console
from rich.table import Table

from pista.cli.app import app, console, settings
from pista.errors import PistaError
from pista.store import connect
from pista.store.users import API_TTL, UserStore, check_password, local_actor

users_app = typer.Typer(help="Manage the users of the web application.", no_args_is_help=True)
app.add_typer(users_app, name="users")


class Role(StrEnum):
    viewer = "viewer"
    analyst = "analyst"
    admin = "admin"


def _fail(exc: PistaError) -> typer.Exit:
    console.print(f"[red]error:[/red] {exc}")
    return typer.Exit(2)


def _users(ctx: typer.Context) -> UserStore:
    try:
        return UserStore(connect(settings(ctx).db))
    except PistaError as exc:
        raise _fail(exc) from exc


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = typer.prompt("Password", hide_input=True)
    second = typer.prompt("Repeat the password", hide_input=True)
    if first != second:
        console.print("[red]error:[/red] the passwords differ")
        raise typer.Exit(2)
    return str(first)


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    require_login: bool = typer.Option(
        False, "--require-login", help="ask for login even on a loopback address"
    ),
    max_upload_mb: float = typer.Option(
        20.0, "--max-upload-mb", min=0.01, max=1024, help="upload size limit"
    ),
    https: bool = typer.Option(
        False, "--https", help="users reach the server over HTTPS (a TLS proxy): send cookies only over HTTPS"
    ),
) -> None:
    """Serve the web application. On 127.0.0.1/localhost/::1 it runs open as the local user;
    on any other address it needs an admin user (`pista users add NAME --role admin`)."""
    import uvicorn

    from pista.web import create_app
    from pista.web.security import LOOPBACK_HOST_HEADERS, check_host, decide_auth, is_loopback

    db = settings(ctx).db
    try:
        check_host(host)
        users = UserStore(connect(db))
        auth_required = decide_auth(host, has_admin=users.has_admin(), require_login=require_login)
        web = create_app(
            db,
            auth_required=auth_required,
            max_upload_bytes=int(max_upload_mb * 1024 * 1024),
            secure_cookies=https,
            allowed_hosts=None if auth_required else sorted({*LOOPBACK_HOST_HEADERS, host, f"[{host}]"}),
        )
    except PistaError as exc:
        raise _fail(exc) from exc
    mode = "login required" if auth_required else "open to this machine only, acting as the local user"
    if auth_required and not is_loopback(host) and not https:
        console.print(
            "[yellow]warning:[/yellow] passwords and session cookies cross the network in clear text; "
            "put an HTTPS proxy in front and pass --https"
        )
    console.print(f"pista on http://{'[' + host + ']' if ':' in host else host}:{port}/ ({mode})")
    uvicorn.run(web, host=host, port=port, proxy_headers=False, server_header=False, log_level="info")


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="the user's name"),
    role: Role = typer.Option(
        Role.viewer, "--role", help="viewer reads, analyst uploads and judges, admin manages users"
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="read the password from the first line of stdin"
    ),
) -> None:
    """Add a user; the password is asked for (or read from stdin)."""
    store = _users(ctx)
    try:
        password = check_password(_read_password(password_stdin))
        store.add(name, password, role.value, actor=local_actor())
    except PistaError as exc:
        raise _fail(exc) from exc
    console.print(f"added {name} ({role.value})")


@users_app.command("list")
def users_list(
    ctx: typer.Context,
    json_out: bool = typer.Option(False, "--json", help="one JSON object per line"),
) -> None:
    """List the users and their roles."""
    rows = _users(ctx).listing()
    if json_out:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table("name", "role", "created")
    for row in rows:
        table.add_row(row["name"], row["role"], row["created_at"][:19])
    Console().print(table)
    console.print(f"{len(rows)} users")


@users_app.command("remove")
def users_remove(ctx: typer.Context, name: str = typer.Argument(...)) -> None:
    """Remove a user and end their sessions."""
    try:
        _users(ctx).remove(name, actor=local_actor())
    except PistaError as exc:
        raise _fail(exc) from exc
    console.print(f"removed {name}")


@users_app.command("role")
def users_role(ctx: typer.Context, name: str = typer.Argument(...), role: Role = typer.Argument(...)) -> None:
    """Change a user's role."""
    try:
        _users(ctx).set_role(name, role.value, actor=local_actor())
    except PistaError as exc:
        raise _fail(exc) from exc
    console.print(f"{name} is now {role.value}")


@users_app.command("password")
def users_password(
    ctx: typer.Context,
    name: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin"),
) -> None:
    """Set a user's password (their sessions end)."""
    try:
        _users(ctx).set_password(name, _read_password(password_stdin), actor=local_actor())
    except PistaError as exc:
        raise _fail(exc) from exc
    console.print(f"password of {name} changed")


@users_app.command("token")
def users_token(
    ctx: typer.Context,
    name: str = typer.Argument(...),
    days: int = typer.Option(API_TTL // 86400, "--days", min=1, max=366, help="how long the token lasts"),
) -> None:
    """Print a new API token for NAME (send it as `Authorization: Bearer <token>`)."""
    store = _users(ctx)
    user = store.get(name)
    if user is None:
        console.print(f"[red]error:[/red] no user named {name!r}")
        raise typer.Exit(2)
    typer.echo(store.open_session(user, kind="api", ttl=days * 86400))
    console.print(f"token for {name} ({user.role}), valid {days} days; keep it secret")
