"""The spawned worker process and the ``transcribe`` command built on it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from qa_desk.asr import TranscribeOptions
from qa_desk.asr.messages import Done, Failed, Finished, Message, Progress, SegmentMsg
from qa_desk.asr.worker import WorkerHandle, start_worker

pytestmark = pytest.mark.slow


def _collect(handle: WorkerHandle, deadline_s: float = 180) -> list[Message]:
    messages: list[Message] = []
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        messages.extend(handle.poll(timeout=0.2))
        if messages and isinstance(messages[-1], Finished):
            return messages
    handle.cancel()
    raise AssertionError("worker did not finish in time")


def test_worker_streams_and_survives_a_bad_file(whisper_base_dir: Path, audio_dir: Path) -> None:
    options = TranscribeOptions(model=str(whisper_base_dir), use_cache=False)
    handle = start_worker([("bad", audio_dir / "corrupt.mp3"), ("good", audio_dir / "stereo_short.mp3")], options)
    started = time.monotonic()
    handle.poll()  # non-blocking even before the child is up
    assert time.monotonic() - started < 0.5
    messages = _collect(handle)

    failed = [m for m in messages if isinstance(m, Failed)]
    assert [m.recording_key for m in failed] == ["bad"]
    assert failed[0].error.startswith("corrupt.mp3: ") and "\n" not in failed[0].error

    progress = [m.fraction for m in messages if isinstance(m, Progress) and m.recording_key == "good"]
    assert progress and progress == sorted(progress) and progress[-1] == 1.0
    segments = [m.segment for m in messages if isinstance(m, SegmentMsg) and m.recording_key == "good"]
    done = [m for m in messages if isinstance(m, Done)]
    assert [m.recording_key for m in done] == ["good"]
    assert [s.speaker for s in done[0].transcript.segments] == ["manager", "client", "manager"]
    assert sorted(segments, key=lambda s: s.start) == done[0].transcript.segments
    assert isinstance(messages[-1], Finished) and not messages[-1].cancelled
    handle.join(10)
    assert not handle.is_alive()


def test_worker_cancel_is_prompt(whisper_base_dir: Path, audio_dir: Path) -> None:
    options = TranscribeOptions(model=str(whisper_base_dir), use_cache=False)
    handle = start_worker([("long", audio_dir / "long_call.mp3"), ("short", audio_dir / "mono_short.wav")], options)
    end = time.monotonic() + 60
    while time.monotonic() < end:
        if any(isinstance(m, Progress) for m in handle.poll(timeout=0.2)):
            break
    started = time.monotonic()
    handle.cancel(grace_s=2.0)
    assert time.monotonic() - started < 8
    assert not handle.is_alive()
    leftover = handle.poll()
    assert not any(isinstance(m, Done) for m in leftover)


def test_transcribe_command_json(
    whisper_base_dir: Path, audio_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from qa_desk.cli import main

    code = main(
        ["transcribe", "--json", "--model", str(whisper_base_dir), "--no-cache",
         str(audio_dir / "stereo_short.mp3"), str(audio_dir / "empty.mp3")]
    )
    out, err = capsys.readouterr()
    assert code != 0
    data = json.loads(out)
    good, bad = data["recordings"]
    assert good["channels"] == 2
    assert [s["speaker"] for s in good["segments"]] == ["manager", "client", "manager"]
    assert set(good["segments"][0]) == {"start", "end", "speaker", "text", "words"}
    assert bad == {"path": str(audio_dir / "empty.mp3"), "error": "empty.mp3: файл пустой (0 байт)"}
    assert "empty.mp3: файл пустой (0 байт)" in err
    assert "Traceback" not in err
