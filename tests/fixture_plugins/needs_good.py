"""A plugin that requires ``good``."""

NAME = "needs_good"
REQUIRES = ("good",)
