"""Users, roles, sessions and the audit log of the web application.

Passwords are hashed with argon2id. A session token is ``<random>.<signature>``: the
random part is 32 bytes from the OS, the signature an HMAC-SHA256 of it under a secret
kept in the store (or ``PISTA_SECRET_KEY``); only the SHA-256 of the random part is
stored, so a copy of the database does not yield usable tokens.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, func, select
from sqlalchemy.exc import IntegrityError

from pista.errors import ConfigError, StoreError
from pista.store import schema as t

ROLES = ("viewer", "analyst", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
BROWSER_TTL = 12 * 3600
LOGIN_WINDOW = 15 * 60  # failed sign-ins are counted over this many seconds
MAX_LOGIN_FAILURES = 10  # per user name in the window; then sign-in waits
API_TTL = 30 * 24 * 3600

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str

    def can(self, role: str) -> bool:
        """True when this user's role is ``role`` or above it."""
        return ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]


@dataclass(frozen=True)
class Session:
    """A valid session: who it belongs to and the CSRF token of its forms."""

    user: User
    kind: str
    csrf_token: str
    expires_at: int


def local_user_name() -> str:
    """The name of the person at this machine: $USER, else the login name, else "local"."""
    name = os.environ.get("USER") or os.environ.get("USERNAME")
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            name = "local"
    return name[:100]


def local_actor() -> str:
    """How the audit log names changes made from the command line."""
    return f"cli:{local_user_name()}"[:200]


def check_role(role: str) -> str:
    if role not in ROLE_RANK:
        raise ConfigError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return role


