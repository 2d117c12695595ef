"""A learned question <-> contract-title scorer beside the rules (round 16's eng16g scorer, wired in round 17).

Per manager turn and contract id of the set (BANT ids excluded): navec lemma-vector similarities of the turn's
sentences to the id's title and phrasings (means, IDF-weighted means, word alignment both ways, the best word
pair), lemma overlap, rapidfuzz ratios, their margins over the set's best other id, question form and
wh-word x answer-kind cues, and the same similarities of the client's next turn with its answer shape. A
logistic regression (data/learned_ask.json, fitted by scripts/learned_ask_fit.py on the v7 folders) gives a
probability; the union adds the top id at p >= THRESHOLD where the rules have not asked it and the client's
reply fits its kind (``Detector.reply_confirms``): a doubtful ask, whose window opens for that reply.

Pure Python (no numpy at run time): the int8 vector rows are read from vectors.py's table once per lemma.
Switched by ``ENABLED`` (on since round 17's merge; off: the engine is the rules alone).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from operator import mul
from typing import Any
from weakref import WeakKeyDictionary

from qa_desk.analysis import data_files
from qa_desk.analysis.contract import wh_classes
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts, number_words
from qa_desk.analysis.pairing import Unit, Window, evidence
from qa_desk.analysis.questions import AnswerKind, bant_ids
from qa_desk.analysis.results import QuestionResult
from qa_desk.analysis.sentence import Sentence
from qa_desk.analysis.vectors import lemma_row, row_cosine, vectors
from qa_desk.domain.transcript import Speaker

# On (round 17, docs/engine-round17.md eng17h): H18-H23 contract asked 302/16/51 -> 313/16/40, answered +10 tp / +1 fp,
# leave-one-folder-out 302/16/51 -> 316/17/37. Known costs: a false answer on the floor H15 (a wrong-id ask: «сколько
# вы потребляете?» -> investment) and on H21 (a brush-off reply read as the answer); pairing rate H23 76.1 -> 75.0 %.
# Round 18 (eng18e): refitted with H24 in and the word-pair cosine read from vectors.cosine (one source): leave one
# folder out H18-H24 contract asked rules 339/16/50 -> rules U learned 354/17/35 (all folders 1056/24/91 -> 1074/27/73).
ENABLED = True
THRESHOLD = 0.7
WINDOW = True  # the ask opens a (doubtful) window for the reply; off: asked only, the answer left to the rules
LEARNED = 0.5  # an ask's confidence: p x this (below UNSURE: a doubtful ask, as a weak one confirmed by its reply)
KINDS = ("money", "person", "timing", "yes_no", "text")
WHS = ("who", "decides", "party", "when", "how_much", "money", "where")
_YES = frozenset({"да", "нет", "конечно", "есть", "нету"})
_NB = 11  # similarity features per (sentence, id)


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The fitted weights: mu, sd, w (the last is the bias), idf (lemma -> weight) and the rare lemmas' weight."""
    data: dict[str, Any] = json.loads((data_files.ANALYSIS / "data/learned_ask.json").read_text(encoding="utf-8"))
    return data


def idf(lemma: str) -> float:
    table = _idf()
    return table.get(lemma, table[""])


@lru_cache(maxsize=1)
def _idf() -> dict[str, float]:
    m = model()
    return {**{k: float(v) for k, v in m["idf"].items()}, "": float(m["idf_rare"])}


@lru_cache(maxsize=16384)
def _row(lemma: str) -> tuple[int, ...] | None:
    table, r = vectors(), lemma_row(lemma)
    return None if r is None else tuple(table.table[r * table.dim:(r + 1) * table.dim])


@lru_cache(maxsize=65536)
def _cos(a: str, b: str) -> float:
    ra, rb = lemma_row(a), lemma_row(b)
    return row_cosine(ra, rb) if ra is not None and rb is not None else 0.0


