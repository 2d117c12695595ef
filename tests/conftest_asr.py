"""ASR/audio fixtures, loaded as a plugin from ``tests/conftest.py``.

The Whisper model is joined once per session into the session's ``QA_DESK_CACHE_DIR`` (set by
``conftest.py``) and loaded once; transcripts of model tests are never taken from the cache.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

AUDIO_DIR = Path(__file__).resolve().parent / "fixtures" / "audio"


@pytest.fixture(scope="session")
def audio_dir() -> Path:
    return AUDIO_DIR


@pytest.fixture(scope="session")
def whisper_base_dir() -> Path:
    """The offline base model, assembled from the ``[model]`` extra (no network)."""
    from qa_desk.asr.models import ModelSource, resolve_model

    path, source = resolve_model("base", allow_download=False)
    assert source in (ModelSource.OFFLINE, ModelSource.CACHED)
    return Path(path)


@pytest.fixture(scope="session")
def transcriber(whisper_base_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A loaded ``Transcriber`` with the default options and a private, unused cache."""
    from qa_desk.asr import TranscribeOptions, Transcriber, TranscriptCache

    cache = TranscriptCache(tmp_path_factory.mktemp("unused-transcripts"))
    t = Transcriber(TranscribeOptions(model=str(whisper_base_dir), use_cache=False), cache=cache)
    t.load()
    yield t
