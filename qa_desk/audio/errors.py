"""The one error type of the audio layer."""

from __future__ import annotations

from pathlib import Path


class AudioError(Exception):
    """A file that cannot be used as a call recording.

    ``str()`` is one line in Russian naming the file and the cause, ready to show to the user,
    e.g. «empty.mp3: файл пустой (0 байт)».
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(str(path), reason)
        self.path = str(path)
        self.reason = reason

    def __str__(self) -> str:
        name = Path(self.path).name or self.path
        return f"{name}: {self.reason}"
