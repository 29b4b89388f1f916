"""Errors that onrecord reports to the user as one clear line (never a traceback)."""


class OnrecordError(Exception):
    """Base class of errors shown to users as a message."""


class InputError(OnrecordError):
    """An input could not be read, fetched or decoded.  ``str(err)`` names the input."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


class StoreError(OnrecordError):
    """The store cannot be opened or used; the message says why."""
