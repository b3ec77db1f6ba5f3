"""One exception hierarchy for every capability.

Every error that reaches a user names the input (file, message, request), the place inside it
(line, XPath, field tag) and what was expected, so that it can be fixed without a debugger.
"""

from __future__ import annotations


class InterdictError(Exception):
    """Base of every error Interdict raises on purpose."""


class InputError(InterdictError):
    """Bad input: names the source, the location inside it and what was expected."""

    def __init__(self, source: str, location: str | None, message: str) -> None:
        self.source = source
        self.location = location
        self.detail = message
        where = f"{source}" + (f" at {location}" if location else "")
        super().__init__(f"{where}: {message}")


class ListFormatError(InputError):
    """A sanctions list file is truncated, malformed or of the wrong format."""


class MessageFormatError(InputError):
    """A payment message (SWIFT MT or ISO 20022) is malformed."""


class TransferFormatError(InputError):
    """A transfer / blockchain data file is malformed."""


class ConfigError(InterdictError):
    """A configuration or policy file is invalid."""


class NotFoundError(InterdictError):
    """A requested object (list version, case, message, address) does not exist."""


class ConflictError(InterdictError):
    """A state change lost a race or is not allowed from the current state."""


class PermissionDenied(InterdictError):
    """The acting user lacks the role for this action."""
