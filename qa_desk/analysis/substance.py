"""Does a client turn carry the substance of the answer to a free-text or yes/no question?

A reply to "что у вас сейчас не так?" often opens with a preface ("Ой, вы знаете, это долгая история.",
"Ох, вы больное место задели."), answers the other half of a two-question turn ("Ну решать-то не я
буду."), or talks about something else ("Зал есть, столы, микроволновки."), and the substance comes a
turn later. Any sentence with two content words passes as a free-text answer, so the reply is scored by
what ties it to the question instead:

- it echoes the question: a content word of the question, by lemma or by a shared stem ("смотрели бы"
  to "смотрели", "топливо" to "с топливом", "жалуются" to "не жалуются");
- it has the shape of the answer: a yes/no question gets "да"/"нет" first, a count ("сколько") a number;
- its value was not a catch-all (the engine found a figure, a date, a name for it).

A turn that does none of this is "thin": the window holds it, and a later client turn in the same window
that carries the substance takes its place; when none does, the thin turn stands (deal.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.questions import AnswerKind

_LEAD_INS = frozenset({"ну", "а", "так", "вот", "и", "но", "слушайте", "слушай", "знаете", "смотрите"})
_COUNT = frozenset({"сколько", "количество", "число", "численность"})
_STEM = 5  # letters two words share to echo each other ("смотреть" / "смотрели")
_MIN_ECHO = 4
_FULL = 16  # content words of a free-text reply that tell its substance whatever words it uses  # shorter lemmas ("год", "раз", "дело") echo by accident
# Words of a question that any reply may repeat without answering it.
_GENERIC = frozenset({"быть", "есть", "мочь", "сейчас", "вообще", "сказать", "говорить", "хотеть", "вопрос",
                      "знать", "понимать", "давать", "делать", "очень", "можно", "нужно", "надо", "просто"})


def _words(question: Sequence[Token], lang: Language) -> list[Token]:
    return [t for t in question if t.is_content and t.lemma not in lang.question_words
            and t.lemma not in _GENERIC and len(t.lemma) >= _MIN_ECHO]


def echoes(question: Sequence[Token], reply: Sequence[Sequence[Token]], lang: Language) -> bool:
    """A content word of the reply repeats one of the question (lemma or a shared stem)."""
    asked = _words(question, lang)
    if not asked:
        return False
    lemmas = frozenset().union(*(t.lemmas for t in asked))
    stems = {t.lemma[:_STEM] for t in asked if len(t.lemma) > _STEM}
    for sentence in reply:
        for t in sentence:
            if not t.is_content or t.lemma in _GENERIC:
                continue
            if not t.lemmas.isdisjoint(lemmas) or len(t.lemma) > _STEM and t.lemma[:_STEM] in stems:
                return True
    return False


def _opens_yes_no(reply: Sequence[Sequence[Token]], lang: Language) -> bool:
    """A sentence of the reply opens with "да", "нет", "конечно" (after "ну", "а")."""
    for sentence in reply:
        words = [t for t in sentence if t.is_word and t.text.lower() not in _LEAD_INS]
        if words and (words[0].text.lower() in lang.yes | lang.no or words[0].lemma in lang.yes):
            return True
    return False


def carries(kind: AnswerKind, question: Sequence[Token], reply: Sequence[Sequence[Token]], lang: Language,
            first: bool = True) -> bool:
    """Whether the client's ``reply`` (its sentences) carries the substance of the answer to a ``kind``
    question asked with ``question``; only free-text and yes/no answers can be thin. ``first``: the first
    reply in its window, or a later one that asks nothing."""
    if kind not in (AnswerKind.TEXT, AnswerKind.YES_NO) or not question:
        return True
    if kind is AnswerKind.YES_NO and _opens_yes_no(reply, lang):
        return True
    if first and kind is AnswerKind.TEXT and sum(t.is_content for s in reply for t in s) >= _FULL:
        # the first reply, a whole account ("Прошлой осенью дожди зарядили, … сушилка у нас одна, старая"), is
        # no preface; a long later turn that asks something (ASR glued the manager's turn to it) does not
        # replace a held reply
        return True
    if any(t.lemma in _COUNT for t in question):
        return any(t.is_digit or "NUMR" in t.tags for s in reply for t in s)
    return echoes(question, reply, lang)
