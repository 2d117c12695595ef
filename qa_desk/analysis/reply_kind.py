"""A learned reply-kind gate on pairing: does the client's reply answer the question it follows (answer), or is it a
non-answer / another fact («Ну, смотрите, у нас три точки…» before the figure, a reply to our other question)?

The rules (``pairing.substantive``) say a reply carries the substance; this logistic regression (weights in
data/reply_kind.json, fitted by scripts/reply_kind_fit.py on the labelled v7 folders) reads the question's and the
reply's lemma vectors (vectors.py: mean cosine, word alignment both ways), lemma overlap, how far the set's other
questions fit the reply better, the reply's shape (length, a question back, a dodge, a figure, a yes/no) and the
window (replies so far, a held reply, a doubtful or carried ask) per answer kind. A reply at p <= AWAY is set aside
as a non-substantive one: held, and recorded only when nothing later in the window answers.

Pure Python (no numpy at run time). Switched by ``ENABLED``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any
from weakref import WeakKeyDictionary

from qa_desk.analysis import data_files
from qa_desk.analysis.detect import CompiledQuestion, Detector
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import number_words
from qa_desk.analysis.pairing import Unit, Window
from qa_desk.analysis.pairing import substantive as rule_substantive
from qa_desk.analysis.patterns import any_cue
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.replies import Answer
from qa_desk.analysis.vectors import lemma_row, row_cosine

# Round 18 (eng18e): leave one folder out H18-H24 pairing 902 -> 904 (H20 +1, H24 +1 with its amount and check), the
# shipped model on every v7 folder: H20 pairing +1, H24 pairing/amounts/checks +1, the rest of the floor identical.
ENABLED = True
AWAY = 0.2  # p at or below: the reply is set aside (held), recorded only if nothing else in the window answers
KINDS = tuple(AnswerKind)
_YES = frozenset({"да", "нет", "конечно", "есть", "нету", "угу", "ага"})
_MODEL: dict[str, Any] | None = None  # set by scripts/reply_kind_fit.py (leave-one-folder-out); else the file's


@lru_cache(maxsize=1)
def _file_model() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((data_files.ANALYSIS / "data/reply_kind.json").read_text(encoding="utf-8"))
    return data


def model() -> dict[str, Any]:
    return _MODEL if _MODEL is not None else _file_model()


def _rows(tokens: Sequence[Token]) -> list[int]:
    out = []
    for t in tokens:
        if t.is_content:
            r = lemma_row(t.lemma)
            if r is not None and r not in out:
                out.append(r)
    return out


def _align(a: Sequence[int], b: Sequence[int]) -> tuple[float, float]:
    """Mean over ``a`` of each row's best cosine in ``b``, and the best pair."""
    if not a or not b:
        return 0.0, 0.0
    best = [max(map(row_cosine, repeat(x), b)) for x in a]
    return sum(best) / len(best), max(best)


_SETS: WeakKeyDictionary[Detector, dict[str, list[int]]] = WeakKeyDictionary()


def _set_rows(detector: Detector) -> dict[str, list[int]]:
    """Per question of the set: the vector rows of its title and phrasings."""
    if detector not in _SETS:
        _SETS[detector] = {cq.question.id: _rows([t for part in (cq.question.title, *cq.question.ask)
                                                   for t in detector.lexicon.tokens(part)]) for cq in detector.questions}
    return _SETS[detector]


def features(detector: Detector, cq: CompiledQuestion, window: Window, unit: Unit, answer: Answer) -> list[float]:
    """One row (scripts/reply_kind_fit.py fits on exactly these)."""
    q_rows = _rows(window.topic or window.question)
    tokens = [t for s in unit.sentences for t in s.tokens]
    r_rows = _rows(tokens)
    q2r, pair = _align(q_rows, r_rows)
    r2q, _p = _align(r_rows, q_rows)
    own = _set_rows(detector)
    this = _align(r_rows, own.get(cq.question.id, []))[0]
    other = max((_align(r_rows, rows)[0] for qid, rows in own.items() if qid != cq.question.id), default=0.0)
    q_lem = {t.lemma for t in window.topic or window.question if t.is_content}
    r_lem = {t.lemma for t in tokens if t.is_content}
    words = [t for t in tokens if t.is_word]
    low = {t.text.lower() for t in words}
    quoted = len(answer.quote.split())
    first = unit.sentences[0] if unit.sentences else None
    shape = [float(any(t.is_digit for t in tokens) or not low.isdisjoint(number_words())),
             float(not low.isdisjoint(_YES)),
             float(any(s.is_question for s in unit.sentences)),
             float(first is not None and first.is_question),
             float(detector.is_evasive(unit.sentences)),
             float(bool(answer.value.get("amount")))]
    kind = [float(cq.question.answer is k) for k in KINDS]
    quote = next((s for s in unit.sentences if s.text.strip() and s.text.strip() in answer.quote), first)
    said = [any_cue(cq.volunteer, s.lemmas) is not None for s in unit.sentences]
    others = [any(any_cue(o.volunteer, s.lemmas) is not None for s in unit.sentences)
              for o in detector.questions if o is not cq]
    cues = [float(any(said)), float(bool(said) and said[0]), float(any(others)), float(any(said)) - float(any(others)),
            _align(q_rows, _rows(quote.tokens) if quote is not None else [])[0]]
    return [q2r, pair, r2q, this, other, this - other, min(len(q_lem & r_lem), 4) / 4,
            min(len(words), 60) / 60, min(len(unit.sentences), 5) / 5, min(quoted, 30) / 30,
            quoted / max(len(words), 1), *shape, *kind,
            min(window.replies, 3) / 3, float(window.held is not None), float(window.doubtful),
            float(window.position < 0), float(window.by_form), float(window.read_back), float(window.shared), *cues,
            *(a * b for a in kind for b in shape), *(a * b for a in kind for b in (q2r, this - other, cues[0], cues[2], cues[4]))]


def probability(row: Sequence[float]) -> float:
    m = model()
    z = m["w"][-1] + sum(w * (x - mu) / sd for w, x, mu, sd in zip(m["w"], row, m["mu"], m["sd"], strict=False))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def substantive(detector: Detector, cq: CompiledQuestion, window: Window, unit: Unit,
                answer: Answer | None = None) -> bool:
    """``pairing.substantive``, and the learned model does not set the reply aside (p > AWAY)."""
    if not rule_substantive(detector, cq, window, unit):
        return False
    if not ENABLED or answer is None:
        return True
    return probability(features(detector, cq, window, unit, answer)) > AWAY
