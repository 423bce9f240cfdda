"""The audit-rule registry: every check a claim or a service order goes through.

A rule is a small named object (``Rule``): a title and a description for reviewers, a default
severity, default parameters, and ``query(scope)`` which builds ONE SQLAlchemy ``select()``
that runs in the database (set-based, never row by row in Python) and yields one row per
finding with the columns

* ``partner_id``, ``order_id`` (or NULL), ``claim_id`` (or NULL), and ``key`` (what the
  finding is about: the fingerprint is ``<rule name>:<key>``, so a re-run finds it again), and
* evidence columns (the rows, distances, times and speeds that triggered it), stored as
  JSON; ``summary`` is a ``str.format`` template over them.

The built-in rules live in ``billing``, ``process``, ``parts`` and ``outliers``; another plugin
adds its own with ``plugins.partners.api.register_rule(rule)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module
from typing import Any, Callable, Mapping

from sqlalchemy import Select
from sqlalchemy.orm import Session

from console.api import NotFound
from plugins.partners.models import SEVERITIES

#: The modules holding the built-in rules, loaded on first use of the registry.
BUILTIN_MODULES = ("billing", "process", "parts", "outliers")
#: The columns every rule's query yields besides its evidence.
FINDING_COLUMNS = ("partner_id", "order_id", "claim_id", "key")


@dataclass(frozen=True)
class RuleScope:
    """What a rule's query is built for: the session (its dialect decides backend-specific SQL),
    the effective parameters, and the instant of the run."""

    session: Session
    params: Mapping[str, Any]
    now: datetime

    @property
    def dialect(self) -> str:
        """``sqlite``, ``postgresql``, ``mysql`` or ``mariadb``."""
        return self.session.get_bind().dialect.name

    @property
    def today(self) -> date:
        """The UTC date of the run."""
        return self.now.date()


@dataclass(frozen=True, eq=False)
class Rule:
    """One audit rule. ``query(scope)`` returns the findings' ``select()``; ``requires`` names the
    plugins it needs (a rule whose plugin is not active is skipped, and the run says so)."""

    name: str
    title: str
    description: str
    severity: str
    params: Mapping[str, int | float]
    query: Callable[[RuleScope], Select]
    summary: str
    requires: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.name}: severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")
        if not self.name or len(self.name) > 64:
            raise ValueError(f"rule name {self.name!r}: give 1 to 64 characters")

    def summarise(self, evidence: Mapping[str, Any], template: str | None = None) -> str:
        """The finding's sentence: ``template`` (default ``summary``, e.g. a translation) filled from the
        evidence; a template naming a missing value falls back to the rule's title."""
        try:
            return (template or self.summary).format(**evidence)
        except (KeyError, IndexError, ValueError):
            return self.title


_RULES: dict[str, Rule] = {}
_loaded = False


def register(rule: Rule) -> Rule:
    """Add ``rule`` to the registry (a plugin's own rules too); a name already taken by another rule is refused."""
    if not isinstance(rule, Rule):
        raise TypeError(f"register a plugins.partners.rules.Rule, not {type(rule).__name__}")
    known = _RULES.get(rule.name)
    if known is not None and known is not rule:
        raise ValueError(f"an audit rule named {rule.name!r} is already registered; choose another name")
    _RULES[rule.name] = rule
    return rule


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in BUILTIN_MODULES:
            import_module(f"{__name__}.{module}")


def all_rules() -> list[Rule]:
    """Every registered rule, the built-in ones first, in registration order."""
    _load_builtins()
    return list(_RULES.values())


def get_rule(name: str) -> Rule:
    """The rule called ``name``, else NotFound listing the known names."""
    _load_builtins()
    try:
        return _RULES[name]
    except KeyError:
        raise NotFound(f"There is no audit rule {name!r}; known rules: {', '.join(_RULES)}.") from None


def title_of(name: str) -> str:
    """The title of the rule called ``name``, else the name itself (a rule whose plugin is gone)."""
    _load_builtins()
    rule = _RULES.get(name)
    return rule.title if rule else name


__all__ = ["FINDING_COLUMNS", "Rule", "RuleScope", "all_rules", "get_rule", "register", "title_of"]
