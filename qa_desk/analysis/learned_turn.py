"""A learned reader of the manager's turn (round 19): is it a question the client should answer, and about which
question of the set — where the rules read no question at all.

The rules are precise but miss questions put in spoken words (no «?», elliptical, an «или»-tail: «по мощности вам её
на утро хватает, или уже тесновато», «и вы это одна или с кем-то») and questions put as a guess or a read-back («я так
понимаю, выбирать будет не один человек…», «то есть конкретного помещения пока нет, так, районы»). Per manager turn
and question id of the set (BANT ids included): the turn's shape (its final clause, a «?», an «или»-tail, the second
person, question words anywhere, a guess frame, a hedge, a tag), the client's reply's shape (a yes/no opening, a
figure, a counter-question, a dodge, its length), navec lemma-vector and lemma similarities of the turn and of the
reply to the id's title and phrasings with their margins over the set's other ids (learned_ask.sims, one source),
the topic classifier's probability, and the id's answer kind crossed with all of these. A logistic regression
(data/learned_turn.json, fitted by scripts/learned_turn_fit.py on the labelled v7 folders) gives a probability.

``union_turn`` (deal.py, at the client's reply): a manager turn the rules asked nothing in, whose top id has p >=
THRESHOLD and MARGIN above the next id, that id not asked (or not answered and no window open), the reply fits its kind
(``Detector.reply_confirms``): a doubtful ask, whose window opens for that reply. Pure Python at run time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from qa_desk.analysis import data_files
from qa_desk.analysis.contract import wh_classes
from qa_desk.analysis.guess import frame_span, is_tag
from qa_desk.analysis.guess_frames import alternative, more_frame
from qa_desk.analysis.heard import marked
from qa_desk.analysis.language import YOU
from qa_desk.analysis.learned_ask import KINDS, WHS, Bag, sims
from qa_desk.analysis.money import find_amounts, number_words
from qa_desk.analysis.pairing import Unit, Window, evidence
from qa_desk.analysis.questions import bant_ids
from qa_desk.analysis.results import QuestionResult
from qa_desk.analysis.sentence import Sentence
from qa_desk.domain.transcript import Speaker

# Round 19 (eng19a): leave one folder out H18-H25 asked (deal level, all ids) 1239/98/107 -> 1246/98/100; the shipped
# model: H24 asked 152/4/10 -> 154/4/8, H25 140/4/20 -> 142/4/18, pairing +1 on H21, H22, H24, +2 on H25, H9 +1 asked;
# every other floor identical. Off: the engine is the rules (and learned_ask) alone.
ENABLED = True
THRESHOLD = 0.6
MARGIN = 0.2  # the second id's p this close to the top one: two topics read, none asked
LEARNED = 0.5  # an ask's confidence: p x this (a doubtful ask, as learned_ask's)
BANT = ("budget", "authority", "need", "timing")
_THOU = frozenset({"ты", "тебе", "тебя", "тобой", "твой"})
_TAIL = 6  # words at the turn's end where an «или» makes an alternative tail
_NB = 11  # learned_ask.sims features
_MODEL: dict[str, Any] | None = None  # set by scripts/learned_turn_fit.py (leave-one-folder-out); else the file's


def model() -> dict[str, Any]:
    return _MODEL if _MODEL is not None else data_files.json_model("learned_turn.json")


def turn_shape(detector: Any, sentences: Sequence[Sentence], text: str, first: bool) -> list[float]:
    """The manager turn's shape (no id): its question marks and final clause, tails, person, question words, frames."""
    lang = detector.lang
    last = sentences[-1]
    words = [t for s in sentences for t in s.tokens if t.is_word]
    low = [t.text.lower() for t in words]
    last_low = [t.text.lower() for t in last.tokens if t.is_word]
    lemmas = {lm for s in sentences for lm in s.lemmas}
    qwords = [t for t in words if t.lemma in lang.question_words]
    stripped = text.strip()
    return [
        float("?" in text), float(stripped.endswith("?")), float(last.is_question), float(any(s.is_question for s in sentences)),
        float("или" in last_low), float("или" in low[-_TAIL:]), float(alternative(last_low) is not None),
        float(not lemmas.isdisjoint(YOU) or not _THOU.isdisjoint(low) or any("2per" in t.tags for t in words)),
        min(len(qwords), 2) / 2, float(any(t.lemma in lang.question_words for t in last.tokens[:4] if t.is_word)),
        float(any(frame_span(s.tokens) is not None or more_frame([t.text.lower() for t in s.tokens if t.is_word])
                  is not None for s in sentences)),
        float(not lemmas.isdisjoint(lang.hedges)), float(is_tag(last.tokens)), float("ли" in low),
        float(not lemmas.isdisjoint(lang.request_verbs)), float(bool(stripped[:1]) and stripped[:1].islower()),
        min(len(words), 40) / 40, min(len(sentences), 5) / 5, float(first),
        float(not lemmas.isdisjoint(lang.arrangements)), float(bool(last_low) and last_low[0] in ("а", "и", "ну")),
    ]


