"""A contract's yes/no and text ids asked as a guess, decided by the client's reply (round 16; confirmed.py's BANT
mechanism carried over to the set's own ids), and the frames of a guess confirmed.py did not know.

Our turn's last sentences put a guess to the client (``confirmed.put``): «мне кажется, у вас кофе из банки пьют»,
«поломки, как я понял, бывают частенько», «подрядчик у вас, я так и не понял, свой или сторонний». Each yes/no or
text id of the set not asked yet is a candidate (``id_candidates``); the pair decides at most one (``id_topic``):
the id whose title and phrasings share the most content words with our line and the reply together, alone at the
top, when the reply has substance (a bare «да», «есть», «да, готовимся» decides nothing) and, for a text id, names
what the title asks: the title's own words, a figure for a count or size title, or a firm's name in quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.confirmed import _ASKING, _LINE, put, troubled
from qa_desk.analysis.contract import put_through
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.occasion import small_talk
from qa_desk.analysis.questions import AnswerKind, bant_ids
from qa_desk.analysis.sentence import CompiledQuestion, Sentence

if TYPE_CHECKING:
    from qa_desk.analysis.detect import Detector


class _ById(float):
    """A candidate's score that marks it as this module's."""


class _Also(float):
    """Another mechanism's candidate of a yes/no or text id on the same guess: its reply may confirm it either way."""


BY_ID: float = _ById(0.6)
_LAST = 2
_SUBSTANCE = 3  # content words of a reply that confirms with substance
# a title that asks a count or a size: the reply names it by a figure
_COUNT = frozenset({"сколько", "объём", "объем", "количество", "число", "размер", "площадь", "численность"})
_NAMING = frozenset({"NOUN", "VERB", "INFN", "ADJF", "ADJS", "PRTF", "PRTS"})
_YES_NO_WORDS = frozenset({"да", "нет", "ага", "угу", "конечно", "есть", "верно", "точно", "так", "ну",
                           # auxiliaries and light verbs: a closed class
                           "быть", "мочь", "стать", "являться", "иметься", "делать", "сделать"})


def by_id(score: float) -> bool:
    """``score`` is this module's candidate's."""
    return isinstance(score, _ById)


def also_by_id(score: float) -> bool:
    """``score`` is another mechanism's candidate on a guess this module reads too."""
    return isinstance(score, _Also)


def _content(tokens: Sequence[Token]) -> set[str]:
    """Content words of a name or a predicate (not «сейчас», «часто», «какой»)."""
    return {t.lemma for t in tokens if t.is_content and t.pos in _NAMING and t.lemma not in _YES_NO_WORDS
            and t.lemma not in _ASKING}


def _title_words(detector: Detector, cq: CompiledQuestion) -> frozenset[str]:
    """The content words of the id's title and phrasings that no other id of the set has (its distinctive words)."""
    key = (id(detector), cq.question.id)
    if key not in _TITLES:
        def words(q: CompiledQuestion) -> frozenset[str]:
            return frozenset(_content(detector.words_of(" ".join((q.question.title.split(":", 1)[-1], *q.question.ask)))))
        others = frozenset().union(*(words(q) for q in detector.questions if q.question.id != cq.question.id))
        _TITLES[key] = words(cq) - others
    return _TITLES[key]


_TITLES: dict[tuple[int, str], frozenset[str]] = {}
_TROUBLE: dict[tuple[int, str], bool] = {}
_COUNTED: dict[tuple[int, str], bool] = {}


def _counted(detector: Detector, cq: CompiledQuestion) -> bool:
    """The id asks a count or a size («сколько», «объём», «площадь»)."""
    key = (id(detector), cq.question.id)
    if key not in _COUNTED:
        text = " ".join((cq.question.title.split(":", 1)[-1], *cq.question.ask))
        _COUNTED[key] = any(t.lemma in _COUNT for t in detector.words_of(text))
    return _COUNTED[key]


def _trouble_title(detector: Detector, cq: CompiledQuestion) -> bool:
    """The id asks about a trouble («бывают ли поломки», «есть ли жалобы»)."""
    key = (id(detector), cq.question.id)
    if key not in _TROUBLE:
        text = ". ".join((cq.question.title.split(":", 1)[-1], *cq.question.ask))
        _TROUBLE[key] = any(troubled(x, negated=False) for x in detector.sentences(text))
    return _TROUBLE[key]


