"""Recording the QC callback with sounddevice: the microphone, and the phone line where there is one.

With a line device the file is stereo, left = reviewer (microphone), right = client (line), which
is the transcriber's default channel map (left = our side, right = client); otherwise mono. No Qt here:
the wizard's recorder box (``ui.review_recorder``) drives it; tests fake the sound card.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

SAMPLE_RATE = 16_000
NO_DEVICE = (
    "Микрофон не найден: записать звонок здесь нельзя. Запишите его другой программой "
    "и прикрепите файл кнопкой «Прикрепить файл…»."
)


class RecorderError(RuntimeError):
    """The sound card refused; the message is Russian."""


def input_devices() -> list[tuple[int, str]]:
    """(index, name) of every device with an input channel; empty without PortAudio."""
    try:
        import sounddevice as sd

        devices = sd.query_devices()
    except Exception:  # noqa: BLE001 - no PortAudio, no sound server: simply no devices
        return []
    return [(i, str(d["name"])) for i, d in enumerate(devices) if int(d.get("max_input_channels", 0)) > 0]


def default_input() -> int | None:
    devices = input_devices()
    if not devices:
        return None
    try:
        import sounddevice as sd

        index = sd.default.device[0]
        if index is not None and index >= 0 and any(i == index for i, _ in devices):
            return int(index)
    except Exception:  # noqa: BLE001
        pass
    return devices[0][0]


class CallbackRecorder:
    """Start, then stop into a WAV file; each device is captured by its own input stream."""

    def __init__(self, mic: int, line: int | None = None, samplerate: int = SAMPLE_RATE) -> None:
        self.devices = [mic] if line is None or line == mic else [mic, line]
        self.samplerate = samplerate
        self.started_at: datetime | None = None
        self._chunks: list[list[Any]] = [[] for _ in self.devices]
        self._streams: list[Any] = []
        self._lock = threading.Lock()

    @property
    def recording(self) -> bool:
        return bool(self._streams)

    def start(self) -> None:
        import sounddevice as sd

        def make_callback(slot: int) -> Callable[[Any, int, Any, Any], None]:
            def callback(indata: Any, _frames: int, _time: Any, _status: Any) -> None:
                with self._lock:
                    self._chunks[slot].append(indata[:, 0].copy())

            return callback

        try:
            for slot, device in enumerate(self.devices):
                stream = sd.InputStream(
                    device=device,
                    channels=1,
                    samplerate=self.samplerate,
                    dtype="float32",
                    callback=make_callback(slot),
                )
                stream.start()
                self._streams.append(stream)
        except Exception as exc:  # noqa: BLE001 - PortAudio errors are plain Exceptions
            self._close()
            raise RecorderError(f"Не удалось начать запись: {exc}") from exc
        self.started_at = datetime.now()

    def stop(self, path: Path) -> Path:
        """Stop and write the WAV file (16-bit PCM); returns its path."""
        import numpy as np
        import soundfile as sf

        self._close()
        with self._lock:
            tracks = [np.concatenate(c) if c else np.zeros(0, dtype="float32") for c in self._chunks]
        length = max((len(t) for t in tracks), default=0)
        tracks = [np.pad(t, (0, length - len(t))) for t in tracks]
        data = tracks[0] if len(tracks) == 1 else np.stack(tracks, axis=1)
        path.parent.mkdir(parents=True, exist_ok=True)
        sf.write(str(path), data, self.samplerate, subtype="PCM_16")
        return path

    def _close(self) -> None:
        for stream in self._streams:
            try:
                stream.stop()
                stream.close()
            except Exception:  # noqa: BLE001
                pass
        self._streams = []
