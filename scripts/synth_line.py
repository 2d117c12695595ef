"""Signals for ``synth_calls.py``: the festival voice and its profiles, noise, crosstalk, line, codecs.

Everything here works on 8 kHz int16/float tracks (numpy) or on files through sox and lame, and is
deterministic for a given seed. Nothing here is used by the default rendering, so the committed
fixtures stay byte-identical unless a spec asks for a condition.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 8000
NOISE_KINDS = ("white", "pink", "babble")
CODECS = ("pcm", "ulaw", "alaw", "gsm", "mp3")
VOICE = "(voice_msu_ru_nsh_clunits)"
MP3_KBPS = 24
NOISE_VOL = 0.004  # line hiss amplitude (about -48 dBFS before band-limiting)
CROSSTALK_DELAY_MS = 4.0  # the other end's voice comes back a few ms late (hybrid echo, crosstalk)


class SynthError(RuntimeError):
    """Raised when a tool is missing or a spec is invalid."""


@dataclass(frozen=True)
class VoiceProfile:
    """How one speaker's festival voice is changed: pitch (cents), tempo, timbre (sox EQ), level."""

    name: str
    pitch: int
    tempo: float
    timbre: tuple[str, ...] = ()
    level_db: float = 0.0

    def effects(self) -> list[str]:
        """sox effects applied to the festival output (before ``rate`` and ``norm``)."""
        pitch = ["pitch", str(self.pitch)] if self.pitch else []
        return [*pitch, "tempo", "-s", f"{self.tempo:g}", *self.timbre]


# The seeded set. Tempo stays within 0.88-1.08 and pitch within ±6.5 semitones, where the robotic
# festival voice is still understood by the base model; timbre is a shelf or a peak of a few dB.
PROFILES: dict[str, VoiceProfile] = {p.name: p for p in (
    VoiceProfile("baritone", -400, 0.93, ("bass", "+3")),
    VoiceProfile("bass_slow", -650, 0.88, ("bass", "+4", "treble", "-2"), -2.0),
    VoiceProfile("alto", 200, 0.97, ("treble", "+3")),
    VoiceProfile("soprano", 450, 1.0, ("treble", "+2", "bass", "-3"), -1.0),
    VoiceProfile("tenor_fast", 80, 1.06, ("equalizer", "2000", "1q", "+4")),
    VoiceProfile("muffled", -200, 0.95, ("treble", "-6", "lowpass", "2800"), -3.0),
    VoiceProfile("nasal", 150, 1.02, ("equalizer", "1000", "0.7q", "+6", "bass", "-4")),
    VoiceProfile("quick_low", -300, 1.08, (), -1.5),
)}

# Babble: several talkers saying unrelated office talk at once, made with the same voice.
BABBLE_TEXTS = (
    "Отчёт за квартал я отправила вчера вечером.",
    "Переговорка на третьем этаже занята до обеда.",
    "Кто-нибудь видел зарядку от ноутбука?",
    "Давай после совещания обсудим поставку.",
    "Счёт оплатили, ждём закрывающие документы.",
    "Принтер опять зажевал бумагу.",
    "Клиент просил перезвонить после трёх.",
    "Кофе в автомате закончился ещё утром.",
)
BABBLE_TALKERS = 5
BABBLE_SENTENCES = 3  # per talker (festival takes ~0.5 s a sentence)


def run(cmd: list[str]) -> None:
    """Run a command, raising SynthError with its stderr on failure."""
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SynthError(f"{cmd[0]} failed: {proc.stderr.strip()[-500:]}")


def pick_profiles(speakers: tuple[str, ...], profiles: object, seed: int) -> dict[str, VoiceProfile]:
    """Profile per speaker: ``"seeded"`` draws distinct ones; a list or mapping names them."""
    if profiles == "seeded":
        names = random.Random(seed).sample(sorted(PROFILES), len(speakers))
    elif isinstance(profiles, dict):
        names = [str(profiles[s]) for s in speakers]
    elif isinstance(profiles, list | tuple):
        names = [str(n) for n in profiles]
    else:
        raise SynthError(f"profiles must be 'seeded', a list or a mapping, not {profiles!r}")
    unknown = [n for n in names if n not in PROFILES]
    if unknown or len(names) != len(speakers):
        raise SynthError(f"profiles: give {len(speakers)} of {', '.join(sorted(PROFILES))} (got {names})")
    return {s: PROFILES[n] for s, n in zip(speakers, names, strict=True)}


def active_rms(track: np.ndarray) -> float:
    """RMS over the samples where the (clean, zero-padded) track speaks."""
    active = track[track != 0]
    return float(np.sqrt(np.mean(active.astype(np.float64) ** 2))) if len(active) else 0.0


