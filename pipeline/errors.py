"""The errors a user can meet.  Each has a stable ``code`` for run reports and a
message written for a person, not a traceback."""

from __future__ import annotations


class ThaiPressError(Exception):
    """Base class of every error thaipress raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, **({"path": self.path} if self.path else {})}


class InputError(ThaiPressError):
    """The input cannot be analysed as a Thai press release."""

    code = "input_error"


class UnreadableFileError(InputError):
    code = "unreadable"


class EmptyInputError(InputError):
    code = "empty"


class NotTextError(InputError):
    code = "not_text"


class NoThaiTextError(InputError):
    code = "no_thai"


class TooLargeError(InputError):
    code = "too_large"


class UnsupportedFileError(InputError):
    code = "unsupported_type"


class OutputError(ThaiPressError):
    """An output cannot be written where the user asked (a file where a folder should
    be, a read-only folder, a full disk): the user can fix it, thaipress has no bug."""

    code = "unwritable"


class SchemaValidationError(ThaiPressError):
    """An output did not validate against the JSON Schema (a bug in thaipress)."""

    code = "schema_invalid"
