"""The player, or a silent stand-in where the audio player cannot be loaded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget


class _NoPlayer(QLabel):
    """Stands in for ``PlayerWidget`` until it exists: keeps the position so the transcript works."""

    positionChanged = Signal(float)  # noqa: N815 - same API as PlayerWidget
    stateChanged = Signal(bool)  # noqa: N815
    message = Signal(str)
    finished = Signal()  # noqa: N815
    available = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Проигрыватель недоступен в этой сборке — расшифровка работает без звука.", parent)
        self.setObjectName("Muted")
        self._position = 0.0

    def load(self, path: str, duration_s: float | None = None) -> bool:
        self._position = 0.0
        return True

    def seek(self, seconds: float) -> None:
        self._position = max(0.0, float(seconds))
        self.positionChanged.emit(self._position)

    def position(self) -> float:
        return self._position

    def play(self) -> None: ...

    def pause(self) -> None: ...

    def toggle(self) -> None: ...

    def set_speed(self, speed: float) -> None: ...

    def install_shortcuts(self, window: QWidget) -> None: ...


def create_player(parent: QWidget | None = None) -> Any:
    """The real ``PlayerWidget`` when it is installed, else a silent stand-in."""
    try:
        from qa_desk.ui.player_widget import PlayerWidget  # written by another engineer
    except ImportError:
        return _NoPlayer(parent)
    return PlayerWidget(parent)