def check_name(name: str) -> str:
    if not NAME_PATTERN.match(name):
        raise ConfigError(
            f"invalid user name {name!r}: letters, digits and . _ @ - (up to 100), starting with a letter or digit"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ConfigError(f"the password is too short: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise ConfigError(f"the password is too long: at most {MAX_PASSWORD} characters")
    return password


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def audit(conn: Connection, actor: str, action: str, detail: str | None = None) -> None:
    """One row of the audit log, inside the caller's transaction."""
    conn.execute(t.audit_log.insert().values(at=datetime.now(UTC), actor=actor, action=action, detail=detail))


class UserStore:
    """Users and their sessions in one store (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._secret: bytes | None = None

    # -- the signing secret ---------------------------------------------------
    def secret(self) -> bytes:
        """The key signing session tokens: ``PISTA_SECRET_KEY`` or one made once per store."""
        if self._secret is None:
            env = os.environ.get("PISTA_SECRET_KEY")
            if env:
                self._secret = env.encode("utf-8")
            else:
                self._secret = bytes.fromhex(self._stored_secret())
        return self._secret

    def _stored_secret(self) -> str:
        q = select(t.app_secrets.c.value).where(t.app_secrets.c.name == "session_key")
        with self.engine.connect() as conn:
            found = conn.execute(q).scalar_one_or_none()
        if found:
            return str(found)
        try:
            with self.engine.begin() as conn:
                conn.execute(t.app_secrets.insert().values(name="session_key", value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # another process made it first
        with self.engine.connect() as conn:
            return str(conn.execute(q).scalar_one())

    def _sign(self, random_part: str) -> str:
        return hmac.new(self.secret(), random_part.encode("ascii"), hashlib.sha256).hexdigest()[:32]

    # -- users ----------------------------------------------------------------
    def add(self, name: str, password: str, role: str, *, actor: str) -> User:
        """Create a user; a StoreError when the name is taken."""
        check_name(name)
        check_role(role)
        check_password(password)
        hashed = _hasher.hash(password)
        try:
            with self.engine.begin() as conn:
                result = conn.execute(
                    t.users.insert().values(
                        name=name, role=role, password_hash=hashed, created_at=datetime.now(UTC)
                    )
                )
                audit(conn, actor, "user.add", f"{name} as {role}")
        except IntegrityError as exc:
            raise StoreError(f"a user named {name!r} already exists") from exc
        key = result.inserted_primary_key
        return User(int(key[0]) if key else 0, name, role)

    def set_role(self, name: str, role: str, *, actor: str) -> None:
        check_role(role)
        with self.engine.begin() as conn:
            user = self._get(conn, name)
            if user.role == "admin" and role != "admin" and self._admins(conn) <= 1:
                raise StoreError(f"{name} is the last admin: add another admin first")
            conn.execute(t.users.update().where(t.users.c.id == user.id).values(role=role))
            audit(conn, actor, "user.role", f"{name}: {user.role} -> {role}")

    def set_password(self, name: str, password: str, *, actor: str) -> None:
        check_password(password)
        with self.engine.begin() as conn:
            user = self._get(conn, name)
            conn.execute(
                t.users.update().where(t.users.c.id == user.id).values(password_hash=_hasher.hash(password))
            )
            conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user.id))
            audit(conn, actor, "user.password", name)

    def remove(self, name: str, *, actor: str) -> None:
        """Delete a user and their sessions; the last admin cannot be removed."""
        with self.engine.begin() as conn:
            user = self._get(conn, name)
            if user.role == "admin" and self._admins(conn) <= 1:
                raise StoreError(f"{name} is the last admin: add another admin first")
            conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user.id))
            conn.execute(delete(t.users).where(t.users.c.id == user.id))
            audit(conn, actor, "user.remove", name)

    def get(self, name: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.users.c.id, t.users.c.name, t.users.c.role).where(t.users.c.name == name)
            ).first()
        return User(row.id, row.name, row.role) if row else None

    def listing(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.users.c.name, t.users.c.role, t.users.c.created_at).order_by(t.users.c.name)
            ).all()
        return [{"name": r.name, "role": r.role, "created_at": r.created_at.isoformat()} for r in rows]

    def has_admin(self) -> bool:
        with self.engine.connect() as conn:
            return self._admins(conn) > 0

    def verify(self, name: str, password: str) -> User | None:
        """The user when the password is right, else None (same work either way)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.users).where(t.users.c.name == name)).first()
        stored = row.password_hash if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password[:MAX_PASSWORD])
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if _hasher.check_needs_rehash(stored):
            with self.engine.begin() as conn:
                conn.execute(
                    t.users.update()
                    .where(t.users.c.id == row.id)
                    .values(password_hash=_hasher.hash(password))
                )
        return User(row.id, row.name, row.role)

    def recent_failures(self, name: str, *, window: int = LOGIN_WINDOW) -> int:
        """Failed sign-ins as ``name`` in the last ``window`` seconds (from the audit log)."""
        since = datetime.fromtimestamp(time.time() - window, UTC)
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(t.audit_log)
                    .where(
                        t.audit_log.c.actor == name[:200],
                        t.audit_log.c.action == "login.failed",
                        t.audit_log.c.at >= since,
                    )
                ).scalar_one()
            )

    # -- sessions -------------------------------------------------------------
    def open_session(self, user: User, *, kind: str = "browser", ttl: int | None = None) -> str:
        """A new token for ``user``; ``kind`` is "browser" (cookie) or "api" (bearer)."""
        if kind not in ("browser", "api"):
            raise ConfigError(f"unknown session kind {kind!r}")
        ttl = ttl if ttl is not None else (BROWSER_TTL if kind == "browser" else API_TTL)
        random_part = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(
                t.sessions.insert().values(
                    token_hash=_digest(random_part),
                    user_id=user.id,
                    kind=kind,
                    csrf_token=secrets.token_urlsafe(32),
                    created_at=datetime.now(UTC),
                    expires_at=int(time.time()) + ttl,
                )
            )
            if kind == "api":
                audit(conn, user.name, "token.issue", f"expires in {ttl // 86400} days")
            # Expired sessions of anyone are dropped as new ones open.
            conn.execute(delete(t.sessions).where(t.sessions.c.expires_at <= int(time.time())))
        return f"{random_part}.{self._sign(random_part)}"

    def session(self, token: str | None) -> Session | None:
        """The live session of ``token``, or None when it is unknown, forged or expired."""
        if not token or len(token) > 200 or "." not in token:
            return None
        random_part, signature = token.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign(random_part)):
            return None
        q = (
            select(
                t.users.c.id,
                t.users.c.name,
                t.users.c.role,
                t.sessions.c.kind,
                t.sessions.c.csrf_token,
                t.sessions.c.expires_at,
            )
            .join(t.users, t.users.c.id == t.sessions.c.user_id)
            .where(
                t.sessions.c.token_hash == _digest(random_part), t.sessions.c.expires_at > int(time.time())
            )
        )
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            return None
        return Session(User(row.id, row.name, row.role), row.kind, row.csrf_token, row.expires_at)

    def close_session(self, token: str | None) -> None:
        if not token or "." not in token:
            return
        random_part = token.rsplit(".", 1)[0]
        with self.engine.begin() as conn:
            conn.execute(delete(t.sessions).where(t.sessions.c.token_hash == _digest(random_part)))

    # -- the audit log --------------------------------------------------------
    def record(self, actor: str, action: str, detail: str | None = None) -> None:
        with self.engine.begin() as conn:
            audit(conn, actor, action, detail)

    def audit_tail(self, limit: int = 50) -> list[dict[str, Any]]:
        limit = max(1, min(limit, 500))
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.audit_log).order_by(t.audit_log.c.id.desc()).limit(limit)).all()
        return [
            {
                "at": r.at.isoformat(timespec="seconds"),
                "actor": r.actor,
                "action": r.action,
                "detail": r.detail,
            }
            for r in rows
        ]

    # -- helpers --------------------------------------------------------------
    @staticmethod
    def _get(conn: Connection, name: str) -> User:
        row = conn.execute(
            select(t.users.c.id, t.users.c.name, t.users.c.role).where(t.users.c.name == name)
        ).first()
        if row is None:
            raise StoreError(f"no user named {name!r}")
        return User(row.id, row.name, row.role)

    @staticmethod
    def _admins(conn: Connection) -> int:
        return int(
            conn.execute(
                select(func.count()).select_from(t.users).where(t.users.c.role == "admin")
            ).scalar_one()
        )
