"""Settings: defaults, validation per kind, permission, audit, plugin settings."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import delete, select

from console.core import audit, settings
from console.core.context import AppContext
from console.core.contributions import SettingSpec
from console.core.errors import NotFound, PermissionDenied, ValidationError
from console.core.models import Setting


class FakeHost:
    """A plugin host contributing the given settings."""

    def __init__(self, *specs: SettingSpec):
        self.specs = specs

    def collect(self, hook: str, **_kwargs):
        return [("plug", s) for s in self.specs] if hook == "register_settings" else []


@pytest.fixture
def plugin_app(app):
    """The app plus a plugin declaring one setting of every kind, under unique keys."""
    prefix = f"plug{uuid.uuid4().hex[:8]}"
    specs = {
        "text": SettingSpec(f"{prefix}.greeting", "Greeting", "str", "你好"),
        "int": SettingSpec(f"{prefix}.days", "Return window", "int", 15, minimum=1, maximum=90),
        "decimal": SettingSpec(f"{prefix}.speed", "Speed limit", "decimal", Decimal("120"),
                               minimum=10, maximum=300),
        "bool": SettingSpec(f"{prefix}.remind", "Send reminders", "bool", True),
        "choice": SettingSpec(f"{prefix}.rule", "Rule set", "choice", "cn", choices=("cn", "custom")),
        "odd": SettingSpec(f"{prefix}.odd", "Odd", "colour", "red"),
    }
    console = AppContext(url=app.url, engine=app.engine, sessions=app.sessions, plugins=FakeHost(*specs.values()))
    return console, {kind: spec.key for kind, spec in specs.items()}


@pytest.fixture
def restore_core(app):
    """Put the stored core settings back as they were after the test."""
    core = Setting.key.startswith("core.")
    with app.session() as session:
        before = {row.key: row.value for row in session.scalars(select(Setting).where(core))}
    yield
    with app.session() as session:
        session.execute(delete(Setting).where(core))
        session.add_all(Setting(key=key, value=value) for key, value in before.items())


def test_core_settings_have_defaults(app):
    values = settings.values(app, "core.")
    assert values["core.organisation"] == "Service Console demo"
    assert values["core.default_timezone"] == "Asia/Shanghai"
    assert "Asia/Shanghai" in settings.specs(app)["core.default_timezone"].choices
    assert {k: values[k] for k in ("core.smtp_host", "core.smtp_port", "core.smtp_from")} == {
        "core.smtp_host": "", "core.smtp_port": 25, "core.smtp_from": ""}


def test_set_value_stores_json_and_is_audited(app, admin, restore_core):
    stored = settings.set_value(app, admin, "core.organisation", "  华东服务中心 East China  ")
    assert stored == "华东服务中心 East China"
    assert settings.get(app, "core.organisation") == "华东服务中心 East China"
    with app.session() as session:
        assert session.get(Setting, "core.organisation").value == '"华东服务中心 East China"'
        entry = audit.history(session, "setting", "core.organisation")[-1]
    assert entry.action == "setting.set" and entry.actor == admin.username
    assert json.loads(entry.detail) == {"old": "Service Console demo", "new": "华东服务中心 East China"}


def test_choice_setting(app, admin, restore_core):
    assert settings.set_value(app, admin, "core.default_timezone", "Asia/Tokyo") == "Asia/Tokyo"
    with pytest.raises(ValidationError, match="Default time zone: 'Mars/Base' is not allowed; choose one of "
                                              "Asia/Shanghai, ") as info:
        settings.set_value(app, admin, "core.default_timezone", "Mars/Base")
    assert info.value.field == "core.default_timezone"


@pytest.mark.parametrize("value, message", [
    ("abc", "SMTP port must be a whole number."),
    (25.0, "SMTP port must be a whole number."),
    (True, "SMTP port must be a whole number."),
    ("2.5", "SMTP port must be a whole number."),
    (0, "SMTP port must be at least 1."),
    (70000, "SMTP port must be at most 65535."),
])
def test_int_setting_validation(app, admin, value, message):
    with pytest.raises(ValidationError, match=message):
        settings.set_value(app, admin, "core.smtp_port", value)


def test_int_setting_accepts_text_digits(app, admin, restore_core):
    assert settings.set_value(app, admin, "core.smtp_port", " 587 ") == 587
    assert settings.get(app, "core.smtp_port") == 587


def test_str_setting_validation(app, admin):
    with pytest.raises(ValidationError, match="Sender address must be text."):
        settings.set_value(app, admin, "core.smtp_from", 42)
    with pytest.raises(ValidationError, match="Organisation name is too long: at most 2000 characters."):
        settings.set_value(app, admin, "core.organisation", "x" * 2001)


@pytest.mark.parametrize("role", ["engineer", "team_lead", "back_office", "read_only"])
def test_only_settings_editors_change_settings(app, make_actor, role):
    with pytest.raises(PermissionDenied, match="does not have the permission 'core.settings.edit'"):
        settings.set_value(app, make_actor(role), "core.organisation", "Hijacked")
    assert settings.get(app, "core.organisation") != "Hijacked"


def test_unknown_keys_are_errors(app, admin):
    with pytest.raises(NotFound, match="There is no setting 'core.colour'. Check the key"):
        settings.get(app, "core.colour")
    with pytest.raises(NotFound, match="There is no setting 'core.colour'"):
        settings.set_value(app, admin, "core.colour", "red")


def test_plugin_settings_of_every_kind(plugin_app, admin):
    app, key = plugin_app
    assert settings.get(app, key["text"]) == "你好" and settings.get(app, key["int"]) == 15
    assert settings.set_value(app, admin, key["decimal"], "80.5") == Decimal("80.5")
    assert settings.get(app, key["decimal"]) == Decimal("80.5")
    assert settings.set_value(app, admin, key["bool"], "no") is False
    assert settings.get(app, key["bool"]) is False
    assert settings.set_value(app, admin, key["choice"], "custom") == "custom"
    assert settings.values(app, key["int"].split(".")[0] + ".")[key["decimal"]] == Decimal("80.5")


@pytest.mark.parametrize("kind, value, message", [
    ("decimal", "fast", "Speed limit must be a number, e.g. 12.5."),
    ("decimal", 99.5, "Speed limit must be a number"),
    ("decimal", "NaN", "Speed limit must be a number"),
    ("decimal", "5", "Speed limit must be at least 10."),
    ("int", 91, "Return window must be at most 90."),
    ("bool", "maybe", "Send reminders must be yes or no."),
    ("odd", "blue", "has an unknown kind 'colour'"),
])
def test_plugin_setting_validation(plugin_app, admin, kind, value, message):
    app, key = plugin_app
    with pytest.raises(ValidationError, match=message):
        settings.set_value(app, admin, key[kind], value)


def test_a_stored_value_that_no_longer_fits_reads_as_the_default(plugin_app):
    app, key = plugin_app
    with app.session() as session:
        session.add(Setting(key=key["int"], value="500"))  # e.g. the plugin lowered its maximum
        session.add(Setting(key=key["choice"], value="{not json"))
    assert settings.get(app, key["int"]) == 15
    assert settings.get(app, key["choice"]) == "cn"
