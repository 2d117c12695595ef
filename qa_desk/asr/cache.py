"""Transcripts kept by file content, model and options: asking again does no work."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from qa_desk.asr.options import TranscribeOptions
from qa_desk.config import cache_dir
from qa_desk.domain.transcript import RecordingTranscript


class TranscriptCache:
    """JSON files ``<sha256>_<options key>.json`` in ``cache_dir()/transcripts``."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        root = self._root or cache_dir() / "transcripts"
        root.mkdir(parents=True, exist_ok=True)
        return root

    def path_for(self, sha256: str, options: TranscribeOptions) -> Path:
        return self.root / f"{sha256}_{options.cache_key()}.json"

    def get(self, sha256: str, options: TranscribeOptions) -> RecordingTranscript | None:
        path = self.path_for(sha256, options)
        try:
            return RecordingTranscript.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: transcribe again

    def put(self, sha256: str, options: TranscribeOptions, transcript: RecordingTranscript) -> Path:
        path = self.path_for(sha256, options)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(transcript.to_json(), fh, ensure_ascii=False)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return path
