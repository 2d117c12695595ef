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

    sets = (".", "heldout_v1", "heldout", "heldout_v3", "heldout_v4", "heldout_v5")
    items = sum(len(tomllib.loads((CORPUS / d / "utterances.toml").read_text(encoding="utf-8"))["items"]) for d in sets)
    dialogues = sum(len(list((CORPUS / d / "dialogues").glob("*.toml"))) for d in sets)
    assert items >= 290 and dialogues >= 60


@pytest.mark.parametrize("mono", [False, True])
def test_tuning_set(mono: bool) -> None:
    score = _score(CORPUS, mono)
    assert score.total("asked").f1 >= 0.99
    assert score.total("answered").f1 >= 0.98
    assert score.amount_accuracy >= (0.99 if not mono else 0.95)  # mono: 22/23 since issue 14


@pytest.mark.parametrize("folder", ["heldout_v1", "heldout"])
@pytest.mark.parametrize("mono", [False, True])
def test_burned_heldout(folder: str, mono: bool) -> None:
    """v1 and v2 were tuned on after their clean runs (see corpus/README.md): they only guard regressions."""
    score = _score(CORPUS / folder, mono)
    # v2: "Кто у вас отвечает за IT, можно его контакт?" reads as authority to the topic classifier (0.98)
    assert score.total("asked").f1 >= 0.97
    assert score.total("answered").f1 >= 0.99
    assert score.amount_accuracy >= 0.99


@pytest.mark.parametrize("mono", [False, True])
def test_burned_heldout_v3(mono: bool) -> None:
    """Measured once at 0.90 asked, 0.90/0.87 answered, then tuned on (round 3): a regression guard."""
    score = _score(CORPUS / "heldout_v3", mono)
    assert score.total("asked").f1 >= 0.99
    assert score.total("answered").f1 >= (0.97 if not mono else 0.93)  # mono 0.94 since issue 14
    assert score.amount_accuracy >= (0.99 if not mono else 0.89)


@pytest.mark.parametrize("mono", [False, True])
def test_burned_heldout_v4(mono: bool) -> None:
    """Measured once at 0.91 asked, 0.91/0.89 answered, then tuned on (round 4): a regression guard."""
    score = _score(CORPUS / "heldout_v4", mono)
    assert score.total("asked").f1 >= 0.98
    assert score.total("answered").f1 >= (0.97 if not mono else 0.96)
    assert score.amount_accuracy >= (0.99 if not mono else 0.88)


@pytest.mark.parametrize("mono", [False, True])
def test_heldout_v5(mono: bool) -> None:
    """Never tuned on; measured once (round 4): asked 0.95, answered 1.00, amounts 6/7 (stereo = mono)."""
    score = _score(CORPUS / "heldout_v5", mono)
    assert score.total("asked").f1 >= 0.94
    assert score.total("answered").f1 >= (0.99 if not mono else 0.94)  # mono 0.95 since issue 14
    assert score.amount_accuracy >= 0.85


def test_heldout_v6_amounts() -> None:
    """Fresh client amount phrasings, written after the money parser was frozen (measured 19/20 once)."""
    import tomllib

    from qa_desk.analysis.lexicon import Lexicon
    from qa_desk.analysis.money import find_amounts

    lexicon = Lexicon(())
    items = tomllib.loads((Path(__file__).parent / "corpus" / "heldout_v6" / "amounts.toml").read_text("utf-8"))
    amounts = items["amount"]
    exact = sum([a.value for a in find_amounts(lexicon.tokens(i["t"]))][:1] == [i["amount"]] for i in amounts)
    assert exact / len(amounts) >= 0.95


def test_v7_tuning() -> None:
    """Format v7 tuning deals of three outside authors (issue 14): floors just under the all-in figures
    (the leave-one-author-out ones, which are what generalises, are in corpus/README.md)."""
    from qa_desk.analysis.corpus_v7 import find_deals, score_deals, score_utterance_files

    folder = CORPUS / "v7" / "tuning"
    score = score_deals(find_deals(folder))
    assert score.total("asked").f1 >= 0.97
    assert score.total("answered").f1 >= 0.96
    assert score.amounts_ok / score.amounts_total >= 0.95
    assert score.deciders_ok / score.deciders_total >= 0.95
    assert score.checks_ok / score.checks_total >= 0.95
    assert score.pairs_ok / score.pairs_total >= 0.95
    lines = score_utterance_files(folder)
    assert lines.amount_accuracy >= 0.95
    assert lines.total("asked").f1 >= 0.96
