"""Per-sentence detection: is a question asked, does a reply answer it, with which value."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis import person, reply_act, set_content, set_everyday
from qa_desk.analysis.anaphora import requests_value
from qa_desk.analysis.by_identity import IdentityCache
from qa_desk.analysis.clause_reading import ClauseReading
from qa_desk.analysis.confirmed import pair_candidates
from qa_desk.analysis.confirmed_ids import id_candidates
from qa_desk.analysis.contract import (
    Bag,
    Example,
    bag,
    example,
    put_through,
    soft_hit,
    weak_hit,
)
from qa_desk.analysis.decision_focus import decision_unowned
from qa_desk.analysis.form import is_question
from qa_desk.analysis.form_reading import KIND_TOPICS, RULE_ONLY, FormReading
from qa_desk.analysis.framing import framed
from qa_desk.analysis.guess import (
    is_tag,
    put_to_client,
    reports_hearsay,
    restates,
)
from qa_desk.analysis.heads import elliptic, elliptic_act, party_asked, person_head
from qa_desk.analysis.heard import garbled_bar, marked
from qa_desk.analysis.language import Language, language
from qa_desk.analysis.lead_in import question_part
from qa_desk.analysis.lexicon import Lexicon, Token, split_sentences
from qa_desk.analysis.money import find_amounts, number_words
from qa_desk.analysis.money_asked import money_candidate, money_reply
from qa_desk.analysis.need_form import asks_need, bundled, counted, predicates
from qa_desk.analysis.occasion import small_talk
from qa_desk.analysis.our_acts import ours
from qa_desk.analysis.past_when import without_past_when
from qa_desk.analysis.patterns import Cue, PhraseIndex, any_cue
from qa_desk.analysis.person import DECIDE_VERBS, ROLE_ADJECTIVES, ROLE_NOUNS
from qa_desk.analysis.questions import AnswerKind, QuestionSet
from qa_desk.analysis.reply_reading import ReplyReading
from qa_desk.analysis.rhetoric import kept, unjoined
from qa_desk.analysis.rule_hits import RuleHits, sure_cue
from qa_desk.analysis.sentence import CompiledQuestion as CompiledQuestion
from qa_desk.analysis.sentence import Sentence as Sentence
from qa_desk.analysis.sentence import evades
from qa_desk.analysis.shape import reply_fits
from qa_desk.analysis.siblings import destination_who, no_budget
from qa_desk.analysis.timing import asks_when, relevant_then
from qa_desk.analysis.topics import TopicModel
from qa_desk.analysis.unmarked import arranges, chained, count_confirms, self_answered
from qa_desk.analysis.wh_focus import refocus
from qa_desk.analysis.work_who import not_decider

# The topic classifier (topics.py) on a question-form sentence: a topic this likely is asked even
# when no rule fires; a rule's hit on a topic the classifier finds less likely than the veto is dropped.
TOPIC_ASK = 0.5
TOPIC_VETO = 0.2
_VETO_TOP = 0.1  # ...unless the rule is a generic question's (need) and the classifier's likeliest topic ("всё ли устраивает?")
_BOTH = 0.95  # rule and classifier agree
# a rule's question that the classifier vetoes goes to the classifier's likeliest topic when it is this likely and this far ahead
_REDIRECT_P = 0.4
_REDIRECT_GAP = 0.15
_PROBS_KEPT = 4096  # sentences whose topic probabilities a detector keeps
_WHEN = 0.8  # a "когда" question about the client's own coming event (timing.asks_when)
_VALUE_KINDS = frozenset({AnswerKind.MONEY, AnswerKind.TIMING, AnswerKind.PERSON})  # a statement's reply gives a value
_ACK_WORDS = 2  # words of an acknowledgement before the sentence that opens a turn ("Понятно.", "Ага, ясно.")
_GUESSED = 0.9  # a guess put to the client ("правильно понимаю, что решение за вами?") whose clause asks a topic




def _topics_of(compiled: Sequence[CompiledQuestion], classes: Sequence[str]) -> dict[str, str]:
    """Question id -> classifier topic: BANT ids are topics; a contract question takes the topic of its
    answer kind (money: budget, person: authority, timing: timing) when it is the set's only one of
    that kind, also beside the topic's own question that a refusal reason added ("не ЛПР" adds authority
    to a set whose decider question is "кто принимает решение о выборе платформы")."""
    out = {cq.question.id: cq.question.id for cq in compiled if cq.question.id in classes}
    for kind, topic in KIND_TOPICS.items():
        same = [cq for cq in compiled if cq.question.answer is kind and cq.question.id not in classes]
        if topic in classes and len(same) == 1:
            out[same[0].question.id] = topic
    return out


class Detector(RuleHits, FormReading, ReplyReading, ClauseReading):
    """Compiled question set plus the lexicon; build once, reuse for every call."""

    def __init__(self, questions: QuestionSet, topics: TopicModel | None = None) -> None:
        self.lang: Language = language()
        # ASR: "плтора", "тристо", "учлендитель", "отперционный"
        vocab: set[str] = set(self.lang.vocabulary) | number_words() | ROLE_NOUNS | ROLE_ADJECTIVES | DECIDE_VERBS
        compiled: list[CompiledQuestion] = []
        probe = Lexicon(())
        for q in questions.questions:
            cues = tuple(Cue.parse(c) for c in q.cues)
            exclude = tuple(Cue.parse(c) for c in q.exclude)
            volunteer = tuple(Cue.parse(c) for c in q.volunteer)
            dominant = tuple(Cue.parse(c) for c in q.dominant)
            sure = tuple(Cue.parse(c) for c in q.sure)
            examples = tuple(self._example(probe, example) for example in q.ask)
            for cue in (*cues, *exclude, *volunteer, *dominant, *sure):
                vocab |= cue.vocabulary
            for ex in examples:
                for lemmas in ex.content:
                    vocab |= lemmas
            ask_vocab = frozenset().union(*(c.vocabulary for c in (*cues, *sure)),
                                          *(ls for ex in examples for ls in ex.content))
            compiled.append(CompiledQuestion(q, cues, examples, exclude, volunteer, dominant, ask_vocab, sure))
        self.questions: tuple[CompiledQuestion, ...] = tuple(compiled)
        self._by_id = {cq.question.id: cq for cq in compiled}
        self._deal: frozenset[str] = frozenset().union(*(cq.ask_vocabulary for cq in compiled))  # occasion.py
        self._topic_of = _topics_of(compiled, topics.classes if topics is not None else ())
        self.topics = topics if self._topic_of else None
        self._need = next((cq for cq in compiled if self._topic_of.get(cq.question.id) == "need"), None)
        self._need_verbs = predicates((*self._need.cues, *self._need.sure), self.lang, lambda w: next(
            (t.pos for t in probe.tokens(w)), "")) if self._need else frozenset()
        self._evasions = PhraseIndex(self.lang.evasions)
        self._probs: dict[tuple[str, ...], dict[str, float]] = {}  # a sentence's topic probabilities, asked again and again
        self._rules_kept: dict[int, tuple[Sentence, tuple[CompiledQuestion, ...]]] = {}  # _rule_hits of the last sentences
        self._topic_probs = IdentityCache[Sentence, dict[str, float]](_PROBS_KEPT).bound(self._topic_probabilities)
        # every contract question (a BANT question is its topic's own) is also matched by its words, one the
        # classifier stands for by its answer kind ("когда истекает договор" as timing) included
        self._bags = [self._bag(probe, cq) for cq in compiled
                      if self._topic_of.get(cq.question.id) != cq.question.id and cq.examples]
        self._bags = set_everyday.derive(set_everyday.interrogative(  # each set noun's everyday words, from the vectors
            self._bags, {cq.question.id: cq.question.ask for cq in compiled}, probe.tokens))
        self.lexicon = Lexicon(w for w in vocab if w.isalpha())

    def _bag(self, probe: Lexicon, cq: CompiledQuestion) -> Bag:
        """A contract question's bag (contract.py): its phrasings and its title as said (a field name's units spoken,
        set_content.spoken_title), with the question words of both ("Кого ищете?" asks who as its phrasings may not)."""
        title = set_content.spoken_title(cq.question.title)
        said = self._example(probe, title)
        head = [self._example(probe, title.split(":")[0])] if ":" in title else []  # "Крыша: материал и площадь": крыша
        return bag(cq.question.id, *set_content.phrasings((*cq.question.ask, title), probe.tokens, self.lang,
                                                          [ex.content for ex in (*cq.examples, said, *head)]),
                   frozenset().union(*(ex.question_words for ex in (*cq.examples, said))), self.lang, cq.question.answer,
                   set_content.thresholded(cq.question.ask, probe.tokens))

    def _example(self, probe: Lexicon, text: str) -> Example:
        return example(probe.tokens(text), self.lang)

    def question(self, qid: str) -> CompiledQuestion:
        return next(cq for cq in self.questions if cq.question.id == qid)

    # --- sentences -----------------------------------------------------------------------
    def sentences(self, text: str, evasion: bool = True) -> list[Sentence]:
        """``text`` cut into sentences, each read once: its tokens, is it a question, does it dodge (unless not
        ``evasion``: the manager's turns in stereo and a question's clauses, whose dodge nothing reads)."""
        out: list[Sentence] = []
        for part in split_sentences(text):
            tokens = tuple(self.lexicon.tokens(part))
            if not any(t.is_word or t.is_digit for t in tokens):
                continue
            lemmas = frozenset().union(*(t.lemmas for t in tokens))
            evasive = evasion and (evades(self._evasions, tokens, lemmas) or reply_act.dodges(tokens, part))  # "Да потом…"
            opens = all(sum(t.is_word for t in o.tokens) <= _ACK_WORDS for o in out)  # after acknowledgements only
            out.append(Sentence(part, tokens, lemmas, is_question(tokens, lemmas, self.lang, part, opens), evasive))
        for i in range(len(out) - 1):  # "Олег сказал, что решение за вами. Так?": the tag makes the guess a question
            if not out[i].is_question and is_tag(out[i + 1].tokens) and put_to_client(out[i].tokens):
                out[i] = Sentence(out[i].text, out[i].tokens, out[i].lemmas, True, out[i].is_evasive)
            if out[i].is_question and not out[i + 1].is_question and chained(out[i + 1].tokens, self.lang):
                out[i + 1] = Sentence(out[i + 1].text, out[i + 1].tokens, out[i + 1].lemmas, True, out[i + 1].is_evasive)
        return out

    def words_of(self, text: str) -> list[Token]:
        """The tokens of ``self.sentences(text)``, without reading the sentences (is it a question, does it dodge)."""
        out: list[Token] = []
        for part in split_sentences(text):
            tokens = self.lexicon.tokens(part)
            if any(t.is_word or t.is_digit for t in tokens):
                out.extend(tokens)
        return out

    # --- asked -----------------------------------------------------------------------------
    def asked(self, sentences: Sequence[Sentence]) -> list[tuple[CompiledQuestion, Sentence]]:
        """(question, first sentence asking it) for each question asked in ``sentences``."""
        return [(cq, s) for cq, s, _c in self.asked_scored(sentences)]

    def asked_scored(self, sentences: Sequence[Sentence], before: Sequence[Sequence[Token]] = (),
                     ) -> list[tuple[CompiledQuestion, Sentence, float]]:
        """(question, first sentence asking it, confidence): the rules, checked and extended by the classifier;
        ``before``: the sentences said just before (the previous turns), where a pronoun may point."""
        out: list[tuple[CompiledQuestion, Sentence, float]] = []
        for k, whole in enumerate(sentences):
            found, s = self._read(k, whole, sentences, before)
            hits = [(cq, s, c) for cq, c in found.values()]
            # framing.py: the clause that asks, without the frame of a long turn, where the whole sentence found
            # nothing or only the generic question ("…, наверное, хирурги тоже хотят своё слово сказать": need)
            core_of = None if any(not cq.question.generic for cq, _c in found.values()) else framed(whole, self.lexicon, self.lang)
            if core_of is not None:
                more, core = self._read(k, core_of, sentences, before, whole)
                hits.extend((cq, core, c) for qid, (cq, c) in more.items() if qid not in found)
            out.extend(hit for hit in hits if all(hit[0] is not seen for seen, _s, _c in out))
        return out

    def _read(self, k: int, s: Sentence, sentences: Sequence[Sentence], before: Sequence[Sequence[Token]],
              whole: Sentence | None = None) -> tuple[dict[str, tuple[CompiledQuestion, float]], Sentence]:
        """The questions the ``k``-th of ``sentences`` (or of its clause ``s``, framing.py) asks, and the sentence that asks them."""
        said = s
        s = read = without_past_when(unjoined(s, self.lang))  # past_when.py; rhetoric.py: "…приходят, когда пациенты жалуются, — у вас похожая история"
        s = read = question_part(s, self.lexicon, self.lang) or s  # lead_in.py: "Уточню по дате: … когда приходит?"
        if k == len(sentences) - 1 and (self._reported_value(s) or requests_value(s.tokens)):
            s = Sentence(s.text, s.tokens, s.lemmas, True, s.is_evasive)  # "Дарья назвала срок, к концу мая."
        if "?" not in s.text and restates(s.tokens) and any(later.is_question for later in sentences[k + 1:]):
            return {}, s  # "Понятно, то есть к апрелю вам надо переехать. А по деньгам…": read back, then moved on
        if arranges(s.tokens, s.text, self.lang) or k + 1 < len(sentences) and not sentences[k + 1].is_question and (
                self_answered(s.tokens, sentences[k + 1].tokens)):
            return {}, s  # unmarked.py: "ставлю в сентябре вам набрать, хорошо?", "Может, когда накопите...": ours
        guess = self._guessed(s)  # guess.py: the clause a guess puts to the client, without its frame
        found = self._found(guess or s)
        self._when(guess or s, found)
        self._time_form(guess or s, found)
        if guess is None:  # a guess at his situation is read by situation.py
            self._need_form(s, found)
        if guess is not None:
            self._counted(guess, found)
        if guess is not None and not found and not reports_hearsay(s.tokens):  # a guess (not a reminder of what
            # he said: "вы писали, камеру ищете") that asks nothing else: his needing the thing it names
            self._need_form(guess, found)  # ("вам нужен не просто корм, а …, правильно?")
        if guess is not None and self._situation_guess(s, guess, found) and not self._party(guess):
            found = {}  # a guess at his situation that names no topic by its words: need (below)
        elif guess is not None and not found and not self._anchor(guess, found):
            guess, found = None, self._found(self._core(s))  # the clause alone asks nothing: the whole sentence
        elif guess is not None and not restates(s.tokens):  # a guess put to the client asks its clause's
            # topic surely (a contract question the soft match finds in the clause stays as sure as it was)
            found = {qid: (cq, max(c, _GUESSED) if qid in self._topic_of else c) for qid, (cq, c) in found.items()}
        self._clause_hits(s, guess or s, found)  # clause_reading.py: "сколько закладываете, и кто у вас согласует?"
        if not found and s.is_question:  # "Её вы могли бы назвать?": read with what "её" stands for
            found, s = self._antecedent(s, [*before, *(x.tokens for x in sentences[:k])])
        if not found and k and not sentences[k - 1].is_question and s.is_question and (
                elliptic(s.tokens, self.lang) or elliptic_act(s.tokens, self.lang)):
            # heads.py: "…нужно чьё-то согласование. Чьё именно?": read with the statement it asks about
            prev = sentences[k - 1]
            s = Sentence(f"{prev.text} {s.text}", (*prev.tokens, *s.tokens), prev.lemmas | s.lemmas, True, s.is_evasive)
            found = self._found(s)
        if not found:
            found = self._redirected(guess or s) or self._figure_put(guess or s)
            if not found and (situation := self._situation(s)) and not counted(s.tokens):
                found = situation
        found = refocus(whole or guess or s, found, self._topic_of, self._need, self.lang)  # wh_focus.py: what its question word asks
        if found and small_talk((guess or s).tokens, self.lang, self._deal):  # without the guess's frame ("насколько я помню")
            found = {}  # occasion.py: a holiday, a trip, an errand of ours ("Когда вам скинуть адрес?")
        found = kept(sentences, k, guess or s, found, self._topic_of, lambda x: {cq.question.id for cq in self._rule_hits(x)},
                     self.lang, {q for q, (cq, _c) in found.items() if cq.question.answer is AnswerKind.TIMING})  # rhetoric.py
        return found, said if s.text == read.text else s

    def _when(self, s: Sentence, found: dict[str, tuple[CompiledQuestion, float]]) -> None:
        """A whole question sentence that asks when the client's own event comes ("А переезжать когда думаете?",
        "А переезд-то когда", ``timing.asks_when``) or whether it is worth taking up at a time to come ("А в марте
        это будет актуально?", ``timing.relevant_then``) asks the timing, unless the classifier finds it unlikely."""
        when = next((cq for cq in self.questions if self._topic_of.get(cq.question.id) == "timing"), None)
        if (when is None or when.question.id in found or not s.is_question or any_cue(when.exclude, s.lemmas) is not None
                or not (asks_when(s.tokens, self.lang) or relevant_then(s.tokens, self.lang))):
            return
        if self.topic_probabilities(s).get(when.question.id, 0.0) >= TOPIC_VETO:
            found[when.question.id] = (when, _WHEN)

    def _need_form(self, s: Sentence, found: dict[str, tuple[CompiledQuestion, float]]) -> None:
        """A yes/no on needing, changing or looking for the thing asks the need ("Отопление менять будете?", need_form.py)."""
        cq = self._need
        if cq is not None and cq.question.id not in found and any_cue(cq.exclude, s.lemmas) is None and not restates(
                s.tokens) and self.needs_by_predicate(s):
            found[cq.question.id] = (cq, _WHEN)

    def _redirected(self, s: Sentence) -> dict[str, tuple[CompiledQuestion, float]]:
        """A question the rules take for one topic that the classifier vetoes while it finds another topic
        clearly likeliest ("вам это как, актуально вообще?": the words of urgency, the classifier's need):
        the classifier's topic, as a rule-only hit."""
        probs = self.topic_probabilities(s)
        if self.topics is None or not probs or not self._rule_hits(s):
            return {}
        ranked = sorted(self.topics.probabilities(marked(s.tokens)).values(), reverse=True)  # "none" included
        tops = [qid for qid, p in probs.items() if p == ranked[0] and qid in self._by_id]
        best = next((qid for qid in tops if self._topic_of.get(qid) == qid), tops[0] if tops else None)  # BANT's own first
        if best is None or ranked[0] < _REDIRECT_P or ranked[0] - ranked[1] < _REDIRECT_GAP or self._topic_of.get(
                best) == "authority" and decision_unowned(s.tokens, DECIDE_VERBS, ROLE_NOUNS):
            return {}
        return {best: (self._by_id[best], RULE_ONLY)}

    def _found(self, s: Sentence) -> dict[str, tuple[CompiledQuestion, float]]:
        """Question id -> (question, confidence) for the questions one sentence asks."""
        probs = self.topic_probabilities(s)
        top = max(probs.values(), default=0.0)
        found: dict[str, tuple[CompiledQuestion, float]] = {}
        bar = garbled_bar(s.tokens, TOPIC_ASK) if probs else TOPIC_ASK  # heard.py: lower in Whisper's noise
        unowned = decision_unowned(s.tokens, DECIDE_VERBS, ROLE_NOUNS)  # decision_focus.py: «сознательное решение?»
        for cq in self._rule_hits(s):
            p = probs.get(cq.question.id)
            if unowned and self._topic_of.get(cq.question.id) == "authority":
                continue
            if p is None:
                found[cq.question.id] = (cq, self.asks(cq, s))
            elif (p >= TOPIC_VETO * bar / TOPIC_ASK or cq.question.generic and p >= _VETO_TOP and p == top
                  or cq.question.answer is AnswerKind.MONEY and find_amounts(s.tokens)
                  or self._sure(cq, s, probs, bar)):
                # a figure put to the client ("до трёхсот тысяч уложимся?") outweighs the classifier's doubt
                found[cq.question.id] = (cq, max(p, _BOTH) if p >= TOPIC_ASK else RULE_ONLY)
        for qid, p in probs.items():
            if p >= bar and qid not in found and qid in self._by_id and (
                    self._topic_of[qid] != "authority" or person_head(s.tokens, self.lang, ROLE_NOUNS)
                    and not not_decider(s.tokens, self.lang) and not unowned) and not (
                    self._by_id[qid].question.generic and self._unaddressed(s)) and (  # "Или частями: сейчас половину?"
                    not self._by_id[qid].question.generic or any_cue(self._by_id[qid].exclude, s.lemmas) is None
                    or bundled(s.tokens, self.lang)):
                # the generic question's veto holds for the classifier too ("сколько руководителей у вас?"), unless bundled
                found[qid] = (self._by_id[qid], p)  # heads.py: "ещё набирать будете?" asks no person
        who = next((cq for cq in self.questions if self._topic_of.get(cq.question.id) == "authority"), None)
        if who is not None and who.question.id not in found and s.is_question and not unowned and self._party(s):
            found[who.question.id] = (who, person.PROPOSED_ASK)  # "А подрядчика выбирает управляющая?"
        if s.is_question and all(c < 1.0 for qid, (_cq, c) in found.items() if qid not in self._topic_of):
            # an untopical contract question matched by an example's words only: the soft match decides
            soft = soft_hit(self._bags, s.tokens, s.lemmas, self.lang)
            if soft:
                found = {qid: hit for qid, hit in found.items() if qid in self._topic_of}
                found.update({qid: (self._by_id[qid], c) for qid, c in soft if qid not in found})
        if put_through(s.lemmas, s.tokens):  # "я могу поговорить с кем-то, кто отвечает за транспорт?"
            found = {qid: hit for qid, hit in found.items() if self._topic_of.get(qid) == qid}
        return found

    def _party(self, s: Sentence) -> bool:
        """A question that names who decides ("А подрядчика выбирает управляющая?", person.proposes_decider) or asks
        about one party's say ("апрувите это вы?", "закрывает маркетинг, а не вы лично?", heads.party_asked)."""
        return person.proposes_decider(s.tokens) or party_asked(s.tokens, self.lang, ROLE_NOUNS, DECIDE_VERBS) or destination_who(s.tokens)

    def _sure(self, cq: CompiledQuestion, s: Sentence, probs: dict[str, float], bar: float) -> bool:
        """One of the question's sure cues asks it ("а вас нынешний подрядчик устраивает?": a frame of
        (dis)satisfaction or of a reason to change is a need question in any words) and the classifier
        finds no other topic likely."""
        if not sure_cue(cq, s.lemmas):
            return False
        own = self._topic_of.get(cq.question.id)
        return all(p < bar for qid, p in probs.items() if self._topic_of.get(qid) != own)

    def weak_asks(self, sentences: Sequence[Sentence], hits: Sequence[tuple[CompiledQuestion, Sentence, float]],
                  ) -> list[tuple[CompiledQuestion, Sentence, float]]:
        """Contract questions that question sentences asking nothing else may ask (contract.weak_hit):
        asked only when the client's reply confirms them (shape.reply_fits)."""
        taken = {cq.question.id for cq, _s, _c in hits}
        busy = {s.text for _cq, s, _c in hits}
        out = []
        for k, s in enumerate(sentences):
            weak = weak_hit(self._bags, s.tokens, s.lemmas, self.lang) if s.is_question and s.text not in busy else []
            if not weak and k and s.is_question and s.text not in busy and not sentences[k - 1].is_question and elliptic_act(
                    s.tokens, self.lang):  # "Инженер к вам приедет… Примете гостя?": read with the statement before (heads.py)
                prev = sentences[k - 1]
                weak = weak_hit(self._bags, (*prev.tokens, *s.tokens), prev.lemmas | s.lemmas, self.lang)
            if not weak and s.is_question:  # beside another question too ("вы его продлевать будете?")
                weak = self._headless_who(s)
            for qid, score in weak:
                if qid not in taken:
                    taken.add(qid)
                    out.append((self._by_id[qid], s, score))
        out.extend(money_candidate(self.questions, self._topic_of, sentences, hits, taken, out))  # money_asked.py
        if not hits:  # form_reading.py: a statement the client's reply is to confirm ("Окончательное слово за ним.")
            out.extend(stated := self._stated(sentences, taken))
            taken |= {cq.question.id for cq, _s, _c in stated}
        out.extend(pair_candidates(self.questions, self._topic_of, sentences, hits, taken))  # confirmed.py: by the reply
        out = id_candidates(self.questions, self._topic_of, sentences, taken, out)  # confirmed_ids.py: contract ids
        return [hit for hit in out if not ours(hit[1].tokens, hit[1].text)]  # our_acts.py: our advice, request, visit

    def _headless_who(self, s: Sentence) -> list[tuple[str, float]]:
        """The decider question the classifier alone reads into a sentence with no person head (heads.py: "А дальше
        ещё набирать будете?"): only a candidate, asked when the client's reply names someone."""
        if person_head(s.tokens, self.lang, ROLE_NOUNS):
            return []
        bar = garbled_bar(s.tokens, TOPIC_ASK)
        return [(qid, p) for qid, p in self.topic_probabilities(s).items()
                if p >= bar and self._topic_of[qid] == "authority" and qid in self._by_id]

    def reply_confirms(self, cq: CompiledQuestion, question: Sentence, reply: Sequence[Sentence], by_reply: bool = False) -> bool:
        """The client's reply has the shape of an answer to ``cq`` (a weakly matched question); to a statement
        (unmarked.py), also a reply the answer reading takes for a figure, a date or a person ("Нет. На этот год денег
        на неё не выделяли" to "Деньги на машину в итоге выделили."); ``by_reply`` (money_asked.py): a sum of money."""
        if by_reply:
            return money_reply(question.tokens, [s.tokens for s in reply])
        if reply_fits(cq.question.answer, question.tokens, [s.tokens for s in reply], self.lang):
            return True
        return not question.is_question and (count_confirms(question.tokens, [s.tokens for s in reply]) or cq.question.answer
                                             in _VALUE_KINDS and self.answer(cq, reply, True, question.tokens, False) is not None)

    def needs_by_predicate(self, s: Sentence) -> bool:
        """``s`` asks the need as a yes/no with one of the set's need predicates (need_form.py): in the set's words."""
        return self._need is not None and s.is_question and asks_need(s.tokens, self.lang, self._need_verbs)

    def chats(self, sentences: Sequence[Sentence]) -> bool:
        """A question in ``sentences`` about an event that is no part of the deal (occasion.py)."""
        return any(s.is_question and small_talk(s.tokens, self.lang, self._deal) for s in sentences)

    def excluded(self, qid: str, sentences: Sequence[Sentence]) -> bool:
        """A question in ``sentences`` that the question ``qid`` excludes (its trap: "когда перезвонить")."""
        cq = self._by_id[qid]
        return any(s.is_question and any_cue(cq.exclude, s.lemmas) is not None for s in sentences)

    def topic_probabilities(self, s: Sentence) -> dict[str, float]:
        """Per question id, the classifier's probability of its topic ({} without a classifier or "?"); read once per
        (frozen) sentence, a copy handed out."""
        return dict(self._topic_probs(s))

    def _topic_probabilities(self, s: Sentence) -> dict[str, float]:
        if self.topics is None or not s.is_question:
            return {}
        key = tuple(t.text for t in s.tokens)
        probs = self._probs.get(key)
        if probs is None:
            if len(self._probs) > _PROBS_KEPT:
                self._probs.clear()
            probs = self._probs[key] = self.topics.probabilities(marked(s.tokens))  # heard.py: the "?" Whisper dropped
        lost = no_budget(s.tokens, self.lang.money_heads)  # siblings.py: "сколько потеряли?", "сколько гигов?"
        return {qid: 0.0 if lost and topic == "budget" else probs[topic] for qid, topic in self._topic_of.items()}