class Bag:
    """A text's content lemmas, those with a vector (in order, repeated), their weights and weighted means."""

    __slots__ = ("lemmas", "vl", "w", "wsum", "tot", "mean", "wmean")

    def __init__(self, tokens: Sequence[Token]) -> None:
        lem = [t.lemma for t in tokens if t.is_content]
        self.lemmas = frozenset(lem)
        self.vl = [lm for lm in lem if _row(lm) is not None]
        self.w = [idf(lm) for lm in self.vl]
        self.wsum = sum(self.w)
        self.tot = sum(idf(lm) for lm in self.lemmas)
        rows = [_row(lm) for lm in self.vl]
        self.mean = _unit([float(sum(col)) for col in zip(*rows, strict=True)])
        self.wmean = _unit([sum(map(mul, self.w, col)) for col in zip(*rows, strict=True)])


def _unit(total: list[float]) -> list[float]:
    norm = math.sqrt(sum(map(mul, total, total))) or 1.0
    return [x / norm for x in total]


def sims(q: Bag, s: Bag, text_q: str, text_s: str) -> list[float]:
    """The similarity features of a sentence (or a reply sentence) to a question's bag."""
    from rapidfuzz import fuzz  # a runtime dependency; imported on the first scored turn

    out = [0.0] * 5
    if q.vl and s.vl:
        out[0] = sum(map(mul, q.mean, s.mean))
        out[1] = sum(map(mul, q.wmean, s.wmean))
        m = [[_cos(a, b) for b in s.vl] for a in q.vl]
        rmax = [max(r) for r in m]
        out[2] = sum(map(mul, rmax, q.w)) / q.wsum
        out[3] = sum(map(mul, map(max, zip(*m, strict=True)), s.w)) / s.wsum
        out[4] = max(rmax)
    inter, union = q.lemmas & s.lemmas, q.lemmas | s.lemmas
    tot = q.tot
    out += [min(len(inter), 4) / 4, len(inter) / len(union) if union else 0.0,
            sum(idf(lm) for lm in inter) / tot if tot else 0.0,
            fuzz.token_set_ratio(text_q, text_s) / 100, fuzz.partial_ratio(text_q, text_s) / 100,
            fuzz.WRatio(text_q, text_s) / 100]
    return out


class SetBags:
    """Per contract id of a detector's set: its bag, text and answer kind."""

    def __init__(self, detector: Any) -> None:
        self.ids: list[str] = []
        self.bags: dict[str, Bag] = {}
        self.text: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        for cq in detector.questions:
            q = cq.question
            if q.id in bant_ids():
                continue
            parts = (q.title, *q.ask)
            self.ids.append(q.id)
            self.bags[q.id] = Bag([t for part in parts for t in detector.lexicon.tokens(part)])
            self.text[q.id] = " ".join(parts).lower()
            self.kind[q.id] = q.answer.value


_SETS: WeakKeyDictionary[Any, SetBags] = WeakKeyDictionary()


def set_bags(detector: Any) -> SetBags:
    if detector not in _SETS:
        _SETS[detector] = SetBags(detector)
    return _SETS[detector]


def _with_margins(best: list[list[float]]) -> tuple[list[list[float]], list[list[float]]]:
    n = len(best)
    margin = []
    for k in range(n):
        width = len(best[k])
        other = [max((best[j][c] for j in range(n) if j != k), default=0.0) for c in range(width)]
        margin.append([best[k][c] - other[c] for c in range(width)])
    return margin, [[float(x >= 0) for x in row] for row in margin]


