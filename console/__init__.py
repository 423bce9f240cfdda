"""Service Console: a plugin-based desktop console for an IT service organisation."""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("service-console")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
