"""A plugin that requires a plugin that is not installed."""

NAME = "needs_missing"
REQUIRES = ("nowhere",)
