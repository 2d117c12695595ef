"""Call player: play/pause, position slider, time, speed 1×–2× and the stereo waveform.

The host window embeds it, listens to ``positionChanged`` to follow the transcript and may call
``install_shortcuts(window)`` so that space and ←/→ work anywhere in the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qa_desk.audio.errors import AudioError
from qa_desk.audio.player import AudioPlayer
from qa_desk.audio.waveform import cached_peaks
from qa_desk.ui.formatting import format_clock
from qa_desk.ui.waveform_widget import WaveformWidget

SPEEDS = (1.0, 1.25, 1.5, 1.75, 2.0)
STEP_S = 5.0
TICK_MS = 50  # positionChanged ~20 times a second while playing


def speed_label(speed: float) -> str:
    return f"{speed:g}".replace(".", ",") + "×"


class PlayerWidget(QWidget):
    positionChanged = Signal(float)
    stateChanged = Signal(bool)
    message = Signal(str)
    finished = Signal()  # playing reached the end of the recording (not a pause)

    def __init__(self, parent: QWidget | None = None, *, player: AudioPlayer | None = None) -> None:
        super().__init__(parent)
        self._player = player or AudioPlayer()
        self._loaded = False
        self._was_playing = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._build()
        self._actions = self._make_actions()
        self._set_controls_enabled(False)
        if not self._player.available:
            self._show_message(f"{self._player.reason}. Запись можно просматривать без звука.")

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.play_button = QToolButton(self)
        self.play_button.setToolTip("Воспроизвести / пауза (пробел)")
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setToolTip("Позиция в записи (← / → — на 5 секунд)")
        self.slider.sliderMoved.connect(lambda ms: self.seek(ms / 1000))
        self.slider.actionTriggered.connect(self._slider_action)
        self.time_label = QLabel("0:00 / 0:00", self)
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.speed_box = QComboBox(self)
        self.speed_box.setToolTip("Скорость воспроизведения (без изменения высоты голоса)")
        for speed in SPEEDS:
            self.speed_box.addItem(speed_label(speed), speed)
        self.speed_box.currentIndexChanged.connect(lambda i: self.set_speed(self.speed_box.itemData(i)))
        self.waveform = WaveformWidget(self)
        self.waveform.seekRequested.connect(self.seek)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b71c1c;")
        self.message_label.hide()

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(QLabel("Скорость:", self))
        controls.addWidget(self.speed_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.waveform, 1)
        layout.addWidget(self.message_label)
        self._show_state(False)

    def _make_actions(self) -> list[QAction]:
        specs = (
            ("Воспроизвести / пауза", QKeySequence(Qt.Key.Key_Space), self.toggle),
            ("Назад на 5 секунд", QKeySequence(Qt.Key.Key_Left), lambda: self.seek(self.position() - STEP_S)),
            (
                "Вперёд на 5 секунд",
                QKeySequence(Qt.Key.Key_Right),
                lambda: self.seek(self.position() + STEP_S),
            ),
        )
        actions = []
        for text, keys, slot in specs:
            action = QAction(text, self)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            actions.append(action)
        return actions

    def install_shortcuts(self, window: QWidget) -> list[QAction]:
        """Make space and ←/→ work anywhere in ``window`` (text fields keep their own keys)."""
        for action in self._actions:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)
        return list(self._actions)

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.slider, self.speed_box, self.waveform):
            widget.setEnabled(enabled)

    def _show_state(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText("Пауза" if playing else "Воспроизвести")

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        if text:
            self.message.emit(text)

    # --- API ---------------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """False when there is no sound output; the position still moves while "playing"."""
        return self._player.available

    @property
    def duration(self) -> float:
        return self._player.duration if self._loaded else 0.0

    def is_playing(self) -> bool:
        return self._loaded and self._player.playing

    def load(self, path: str, duration_s: float | None = None) -> bool:
        """Open a recording; False (and a visible message) when it cannot be read.

        ``duration_s`` is only shown while nothing is decoded; the decoded length wins.
        """
        self.pause()
        self._loaded = False
        try:
            self._player.load(path)
        except AudioError as exc:
            self._fail(f"Не удалось открыть запись {exc}", duration_s)
            return False
        except OSError as exc:
            self._fail(f"Не удалось открыть запись {Path(path).name}: {exc.strerror or exc}", duration_s)
            return False
        self._loaded = True
        self.waveform.set_peaks(cached_peaks(path, self._player.channels, self._player.sample_rate))
        self.slider.setRange(0, round(self._player.duration * 1000))
        self._set_controls_enabled(True)
        self._player.set_speed(self.speed_box.currentData())
        if self._player.available:
            self._show_message("")
        else:
            self._show_message(f"{self._player.reason}. Запись можно просматривать без звука.")
        self._update_position(0.0)
        return True

    def _fail(self, text: str, duration_s: float | None) -> None:
        self.waveform.set_peaks(None)
        self.slider.setRange(0, 0)
        self._set_controls_enabled(False)
        self.time_label.setText(f"0:00 / {format_clock(duration_s or 0)}")
        self._show_message(text)

    def play(self) -> None:
        if self._loaded and self._player.play():
            self._timer.start()
            self._emit_state(True)

    def pause(self) -> None:
        if not self._loaded:
            return
        self._player.pause()
        self._timer.stop()
        self._update_position(self._player.position())
        self._emit_state(False)

    def toggle(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def seek(self, seconds: float) -> None:
        if self._loaded:
            self._update_position(self._player.seek(seconds), force=True)

    def position(self) -> float:
        return self._player.position() if self._loaded else 0.0

    def set_speed(self, speed: float) -> None:
        """Speed 1×–2× (clamped); the selector shows the nearest preset."""
        value = self._player.set_speed(float(speed))
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - value))
        if self.speed_box.currentIndex() != nearest:
            self.speed_box.blockSignals(True)
            self.speed_box.setCurrentIndex(nearest)
            self.speed_box.blockSignals(False)

    def speed(self) -> float:
        return self._player.clock.speed

    # --- ticking -----------------------------------------------------------------------------

    def _slider_action(self, _action: int) -> None:
        """Clicks on the slider's groove and keyboard steps on it seek too."""
        QTimer.singleShot(0, lambda: self.seek(self.slider.sliderPosition() / 1000))

    def _tick(self) -> None:
        position = self._player.position()
        self._update_position(position)
        if not self._player.playing:
            self._timer.stop()
            self._emit_state(False)
            if self._loaded and position >= self._player.duration - 0.05:
                self.finished.emit()

    def _emit_state(self, playing: bool) -> None:
        self._show_state(playing)
        if playing != self._was_playing:
            self._was_playing = playing
            self.stateChanged.emit(playing)

    def _update_position(self, seconds: float, *, force: bool = False) -> None:
        if not self.slider.isSliderDown() or force:
            self.slider.blockSignals(True)
            self.slider.setValue(round(seconds * 1000))
            self.slider.blockSignals(False)
        self.waveform.set_position(seconds)
        self.time_label.setText(f"{format_clock(seconds)} / {format_clock(self.duration)}")
        self.positionChanged.emit(seconds)

    def closeEvent(self, event) -> None:  # noqa: ANN001
        self._player.close()
        super().closeEvent(event)
