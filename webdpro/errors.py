"""Domain errors. Views turn them into a message on the page and a 4xx, never a 500."""


class DomainError(Exception):
    """A business rule refused the operation. ``str(error)`` is safe to show to the user."""

    status_code = 400

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.__class__.__name__
        self.field = field


class NotFound(DomainError):
    """The object does not exist *for this caller* (another tenant's id looks exactly like this)."""

    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    """Someone else changed the thing first (a failed condition): reload and try again."""

    status_code = 409


class ValidationFailed(DomainError):
    status_code = 400
