"""Which exceptions are the user's problem (shown as one line) rather than a bug."""

from __future__ import annotations


def describe(exc: BaseException) -> str | None:
    from qa_desk.importing.manifest import ManifestError
    from qa_desk.storage.db import DatabaseError

    if isinstance(exc, ManifestError | DatabaseError | FileNotFoundError | PermissionError):
        return str(exc)
    try:
        from qa_desk.audio import AudioError
    except ImportError:  # pragma: no cover
        return None
    if isinstance(exc, AudioError):
        return str(exc)
    return None
