"""The transcription pipeline on real audio with the real base model, plus its pure helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from qa_desk.asr import Cancelled, TranscribeOptions, Transcriber, TranscriptCache
from qa_desk.asr.coverage import better_words, needs_redecode, uncovered_s
from qa_desk.asr.filters import collapse_repeats, is_hallucination, is_looping, normalize
from qa_desk.asr.layout import PIECES_PER_CLIP, SAMPLE_RATE, Piece, build_layout
from qa_desk.asr.turns import SpeechIndex, TimedWord, split_turns
from qa_desk.domain.transcript import RecordingTranscript

pytestmark = pytest.mark.slow


def _text(transcript: RecordingTranscript, speaker: str) -> str:
    return normalize(" ".join(s.text for s in transcript.segments if s.speaker == speaker))


@pytest.mark.parametrize("name", ["stereo_short.mp3", "stereo_short.ogg"])
def test_stereo_turns_interleave(transcriber: Transcriber, audio_dir: Path, name: str) -> None:
    transcript = transcriber.transcribe(audio_dir / name)
    assert transcript.channels == 2
    assert [s.speaker for s in transcript.segments] == ["manager", "client", "manager"]
    manager, client = _text(transcript, "manager"), _text(transcript, "client")
    assert "когда планируете" in manager
    assert "уточню через месяц" in manager
    assert "квартал" in client
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    for seg in transcript.segments:
        assert seg.words
        assert seg.start <= seg.words[0].start and seg.words[-1].end <= seg.end
        assert all(w.end <= transcript.duration_s + 0.05 for w in seg.words)


def test_channel_map_is_configurable(transcriber: Transcriber, audio_dir: Path) -> None:
    swapped = Transcriber(
        TranscribeOptions(model=transcriber.options.model, use_cache=False, channel_map=("client", "manager")),
        cache=transcriber.cache,
    )
    swapped._model, swapped.device = transcriber._model, transcriber.device  # share the loaded model
    transcript = swapped.transcribe(audio_dir / "stereo_short.mp3")
    assert [s.speaker for s in transcript.segments] == ["client", "manager", "client"]


def test_mono_is_unknown(transcriber: Transcriber, audio_dir: Path) -> None:
    transcript = transcriber.transcribe(audio_dir / "mono_short.wav")
    assert transcript.channels == 1
    assert transcript.segments
    assert {s.speaker for s in transcript.segments} == {"unknown"}
    assert "добрый день" in _text(transcript, "unknown")


def test_stereo_with_identical_channels_is_mono(transcriber: Transcriber, audio_dir: Path, tmp_path: Path) -> None:
    mono, sr = sf.read(audio_dir / "mono_short.wav", dtype="float32")
    path = tmp_path / "dual.wav"
    sf.write(path, np.stack([mono, mono], axis=1), sr)
    transcript = transcriber.transcribe(path)
    assert transcript.channels == 1
    assert {s.speaker for s in transcript.segments} == {"unknown"}
    text = _text(transcript, "unknown")
    assert text.count("добрый день") == 1  # not transcribed twice


def test_silence_gives_no_segments(transcriber: Transcriber, audio_dir: Path) -> None:
    assert transcriber.transcribe(audio_dir / "silence.wav").segments == []


def test_line_noise_gives_no_text(transcriber: Transcriber, tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    hum = 0.01 * np.sin(2 * np.pi * 50 * np.arange(8000 * 6) / 8000)
    noise = (hum + 0.003 * rng.standard_normal(8000 * 6)).astype(np.float32)
    path = tmp_path / "noise.wav"
    sf.write(path, noise, 8000)
    assert transcriber.transcribe(path).segments == []


def test_progress_segments_and_json(transcriber: Transcriber, audio_dir: Path) -> None:
    fractions: list[float] = []
    streamed = []
    transcript = transcriber.transcribe(
        audio_dir / "stereo_short.mp3", on_progress=fractions.append, on_segment=streamed.append
    )
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert sorted(streamed, key=lambda s: s.start) == transcript.segments
    data = transcript.to_json()
    assert set(data) == {"path", "duration_s", "channels", "segments"}
    assert set(data["segments"][0]["words"][0]) == {"start", "end", "word", "probability"}
    assert RecordingTranscript.from_json(data) == transcript


def test_cancel_stops(transcriber: Transcriber, audio_dir: Path) -> None:
    with pytest.raises(Cancelled):
        transcriber.transcribe(audio_dir / "stereo_short.mp3", cancel=lambda: True)


def test_cache_hit_does_no_work(whisper_base_dir: Path, audio_dir: Path, tmp_path: Path) -> None:
    cache = TranscriptCache(tmp_path / "transcripts")
    options = TranscribeOptions(model=str(whisper_base_dir))
    first = Transcriber(options, cache=cache).transcribe(audio_dir / "mono_short.wav")
    assert len(list((tmp_path / "transcripts").glob("*.json"))) == 1

    again = Transcriber(options, cache=cache)
    copy = tmp_path / "renamed.wav"
    copy.write_bytes((audio_dir / "mono_short.wav").read_bytes())
    second = again.transcribe(copy)
    assert not again.model_loaded  # answered from the cache: no model, no decoding
    assert second.segments == first.segments
    assert second.path == str(copy)

    other = TranscribeOptions(model=str(whisper_base_dir), beam_size=1)
    assert other.cache_key() != options.cache_key()
    assert cache.get("0" * 64, options) is None



def test_region_lost_by_the_batched_decode_is_decoded_again(
    transcriber: Transcriber, audio_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real first pass loses each clip's last region (as when Whisper stops at the window's
    end); those regions alone get a second, real decode and their words come back."""
    real_decode = Transcriber._decode_clips
    passes: list[int] = []

    def first_pass_loses_last_region(self: Transcriber, layout: Any, packed: Any, check: Any, **kw: Any) -> Any:
        passes.append(sum(len(c.pieces) for c in layout.clips))
        for ci, words, done in real_decode(self, layout, packed, check, **kw):
            if len(passes) == 1:
                last = len(layout.clips[ci].pieces) - 1
                words = [w for w in words if w.piece % PIECES_PER_CLIP != last]
            yield ci, words, done

    monkeypatch.setattr(Transcriber, "_decode_clips", first_pass_loses_last_region)
    transcript = transcriber.transcribe(audio_dir / "stereo_short.mp3")
    assert passes == [3, 2]  # three regions decoded, then the two lost ones again
    assert [s.speaker for s in transcript.segments] == ["manager", "client", "manager"]
    assert "уточню через месяц" in _text(transcript, "manager")
    assert "квартал" in _text(transcript, "client")

