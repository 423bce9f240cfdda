"""Plugins for contract tests: one good, and one broken in each way a plugin can break."""
