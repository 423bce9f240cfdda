"""Users, roles, permissions and the Actor every service call takes."""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import insert, literal, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.core.contributions import PermissionSpec
from console.core.errors import NotFound, PermissionDenied, ValidationError
from console.core.models import Permission, Role, RolePermission, User, UserRole

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import AppContext


@dataclass(frozen=True)
class Actor:
    """The acting user as services see it: identity, roles and the permissions they grant."""

    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[str]
    permissions: frozenset[str]
    timezone: str = "Asia/Shanghai"
    locale: str = "en"
    partner_code: str | None = None

    @classmethod
    def system(cls) -> Actor:
        """The actor for background jobs and migrations: every permission."""
        return cls(None, "system", "System", frozenset({"admin"}), frozenset({"*"}), timezone="UTC")

    def can(self, permission: str) -> bool:
        """True when this actor holds ``permission``."""
        return "*" in self.permissions or permission in self.permissions

    def require(self, permission: str) -> None:
        """Raise ``PermissionDenied`` naming the missing permission unless the actor holds it."""
        if not self.can(permission):
            raise PermissionDenied(
                f"{self.display_name} does not have the permission '{permission}'. "
                "Ask an administrator to grant it to one of your roles."
            )


# -- roles and permissions -------------------------------------------------------------------
ROLES: dict[str, str] = {
    "admin": "Administrator",
    "back_office": "Back-office clerk",
    "timesheet_reviewer": "Timesheet reviewer",
    "team_lead": "Team lead",
    "engineer": "Engineer",
    "partner_auditor": "Partner auditor",
    "read_only": "Read-only",
}

CORE_PERMISSIONS: tuple[PermissionSpec, ...] = (
    PermissionSpec("core.users.manage", "Manage users, passwords and roles", ("admin",)),
    PermissionSpec("core.directory.edit", "Edit customers, sites, assets, contracts and service centres",
                   ("admin", "back_office", "team_lead")),
    PermissionSpec("core.directory.read", "Read customers, sites, assets, contracts and service centres",
                   tuple(ROLES)),
    PermissionSpec("core.audit.read", "Read and verify the audit log", ("admin",)),
    PermissionSpec("core.plugins.manage", "Enable and disable plugins", ("admin",)),
    PermissionSpec("core.settings.edit", "Change organisation-wide settings", ("admin",)),
    PermissionSpec("core.calendars.edit", "Import and edit business calendars", ("admin", "team_lead")),
)

MIN_PASSWORD_LENGTH = 8
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P, _SALT_BYTES, _KEY_BYTES = 2**14, 8, 1, 16, 32
_SCRYPT_MAXMEM = 64 * 1024 * 1024
_WRONG_LOGIN = "Wrong user name or password."
_SYNC_ATTEMPTS = 3


# -- passwords -------------------------------------------------------------------------------
def hash_password(password: str) -> str:
    """A salted scrypt hash, encoded ``scrypt$n$r$p$salt_b64$hash_b64``."""
    salt = os.urandom(_SALT_BYTES)
    key = _scrypt(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return "$".join(("scrypt", str(_SCRYPT_N), str(_SCRYPT_R), str(_SCRYPT_P),
                     base64.b64encode(salt).decode(), base64.b64encode(key).decode()))


def verify_password(password: str, encoded: str) -> bool:
    """True when ``password`` matches ``encoded``; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt_b64, key_b64 = encoded.split("$")
        if scheme != "scrypt":
            return False
        salt, expected = base64.b64decode(salt_b64, validate=True), base64.b64decode(key_b64, validate=True)
        actual = _scrypt(password, salt, int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int = _KEY_BYTES) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=_SCRYPT_MAXMEM, dklen=length)


@functools.cache
def _dummy_hash() -> str:
    """A hash to check unknown users against, so their answer takes as long as a real one."""
    return hash_password(os.urandom(12).hex())


def check_password_policy(password: str) -> None:
    """Raise ``ValidationError`` unless ``password`` meets the minimal policy."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters.", field="password")
    if not password.strip():
        raise ValidationError("The password cannot be only spaces.", field="password")


