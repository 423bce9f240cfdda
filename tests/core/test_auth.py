"""Users, roles, permissions and passwords: hashing, policy, sign-in, permission sync."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import delete, event, select

from console.core import audit, auth
from console.core.auth import Actor
from console.core.context import AppContext
from console.core.contributions import PermissionSpec
from console.core.errors import NotFound, PermissionDenied, ValidationError
from console.core.models import Permission, Role, RolePermission, User

PASSWORD = "Secret-123!"


def unique(prefix: str = "u") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


class FakeHost:
    """A plugin host that contributes the given permissions (nothing else)."""

    def __init__(self, *pairs: tuple[str, PermissionSpec]):
        self.pairs = list(pairs)

    def collect(self, hook: str, **_kwargs):
        return self.pairs if hook == "register_permissions" else []


def with_plugins(app: AppContext, *pairs: tuple[str, PermissionSpec]) -> AppContext:
    return AppContext(url=app.url, engine=app.engine, sessions=app.sessions, plugins=FakeHost(*pairs))


def grants(app: AppContext, permission: str) -> set[str]:
    with app.session() as session:
        return set(session.scalars(select(RolePermission.role).where(RolePermission.permission == permission)))


# -- passwords -------------------------------------------------------------------------------
def test_hash_is_scrypt_salted_and_verifies():
    first, second = auth.hash_password("correct horse"), auth.hash_password("correct horse")
    assert first.startswith("scrypt$16384$8$1$") and len(first.split("$")) == 6
    assert first != second  # a fresh 16-byte salt each time
    assert auth.verify_password("correct horse", first) and auth.verify_password("correct horse", second)
    assert not auth.verify_password("correct horsE", first)


@pytest.mark.parametrize("encoded", ["", "plain", "bcrypt$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA",
                                     "scrypt$16384$8$1$!!!$AAAA"])
def test_a_malformed_hash_never_matches(encoded):
    assert not auth.verify_password("anything", encoded)


def test_a_tampered_hash_does_not_match():
    parts = auth.hash_password("abcdefgh").split("$")
    parts[5] = "A" * len(parts[5])
    assert not auth.verify_password("abcdefgh", "$".join(parts))


@pytest.mark.parametrize("password", ["short", "1234567", " " * 10])
def test_password_policy_is_enforced_on_create_and_passwd(app, admin, password):
    with pytest.raises(ValidationError, match="at least 8 characters|only spaces") as info:
        auth.create_user(app, admin, username=unique(), password=password, display_name="X", roles=("engineer",))
    assert info.value.field == "password"
    name = unique()
    auth.create_user(app, admin, username=name, password=PASSWORD, display_name="X", roles=("engineer",))
    with pytest.raises(ValidationError, match="at least 8 characters|only spaces"):
        auth.set_password(app, admin, name, password)


# -- roles and permission sync ---------------------------------------------------------------
def test_every_role_is_seeded_with_its_title(app):
    with app.session() as session:
        roles = dict(session.execute(select(Role.name, Role.title)).all())
    assert {name: roles[name] for name in auth.ROLES} == auth.ROLES


def test_core_permissions_are_granted_to_their_default_roles(app):
    assert grants(app, "core.users.manage") == {"admin"}
    assert grants(app, "core.directory.edit") == {"admin", "back_office", "team_lead"}
    assert grants(app, "core.directory.read") == set(auth.ROLES)
    assert grants(app, "core.calendars.edit") == {"admin", "team_lead"}
    for spec in auth.CORE_PERMISSIONS:
        assert "admin" in grants(app, spec.name)


def test_sync_records_a_new_plugin_permission_once_and_revocations_stick(app):
    name = f"{unique('plug')}.edit"
    plugin = with_plugins(app, ("plug", PermissionSpec(name, "Edit things", ("engineer",))))
    assert auth.sync_permissions(plugin) == 1
    with app.session() as session:
        assert session.get(Permission, name).namespace == "plug"
    assert grants(app, name) == {"engineer", "admin"}
    with app.session() as session:  # an admin revokes the default grant…
        session.execute(delete(RolePermission).where(RolePermission.permission == name,
                                                     RolePermission.role == "engineer"))
    assert auth.sync_permissions(plugin) == 0  # …and the next start does not grant it again
    assert grants(app, name) == {"admin"}


def test_sync_is_one_select_when_nothing_changed(app):
    auth.sync_permissions(app)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if "core_" in statement:
            statements.append(statement.strip().split()[0].upper())

    event.listen(app.engine, "before_cursor_execute", record)
    try:
        assert auth.sync_permissions(app) == 0
    finally:
        event.remove(app.engine, "before_cursor_execute", record)
    assert statements == ["SELECT"]


def test_two_consoles_starting_at_once_both_succeed(app):
    specs = [("race", PermissionSpec(f"{unique('race')}.p{i}", f"P{i}", ("engineer",))) for i in range(20)]
    apps = [with_plugins(app, *specs) for _ in range(2)]
    barrier, results, errors = threading.Barrier(2), [], []

    def start(console: AppContext) -> None:
        barrier.wait()
        try:
            results.append(auth.sync_permissions(console))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=start, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(results) == 20  # each permission recorded once, by one of them
    for _plugin, spec in specs:
        assert grants(app, spec.name) == {"engineer", "admin"}


# -- users -----------------------------------------------------------------------------------
def test_create_user_then_actor_for_loads_role_permissions(app, admin):
    name = unique()
    user_id = auth.create_user(app, admin, username=name, password=PASSWORD, display_name="王伟 (Wang Wei)",
                               roles=("engineer", "team_lead"), email="wang@example.com", locale="zh_CN")
    actor = auth.actor_for(app, name)
    assert actor.user_id == user_id and actor.display_name == "王伟 (Wang Wei)"
    assert actor.roles == {"engineer", "team_lead"} and actor.locale == "zh_CN"
    assert actor.can("core.directory.edit") and actor.can("core.calendars.edit")
    assert not actor.can("core.users.manage") and "*" not in actor.permissions


def test_admin_actor_holds_every_permission(admin):
    assert "*" in admin.permissions and admin.can("some_plugin.anything")


def test_create_user_is_audited(app, admin):
    user_id = auth.create_user(app, admin, username=unique(), password=PASSWORD, display_name="A",
                               roles=("read_only",))
    with app.session() as session:
        (entry,) = audit.history(session, "user", user_id)
    assert entry.action == "user.create" and entry.actor == admin.username
    assert PASSWORD not in entry.detail and "password" not in entry.detail


def test_duplicate_user_name_is_refused(app, admin):
    name = unique()
    auth.create_user(app, admin, username=name, password=PASSWORD, display_name="A", roles=())
    with pytest.raises(ValidationError, match=f"The user name '{name}' is already taken; choose another."):
        auth.create_user(app, admin, username=name, password=PASSWORD, display_name="B", roles=())


@pytest.mark.parametrize("fields, message, field", [
    ({"roles": ("engineer", "wizard")}, "Unknown role 'wizard': use one of", "roles"),
    ({"username": "has space"}, "no spaces", "username"),
    ({"username": "  "}, "User name is required.", "username"),
    ({"display_name": ""}, "Display name is required.", "display_name"),
    ({"email": "not-an-address"}, "is not an e-mail address", "email"),
    ({"timezone": "Mars/Olympus"}, "is not a time zone", "timezone"),
    ({"lead_username": "nobody_like_this"}, "The lead 'nobody_like_this' is not a user", "lead_username"),
])
def test_create_user_validation(app, admin, fields, message, field):
    values = {"username": unique(), "password": PASSWORD, "display_name": "A", "roles": ("engineer",), **fields}
    with pytest.raises(ValidationError, match=message) as info:
        auth.create_user(app, admin, **values)
    assert info.value.field == field


def test_lead_and_partner_code_are_stored(app, admin):
    lead = unique("lead")
    auth.create_user(app, admin, username=lead, password=PASSWORD, display_name="Lead", roles=("team_lead",))
    name = unique()
    auth.create_user(app, admin, username=name, password=PASSWORD, display_name="Eng", roles=("engineer",),
                     lead_username=lead, partner_code="P042")
    with app.session() as session:
        lead_id = session.scalar(select(User.lead_id).where(User.username == name))
    assert lead_id == auth.actor_for(app, lead).user_id
    assert auth.actor_for(app, name).partner_code == "P042"


def test_set_roles_replaces_roles_and_is_audited(app, admin, make_actor):
    who = make_actor("engineer")
    auth.set_roles(app, admin, who.username, ("back_office", "engineer"))
    assert auth.actor_for(app, who.username).roles == {"back_office", "engineer"}
    auth.set_roles(app, admin, who.username, ("read_only",))
    actor = auth.actor_for(app, who.username)
    assert actor.roles == {"read_only"} and not actor.can("core.directory.edit")
    with app.session() as session:
        actions = [e.action for e in audit.history(session, "user", who.user_id)]
    assert actions == ["user.create", "user.roles", "user.roles"]
    with pytest.raises(ValidationError, match="Unknown role 'boss'"):
        auth.set_roles(app, admin, who.username, ("boss",))


def test_list_users_shows_roles(app, admin, make_actor):
    who = make_actor("engineer", "partner_auditor")
    listed = {u.username: u for u in auth.list_users(app, admin)}
    assert listed[who.username].roles == ("engineer", "partner_auditor")
    assert listed[who.username].is_active


def test_unknown_user_is_not_found(app, admin):
    with pytest.raises(NotFound, match="There is no user 'ghost_"):
        auth.actor_for(app, unique("ghost"))
    with pytest.raises(NotFound):
        auth.set_password(app, admin, unique("ghost"), PASSWORD)


@pytest.mark.parametrize("role", ["engineer", "team_lead", "back_office", "read_only", "partner_auditor",
                                  "timesheet_reviewer"])
def test_only_user_managers_manage_users(app, make_actor, role):
    actor = make_actor(role)
    target = make_actor("engineer").username
    calls = [
        lambda: auth.create_user(app, actor, username=unique(), password=PASSWORD, display_name="X", roles=()),
        lambda: auth.set_password(app, actor, target, "Another-123!"),
        lambda: auth.set_roles(app, actor, target, ("admin",)),
        lambda: auth.set_active(app, actor, target, False),
        lambda: auth.list_users(app, actor),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied, match="does not have the permission 'core.users.manage'"):
            call()
    assert auth.actor_for(app, target).roles == {"engineer"}


# -- sign-in ---------------------------------------------------------------------------------
def test_authenticate_returns_the_actor(app, make_actor):
    who = make_actor("engineer")
    actor = auth.authenticate(app, f" {who.username} ", PASSWORD)
    assert actor == who


def test_wrong_password_and_unknown_user_get_the_same_answer(app, make_actor):
    who = make_actor("engineer")
    with pytest.raises(PermissionDenied) as wrong:
        auth.authenticate(app, who.username, "Wrong-password")
    with pytest.raises(PermissionDenied) as unknown:
        auth.authenticate(app, unique("nobody"), PASSWORD)
    assert str(wrong.value) == str(unknown.value) == "Wrong user name or password."


def test_set_password_replaces_the_old_one(app, admin, make_actor):
    who = make_actor("engineer")
    auth.set_password(app, admin, who.username, "Brand-new-pass")
    assert auth.authenticate(app, who.username, "Brand-new-pass").username == who.username
    with pytest.raises(PermissionDenied, match="Wrong user name or password."):
        auth.authenticate(app, who.username, PASSWORD)


def test_a_disabled_account_has_its_own_message_but_only_with_the_right_password(app, admin, make_actor):
    who = make_actor("engineer")
    auth.set_active(app, admin, who.username, False)
    with pytest.raises(PermissionDenied, match="Wrong user name or password."):
        auth.authenticate(app, who.username, "Wrong-password")
    with pytest.raises(PermissionDenied, match=f"The account '{who.username}' is disabled. Ask an administrator"):
        auth.authenticate(app, who.username, PASSWORD)
    auth.set_active(app, admin, who.username, True)
    assert auth.authenticate(app, who.username, PASSWORD).username == who.username


def test_system_actor_may_create_users(app):
    name = unique()
    auth.create_user(app, Actor.system(), username=name, password=PASSWORD, display_name="Y", roles=("admin",))
    assert auth.actor_for(app, name).can("anything.at.all")
