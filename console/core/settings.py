"""Organisation-wide settings: core's own plus every plugin's ``register_settings``.

A value is stored as JSON text in ``core_settings``; an unset (or no longer valid) value reads
as the spec's default. Secrets are never settings: they live in ``console.core.credentials``.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from console.core.auth import Actor
from console.core.context import AppContext
from console.core.contributions import SettingSpec
from console.core.errors import NotFound, ValidationError
from console.core.models import Setting

EDIT = "core.settings.edit"
TIMEZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo",
             "Europe/London", "Europe/Berlin", "America/New_York", "UTC")
MAX_TEXT = 2000
_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")
log = logging.getLogger(__name__)

CORE_SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("core.organisation", "Organisation name", "str", "Service Console demo",
                help="Shown in the title bar and on exported reports."),
    SettingSpec("core.default_timezone", "Default time zone", "choice", "Asia/Shanghai", choices=TIMEZONES,
                help="Used for new users and for reports that are not tied to one user."),
    SettingSpec("core.smtp_host", "SMTP server", "str", "",
                help="Host name of the mail server for e-mail notifications; empty sends no e-mail."),
    SettingSpec("core.smtp_port", "SMTP port", "int", 25, minimum=1, maximum=65535),
    SettingSpec("core.smtp_from", "Sender address", "str", "",
                help="The From address of e-mail notifications, e.g. service@example.com."),
    SettingSpec("core.smtp_user", "SMTP user name", "str", "",
                help="Empty for a relay without sign-in. The password is kept in the system keyring."),
    SettingSpec("core.email_severity", "E-mail notifications from", "choice", "warning",
                choices=("info", "warning", "critical"),
                help="Notifications of this severity or higher also go to the user's e-mail address."),
)


def specs(app: AppContext) -> dict[str, SettingSpec]:
    """Every known setting by key: core's first, then each active plugin's."""
    known = {spec.key: spec for spec in CORE_SETTINGS}
    for _plugin, spec in app.plugins.collect("register_settings"):
        known.setdefault(spec.key, spec)
    return known


def get(app: AppContext, key: str) -> Any:
    """The stored value of ``key``, or its default."""
    spec = _spec(specs(app), key)
    with app.session() as session:
        stored = session.scalar(select(Setting.value).where(Setting.key == key))
    return _decode(spec, stored)


def values(app: AppContext, prefix: str = "") -> dict[str, Any]:
    """Every known setting whose key starts with ``prefix``, with its current value (one query)."""
    known = {k: s for k, s in specs(app).items() if k.startswith(prefix)}
    with app.session() as session:
        stored = dict(session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(known))).all())
    return {key: _decode(spec, stored.get(key)) for key, spec in known.items()}


def set_value(app: AppContext, actor: Actor, key: str, value: Any) -> Any:
    """Validate and store a setting (needs ``core.settings.edit``); returns the value as stored."""
    actor.require(EDIT)
    spec = _spec(specs(app), key)
    clean = coerce(spec, value)
    with app.unit_of_work(actor, EDIT) as work:
        row = work.session.get(Setting, key)
        old = _decode(spec, row.value if row else None)
        if row is None:
            row = Setting(key=key, value="")
            work.session.add(row)
        row.value = _encode(clean)
        work.audit("setting.set", "setting", key, {"old": old, "new": clean})
    return clean


def coerce(spec: SettingSpec, value: Any) -> Any:
    """``value`` converted to the spec's kind, or a ``ValidationError`` that says what is allowed."""
    kind = spec.kind
    if kind == "str":
        return _text(spec, value)
    if kind == "choice":
        return _choice(spec, value)
    if kind == "bool":
        return _bool(spec, value)
    if kind in ("int", "decimal"):
        return _bounded(spec, _number(spec, value))
    raise ValidationError(f"Setting {spec.key} has an unknown kind '{kind}'; the plugin that declares it "
                          "must use str, int, decimal, bool or choice.", field=spec.key)


def _spec(known: dict[str, SettingSpec], key: str) -> SettingSpec:
    if key not in known:
        raise NotFound(f"There is no setting '{key}'. Check the key, and that the plugin declaring it is enabled.")
    return known[key]


def _decode(spec: SettingSpec, stored: str | None) -> Any:
    if stored is None:
        return spec.default
    try:
        return coerce(spec, json.loads(stored))
    except (ValueError, ValidationError):  # a value that no longer fits its spec reads as the default
        log.warning("setting %s holds %r, which is not valid any more; using the default", spec.key, stored)
        return spec.default


def _encode(value: Any) -> str:
    return json.dumps(str(value) if isinstance(value, Decimal) else value, ensure_ascii=False)


def _text(spec: SettingSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{spec.title} must be text.", field=spec.key)
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise ValidationError(f"{spec.title} is too long: at most {MAX_TEXT} characters.", field=spec.key)
    return value


def _choice(spec: SettingSpec, value: Any) -> str:
    if value not in spec.choices:
        raise ValidationError(f"{spec.title}: '{value}' is not allowed; choose one of "
                              f"{', '.join(spec.choices)}.", field=spec.key)
    return value


def _bool(spec: SettingSpec, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE + _FALSE:
        return text in _TRUE
    raise ValidationError(f"{spec.title} must be yes or no.", field=spec.key)


def _number(spec: SettingSpec, value: Any) -> int | Decimal:
    whole = spec.kind == "int"
    message = f"{spec.title} must be a whole number." if whole else f"{spec.title} must be a number, e.g. 12.5."
    if isinstance(value, (bool, float)):
        raise ValidationError(message, field=spec.key)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(message, field=spec.key) from None
    if not number.is_finite() or (whole and number != number.to_integral_value()):
        raise ValidationError(message, field=spec.key)
    return int(number) if whole else number


def _bounded(spec: SettingSpec, number: int | Decimal) -> int | Decimal:
    if spec.minimum is not None and number < spec.minimum:
        raise ValidationError(f"{spec.title} must be at least {spec.minimum}.", field=spec.key)
    if spec.maximum is not None and number > spec.maximum:
        raise ValidationError(f"{spec.title} must be at most {spec.maximum}.", field=spec.key)
    return number
