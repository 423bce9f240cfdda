"""A plugin that fails while it is imported."""

NAME = "import_error"
raise RuntimeError("this plugin is broken at import time")
