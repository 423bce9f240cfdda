"""Demo data (being rewritten)."""


def seed(ctx) -> None:
    """Nothing yet."""
