"""Which exceptions are the user's problem (shown as one readable line) rather than a bug."""

from __future__ import annotations


def user_error_types() -> tuple[type[BaseException], ...]:
    from qa_desk.analysis.questions import QuestionSetError
    from qa_desk.asr.errors import AsrError
    from qa_desk.audio.errors import AudioError
    from qa_desk.domain.callback_script import ScriptError
    from qa_desk.domain.identity import IdentityError
    from qa_desk.domain.refusal_reasons import ReasonError, ReasonsConfigError
    from qa_desk.domain.transitions import TransitionError
    from qa_desk.domain.verdicts import MoneyError
    from qa_desk.importing.manifest import ManifestError
    from qa_desk.services.errors import DatabaseError, DealNotFoundError, ServiceError, SettingsError
    from qa_desk.services.recordings import RecordingUnavailable

    return (
        AsrError,
        AudioError,
        DatabaseError,
        DealNotFoundError,
        IdentityError,
        ManifestError,
        MoneyError,
        QuestionSetError,
        ReasonError,
        ReasonsConfigError,
        RecordingUnavailable,
        ScriptError,
        ServiceError,
        SettingsError,
        TransitionError,
        FileNotFoundError,
        PermissionError,
    )


def describe(exc: BaseException) -> str | None:
    if isinstance(exc, user_error_types()):
        return str(exc).strip("'\"") if isinstance(exc, LookupError) else str(exc)
    return None
