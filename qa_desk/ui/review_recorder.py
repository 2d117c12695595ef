"""The wizard's recorder row: record the callback (microphone, and the phone line if there is one)
or attach a file. The recording itself is ``audio.recorder`` (no Qt); attaching goes through the
wizard, which calls the review service.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from qa_desk.audio import recorder as rec

NO_MIC = "Микрофона нет — прикрепите запись файлом"


class RecorderBox(QFrame):
    """``target(started)`` says where to save a recording; ``attach(path, started)`` attaches a file."""

    def __init__(
        self,
        target: Callable[[datetime], Path],
        attach: Callable[[Path, datetime | None], None],
    ) -> None:
        super().__init__()
        self._target, self._attach = target, attach
        self._recorder: rec.CallbackRecorder | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        devices = rec.input_devices()
        self.mic = rec.default_input()
        self.line_box = QComboBox()
        self.line_box.addItem("линия: нет (только микрофон)", None)
        for index, name in devices:
            if index != self.mic:
                self.line_box.addItem(f"линия: {name}", index)
        self.line_box.setVisible(self.mic is not None)
        self.record_button = QPushButton("● Записать звонок")
        self.record_button.clicked.connect(self.toggle)
        self.attach_button = QPushButton("Прикрепить запись…")
        self.attach_button.clicked.connect(self._attach_dialog)
        self.status = QLabel("" if self.mic is not None else NO_MIC)
        self.record_button.setToolTip("" if self.mic is not None else rec.NO_DEVICE)
        self.status.setObjectName("Muted")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        title = QLabel("Запись звонка:")
        title.setObjectName("Muted")
        row.addWidget(title)
        row.addWidget(self.line_box, 1)
        row.addWidget(self.record_button)
        row.addWidget(self.attach_button)
        if self.mic is None:  # nothing to record with: say so in the row, offer the file
            row.insertWidget(1, self.status, 1)
            self.record_button.hide()
        layout.addLayout(row)
        if self.mic is not None:
            layout.addWidget(self.status)

    def set_active(self, recording: bool, attaching: bool) -> None:
        self.record_button.setEnabled(recording and self.mic is not None)
        self.attach_button.setEnabled(attaching)

    def toggle(self) -> None:
        """Start recording, or stop and attach what was recorded."""
        if self._recorder is None:
            if self.mic is None:
                self.status.setText(rec.NO_DEVICE)
                return
            recorder = rec.CallbackRecorder(self.mic, self.line_box.currentData())
            try:
                recorder.start()
            except rec.RecorderError as exc:
                self.status.setText(str(exc))
                return
            self._recorder = recorder
            self.record_button.setText("■ Остановить и прикрепить")
            self.status.setText("Идёт запись…")
            return
        recorder, self._recorder = self._recorder, None
        self.record_button.setText("● Записать звонок")
        started = recorder.started_at or datetime.now()
        path = recorder.stop(self._target(started))
        self._attach(path, recorder.started_at)

    def _attach_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Запись звонка", "", "Аудио (*.wav *.mp3 *.ogg *.flac)")
        if path:
            self._attach(Path(path), None)