def features(detector: Any, sentences: Sequence[Sentence], text: str, reply: Sequence[Sentence], first: bool,
             ) -> tuple[list[str], list[list[float]]]:
    """(ids, one feature row per id) for a manager turn and the client's next turn (scripts/learned_ask_fit.py
    fits on exactly these rows)."""
    sb_ = set_bags(detector)
    ids = sb_.ids
    best = [[0.0] * _NB for _ in ids]
    qform = 0.0
    whs: set[str] = set()
    for s in sentences:
        bag = Bag(s.tokens)
        w = 1.0 if s.is_question else 0.7
        qform = max(qform, float(s.is_question))
        if s.is_question:
            whs |= wh_classes(s.tokens, detector.lang)
        low = s.text.lower()
        for k, qid in enumerate(ids):
            v = sims(sb_.bags[qid], bag, sb_.text[qid], low)
            best[k] = [max(a, b * w) for a, b in zip(best[k], v, strict=True)]
    margin, rank0 = _with_margins(best)
    arrange = float(any(not s.lemmas.isdisjoint(detector.lang.arrangements) for s in sentences))
    rbest = [[0.0] * _NB for _ in ids]
    num = amount = yes = 0.0
    nwords = number_words()
    for s in reply:
        bag = Bag(s.tokens)
        low = s.text.lower()
        for k, qid in enumerate(ids):
            rbest[k] = [max(a, b) for a, b in zip(rbest[k], sims(sb_.bags[qid], bag, sb_.text[qid], low), strict=True)]
        words = {t.text.lower() for t in s.tokens}
        num = max(num, float(any(t.is_digit for t in s.tokens) or bool(words & nwords)))
        amount = max(amount, float(bool(find_amounts(s.tokens))))
        yes = max(yes, float(bool(words & _YES)))
    rmargin, _r = _with_margins(rbest)
    shape = (num, amount, yes, 1.0 - float(num + yes > 0))
    rows = []
    for k, qid in enumerate(ids):
        kv = [float(sb_.kind[qid] == kind) for kind in KINDS]
        wv = [float(h in whs) for h in WHS]
        extra = [qform, min(len(sentences), 5) / 5, min(len(text.split()), 40) / 40, 1 / len(ids), *kv, *wv,
                 *(a * b for a in kv for b in wv)]
        cues = [a * b for a in kv for b in shape]
        rows.append([*best[k], *margin[k], *rank0[k], *extra, arrange, float(first), *rbest[k], *rmargin[k], *cues])
    return ids, rows


def probability(row: Sequence[float]) -> float:
    m = model()
    z = m["w"][-1] + sum(w * (x - mu) / sd for w, x, mu, sd in zip(m["w"], row, m["mu"], m["sd"], strict=False))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def top(detector: Any, sentences: Sequence[Sentence], text: str, reply: Sequence[Sentence], first: bool,
        ) -> tuple[str, float] | None:
    """The set's contract id of highest probability for the turn, with it (None: no contract id)."""
    ids, rows = features(detector, sentences, text, reply, first)
    if not ids:
        return None
    scored = [(probability(r), qid) for qid, r in zip(ids, rows, strict=True)]
    p, qid = max(scored)
    return qid, p


def union_ask(detector: Any, units: Sequence[Unit], position: int, results: dict[str, QuestionResult],
              pending: dict[str, Window]) -> None:
    """The client's turn at ``position`` replies to the manager's turn before it: the learned top id of that turn at
    p >= THRESHOLD, not asked yet (the rules lacked it), whose kind the reply fits, is asked there (doubtful). A
    person-kind id is left to the rules: its reply names the decider, where a wrong ask costs most. Only a question
    sentence carries the ask (not «Понял.» before it, which a figure in the reply would confirm). The turn is
    scored only when some id could pass those gates (the cost of the features)."""
    if not ENABLED or position == 0:
        return
    reply, asking = units[position], units[position - 1]
    ids = set_bags(detector).ids
    if asking.role != Speaker.MANAGER or reply.role != Speaker.CLIENT or not asking.sentences or not ids:
        return
    fits: dict[str, Sentence] = {}
    for qid in ids:
        cq = detector.question(qid)
        if cq.question.answer is AnswerKind.PERSON or results[qid].asked or qid in pending:
            continue
        sentence = next((s for s in asking.sentences if s.is_question and detector.reply_confirms(cq, s, reply.sentences)), None)
        if sentence is not None:
            fits[qid] = sentence
    if not fits:
        return
    found = top(detector, asking.sentences, asking.segment.text, reply.sentences, position == 1)
    if found is not None and found[1] >= THRESHOLD and found[0] in fits:
        sentence = fits[found[0]]
        results[found[0]].asked_evidence.append(evidence(asking, sentence.text, confidence=found[1] * LEARNED))
        if WINDOW:
            pending[found[0]] = Window(position - 1, sentence.tokens, asking.recording, doubtful=True)