# --- pure helpers -----------------------------------------------------------------------------


def test_cache_key_is_stable() -> None:
    assert TranscribeOptions().cache_key() == TranscribeOptions().cache_key()
    assert TranscribeOptions(cpu_threads=1).cache_key() == TranscribeOptions(cpu_threads=2).cache_key()
    assert TranscribeOptions(language=None).cache_key() != TranscribeOptions().cache_key()
    assert TranscribeOptions(batch_size=8).cache_key() != TranscribeOptions().cache_key()  # fitted windows


def test_collapse_repeats_keeps_speech_drops_loops() -> None:
    words = "да да да нормально".split()
    assert collapse_repeats(words, words) == words
    loop = "я перезвоню вам я перезвоню вам я перезвоню вам я перезвоню вам".split()
    assert collapse_repeats(loop, loop) == "я перезвоню вам".split()
    assert is_looping("спасибо " * 40)
    assert not is_looping("Когда планируете закупку? В следующем квартале.")


def test_known_hallucinations() -> None:
    assert is_hallucination("Продолжение следует...")
    assert is_hallucination("Субтитры сделал DimaTorzok")
    assert not is_hallucination("Спасибо, до свидания.")


def _word(start: float, end: float, text: str, piece: int = 0) -> TimedWord:
    return TimedWord(start, end, " " + text, 0.9, piece)


def test_split_turns_at_pauses_and_other_speaker() -> None:
    words = [_word(0.0, 0.4, "когда"), _word(0.5, 1.0, "планируете"), _word(1.2, 1.5, "хорошо", 1)]
    silent_other = SpeechIndex([])
    assert len(split_turns(words, [silent_other], max_gap_s=0.8)) == 1
    replying_other = SpeechIndex([(1.05, 1.15)])
    turns = split_turns(words, [replying_other], max_gap_s=0.8)
    assert [[w.word.strip() for w in t] for t in turns] == [["когда", "планируете"], ["хорошо"]]
    late = [_word(0.0, 0.4, "да"), _word(1.5, 2.0, "конечно")]
    assert len(split_turns(late, [silent_other], max_gap_s=0.8)) == 2


