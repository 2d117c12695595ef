"""CRM errors: each carries one readable Russian line naming the CRM, the endpoint and the field."""

from __future__ import annotations


class CrmError(RuntimeError):
    """Any CRM problem the user should read (never a traceback)."""


class CrmAuthError(CrmError):
    """The token or webhook was refused and could not be refreshed."""


class CrmUnavailableError(CrmError):
    """Network failure, 5xx or rate limiting that outlasted every retry: try again later."""


class CrmResponseError(CrmError):
    """The CRM answered with a shape we do not understand (a missing or renamed field)."""


class CrmDownloadError(CrmError):
    """A recording could not be downloaded (404, too big, cut off, timed out).

    ``final``: trying again now would not help (the file is gone, too big or empty); a cut-off or
    timed-out download is tried once more, and a later sync tries a failed call again."""

    def __init__(self, message: str, *, final: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.final, self.retry_after = final, retry_after
