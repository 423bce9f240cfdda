"""Passwords for database servers (and the SMTP relay): the only module that touches ``keyring``.

A secret goes to the system keyring when there is one; otherwise it is kept in this process's
memory until the console closes and asked for again next time. It is never written to a file.
``keyring`` (slow to import: it probes every backend) is imported when a secret is first needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url

KEYRING, MEMORY = "keyring", "memory"
DEFAULT_PORTS = {"postgresql": 5432, "mysql": 3306, "mariadb": 3306, "smtp": 25}

_memory: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class StoredWhere:
    """Where a secret was put: ``place`` is ``keyring`` (with the backend's name) or ``memory``."""

    place: str
    backend: str = ""


def service_name(url: URL | str) -> str:
    """The keyring service for a server: ``service-console:<host>:<port>/<database>``."""
    url = make_url(url) if isinstance(url, str) else url
    port = url.port or DEFAULT_PORTS.get(url.get_backend_name(), "")
    return f"service-console:{url.host or 'localhost'}:{port}/{url.database or ''}"


def store_password(url: URL | str, user: str, password: str) -> StoredWhere:
    """Keep ``user``'s password for the server at ``url``: in the keyring if possible, else in memory."""
    import keyring
    from keyring.backends import fail
    from keyring.errors import KeyringError

    key = (service_name(url), user)
    backend = keyring.get_keyring()
    if not isinstance(backend, fail.Keyring):
        try:
            keyring.set_password(key[0], user, password)
        except KeyringError:
            pass
        else:
            _memory.pop(key, None)
            return StoredWhere(KEYRING, backend.name.removesuffix(" Keyring"))
    _memory[key] = password
    return StoredWhere(MEMORY)


def load_password(url: URL | str, user: str) -> str | None:
    """The stored password, looked up in memory first, then in the keyring; None when there is none."""
    key = (service_name(url), user)
    if key in _memory:
        return _memory[key]
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(key[0], user)
    except KeyringError:
        return None


def forget_password(url: URL | str, user: str) -> None:
    """Remove the password from memory and from the keyring, wherever it was."""
    import keyring
    from keyring.errors import KeyringError

    key = (service_name(url), user)
    _memory.pop(key, None)
    try:
        keyring.delete_password(key[0], user)
    except KeyringError:  # PasswordDeleteError included: it was not in the keyring
        pass


def describe(where: StoredWhere) -> str:
    """A sentence for the user saying where the secret is kept."""
    if where.place == KEYRING:
        return f"Saved in the system keyring ({where.backend})."
    return ("No system keyring is available on this machine: the password is kept in memory until "
            "the console closes and will be asked again next time.")