def white_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.standard_normal(n)


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """1/f noise: white noise shaped in the frequency domain."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n)
    freqs[0] = freqs[1] if n > 1 else 1.0
    return np.fft.irfft(spectrum / np.sqrt(freqs), n)


def babble_noise(n: int, rng: np.random.Generator, say: Callable[[str, VoiceProfile], np.ndarray]) -> np.ndarray:
    """Several synthesized talkers at once, each looping its sentences from a random offset."""
    mixed = np.zeros(n)
    names = sorted(PROFILES)
    for talker in range(BABBLE_TALKERS):
        profile = PROFILES[names[int(rng.integers(len(names)))]]
        order = rng.permutation(len(BABBLE_TEXTS))[:BABBLE_SENTENCES]
        parts: list[np.ndarray] = []
        for i in order:
            speech = say(BABBLE_TEXTS[int(i)], profile).astype(np.float64)
            parts += [speech / (active_rms(speech) or 1.0), np.zeros(int(rng.uniform(0.1, 0.6) * RATE))]
        stream = np.concatenate(parts)
        reps = -(-(n + len(stream)) // len(stream))
        offset = int(rng.integers(len(stream)))
        mixed += np.tile(stream, reps)[offset : offset + n] * (0.6 + 0.4 * talker / BABBLE_TALKERS)
    return mixed


def add_noise(
    tracks: list[np.ndarray], own: list[np.ndarray], kind: str, snr_db: float, seed: int,
    say: Callable[[str, VoiceProfile], np.ndarray],
) -> list[np.ndarray]:
    """Each track plus its own noise, ``snr_db`` below the RMS of that channel's own speech."""
    if kind not in NOISE_KINDS:
        raise SynthError(f"noise must be one of {', '.join(NOISE_KINDS)}")
    rng = np.random.default_rng(seed)
    out = []
    for track, speech in zip(tracks, own, strict=True):
        if kind == "white":
            noise = white_noise(len(track), rng)
        elif kind == "pink":
            noise = pink_noise(len(track), rng)
        else:
            noise = babble_noise(len(track), rng, say)
        noise_rms = float(np.sqrt(np.mean(noise**2))) or 1.0
        level = active_rms(speech) or 1000.0
        out.append(track + noise * (level / 10 ** (snr_db / 20) / noise_rms))
    return out


def echo_path(speech: np.ndarray, level_db: float, delay_ms: float) -> np.ndarray:
    """The other channel's speech as it leaks in: delayed, ``level_db`` down, slightly smeared
    (a second tap 1.5 ms later at -6 dB, as a hybrid's echo path is not a clean delay)."""
    gain = 10 ** (level_db / 20)
    delay, smear = int(delay_ms * RATE / 1000), int(1.5 * RATE / 1000)
    leak = np.zeros(len(speech))
    leak[delay:] += speech[: len(speech) - delay] * gain
    leak[delay + smear :] += speech[: len(speech) - delay - smear] * gain * 0.5
    return leak


def add_crosstalk(tracks: list[np.ndarray], level_db: float, delay_ms: float = CROSSTALK_DELAY_MS) -> list[np.ndarray]:
    """Stereo: each channel also carries the other one's speech ``level_db`` (negative) down."""
    if len(tracks) != 2:
        raise SynthError("crosstalk needs a stereo layout")
    if level_db >= 0:
        raise SynthError("crosstalk_db must be negative (e.g. -25)")
    left, right = tracks
    return [left + echo_path(right, level_db, delay_ms), right + echo_path(left, level_db, delay_ms)]


def to_int16(track: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(track), -32768, 32767).astype("<i2")


def encode_codec(pcm: Path, out: Path, channels: int, codec: str, kbps: int) -> None:
    """Encode the 8 kHz PCM file ``pcm`` through ``codec`` into ``out``.

    ``ulaw``/``alaw``: 8-bit companded WAV. ``gsm``: GSM 06.10 full rate; a mono ``.wav`` is stored
    as a GSM 6.10 WAV, anything else goes through GSM and back (sox's codec is mono, one pass per
    channel) and is stored by the extension (PCM WAV or MP3). ``mp3``/``pcm``: by the extension.
    """
    ext = out.suffix.lower()
    if codec not in CODECS:
        raise SynthError(f"codec must be one of {', '.join(CODECS)}")
    if codec in ("ulaw", "alaw"):
        if ext != ".wav":
            raise SynthError(f"{codec} is stored as .wav, not {ext}")
        encoding = "u-law" if codec == "ulaw" else "a-law"
        run(["sox", "-R", str(pcm), "-r", str(RATE), "-e", encoding, "-b", "8", str(out)])
        return
    if codec == "gsm" and ext == ".wav" and channels == 1:
        run(["sox", "-R", str(pcm), "-r", str(RATE), "-e", "gsm-full-rate", str(out)])
        return
    with tempfile.TemporaryDirectory(prefix="synth_line_") as tmp:
        src = pcm
        if codec == "gsm":
            src = Path(tmp) / "gsm_pcm.wav"
            gsm_round_trip(pcm, src, channels, Path(tmp))
        if ext == ".wav":
            run(["sox", "-R", str(src), "-r", str(RATE), "-b", "16", "-e", "signed-integer", str(out)])
        elif ext == ".mp3":
            mode = "s" if channels == 2 else "m"
            run(["lame", "--quiet", "-b", str(kbps), "-m", mode, "--resample", "8",
                 "--tt", out.stem, str(src), str(out)])
        else:
            raise SynthError(f"codec {codec}: unsupported output format {ext} (use .wav or .mp3)")