def reply_shape(detector: Any, reply: Sequence[Sentence]) -> list[float]:
    """The client's reply's shape: empty, length, a counter-question, a yes/no opening, a figure, a sum, a dodge."""
    if not reply:
        return [1.0] + [0.0] * 7
    lang = detector.lang
    words = [t.text.lower() for s in reply for t in s.tokens if t.is_word]
    tokens = [t for s in reply for t in s.tokens]
    nwords = number_words()
    return [0.0, min(len(words), 40) / 40, float(reply[0].is_question), float(any(s.is_question for s in reply)),
            float(not (lang.yes | lang.no).isdisjoint(words[:2])),
            float(any(t.is_digit for t in tokens) or not nwords.isdisjoint(words)),
            float(any(find_amounts(s.tokens) for s in reply)), float(detector.is_evasive(reply))]


def _bags(detector: Any) -> tuple[list[str], dict[str, Bag], dict[str, str], dict[str, str]]:
    ids, bags, text, kind = [], {}, {}, {}
    for cq in detector.questions:
        q = cq.question
        parts = (q.title, *q.ask)
        ids.append(q.id)
        bags[q.id] = Bag([t for part in parts for t in detector.lexicon.tokens(part)])
        text[q.id] = " ".join(parts).lower()
        kind[q.id] = q.answer.value
    return ids, bags, text, kind


_SETS: dict[int, tuple[Any, tuple[list[str], dict[str, Bag], dict[str, str], dict[str, str]]]] = {}


def set_bags(detector: Any) -> tuple[list[str], dict[str, Bag], dict[str, str], dict[str, str]]:
    got = _SETS.get(id(detector))
    if got is None or got[0] is not detector:
        got = _SETS[id(detector)] = (detector, _bags(detector))
    return got[1]


def _best(ids: Sequence[str], bags: dict[str, Bag], texts: dict[str, str], sentences: Sequence[Sentence],
          ) -> tuple[list[list[float]], list[list[float]]]:
    best = [[0.0] * _NB for _ in ids]
    for s in sentences:
        bag, low = Bag(s.tokens), s.text.lower()
        for k, qid in enumerate(ids):
            best[k] = [max(a, b) for a, b in zip(best[k], sims(bags[qid], bag, texts[qid], low), strict=True)]
    margin = []
    for k in range(len(ids)):
        other = [max((best[j][c] for j in range(len(ids)) if j != k), default=0.0) for c in range(_NB)]
        margin.append([best[k][c] - other[c] for c in range(_NB)])
    return best, margin


def _topic(detector: Any, sentences: Sequence[Sentence]) -> dict[str, float]:
    """The topic classifier's best probability per topic over the turn's sentences («?» or not)."""
    out: dict[str, float] = {}
    if detector.topics is None:
        return out
    for s in sentences:
        for topic, p in detector.topics.probabilities(marked(s.tokens)).items():
            out[topic] = max(out.get(topic, 0.0), p)
    return out


