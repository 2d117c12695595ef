"""Errors of the ASR layer; ``str()`` is one readable Russian line."""

from __future__ import annotations


class AsrError(Exception):
    """Base class for ASR failures shown to the user."""


class ModelError(AsrError):
    """The model cannot be found, assembled, downloaded or loaded."""


class Cancelled(AsrError):
    """The caller asked to stop."""

    def __init__(self, message: str = "распознавание отменено") -> None:
        super().__init__(message)