def test_layout_maps_packed_time_back() -> None:
    sr = SAMPLE_RATE
    layout = build_layout([[(1 * sr, 2 * sr), (10 * sr, 11 * sr)], [(4 * sr, 5 * sr)]], joint_gap_s=0.5)
    assert [c.channel for c in layout.clips] == [0, 1]  # ordered by first speech
    channel, start, end, _ = layout.locate(1.6, 1.9)  # packed: second region of channel 0
    assert channel == 0
    assert start == pytest.approx(10.1) and end == pytest.approx(10.4)
    channel, start, _, _ = layout.locate(2.6, 2.8)  # packed: the only region of channel 1
    assert channel == 1 and start == pytest.approx(4.1)


def test_sequential_mode_keeps_turns(transcriber: Transcriber, audio_dir: Path) -> None:
    sequential = Transcriber(
        TranscribeOptions(model=transcriber.options.model, use_cache=False, batched=False, parallel_channels=False,
                          context_s=1.5, joint_gap_s=0.0),
        cache=transcriber.cache,
    )
    sequential._model, sequential.device = transcriber._model, transcriber.device  # share the loaded model
    fractions: list[float] = []
    transcript = sequential.transcribe(audio_dir / "stereo_short.mp3", on_progress=fractions.append)
    assert [s.speaker for s in transcript.segments] == ["manager", "client", "manager"]
    assert "квартал" in _text(transcript, "client")
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert sequential.transcribe(audio_dir / "silence.wav").segments == []


def test_widen_stops_at_mid_pause() -> None:
    from qa_desk.asr.layout import widen

    assert widen([(100, 200), (260, 400)], 50, 420) == [(50, 230), (230, 420)]
    assert widen([(10, 20)], 0, 100) == [(10, 20)]


def test_coverage_finds_speech_left_without_words() -> None:
    sr = SAMPLE_RATE
    piece = Piece(src_start=10 * sr, src_end=18 * sr, dst_start=0)  # speech 10.6-17.4 s with 0.6 s pads
    whole = [_word(10.7, 11.0, "хорошо"), _word(11.1, 11.5, "а"), _word(16.5, 17.3, "клиентов")]
    assert uncovered_s(piece, whole, pad_s=0.6) == pytest.approx(0.2)
    assert not needs_redecode(piece, whole, pad_s=0.6)
    cut = whole[:2]  # the decode stopped before the window's end
    assert uncovered_s(piece, cut, pad_s=0.6) == pytest.approx(6.0)
    assert needs_redecode(piece, cut, pad_s=0.6)
    assert needs_redecode(piece, [], pad_s=0.6)
    assert not needs_redecode(Piece(0, sr, 0), [], pad_s=0.6)  # all padding: nothing to lose
    assert better_words(piece, cut, whole, pad_s=0.6) == whole
    assert better_words(piece, whole, cut, pad_s=0.6) == whole  # a worse second decode is ignored


def _bursts(spans_db: list[tuple[float, float, float]], seconds: float = 6.0) -> np.ndarray:
    """Line hiss at -70 dB with noise bursts ``(start_s, end_s, level_db)`` on top."""
    rng = np.random.default_rng(7)
    audio = rng.normal(0, 10 ** (-70 / 20), int(seconds * SAMPLE_RATE))
    for start, end, level in spans_db:
        a, b = int(start * SAMPLE_RATE), int(end * SAMPLE_RATE)
        audio[a:b] = rng.normal(0, 10 ** (level / 20), b - a)
    return audio.astype(np.float32)


def test_late_onset_is_moved_back_to_where_the_turn_became_loud() -> None:
    from qa_desk.asr.onsets import frame_levels, recover_onsets

    sr, pad = SAMPLE_RATE, int(0.6 * SAMPLE_RATE)
    # «Думаю, | да, его зовут...»: 1.0-1.5 s, a 0.4 s pause, then 1.9-4.0 s; VAD heard it from 2.5 s.
    audio = _bursts([(1.0, 1.5, -20), (1.9, 4.0, -20)])
    late = [(int(2.5 * sr) - pad, int(4.0 * sr) + pad)]
    [(start, end)] = recover_onsets(frame_levels(audio, sr), late, pad, sr)
    assert start / sr == pytest.approx(1.0 - 0.6, abs=0.02)
    assert end == late[0][1]
    # A start VAD got right stays; so does one after a pause longer than a breath.
    assert recover_onsets(frame_levels(audio, sr), [(int(1.0 * sr) - pad, int(4.0 * sr))], pad, sr)[0][0] == int(1.0 * sr) - pad
    apart = _bursts([(0.5, 1.0, -20), (2.0, 4.0, -20)])
    assert recover_onsets(frame_levels(apart, sr), [(int(2.0 * sr) - pad, int(4.0 * sr))], pad, sr)[0][0] == int(2.0 * sr) - pad
    # A region VAD already cut at the longest clip is not grown past it (a 30.06 s clip lost its end in Whisper).
    capped = recover_onsets(frame_levels(audio, sr), late, pad, sr, max_len=late[0][1] - late[0][0] + int(0.3 * sr))
    assert capped[0][1] - capped[0][0] == late[0][1] - late[0][0] + int(0.3 * sr)


