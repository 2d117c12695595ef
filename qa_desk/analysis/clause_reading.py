"""The parts of one question sentence read on their own (a mixin of ``detect.Detector``): a sentence that bundles
questions ("сколько закладываете, и кто у вас согласует?", ``form.bundle_parts``) or, failing that, its comma clauses
(heard.py: Whisper's run-ons). A part adds a question the whole sentence did not find, or finds it more surely;
not a money question where the whole sentence counts things or a loss (siblings.py: "По объёму у вас сколько, хоть
примерно, гигов?"), nor, among comma clauses, another question of a kind the whole sentence already asks or a
money question the sentence's money head rules out."""

from __future__ import annotations

from qa_desk.analysis import contract
from qa_desk.analysis.contract import put_through
from qa_desk.analysis.form import bundle_parts
from qa_desk.analysis.heard import comma_clauses
from qa_desk.analysis.language import Language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.sentence import CompiledQuestion, Sentence
from qa_desk.analysis.siblings import no_budget

Found = dict[str, tuple[CompiledQuestion, float]]


class ClauseReading:
    """The detector's reading of a sentence's parts (see the module's doc)."""

    lang: Language
    lexicon: Lexicon
    _topic_of: dict[str, str]

    def _found(self, s: Sentence) -> Found:
        raise NotImplementedError

    def sentences(self, text: str, evasion: bool = True) -> list[Sentence]:
        raise NotImplementedError

    def _clause_hits(self, whole: Sentence, s: Sentence, found: Found) -> None:
        """Add to ``found`` what the parts of ``s`` (the sentence ``whole`` or the clause its guess puts) ask."""
        kinds = {cq.question.answer for cq, _c in found.values()}  # a comma clause adds another kind only
        clauses, heard = self._clauses(s)
        for clause in clauses:
            for qid, (cq, c) in self._found(clause).items():
                if c > found.get(qid, (cq, 0.0))[1] and not (cq.question.answer is AnswerKind.MONEY and no_budget(
                        whole.tokens, self.lang.money_heads)) and not (heard and (cq.question.answer in kinds or (
                        self._topic_of.get(qid) != qid and contract.money_misfit(cq.question.answer, whole.tokens, self.lang)))):
                    found[qid] = (cq, c)

    def _clauses(self, s: Sentence) -> tuple[list[Sentence], bool]:
        """The parts of a question sentence that bundles questions (``form.bundle_parts``) that are questions
        on their own, the last with the sentence's "?"; else its comma clauses (heard.py) and True."""
        if not s.is_question:
            return [], False
        parts = bundle_parts(s.text, self._opens_question, self._opens_yes_no)
        if heard := len(parts) < 2:
            parts = comma_clauses(s.text) if not put_through(s.lemmas) else []
        mark = "?" if s.text.rstrip().endswith("?") else ""
        out: list[Sentence] = []
        for k, part in enumerate(parts):
            clause = self.sentences(part.rstrip("?.!…,") + (mark if k == len(parts) - 1 else ""), evasion=False)
            out.extend(c for c in clause if c.is_question)
        return out, heard

    def _opens_yes_no(self, text: str) -> bool:
        """``text`` opens a yes/no question: its second word is "ли" ("всё ли устраивает")."""
        words = [t for t in self.lexicon.tokens(text) if t.is_word][:2]
        return len(words) == 2 and words[1].text.lower() == "ли"

    def _opens_question(self, text: str) -> bool:
        """``text`` opens with a question word, perhaps after a preposition ("с какого числа")."""
        words = [t for t in self.lexicon.tokens(text) if t.is_word][:2]
        if words and words[0].pos == "PREP":
            words = words[1:]
        return bool(words) and words[0].lemma in self.lang.question_words