def gsm_round_trip(pcm: Path, dst: Path, channels: int, tmp: Path) -> None:
    """Code every channel through GSM 06.10 and back to 16-bit PCM."""
    decoded = []
    for ch in range(channels):
        coded, back = tmp / f"ch{ch}.gsm", tmp / f"ch{ch}.wav"
        run(["sox", "-R", str(pcm), "-r", str(RATE), "-t", "gsm", str(coded), "remix", str(ch + 1)])
        run(["sox", "-R", "-t", "gsm", str(coded), "-b", "16", str(back)])
        decoded.append(str(back))
    if channels == 1:
        run(["sox", "-R", decoded[0], str(dst)])
    else:
        run(["sox", "-R", "-M", *decoded, str(dst)])


def write_wav(path: Path, channels: list[np.ndarray]) -> None:
    """Write 16-bit PCM channels (same length) to a WAV file."""
    frames = np.stack([np.asarray(c, dtype="<i2") for c in channels], axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(len(channels))
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames.tobytes())


def phone_line(src: Path, dst: Path, channels: int, seconds: float) -> None:
    """Add faint line noise and band-limit ``src`` to a 300-3400 Hz phone channel."""
    with tempfile.TemporaryDirectory(prefix="synth_calls_") as tmp:
        noise = Path(tmp) / "noise.wav"
        run(["sox", "-R", "-n", "-r", str(RATE), "-c", str(channels), "-b", "16", str(noise),
             "synth", f"{seconds:.3f}", "pinknoise", "vol", str(NOISE_VOL)])
        run(["sox", "-R", "-m", "-v", "1", str(src), "-v", "1", str(noise), "-b", "16", str(dst),
             "sinc", "300-3400", "rate", str(RATE)])


def encode(pcm: Path, out: Path, channels: int, kbps: int = MP3_KBPS) -> None:
    """Encode the 8 kHz PCM file by the output extension (.wav, .mp3, .ogg)."""
    ext = out.suffix.lower()
    if ext == ".wav":
        run(["sox", "-R", str(pcm), "-r", str(RATE), "-b", "16", "-e", "signed-integer", str(out)])
    elif ext == ".mp3":
        mode = "s" if channels == 2 else "m"
        run(["lame", "--quiet", "-b", str(kbps), "-m", mode, "--resample", "8",
             "--tt", out.stem, str(pcm), str(out)])
    elif ext == ".ogg":
        run(["sox", "-R", str(pcm), "-r", str(RATE), "-C", "0", str(out)])
    else:
        raise SynthError(f"unsupported output format: {ext} (use .mp3, .wav or .ogg)")


def synthesize(text: str, effects: list[str], workdir: Path, tag: str) -> np.ndarray:
    """Festival speech for ``text`` through sox ``effects`` (ending with ``rate`` and ``norm``), as 8 kHz int16."""
    txt = workdir / f"{tag}.txt"
    raw = workdir / f"{tag}_raw.wav"
    out = workdir / f"{tag}.wav"
    txt.write_text(text + "\n", encoding="utf-8")
    proc = subprocess.run(["text2wave", "-eval", VOICE, str(txt), "-o", str(raw)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not raw.exists() or raw.stat().st_size <= 44:
        hint = " (is festvox-ru installed?)" if "msu_ru" in proc.stderr or "unbound" in proc.stderr else ""
        raise SynthError(f"text2wave failed{hint}: {proc.stderr.strip()[-300:]}")
    run(["sox", "-R", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out), *effects])
    with wave.open(str(out), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").copy()


def profile_effects(profile: VoiceProfile) -> list[str]:
    gain = ["gain", f"{profile.level_db:g}"] if profile.level_db else []
    return [*profile.effects(), "rate", str(RATE), "norm", "-3", *gain]
