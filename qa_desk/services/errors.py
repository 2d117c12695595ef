"""Errors the services raise for a person to read: each ``str(error)`` is one Russian line."""

from __future__ import annotations

from qa_desk.config import SettingsError
from qa_desk.crm.errors import CrmError
from qa_desk.domain.access import AccessDenied
from qa_desk.domain.callback_script import ScriptError
from qa_desk.domain.conflicts import Conflict, ConflictError
from qa_desk.domain.identity import IdentityError
from qa_desk.domain.refusal_reasons import ReasonError
from qa_desk.domain.transitions import TransitionError
from qa_desk.domain.verdicts import MoneyError
from qa_desk.evidence.pack import PackError
from qa_desk.leads.contract import ContractError
from qa_desk.storage.db import DatabaseBusy, DatabaseError


class DealNotFoundError(LookupError):
    """No deal (or manager) with that id; the message is Russian."""


class ServiceError(RuntimeError):
    """A service could not do its work for a reason the user can read (a failed search...)."""


# What a caller shows as one line instead of a traceback (``KeyError``: an unknown script field).
# ``ConflictError`` (a lost race: someone else acted first) is a ``TransitionError``; a window that
# keeps the person's input on screen catches it first.
USER_ERRORS: tuple[type[BaseException], ...] = (
    ConflictError,
    AccessDenied,
    ContractError,
    PackError,
    TransitionError,
    ReasonError,
    IdentityError,
    MoneyError,
    DealNotFoundError,
    ScriptError,
    SettingsError,
    ServiceError,
    DatabaseError,
    CrmError,
    KeyError,
)


def message(exc: BaseException) -> str:
    """The one line to show for a user error (a ``KeyError`` keeps its text unquoted)."""
    return str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)


__all__ = [
    "USER_ERRORS",
    "AccessDenied",
    "Conflict",
    "ConflictError",
    "DatabaseBusy",
    "DatabaseError",
    "DealNotFoundError",
    "ServiceError",
    "SettingsError",
    "message",
]
