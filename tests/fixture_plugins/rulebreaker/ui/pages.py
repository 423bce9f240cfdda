"""Qt is fine here, console.api.ui too."""

from PySide6.QtWidgets import QLabel  # noqa: F401

from console.api.ui import ListPage  # noqa: F401