# -- permission sync ---------------------------------------------------------------------------
def sync_permissions(app: AppContext) -> int:
    """Seed the roles and record every declared permission; returns how many were new.

    Defaults (``default_roles`` + admin) are granted only when a permission is first seen,
    so an admin's later revocation sticks. Safe when several consoles start at once.
    """
    declared = _declared_permissions(app)
    for _ in range(_SYNC_ATTEMPTS - 1):
        with suppress(IntegrityError):  # another console inserted the same rows first: look again
            return _sync_in_transaction(app, declared)
    return _sync_in_transaction(app, declared)


def _declared_permissions(app: AppContext) -> dict[str, tuple[str, PermissionSpec]]:
    declared = {spec.name: ("core", spec) for spec in CORE_PERMISSIONS}
    for plugin, spec in app.plugins.collect("register_permissions"):
        declared.setdefault(spec.name, (plugin, spec))
    return declared


def _sync_in_transaction(app: AppContext, declared: dict[str, tuple[str, PermissionSpec]]) -> int:
    with app.session() as session:
        return _sync(session, declared)


def _sync(session: Session, declared: dict[str, tuple[str, PermissionSpec]]) -> int:
    known = session.execute(
        select(literal("role").label("kind"), Role.name)
        .union_all(select(literal("permission").label("kind"), Permission.name))
    ).all()
    roles = {name for kind, name in known if kind == "role"}
    permissions = {name for kind, name in known if kind == "permission"}
    missing_roles = sorted(set(ROLES) - roles)
    new = sorted(set(declared) - permissions)
    if missing_roles:
        session.execute(insert(Role), [{"name": r, "title": ROLES[r]} for r in missing_roles])
        roles.update(missing_roles)
    if not new:
        return 0
    session.execute(insert(Permission), [
        {"name": name, "title": declared[name][1].title, "namespace": declared[name][0]} for name in new])
    grants = [{"role": role, "permission": name} for name in new
              for role in sorted((set(declared[name][1].default_roles) | {"admin"}) & roles)]
    session.execute(insert(RolePermission), grants)
    return len(new)


# -- users -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class UserInfo:
    """A user as the user-management page lists it."""

    id: int
    username: str
    display_name: str
    email: str | None
    roles: tuple[str, ...]
    is_active: bool
    locale: str
    timezone: str
    lead_id: int | None
    partner_code: str | None


def create_user(app: AppContext, actor: Actor, *, username: str, password: str, display_name: str,
                roles: Iterable[str], email: str | None = None, locale: str = "en",
                timezone: str = "Asia/Shanghai", lead_username: str | None = None,
                partner_code: str | None = None) -> int:
    """Create a user with ``roles``; returns the new user's id (needs ``core.users.manage``)."""
    username = _clean_username(username)
    display_name = _required(display_name, "display_name", "Display name")
    check_password_policy(password)
    _check_timezone(timezone)
    email = _clean_email(email)
    roles = tuple(dict.fromkeys(roles))
    with app.unit_of_work(actor, "core.users.manage") as work:
        session = work.session
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise ValidationError(f"The user name '{username}' is already taken; choose another.",
                                  field="username")
        _check_roles(session, roles)
        user = User(username=username, display_name=display_name, email=email,
                    password_hash=hash_password(password), locale=locale, timezone=timezone,
                    lead_id=_lead_id(session, lead_username), partner_code=partner_code or None,
                    roles=[UserRole(role=r) for r in roles])
        session.add(user)
        session.flush()
        work.audit("user.create", "user", user.id, {
            "username": username, "display_name": display_name, "roles": list(roles),
            "email": email, "lead": lead_username, "partner_code": partner_code})
        return user.id


def set_password(app: AppContext, actor: Actor, username: str, password: str) -> None:
    """Replace a user's password (needs ``core.users.manage``)."""
    check_password_policy(password)
    with app.unit_of_work(actor, "core.users.manage") as work:
        user = _user(work.session, username)
        user.password_hash = hash_password(password)
        work.audit("user.password", "user", user.id, {"username": username})


