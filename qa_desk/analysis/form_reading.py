"""How the form of a question sentence points to its topic: a guess put to the client, a situation
question, a pronoun for an earlier noun, a reported value (guess.py, situation.py, anaphora.py, read by the
detector). A mixin of ``detect.Detector``: it relies on the detector's compiled questions and matching."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis import situation
from qa_desk.analysis.anaphora import resolved
from qa_desk.analysis.guess import (
    anchor_kinds,
    counted_nouns,
    guessed_clause,
    reports_hearsay,
    without_purpose,
)
from qa_desk.analysis.language import WE, YOU, Language
from qa_desk.analysis.lexicon import QUESTION_MARK, Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.patterns import any_cue
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.sentence import CompiledQuestion, Sentence
from qa_desk.analysis.siblings import counts_not_money
from qa_desk.analysis.time_form import asks_time
from qa_desk.analysis.unmarked import stated_to_client

KIND_TOPICS = {AnswerKind.MONEY: "budget", AnswerKind.PERSON: "authority", AnswerKind.TIMING: "timing"}
RULE_ONLY = 0.65  # confidence of a rule's hit that the classifier doubts (shown as "возможно")
_TIME_FORM = 0.8  # timing asked by the question's form (time_form.py): a choice of times, a time put last, a date noun
_STATED = 0.8  # a statement the client's reply confirms as a question (unmarked.stated_to_client)
_SITUATION = 0.8  # a question about the client's present situation that asks no other topic (situation.py): need
# a situation question the classifier reads as another BANT topic this likely and this far ahead of need asks no need
_OTHER_P = 0.35
_OTHER_GAP = 0.15
_OTHER_TOP = 0.5  # (the classifier's ask bar: above it the topic would have been asked unless the grammar refused it)
Found = dict[str, tuple[CompiledQuestion, float]]


class FormReading:
    """The detector's reading of a question's form (see the module's doc)."""

    questions: tuple[CompiledQuestion, ...]
    lang: Language
    _topic_of: dict[str, str]

    def _found(self, s: Sentence) -> Found:
        raise NotImplementedError

    def _rule_hits(self, s: Sentence) -> list[CompiledQuestion]:
        raise NotImplementedError

    def topic_probabilities(self, s: Sentence) -> dict[str, float]:
        raise NotImplementedError

    def _antecedent(self, s: Sentence, before: Sequence[Sequence[Token]],
                    ) -> tuple[Found, Sentence]:
        """A question whose pronoun stands for an earlier noun (anaphora.py), read with the nearest one that makes
        it ask a question (not the generic need; a BANT topic only by the noun's words: "как она вам?" is no
        decider question because "у кого" stood before it); the sentence so read (its text as said)."""
        for tokens, phrase in resolved(s.tokens, before):
            read = Sentence(s.text, tokens, frozenset().union(*(t.lemmas for t in tokens)), True, s.is_evasive)
            found = {qid: (cq, c) for qid, (cq, c) in self._found(read).items()
                     if not cq.question.generic and (self._topic_of.get(qid) != qid or not phrase.isdisjoint(cq.ask_vocabulary))}
            if not found:
                self._time_form(read, found)  # "…нужна дата открытия. Её можете назвать?"
            if found:
                return found, read
        return {}, s

    def _core(self, s: Sentence) -> Sentence:
        """A guess without its closing purpose clause (``guess.without_purpose``)."""
        end = without_purpose(s.tokens)
        if end == len(s.tokens):
            return s
        tokens = (*s.tokens[:end], *(t for t in s.tokens[end:] if t.text == "?"))
        return Sentence(s.text, tokens, frozenset().union(*(t.lemmas for t in tokens)), s.is_question, s.is_evasive)

    def _situation_guess(self, s: Sentence, guess: Sentence, found: Found) -> bool:
        """A guess at the client's situation ("правильно ли я понимаю, что вы ищете банк для зарплатного проекта?",
        "…полисы оформляются в разные даты?") whose clause asks no topic by its words nor by an anchor: the topics
        the classifier alone finds in it ("зарплатный": budget) are its circumstances, not what it asks."""
        if situation.kind(s.tokens, s.text) != "guess" or anchor_kinds(guess.tokens, self.lang):
            return False
        ruled = {cq.question.id for cq in self._rule_hits(guess)}
        return bool(found) and ruled.isdisjoint(found) and all(self._topic_of.get(qid) == qid != "need" for qid in found)

    def _situation(self, s: Sentence) -> Found:
        """A question about the client's present situation that asks nothing else (situation.py): need."""
        cq = next((c for c in self.questions if self._topic_of.get(c.question.id) == "need"), None)
        if cq is None or any_cue(cq.exclude, s.lemmas) is not None or not situation.asks(s.tokens, s.text, s.is_question):
            return {}
        probs = self.topic_probabilities(s)  # his situation as another topic sees it: "юристы имеют право вето, или …"
        other = max((qid for qid in probs if self._topic_of.get(qid) == qid in ("authority", "timing")),
                    key=probs.__getitem__, default=None)  # a likelier reading the grammar turned down vetoes nothing
        if other is not None and _OTHER_P <= probs[other] < _OTHER_TOP and probs[other] - probs.get(cq.question.id, 0.0) >= _OTHER_GAP:
            return {}  # the classifier reads another topic clearly likelier: no need (and no guess at the other)
        return {cq.question.id: (cq, _SITUATION)}

    def _figure_put(self, s: Sentence) -> Found:
        """A question that puts sums of money to the client and asks nothing else ("вы на полмиллиона рассчитываете
        или там ближе к миллиону?", "в районе трёхсот тысяч уложитесь?"): the money question. Addressed to him
        ("вы", "ваш"), not about ours ("мы", "наш": our price put to him is a statement of ours)."""
        cq = next((c for c in self.questions if c.question.answer is AnswerKind.MONEY), None)
        if cq is None or not s.is_question or any_cue(cq.exclude, s.lemmas) is not None or not find_amounts(s.tokens):
            return {}
        if not any(t.lemma in YOU for t in s.tokens) or any(t.lemma in WE for t in s.tokens) or counts_not_money(
                s.tokens, self.lang.money_heads):
            return {}  # siblings.py: "Камер у вас сколько, сотня, две?" puts a count, not a sum
        return {cq.question.id: (cq, RULE_ONLY)}

    def _time_form(self, s: Sentence, found: Found) -> None:
        """A question that asks when by its form (time_form.py: "прям сейчас или на потом?", "это в этом году или
        подальше?", "Дату открытия можете назвать?") and asks no other question of the set by its words: the timing question
        (added to ``found``), instead of the need the classifier or the situation reading may take it for."""
        cq = next((c for c in self.questions if self._topic_of.get(c.question.id) == "timing"), None)
        if cq is None or cq.question.id in found or not s.is_question or any_cue(cq.exclude, s.lemmas) is not None:
            return
        others = [qid for qid, (c, _conf) in found.items() if not c.question.generic]
        if others and (any(self._topic_of.get(qid) != qid for qid in others) or find_amounts(s.tokens) or not {
                c.question.id for c in self._rule_hits(s)}.isdisjoint(others)):  # a BANT topic the classifier alone
            # found yields to the form, unless a sum of money is said ("вы готовы вложить до полумиллиона")
            return  # ("Какие у вас временные рамки на весь проект": budget by the classifier, timing by the form)
        if not asks_time(s.tokens, self.lang):
            return
        found.clear()
        found[cq.question.id] = (cq, _TIME_FORM)

    def _unaddressed(self, s: Sentence) -> bool:
        """A sentence with no predicate, no question word and nothing that names the client ("вы", "ваш", a
        second-person verb): an offer of ours ("А может, меньший объём? Или частями: сейчас половину, после посевной
        ещё?") or a read-back, which the classifier alone does not make a question about his need."""
        words = [t for t in s.tokens if t.is_word]
        return not any(t.pos in ("VERB", "INFN", "PRED", "PRTS") or "ADJS" in t.tags
                       or t.lemma.split("-")[0] in self.lang.question_words  # "что-нибудь", as Whisper heard "что не"
                       or not t.lemmas.isdisjoint(self.lang.question_words)  # "чём на идее?": "чем моете?" as heard
                       or not t.lemmas.isdisjoint(YOU) or "2per" in t.tags or t.text.lower() in ("есть", "нет")
                       for t in words)

    def _reported_value(self, s: Sentence) -> bool:
        """A turn that ends by reporting a value someone gave ("Дарья назвала срок, к концу мая.", "Олег говорил,
        что бюджет у вас тысяч триста."): the client is to confirm or correct it, a question without its "?"."""
        if s.is_question or not reports_hearsay(s.tokens):
            return False
        clause = guessed_clause(s.tokens, s.text)
        return clause is not None and bool(anchor_kinds(clause, self.lang) - {AnswerKind.PERSON})

    def _guessed(self, s: Sentence) -> Sentence | None:
        """The clause a guess or confirmation puts to the client (``guess.guessed_clause``) as a question."""
        clause = guessed_clause(s.tokens, s.text) if s.is_question else None
        if clause is None:
            return None
        return Sentence(" ".join(t.text for t in clause), tuple(clause), frozenset().union(*(t.lemmas for t in clause)),
                        True, s.is_evasive)

    def _anchor(self, guess: Sentence, found: Found) -> bool:
        """A guessed clause that asks nothing by its words: its anchor (a time, "за вами", a figure) asks its
        kind's question, not need (added to ``found``; whether one did)."""
        for kind in anchor_kinds(guess.tokens, self.lang):
            cq = next((c for c in self.questions if self._topic_of.get(c.question.id) == KIND_TOPICS[kind]), None)
            if cq is not None:
                found[cq.question.id] = (cq, RULE_ONLY)
        return bool(found)

    def _counted(self, guess: Sentence, found: Found) -> None:
        """A guessed count ("Артём сказал, у вас шесть клубов, правильно?") asks the count question about its
        noun ("сколько клубов в сети"), not another question that names the noun ("новые клубы открываете?")."""
        counted = counted_nouns(guess.tokens)
        counts = [cq for cq in self.questions if not counted.isdisjoint(cq.ask_vocabulary)
                  and any("сколько" in ex.question_words for ex in cq.examples)]
        if counts:
            for qid in [qid for qid, (cq, _c) in found.items() if not counted.isdisjoint(cq.ask_vocabulary)]:
                del found[qid]
            found.update({cq.question.id: (cq, RULE_ONLY) for cq in counts})

    def _stated(self, sentences: Sequence[Sentence], taken: set[str]) -> list[tuple[CompiledQuestion, Sentence, float]]:
        """A turn that ends in a statement with no question form, put to the client (``unmarked.stated_to_client``:
        "Окончательное слово за ним.", "Деньги на машину в итоге выделили."), whose words ask a topic when read with
        its "?": candidates (not the generic need) that only the client's reply confirms (``Detector.reply_confirms``)."""
        last = sentences[-1] if sentences else None
        if last is None or last.is_question or not stated_to_client(last.tokens, self.lang):
            return []
        read = Sentence(last.text, (*last.tokens, QUESTION_MARK), last.lemmas | {"?"}, True, last.is_evasive)
        return [(cq, last, c * _STATED) for qid, (cq, c) in self._found(read).items()
                if qid not in taken and not cq.question.generic]