def features(detector: Any, sentences: Sequence[Sentence], text: str, reply: Sequence[Sentence], first: bool,
             ) -> tuple[list[str], list[list[float]]]:
    """(ids, one row per id of the set) for a manager turn and the client's next turn (the fit reads exactly these)."""
    ids, bags, texts, kinds = set_bags(detector)
    if not ids or not sentences:
        return ids, []
    shape = turn_shape(detector, sentences, text, first)
    rshape = reply_shape(detector, reply)
    best, margin = _best(ids, bags, texts, sentences)
    rbest, rmargin = _best(ids, bags, texts, reply)
    whs: set[str] = set()
    for s in sentences:
        whs |= wh_classes(s.tokens, detector.lang)
    wv = [float(h in whs) for h in WHS]
    topics = _topic(detector, sentences)
    topic_of = getattr(detector, "_topic_of", {})
    q_cues = (shape[0], shape[3], shape[5], shape[7], shape[8], shape[10], shape[11])
    r_cues = (rshape[0], rshape[2], rshape[4], rshape[5], rshape[6], rshape[7])
    rows = []
    for k, qid in enumerate(ids):
        kv = [float(kinds[qid] == kind) for kind in KINDS]
        bv = [float(qid == b) for b in BANT] + [float(qid not in bant_ids())]
        tp = topics.get(topic_of.get(qid, ""), 0.0)
        rows.append([*shape, *rshape, *best[k], *margin[k], *rbest[k], *rmargin[k], *kv, *bv, tp, tp * bv[4],
                     1 / len(ids), *(a * b for a in kv for b in wv), *(a * b for a in bv for b in q_cues),
                     *(a * b for a in kv for b in r_cues), *(a * b for a in kv for b in (best[k][2], margin[k][2], rbest[k][2]))])
    return ids, rows


def probability(row: Sequence[float]) -> float:
    m = model()
    z = m["w"][-1] + sum(w * (x - mu) / sd for w, x, mu, sd in zip(m["w"], row, m["mu"], m["sd"], strict=False))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _rules_asked(results: dict[str, QuestionResult], asking: Unit) -> bool:
    seg = asking.segment
    return any(e.recording == asking.recording and e.start == seg.start and e.end == seg.end
               for r in results.values() for e in r.asked_evidence)


def union_turn(detector: Any, units: Sequence[Unit], position: int, results: dict[str, QuestionResult],
               pending: dict[str, Window]) -> None:
    """The client's turn at ``position`` replies to the manager's turn before it. When the rules asked nothing there,
    the model's top id at p >= THRESHOLD, not asked yet (or unanswered with no window open), whose kind the reply fits,
    is asked there (doubtful) and its window opens for that reply. Scored only when some id could pass the gates."""
    if not ENABLED or position == 0:
        return
    reply, asking = units[position], units[position - 1]
    if asking.role != Speaker.MANAGER or reply.role != Speaker.CLIENT or not asking.sentences or not reply.sentences:
        return
    if _rules_asked(results, asking) or detector.chats(asking.sentences):
        return  # small talk about an event that is no part of the deal (occasion.py) asks nothing
    fits: dict[str, Sentence] = {}
    for cq in detector.questions:
        qid = cq.question.id
        if results[qid].answered or qid in pending or detector.excluded(qid, asking.sentences):
            continue
        sentence = next((s for s in reversed(asking.sentences) if detector.reply_confirms(cq, s, reply.sentences)), None)
        if sentence is not None:
            fits[qid] = sentence
    if not fits:
        return
    ids, rows = features(detector, asking.sentences, asking.segment.text, reply.sentences, position == 1)
    ranked = sorted(((probability(r), q) for q, r in zip(ids, rows, strict=True)), reverse=True)
    p, qid = ranked[0]
    if p >= THRESHOLD and qid in fits and (len(ranked) == 1 or p - ranked[1][0] >= MARGIN):
        sentence = fits[qid]
        results[qid].asked_evidence.append(evidence(asking, sentence.text, confidence=p * LEARNED))
        pending[qid] = Window(position - 1, sentence.tokens, asking.recording, doubtful=True)
