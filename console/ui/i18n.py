"""Translation: ``tr(context, text)`` and the loader of Qt Linguist ``.ts`` files.

Contexts are identity strings: a plugin's ``NAME`` for its strings (and for the titles of
its contributions, which the shell translates), ``shell`` for the shell, ``ui`` for the
building blocks in ``console.api.ui``.

``TsTranslator`` reads ``.ts`` XML directly (there is no ``lrelease`` step in the build):
it parses the messages with ``xml.etree`` and compiles them in memory into Qt's binary
``.qm`` form, which the C++ ``QTranslator`` then serves. Its ``translate(context, source,
disambiguation=None, n=-1)`` is therefore Qt's own lookup: the translation, or ``""`` when
the message is unknown -- and, unlike a Python override (which can only hand Qt a
*non-null* empty string that stops the lookup and blanks every untranslated text, Qt's
own OK/Cancel included), an unknown message falls back to the source text as it should.
"""

from __future__ import annotations

import logging
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

#: The languages the console ships: locale code -> name shown in the language switch.
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"

_installed: list[QTranslator] = []
_current = "en"


def tr(context: str, text: str) -> str:
    """Translate ``text`` in ``context`` into the current UI language."""
    return QCoreApplication.translate(context, text)


# -- .ts parsing -----------------------------------------------------------------------------
Key = tuple[str, str, str]  # (context, source, disambiguation)


def parse_ts(path: Path | str) -> dict[Key, list[str]]:
    """The finished messages of a ``.ts`` file: ``(context, source, comment) -> [translation forms]``.

    Messages whose translation is empty, and obsolete or vanished ones, are skipped;
    an ``unfinished`` translation that has text is kept (as ``lrelease`` does).
    """
    messages: dict[Key, list[str]] = {}
    root = ET.parse(Path(path)).getroot()
    for context in root.iter("context"):
        name = (context.findtext("name") or "").strip()
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            kind = translation.get("type", "")
            if kind in ("obsolete", "vanished"):
                continue
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            texts = [t for t in texts if t]
            if not texts:
                continue
            comment = message.findtext("comment") or ""
            messages[(name, source, comment)] = texts
    return messages


# -- .qm compilation ---------------------------------------------------------------------------
_QM_MAGIC = bytes([0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95,
                   0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD])
_TAG_END, _TAG_TRANSLATION, _TAG_SOURCE, _TAG_CONTEXT, _TAG_COMMENT = 1, 3, 6, 7, 8
_BLOCK_HASHES, _BLOCK_MESSAGES, _BLOCK_LANGUAGE = 0x42, 0x69, 0xA7


def _elf_hash(data: bytes) -> int:
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def compile_qm(messages: dict[Key, list[str]], language: str = "") -> bytes:
    """Qt's binary ``.qm`` form of ``messages`` (what ``lrelease`` writes, unstripped)."""
    body = bytearray()
    hashes: list[tuple[int, int]] = []
    for (context, source, comment), forms in messages.items():
        source_b, comment_b = source.encode("utf-8"), comment.encode("utf-8")
        hashes.append((_elf_hash(source_b + comment_b), len(body)))
        for form in forms:
            text = form.encode("utf-16-be")
            body += struct.pack(">BI", _TAG_TRANSLATION, len(text)) + text
        for tag, value in ((_TAG_SOURCE, source_b), (_TAG_COMMENT, comment_b),
                           (_TAG_CONTEXT, context.encode("utf-8"))):
            body += struct.pack(">BI", tag, len(value)) + value
        body += bytes([_TAG_END])
    out = bytearray(_QM_MAGIC)
    if language:
        lang = language.encode("utf-8")
        out += struct.pack(">BI", _BLOCK_LANGUAGE, len(lang)) + lang
    if hashes:
        table = b"".join(struct.pack(">II", h, offset) for h, offset in sorted(hashes))
        out += struct.pack(">BI", _BLOCK_HASHES, len(table)) + table
        out += struct.pack(">BI", _BLOCK_MESSAGES, len(body)) + bytes(body)
    return bytes(out)


class TsTranslator(QTranslator):
    """A ``QTranslator`` built from one or more Qt Linguist ``.ts`` files, no ``lrelease`` needed.

    ``translate(context, source, disambiguation=None, n=-1)`` returns the translation, or
    ``""`` when the message is unknown. Files are merged in the order given (later wins).
    """

    def __init__(self, paths: Iterable[Path | str] = (), language: str = "", parent=None):
        super().__init__(parent)
        self.locale = language
        self.messages: dict[Key, list[str]] = {}
        self.files: list[Path] = []
        self._qm = b""
        for path in paths:
            self.add_file(path, rebuild=False)
        self._rebuild()

    def add_file(self, path: Path | str, rebuild: bool = True) -> int:
        """Merge the messages of one ``.ts`` file; returns how many it held. Raises on unreadable XML."""
        found = parse_ts(path)
        self.messages.update(found)
        self.files.append(Path(path))
        if rebuild:
            self._rebuild()
        return len(found)

    def _rebuild(self) -> None:
        # QTranslator keeps a pointer into the buffer: hold the bytes for the translator's life.
        self._qm = compile_qm(self.messages, self.locale)
        if self.messages and not self.load(self._qm):
            raise ValueError("Qt refused the compiled translation catalogue")

    def __len__(self) -> int:
        return len(self.messages)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self.messages


# -- installing a language -----------------------------------------------------------------
def translation_files(locale: str, plugin_host=None) -> list[tuple[str, Path]]:
    """``(owner, path)`` of every ``.ts`` for ``locale``: the shell's, then each active plugin's."""
    files: list[tuple[str, Path]] = []
    shell_file = I18N_DIR / f"{locale}.ts"
    if shell_file.is_file():
        files.append(("shell", shell_file))
    if plugin_host is not None:
        for plugin, spec in plugin_host.collect("register_translations"):
            if getattr(spec, "locale", None) == locale:
                files.append((plugin, Path(spec.path)))
    return files


def install_language(app: QCoreApplication | None, locale: str, plugin_host=None) -> TsTranslator | None:
    """Make ``locale`` the UI language now: widgets get a ``LanguageChange`` event and retranslate.

    Removes the previously installed translators, then installs one ``TsTranslator`` built from
    ``console/i18n/<locale>.ts`` plus every plugin's ``register_translations`` file for that locale
    (a broken plugin file is logged and skipped), and Qt's own ``qtbase_<locale>`` catalogue for
    standard buttons. English is the source language: no translator at all.
    """
    global _current
    app = app or QCoreApplication.instance()
    locale = locale if locale in LANGUAGES else "en"
    if app is not None:
        for old in _installed:
            app.removeTranslator(old)
    _installed.clear()
    _current = locale
    QLocale.setDefault(QLocale(locale if locale != "en" else "en_US"))
    if locale == "en" or app is None:
        return None
    qt_base = QTranslator()
    if qt_base.load(f"qtbase_{locale}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _installed.append(qt_base)
        app.installTranslator(qt_base)
    translator = TsTranslator(language=locale)
    for owner, path in translation_files(locale, plugin_host):
        try:
            translator.add_file(path, rebuild=False)
        except Exception as error:  # noqa: BLE001 - one bad file must not cost the others
            log.warning("translation file %s of %s skipped: %s", path, owner, error)
    translator._rebuild()
    _installed.append(translator)
    app.installTranslator(translator)
    return translator


def current_language() -> str:
    """The locale code of the UI language installed last (``en`` when none)."""
    return _current
