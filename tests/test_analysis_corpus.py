"""Accuracy floors on the labelled corpus (tests/corpus), close to the measured figures.

A rule change that lowers accuracy fails here; run scripts/eval_questions.py -v to see which items.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_desk.analysis.corpus import Score, score_dialogues, score_utterances

CORPUS = Path(__file__).parent / "corpus"


def _score(folder: Path, mono: bool = False) -> Score:
    score = Score()
    score_utterances(folder / "utterances.toml", score, mono=mono)
    score_dialogues(folder / "dialogues", score, mono=mono)
    return score


def test_corpus_size() -> None:
    import tomllib

    items = sum(
        len(tomllib.loads((CORPUS / d / "utterances.toml").read_text(encoding="utf-8"))["items"])
        for d in (".", "heldout_v1", "heldout")
    )
    dialogues = sum(len(list((CORPUS / d / "dialogues").glob("*.toml"))) for d in (".", "heldout_v1", "heldout"))
    assert items >= 80 and dialogues >= 25


@pytest.mark.parametrize("mono", [False, True])
def test_tuning_set(mono: bool) -> None:
    score = _score(CORPUS, mono)
    assert score.total("asked").f1 >= 0.99
    assert score.total("answered").f1 >= 0.98
    assert score.amount_accuracy >= 0.99


def test_heldout_v1_burned() -> None:
    score = _score(CORPUS / "heldout_v1")
    assert score.total("asked").f1 >= 0.97
    assert score.total("answered").f1 >= 0.96
    assert score.amount_accuracy >= 0.99


def test_heldout() -> None:
    score = _score(CORPUS / "heldout")
    assert score.total("asked").f1 >= 0.86
    assert score.total("answered").f1 >= 0.92
    assert score.amount_accuracy >= 0.99
