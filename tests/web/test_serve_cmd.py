"""``pista users ...`` manages users; ``pista serve`` refuses open non-loopback addresses."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from typer.testing import CliRunner

from pista.cli import app
from pista.store import connect
from pista.store.users import UserStore

runner = CliRunner()


def _run(db: Path, *args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, ["--db", str(db), *args], input=stdin)


def test_users_add_list_token_remove(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    added = _run(db, "users", "add", "root", "--role", "admin", "--password-stdin", stdin="long enough pw\n")
    assert added.exit_code == 0, added.output
    assert _run(db, "users", "add", "vera", "--password-stdin", stdin="another password\n").exit_code == 0
    listed = _run(db, "users", "list", "--json")
    assert listed.exit_code == 0
    assert (
        '"name": "root", "role": "admin"' in listed.stdout
        and '"name": "vera", "role": "viewer"' in listed.stdout
    )
    token = _run(db, "users", "token", "vera", "--days", "2")
    assert token.exit_code == 0
    engine = connect(str(db))
    session = UserStore(engine).session(token.stdout.strip().splitlines()[0])
    assert session is not None and session.user.name == "vera" and session.kind == "api"
    assert _run(db, "users", "remove", "vera").exit_code == 0
    assert UserStore(engine).get("vera") is None
    engine.dispose()


def test_users_add_refuses_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    short = _run(db, "users", "add", "vera", "--password-stdin", stdin="short\n")
    assert short.exit_code == 2 and "too short" in short.output
    bad_name = _run(db, "users", "add", "<vera>", "--password-stdin", stdin="long enough pw\n")
    assert bad_name.exit_code == 2 and "invalid user name" in bad_name.output
    assert (
        _run(db, "users", "add", "vera", "--role", "boss", "--password-stdin", stdin="x" * 10).exit_code == 2
    )
    _run(db, "users", "add", "vera", "--password-stdin", stdin="long enough pw\n")
    again = _run(db, "users", "add", "vera", "--password-stdin", stdin="long enough pw\n")
    assert again.exit_code == 2 and "already exists" in again.output
    assert _run(db, "users", "remove", "nobody").exit_code == 2
    assert _run(db, "users", "token", "nobody").exit_code == 2


def test_serve_refuses_a_public_address_without_an_admin(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    result = _run(db, "serve", "--host", "0.0.0.0")
    assert result.exit_code == 2
    assert "pista users add NAME --role admin" in result.output