def _own(cq: CompiledQuestion, topic_of: dict[str, str]) -> bool:
    qid = cq.question.id
    bant = bant_ids()
    return qid not in bant and topic_of.get(qid) not in bant and cq.question.answer in (AnswerKind.YES_NO, AnswerKind.TEXT)


def id_candidates(questions: Sequence[CompiledQuestion], topic_of: dict[str, str], sentences: Sequence[Sentence],
                  taken: set[str], out: list[tuple[CompiledQuestion, Sentence, float]],
                  ) -> list[tuple[CompiledQuestion, Sentence, float]]:
    """``out`` (the other mechanisms' candidates) and the set's yes/no and text ids not asked yet, as candidates of
    the turn's last sentences put to the client; another mechanism's plain candidate of such an id on that sentence
    may be confirmed by this module's reading too."""
    ids = [cq for cq in questions if cq.question.id not in taken and _own(cq, topic_of)]
    if not sentences or not ids and not any(type(c) is float and _own(cq, topic_of) for cq, _x, c in out):
        return out  # a BANT deal: nothing to read
    tail = range(len(sentences) - 1, max(-1, len(sentences) - 1 - _LAST), -1)
    end = next((k + 1 for k in tail if put(sentences[k], sentences[k + 1] if k + 1 < len(sentences) else None)), None)
    if end is None:
        return out
    s = sentences[end - 1]
    if put_through(s.lemmas, s.tokens):
        return out  # «соедините с кадрами?»
    taken.update(cq.question.id for cq in ids)
    return [*((cq, x, _Also(c) if x is s and type(c) is float and _own(cq, topic_of) else c) for cq, x, c in out),
            *((cq, s, BY_ID) for cq in ids)]


def id_topic(detector: Detector, question: Sentence, reply: Sequence[Sentence]) -> str | None:
    """The yes/no or text id the pair asks, or None."""
    if not reply or reply[0].tokens[-1:] and reply[0].tokens[-1].text == "?" or any(
            not x.lemmas.isdisjoint(_LINE) for x in reply) or small_talk(question.tokens, detector.lang, detector._deal):
        return None
    said = [t for x in reply for t in x.tokens]
    own = _content(said)
    if sum(t.is_content and t.lemma not in _YES_NO_WORDS for t in said) < _SUBSTANCE:
        return None  # «Да.», «Есть.», «Да, готовимся.»
    pair = own | _content(question.tokens)
    trouble = any(troubled(x, negated=False) for x in reply)  # a trouble told takes up a title of a trouble
    scored = sorted(((len(pair & _title_words(detector, cq)) + 0.5 * (trouble and _trouble_title(detector, cq)), cq)
                     for cq in detector.questions
                     if cq.question.answer in (AnswerKind.YES_NO, AnswerKind.TEXT) and cq.question.id not in bant_ids()),
                    key=lambda x: -x[0])
    if not scored or not scored[0][0] or len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    cq = scored[0][1]
    title = _title_words(detector, cq)
    if cq.question.answer is AnswerKind.TEXT and own.isdisjoint(title) and not (
            _counted(detector, cq) and _figure(said)
            or any(t.text.startswith("«") for t in said)):  # a firm's name: «Подъём» (not a person's: a person id's)
        return None
    return cq.question.id


def _figure(said: Sequence[Token]) -> bool:
    """A count said in the reply: a numeral or digits, not a year's («в две тысячи шестом году»)."""
    return any((t.pos == "NUMR" or t.text.isdigit()) and all(x.lemma != "год" and "Anum" not in x.tags
                                                             for x in said[k + 1:k + 4]) for k, t in enumerate(said))


def id_confirms(detector: Detector, cq: CompiledQuestion, question: Sentence, reply: Sequence[Sentence]) -> bool:
    """The client's reply decides that the pair asked ``cq`` (a candidate of ``id_candidates``)."""
    return id_topic(detector, question, reply) == cq.question.id
