"""The typed errors that services raise: each carries a message a user can act on."""


class ServiceError(Exception):
    """Base of every error a user may see; ``str(error)`` says what to fix."""


class ValidationError(ServiceError):
    """Input that breaks a rule; ``field`` names the offending input when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class PermissionDenied(ServiceError):
    """The acting user lacks the permission the operation needs."""


class NotFound(ServiceError):
    """The record the operation refers to does not exist (any more)."""


class StaleEditError(ServiceError):
    """Someone else saved the record after it was loaded: reload, then re-apply."""

    def __init__(self, what: str = "This record"):
        super().__init__(
            f"{what} was changed by someone else after you opened it. "
            "Your changes are kept in the form: reload to see theirs, then apply yours again."
        )


class ConfigError(ServiceError):
    """The console's configuration (database URL, files, settings) is wrong."""


class SchemaError(ServiceError):
    """The database schema does not match this console's version."""
