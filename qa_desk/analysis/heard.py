"""Questions as Whisper hears them on a telephone line: clauses of a damaged sentence on their own.

On a narrow-band call Whisper garbles words ("аппетенникам нас начинет, сколько у вас заложено") and
writes a question without its "?". The garbled words, unknown to the classifier, drown the words
that still ask ("сколько у вас заложено" alone reads as the budget question; the whole sentence does
not). A sentence's comma clauses are therefore classified on their own as well (``Detector._clauses``),
as the bundled-question parts are: a clause counts only where it is a question by its own form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.language import REPLY_OPENERS
from qa_desk.analysis.lexicon import QUESTION_MARK
from qa_desk.analysis.questions import AnswerKind

if TYPE_CHECKING:
    from qa_desk.analysis.detect import Detector, Sentence
    from qa_desk.analysis.lexicon import Token

_COMMA = re.compile(r"\s*(?:,|\s[—–-]\s)\s*")
_MIN_WORDS = 3  # a clause of fewer words says too little on its own ("ну, да")
_SUBORDINATE = re.compile(r"(?:чтобы|чтоб|если|потому|так как|хотя|пока)\b", re.IGNORECASE)
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)


def comma_clauses(text: str) -> list[str]:
    """``text`` cut at its commas and dashes into clauses of some words (none when it has one clause), up
    to a subordinate clause: what follows "чтобы понимать, …" or "если …" asks nothing of its own."""
    pieces = [p.strip() for p in _COMMA.split(text) if p.strip()]
    cut = next((i for i, p in enumerate(pieces) if i and _SUBORDINATE.match(p)), len(pieces))
    pieces = pieces[:cut]
    kept = [p for p in pieces if len(_WORD.findall(p)) >= _MIN_WORDS]
    return kept if len(pieces) > 1 and kept else []


def marked(tokens: Sequence[Token]) -> tuple[Token, ...]:
    """A question sentence as the topic classifier reads it: with its "?", which Whisper drops at will. The
    sentence is a question by its form ("в чём проблема, возить устали", "сколько влезет в бюджет"); without
    the mark the classifier, trained on written questions, reads the same words as no topic."""
    if any(t.text == "?" for t in tokens) or all(t.lemma not in _ASKING for t in tokens):
        return tuple(tokens)
    return (*tokens, QUESTION_MARK)


_ASKING = frozenset({"сколько", "какой", "каков", "почему", "зачем", "чей", "ли"})
_TELL = frozenset({"сказать", "подсказать"})


def asks_by_cue(tokens: Sequence[Token]) -> bool:
    """A sentence Whisper wrote without its "?" that asks by a yes/no cue of the engine's own: "ли" ("есть ли",
    "будете ли"), an either-or ("…нормально возвращаются, или есть, что подтянуть"), a request to tell
    ("подскажите, …"). The classifier, trained on questions with their mark, reads such a line less surely,
    so it gets the bar of a garbled line (``garbled_bar``); a line with a question word has its "?" back
    (``marked``) and keeps the full bar, as does a line with no cue (Whisper's noise)."""
    return all(t.text != "?" for t in tokens) and not any(t.lemma in _ASKING - {"ли"} for t in tokens) and any(
        t.text.lower() in ("или", "ли") or "impr" in t.tags and t.lemma in _TELL for t in tokens)

_VALUE_KINDS = frozenset({AnswerKind.MONEY, AnswerKind.TIMING, AnswerKind.PERSON})


def reply_prefix(detector: Detector, question: Sequence[Sentence], sentences: Sequence[Sentence]) -> int:
    """How many leading sentences of a mono segment are the client's reply to the manager's ``question``
    (the segment before): those up to the next question, when they carry a value the asked question
    wants (a figure, a date, a person) and no "?". Whisper glues the reply to the next question ("Ну, к
    сезону в апреле… Монтаж сколько по времени у вас на машину") and a reply reads as a question by its
    form ("Следующая в апреле, как шиповку снимем"); 0 when the segment does not open with a reply."""
    asked = [cq for cq, _s in detector.asked(question) if cq.question.answer in _VALUE_KINDS]
    if not asked or not sentences:
        return 0
    k = next((i for i, s in enumerate(sentences) if i and s.is_question), len(sentences))
    prefix = sentences[:k]
    if any(t.text == "?" for s in prefix for t in s.tokens):
        return 0
    if any(s.is_question for s in prefix) and not _opens_reply(prefix[0]):
        # a reply read as a question by its form ("Следующая в апреле, как шиповку снимем") only with a date:
        # a figure may be the manager's price ("Стенд от девятисот тысяч до миллиона, смотря какой")
        asked = [cq for cq in asked if cq.question.answer is AnswerKind.TIMING]
    for cq in asked:
        found = detector.answer(cq, prefix, client=True, question=question[-1].tokens, bare=False)
        if found is not None and (cq.question.answer is not AnswerKind.PERSON or _named(found.value, found.quote)):
            return k
    return 0


def _named(value: dict[str, object], quote: str) -> bool:
    """A person answer with a name ("Директор Ларин") or a known role ("директор") in it, not any
    noun ("замерщик с ним")."""
    from qa_desk.analysis.lexicon import lemma_of
    from qa_desk.analysis.person import ROLE_NOUNS

    first = quote.split()[0] if quote.split() else ""
    words = str(value.get("text", "")).split()
    return any(w[:1].isupper() and w != first or lemma_of(w) in ROLE_NOUNS for w in words)


def _opens_reply(sentence: Sentence) -> bool:
    """``sentence`` opens like a reply ("ну", "да", "где-то", "мы"…: deal.py's reply openers)."""
    words = [t for t in sentence.tokens if t.is_word]
    return bool(words) and words[0].text.lower() in REPLY_OPENERS


_GARBLED_BAR = 0.7  # share of the classifier's bar a question with a garbled word must reach
_GARBLED_WORDS = 2  # one unknown word may be a loanword ("бэкапа"); two are Whisper's noise
_GARBLED_MIN = 4  # letters in a word that counts as garbled when pymorphy3 does not know it


def garbled_bar(tokens: Sequence[Token], bar: float) -> float:
    """The topic classifier's bar for a question sentence: lower where Whisper garbled words (ones pymorphy3
    does not know), whose noise the classifier reads as no topic ("история, от какую же уму вынопильнее в
    месяце заркладываете надезон")."""
    from qa_desk.analysis.lexicon import is_known

    garbled = sum(t.is_word and len(t.text) >= _GARBLED_MIN and not is_known(t.text) for t in tokens)
    return bar * _GARBLED_BAR if garbled >= _GARBLED_WORDS or asks_by_cue(tokens) else bar
