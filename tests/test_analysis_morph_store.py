"""The engine's word store (analysis.morph_store): a fresh process reads the vocabulary's analyses
from the cache folder instead of re-parsing them, with the very same result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

from qa_desk.analysis import lexicon, morph_store

_TRANSCRIPT = {
    "path": "call.mp3",
    "duration_s": 30.0,
    "channels": 2,
    "segments": [
        {"start": 0.0, "end": 4.0, "speaker": "manager", "text": "А по деньгам как вы это видите, сколько готовы вложить?"},
        {"start": 4.5, "end": 8.0, "speaker": "client", "text": "Ну, тысяч на четыреста рассчитываем."},
        {"start": 8.5, "end": 12.0, "speaker": "manager", "text": "А кто у вас окончательно решает?"},
        {"start": 12.5, "end": 16.0, "speaker": "client", "text": "Подписывает Пётр Ильич, наш генеральный."},
    ],
}


def _analyze(transcript: Path, cache: Path) -> str:
    env = {**os.environ, "QA_DESK_CACHE_DIR": str(cache), "QA_DESK_DATA_DIR": str(cache / "data")}
    out = subprocess.run([sys.executable, "-m", "qa_desk", "analyze", "--transcript", str(transcript), "--json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    return out.stdout


def test_a_second_process_reads_the_store_and_finds_the_same(tmp_path: Path) -> None:
    transcript = tmp_path / "call.json"
    transcript.write_text(json.dumps({"recordings": [_TRANSCRIPT]}, ensure_ascii=False), encoding="utf-8")
    first = _analyze(transcript, tmp_path)
    store = tmp_path / "engine-words.json"
    assert store.is_file()
    written = store.stat().st_mtime_ns
    assert _analyze(transcript, tmp_path) == first
    assert store.stat().st_mtime_ns == written  # everything came from the store: nothing new to write
    result = json.loads(first)
    budget = next(q for q in result["questions"] if q["id"] == "budget")
    assert budget["asked"] and budget["answered"]


_NO_DICTIONARY = """
import json, sys
from pathlib import Path
from qa_desk.analysis import lexicon, morph_store
store = Path(sys.argv[1])
assert morph_store.load(store) == store.is_file()
from qa_desk.analysis import analyze_deal, bant  # after the store: building the engine reads it
from qa_desk.domain.transcript import RecordingTranscript
rec = RecordingTranscript.from_json(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))["recordings"][0])
analysis = analyze_deal([rec], bant(), "")
morph_store.save(store)
print(lexicon.morph.cache_info().currsize, int("pymorphy3" in sys.modules), sum(q.asked for q in analysis.questions))
"""


def test_a_call_whose_words_are_all_stored_never_loads_the_dictionaries(tmp_path: Path) -> None:
    """Names and roles ("Пётр Ильич", "генеральный") are read off the parses through the store too (lexicon.stored),
    and the store's key reads pymorphy3's version without importing it."""
    transcript = tmp_path / "call.json"
    transcript.write_text(json.dumps({"recordings": [_TRANSCRIPT]}, ensure_ascii=False), encoding="utf-8")
    runs = [subprocess.run([sys.executable, "-c", _NO_DICTIONARY, str(tmp_path / "words.json"), str(transcript)],
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                           timeout=120, check=True).stdout.split() for _ in range(2)]
    assert runs[0][:2] == ["1", "1"] and runs[1] == ["0", "0", runs[0][2]] and int(runs[0][2]) >= 2  # not even imported


def test_a_damaged_stale_or_unwritable_store_is_ignored(tmp_path: Path) -> None:
    lexicon.lemma_of("бюджет")  # something to save
    bad = tmp_path / "words.json"
    bad.write_text("{not json", encoding="utf-8")
    assert morph_store.load(bad) is False
    bad.write_text(json.dumps({"key": "0:old", "words": {}, "lexemes": {}}), encoding="utf-8")
    assert morph_store.load(bad) is False
    assert morph_store.load(tmp_path / "missing.json") is False
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert morph_store.save(blocker / "words.json") is False  # its folder is a file: skipped, no error
    good = tmp_path / "ok" / "words.json"
    assert morph_store.save(good) is True and morph_store.load(good) is True
    assert not list(good.parent.glob("*.tmp"))


def test_toml_parses_come_back_identical_from_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources

    from qa_desk.analysis import parsed_toml

    text = resources.files("qa_desk.analysis").joinpath("data/language.toml").read_text(encoding="utf-8")
    fresh = tomllib.loads(text)
    # the kept texts are capped: question sets parsed by earlier tests in this process must not crowd this one out
    monkeypatch.setattr(parsed_toml, "PARSED", {})
    monkeypatch.setattr(parsed_toml, "USED", {})
    assert parsed_toml.loads(text) == fresh
    store = tmp_path / "words.json"
    monkeypatch.setattr(morph_store, "_loaded", (-1, -1, -1))  # earlier tests may have saved these sizes
    assert morph_store.save(store)
    parsed_toml.PARSED.clear()
    parsed_toml.USED.clear()
    assert morph_store.load(store)
    assert text in parsed_toml.PARSED
    got = parsed_toml.loads(text)
    assert got == fresh and json.dumps(got, ensure_ascii=False) == json.dumps(fresh, ensure_ascii=False)  # same order
    got.clear()  # a caller changing what it got changes nothing kept
    assert parsed_toml.loads(text) == fresh
    parsed_toml.PARSED[text] = "{damaged"
    assert parsed_toml.loads(text) == fresh  # a damaged entry: parsed again
    assert parsed_toml.loads("when = 2024-01-01") == tomllib.loads("when = 2024-01-01")  # a date: not kept
    assert "when = 2024-01-01" not in parsed_toml.PARSED


def test_a_repair_comes_back_from_the_store_without_a_fuzzy_search(monkeypatch: pytest.MonkeyPatch) -> None:
    first = lexicon.Lexicon(["бюджет", "решение"]).token("бюджед")
    assert first.lemma == "бюджет"

    def no_search(*args: object) -> None:
        raise AssertionError("searched again")

    monkeypatch.setattr(lexicon.Nearest, "find", no_search)
    assert lexicon.Lexicon(["решение", "бюджет"]).token("бюджед") == first  # the same vocabulary: its repair is kept
    with pytest.raises(AssertionError):
        lexicon.Lexicon(["бюджет"]).token("бюджед")  # another vocabulary searches its own forms
