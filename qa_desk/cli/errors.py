"""Which exceptions are the user's problem (shown as one readable line) rather than a bug."""

from __future__ import annotations


def user_error_types() -> tuple[type[BaseException], ...]:
    from qa_desk.analysis.questions import QuestionSetError
    from qa_desk.asr.errors import AsrError
    from qa_desk.audio.errors import AudioError
    from qa_desk.crm.errors import CrmError
    from qa_desk.domain.callback_script import ScriptError
    from qa_desk.domain.identity import IdentityError
    from qa_desk.domain.refusal_reasons import ReasonError, ReasonsConfigError
    from qa_desk.domain.transitions import TransitionError
    from qa_desk.domain.verdicts import MoneyError
    from qa_desk.evidence.pack import PackError
    from qa_desk.importing.manifest import ManifestError
    from qa_desk.leads.contract import ContractError
    from qa_desk.services.errors import DatabaseError, DealNotFoundError, ServiceError, SettingsError

    return (
        AsrError,
        AudioError,
        ContractError,
        CrmError,
        DatabaseError,
        DealNotFoundError,
        IdentityError,
        ManifestError,
        MoneyError,
        PackError,
        QuestionSetError,
        ReasonError,
        ReasonsConfigError,
        ScriptError,
        ServiceError,
        SettingsError,
        TransitionError,
        FileNotFoundError,
        PermissionError,
    )


def describe(exc: BaseException) -> str | None:
    if isinstance(exc, OSError) and exc.filename is not None:
        return _os_error(exc)
    if isinstance(exc, user_error_types()):
        return str(exc).strip("'\"") if isinstance(exc, LookupError) else str(exc)
    if type(exc).__module__.startswith("sqlalchemy"):  # a driver error that no service translated
        detail = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200]
        if "locked" in detail:
            return f"база данных занята другой программой дольше, чем можно ждать ({detail}); повторите команду"
        return f"ошибка базы данных ({detail})"
    return None


def _os_error(exc: OSError) -> str:
    name = str(exc.filename)
    if isinstance(exc, FileNotFoundError):
        return f"{name}: файл не найден"
    if isinstance(exc, PermissionError):
        return f"{name}: нет прав доступа"
    return f"{name}: {exc.strerror or exc}"
