"""Credentials: the keyring when there is one, process memory when there is none, never a file."""

from __future__ import annotations

import uuid

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordSetError

from console.core import credentials
from console.core.credentials import MEMORY, StoredWhere

URL = "postgresql+psycopg://clerk@db.example.com:5432/service"


class BrokenKeyring(KeyringBackend):
    """A keyring that is present but refuses to store (e.g. a locked collection)."""

    priority = 1

    def get_password(self, service, username):
        return None

    def set_password(self, service, username, password):
        raise PasswordSetError("the collection is locked")

    def delete_password(self, service, username):
        raise PasswordSetError("the collection is locked")


@pytest.fixture
def user():
    name = f"user_{uuid.uuid4().hex[:8]}"
    yield name
    credentials.forget_password(URL, name)


@pytest.fixture
def backend():
    """Swap the keyring backend for a test: ``backend(fail.Keyring())``."""
    previous = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(previous)


@pytest.mark.parametrize("url, name", [
    (URL, "service-console:db.example.com:5432/service"),
    ("postgresql://db.example.com/service", "service-console:db.example.com:5432/service"),
    ("mariadb+pymysql://root@10.0.0.5/console", "service-console:10.0.0.5:3306/console"),
    ("mysql://root@10.0.0.5:3307/console", "service-console:10.0.0.5:3307/console"),
    ("smtp://mail.example.com:587", "service-console:mail.example.com:587/"),
])
def test_service_name(url, name):
    assert credentials.service_name(url) == name


def test_stored_in_the_keyring_when_there_is_one(user):
    where = credentials.store_password(URL, user, "s3cret-密码")
    assert where.place == credentials.KEYRING and where.backend
    assert keyring.get_password(credentials.service_name(URL), user) == "s3cret-密码"
    assert credentials.load_password(URL, user) == "s3cret-密码"
    assert credentials.describe(where) == f"Saved in the system keyring ({where.backend})."
    credentials.forget_password(URL, user)
    assert credentials.load_password(URL, user) is None
    assert keyring.get_password(credentials.service_name(URL), user) is None


def test_the_backend_is_named_as_users_know_it(user, backend):
    class Keyring(KeyringBackend):  # named like keyring.backends.SecretService.Keyring
        priority = 1
        store: dict = {}

        def get_password(self, service, username):
            return self.store.get((service, username))

        def set_password(self, service, username, password):
            self.store[(service, username)] = password

        def delete_password(self, service, username):
            self.store.pop((service, username), None)

    Keyring.__module__ = "keyring.backends.SecretService"
    backend(Keyring())
    where = credentials.store_password(URL, user, "x")
    assert credentials.describe(where) == "Saved in the system keyring (SecretService)."


def test_without_a_keyring_the_password_is_kept_in_memory(user, backend):
    backend(fail.Keyring())
    where = credentials.store_password(URL, user, "only-in-memory")
    assert where == StoredWhere(MEMORY)
    assert credentials.load_password(URL, user) == "only-in-memory"
    assert credentials.describe(where) == (
        "No system keyring is available on this machine: the password is kept in memory until the console "
        "closes and will be asked again next time.")
    credentials.forget_password(URL, user)  # tolerant of the missing backend
    assert credentials.load_password(URL, user) is None


def test_a_keyring_that_refuses_falls_back_to_memory(user, backend):
    backend(BrokenKeyring())
    assert credentials.store_password(URL, user, "fallback").place == MEMORY
    assert credentials.load_password(URL, user) == "fallback"
    credentials.forget_password(URL, user)
    assert credentials.load_password(URL, user) is None


def test_loading_with_no_backend_and_nothing_stored_is_none(backend):
    backend(fail.Keyring())
    assert credentials.load_password(URL, "never-stored") is None


def test_a_keyring_that_appears_later_takes_over_from_memory(user, backend):
    previous = keyring.get_keyring()
    backend(fail.Keyring())
    credentials.store_password(URL, user, "old")
    backend(previous)
    assert credentials.store_password(URL, user, "new").place == credentials.KEYRING
    assert credentials.load_password(URL, user) == "new"  # the memory copy is gone


def test_no_file_is_written(user, backend, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    backend(fail.Keyring())
    credentials.store_password(URL, user, "never-on-disk")
    assert list(tmp_path.rglob("*")) == []