def test_onset_ignores_the_other_speakers_echo_and_the_previous_region() -> None:
    from qa_desk.asr.onsets import frame_levels, recover_onsets

    sr, pad = SAMPLE_RATE, int(0.6 * SAMPLE_RATE)
    echo = _bursts([(0.5, 2.0, -50), (2.0, 4.0, -20)])  # the manager's voice leaking in, 30 dB down
    assert recover_onsets(frame_levels(echo, sr), [(int(2.0 * sr) - pad, int(4.0 * sr))], pad, sr)[0][0] == int(2.0 * sr) - pad
    close = _bursts([(0.2, 1.0, -20), (1.3, 4.0, -20)])
    regions = [(0, int(1.0 * sr) + pad), (int(2.5 * sr) - pad, int(4.0 * sr))]
    moved = recover_onsets(frame_levels(close, sr), regions, pad, sr)
    assert moved[0] == regions[0]
    assert moved[1][0] == regions[0][1]  # moved back as far as the previous region, not over it


def test_late_onsets_on_a_real_call_are_recovered(audio_dir: Path) -> None:
    """Silero hears the client's «Осушитель есть, но он тоже старый» (from 88.7 s) only at 90.4 s."""
    from qa_desk.asr.onsets import frame_levels, recover_onsets
    from qa_desk.asr.vad import detect_speech
    from qa_desk.audio import load_channels

    channels, _ = load_channels(audio_dir / "long_call.mp3", SAMPLE_RATE)
    client = channels[1]
    defaults = TranscribeOptions()
    pad = int(defaults.vad_speech_pad_ms / 1000 * SAMPLE_RATE)
    regions = detect_speech(client, defaults.vad_threshold, defaults.vad_min_silence_ms, defaults.vad_speech_pad_ms)
    [late] = [r for r in regions if 89 * SAMPLE_RATE < r[0] < 91 * SAMPLE_RATE]
    moved_all = recover_onsets(frame_levels(client, SAMPLE_RATE), regions, pad, SAMPLE_RATE)
    [moved] = [m for r, m in zip(regions, moved_all, strict=True) if r == late]
    assert moved[0] / SAMPLE_RATE == pytest.approx(88.7 - pad / SAMPLE_RATE, abs=0.3)
    assert moved[1] == late[1]


def test_batched_segment_belongs_to_the_clip_it_was_decoded_from() -> None:
    from types import SimpleNamespace

    from qa_desk.asr.words import clip_of as _clip_of

    sr = SAMPLE_RATE
    layout = build_layout([[(0, int(18.81 * sr))], [(int(20 * sr), int(30 * sr))]], joint_gap_s=0.0)
    assert layout.clips[1].dst_start == int(18.81 * sr)
    # faster-whisper's seek for a clip at 18.81 s is int(18.81 * 100) == 1880, and the clip's last
    # segment may end past the clip, in the other channel's clip.
    assert _clip_of(SimpleNamespace(seek=1880, start=29.0, end=29.5), layout) == 1
    assert _clip_of(SimpleNamespace(seek=0, start=18.7, end=19.2), layout) == 0


def test_phrase_repeated_over_segments_is_dropped() -> None:
    from qa_desk.asr.words import without_loops as _without_loops

    phrase = ["Хорошо,", "перезвоню", "в", "понедельник."]
    words = [_word(i, i + 0.5, w) for i, w in enumerate(["Да,", "извините."] + phrase * 3)]
    assert [w.word.strip() for w in _without_loops(words)] == ["Да,", "извините.", *phrase]


def test_segment_repeating_its_clip_is_a_loop() -> None:
    from qa_desk.asr.words import repeats as _repeats

    said = " сергей добрый день это иван вы получили описание чиллера"
    assert _repeats("сергей добрый день это иван вы получили описание чиллера", said)
    assert _repeats("описание чиллера вы", said + " описание чиллера вы")
    assert not _repeats("да да", " да да")  # short answers repeat for real
    assert not _repeats("добрый день коллеги", said)
