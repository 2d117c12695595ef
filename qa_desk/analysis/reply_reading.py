"""The detector's reading of a client's reply (``Detector`` mixes it in): a dodge, the answer to a question
asked, and an answer nobody asked for; the work is ``replies.py``'s, read here against a guess's clause
(``guess.py``) and the BANT topic a contract question stands for."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from qa_desk.analysis import replies
from qa_desk.analysis.guess import confirmed, guessed_clause, reports_hearsay
from qa_desk.analysis.language import Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.patterns import Cue
from qa_desk.analysis.questions import AnswerKind, bant
from qa_desk.analysis.replies import Answer
from qa_desk.analysis.reply_act import Act, read_act, read_back_figure
from qa_desk.analysis.sentence import CompiledQuestion, Sentence
from qa_desk.analysis.unmarked import asks_unmarked


@lru_cache(maxsize=8)
def topic_volunteer(topic: str) -> tuple[Cue, ...]:
    """The volunteer cues of the BANT question of ``topic`` (none for another name)."""
    return next((tuple(Cue.parse(c) for c in q.volunteer) for q in bant().questions if q.id == topic), ())


class ReplyReading:
    """Answers in a reply (see the module's doc)."""

    lang: Language
    _topic_of: dict[str, str]

    def is_evasive(self, sentences: Sequence[Sentence]) -> bool:
        """A reply that dodges (``replies.is_evasive``)."""
        return replies.is_evasive(sentences)

    def answer(
        self, cq: CompiledQuestion, sentences: Sequence[Sentence], client: bool = False,
        question: Sequence[Token] = (), bare: bool = True, context: Sequence[Token] = (), talk: int | None = None,
    ) -> Answer | None:
        """The answer to ``cq`` contained in a reply (``replies.answer``); to a guess, read against its clause,
        a bare confirmation ("Да, так.") gives the clause's value (``guess.confirmed``)."""
        clause = guessed_clause(question) if question else None
        found = replies.answer(cq.question.answer, sentences, self.lang, client, clause or question, bare, context, talk)
        if found is None and clause is not None and client and sentences and (
                any(t.text == "?" for t in question) or reports_hearsay(question) or asks_unmarked(question, self.lang)):  # not "То есть заказать нужно в этом месяце."
            value = confirmed(cq.question.answer, clause, sentences[0].tokens, self.lang)
            found = Answer(value, sentences[0].text) if value is not None else None
        if found is None and clause is not None and client and cq.question.answer is AnswerKind.MONEY:
            act = read_act(question, sentences, self.lang)  # "Вы говорили, тысяч двести … — это в силе?" — "В силе."
            back = read_back_figure(question) if act.act is Act.CONFIRM else None
            found = Answer(back, act.quote) if back is not None else None
        return found

    def volunteered(self, cq: CompiledQuestion, sentence: Sentence, turn: frozenset[str] = frozenset(),
                    handed_off: bool = False) -> Answer | None:
        """An unprompted answer to ``cq`` (``replies.volunteered``); a contract money question that stands for the
        budget and has no volunteer cues of its own takes the budget's ("Денег нет вовсе" for "какой бюджет вы
        готовы выделить на покупку техники"; a date or a person said in passing is too often another's)."""
        own = self._topic_of.get(cq.question.id) == cq.question.id  # BANT's own: a deadline, shopping around
        cues = cq.volunteer or (topic_volunteer(self._topic_of.get(cq.question.id, ""))
                                if cq.question.answer is AnswerKind.MONEY else ())
        return replies.volunteered(cq.question.answer, cues, sentence, self.lang, turn, own=own, handed_off=handed_off)