def set_roles(app: AppContext, actor: Actor, username: str, roles: Iterable[str]) -> None:
    """Replace a user's roles with ``roles`` (needs ``core.users.manage``)."""
    roles = tuple(dict.fromkeys(roles))
    with app.unit_of_work(actor, "core.users.manage") as work:
        user = _user(work.session, username)
        _check_roles(work.session, roles)
        before = sorted(r.role for r in user.roles)
        for held in [r for r in user.roles if r.role not in roles]:
            user.roles.remove(held)
        user.roles.extend(UserRole(role=r) for r in roles if r not in before)
        work.audit("user.roles", "user", user.id, {"username": username, "before": before,
                                                    "after": sorted(roles)})


def set_active(app: AppContext, actor: Actor, username: str, active: bool) -> None:
    """Allow or stop a user's sign-in (needs ``core.users.manage``)."""
    with app.unit_of_work(actor, "core.users.manage") as work:
        user = _user(work.session, username)
        user.is_active = active
        work.audit("user.activate" if active else "user.deactivate", "user", user.id, {"username": username})


def list_users(app: AppContext, actor: Actor) -> list[UserInfo]:
    """Every user, sorted by user name (needs ``core.users.manage``)."""
    actor.require("core.users.manage")
    with app.session() as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        return [UserInfo(u.id, u.username, u.display_name, u.email, tuple(sorted(r.role for r in u.roles)),
                         u.is_active, u.locale, u.timezone, u.lead_id, u.partner_code) for u in users]


def authenticate(app: AppContext, username: str, password: str) -> Actor:
    """The signed-in ``Actor``; a wrong name or password raises one and the same ``PermissionDenied``."""
    username = username.strip()
    with app.session() as session:
        found = session.execute(
            select(User.password_hash, User.is_active).where(User.username == username)).first()
    stored, active = found if found is not None else (_dummy_hash(), False)
    if not verify_password(password, stored) or found is None:
        raise PermissionDenied(_WRONG_LOGIN)
    if not active:
        raise PermissionDenied(f"The account '{username}' is disabled. Ask an administrator to reactivate it.")
    return actor_for(app, username)


def actor_for(app: AppContext, username: str) -> Actor:
    """The ``Actor`` for ``username`` with the permissions of their roles (admin holds ``*``)."""
    with app.session() as session:
        user = _user(session, username)
        roles = frozenset(r.role for r in user.roles)
        permissions = set(session.scalars(
            select(RolePermission.permission).where(RolePermission.role.in_(roles)).distinct()))
        if "admin" in roles:
            permissions.add("*")
        return Actor(user.id, user.username, user.display_name, roles, frozenset(permissions),
                     timezone=user.timezone, locale=user.locale, partner_code=user.partner_code)


# -- helpers ---------------------------------------------------------------------------------
def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"There is no user '{username}'. Check the spelling, or add the user first.")
    return user


def _lead_id(session: Session, lead_username: str | None) -> int | None:
    if not lead_username:
        return None
    lead = session.scalar(select(User.id).where(User.username == lead_username))
    if lead is None:
        raise ValidationError(f"The lead '{lead_username}' is not a user; add them first or leave it empty.",
                              field="lead_username")
    return lead


def _check_roles(session: Session, roles: tuple[str, ...]) -> None:
    known = set(session.scalars(select(Role.name)))
    unknown = [r for r in roles if r not in known]
    if unknown:
        raise ValidationError(f"Unknown role {', '.join(repr(r) for r in unknown)}: "
                              f"use one of {', '.join(sorted(known))}.", field="roles")


def _clean_username(username: str) -> str:
    username = _required(username, "username", "User name")
    if len(username) > 64 or any(c.isspace() for c in username):
        raise ValidationError("A user name has at most 64 characters and no spaces.", field="username")
    return username


def _clean_email(email: str | None) -> str | None:
    email = (email or "").strip() or None
    if email is not None and ("@" not in email or len(email) > 254):
        raise ValidationError(f"'{email}' is not an e-mail address; use the form name@example.com.",
                              field="email")
    return email


def _required(value: str | None, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"{label} is required.", field=field)
    return value


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"'{name}' is not a time zone; use an IANA name such as Asia/Shanghai.",
                              field="timezone") from None
