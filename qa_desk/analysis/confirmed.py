"""A question put as a guess, a story's end or a situation fact, decided by the client's reply (dialogue structure).

A manager often asks by saying what he supposes and letting the client confirm, correct or tell more: «небось,
своё не довезли, так? Или поставщик подвёл», «я так понимаю, у вас без совета директоров обходится», «я
подозреваю, у вас та же головная боль», «по идее, сейчас самое время докупать», «у вас что-то похожее было, или я
фантазирую». Without a «?» (as Whisper writes it) or in words no cue knows, the line alone asks nothing; the PAIR
does: the turn's last sentence put to the client (``put``) is a candidate for each BANT topic, and the reply decides
which one it asked (``pair_topic``):

- authority: the reply names who decides, and our line names a party or a say (a role, «подпись», «решать»);
- timing: the reply gives a date of the purchase, and our line has a time («время», «к сезону», «на год»);
- budget: the reply gives a sum of money with a scale, and our line names money;
- need: the reply describes a problem (a pain of the set-free vocabulary, a negated state: «не хватает», «не
  выдержал»), or our line supposes a trouble («не всё гладко», «та же головная боль», «что-то похожее») and the
  reply takes it up with substance.

A reply that only agrees («Да.», «Да, хорошо.») decides nothing, so a plain statement of ours followed by «да»
stays no question. Candidates are only that: asked (as "возможно") when the reply decides their topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from qa_desk.analysis import situation
from qa_desk.analysis.guess import frame_span, guessed_clause, is_tag, reports_hearsay, restates
from qa_desk.analysis.language import CALL_VERBS, WE, YOU
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.money_asked import money_reply
from qa_desk.analysis.person import DECIDE_VERBS, ROLE_NOUNS
from qa_desk.analysis.sentence import CompiledQuestion, Sentence

if TYPE_CHECKING:
    from qa_desk.analysis.detect import Detector


class _ByPair(float):
    """A candidate's score that marks it as this module's."""


BY_PAIR: float = _ByPair(0.6)
_TOPICS = ("authority", "timing", "budget", "need")  # the order a reply decides in
_LAST = 2  # sentences at a turn's end that may put the guess
_SUBSTANCE = 4  # content words of a reply that takes a supposed trouble up
# a closed class: the speaker's doubt of his own guess («или я фантазирую / ошибаюсь»), the same trouble as a story's
_SAME = frozenset({"похожий", "такой", "тот", "подобный", "аналогичный", "тоже", "также"})
# predicates whose negation is no trouble: knowing, saying, needing, wanting, a denial of a trouble
_NOT_TROUBLE = frozenset({"знать", "помнить", "мочь", "сказать", "говорить", "надо", "нужно", "нужный", "хотеть",
                          "думать", "понимать", "ошибаться", "жаловаться", "беспокоить", "мешать", "волновать",
                          "решать", "лезть", "быть", "планировать", "собираться", "готовый", "против", "спорить",
                          "торопиться", "спешить", "обязательно", "важно", "страшно", "проблема", "бояться"})
_PARENTHESES = frozenset({("по", "идее"), ("скорее", "всего"), ("мне", "кажется"), ("я", "думаю"), ("как", "правило")})
_PREFIXES = ("по", "за", "рас", "раз", "вы", "с", "у", "про", "при", "на", "пере", "от", "из", "под")
_ME = frozenset({"я", "мой"})
# question words that ask a figure, a time, a place, a person: their questions are the rules' («как у вас с этим» stays)
_WH = frozenset({"сколько", "когда", "кто", "чей"})
_ASKING = frozenset({"что", "где", "куда", "откуда", "почему", "зачем", "какой", "каков", "который", "чем"})
_OPENING = 3  # words of the guessed clause where a question word opens its question
_WONDER = frozenset({"интересно", "любопытно"})
# the call itself, our papers and small talk (situation.py's list less the deal's own terms: «договор на год»)
_CALL = CALL_VERBS | frozenset({"звонок", "письмо", "почта", "сайт", "номер", "телефон", "заявка", "ссылка", "сообщение",
                                "презентация", "каталог", "прайс", "кп", "образец", "минута", "минутка", "погода",
                                "праздник", "отпуск", "выходной", "настроение"})
_BAD = frozenset({"плохо", "плохой", "худой"})
_TIME = frozenset({"время", "пора", "срок", "сезон", "год", "месяц", "квартал", "неделя", "весна", "лето", "осень",
                   "зима", "скоро", "уже"})
_MONEY = frozenset({"сумма", "деньги", "бюджет", "лимит", "смета", "рубль", "тысяча", "миллион", "стоить", "платить"})
_PARTY = ROLE_NOUNS | DECIDE_VERBS | {"наверх", "подпись", "согласование"}


def by_pair(score: float) -> bool:
    """``score`` is this module's candidate's: asked only when the reply decides its topic."""
    return isinstance(score, _ByPair)


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.is_word]


def _ours(words: Sequence[Token]) -> bool:
    """Our side speaks of itself: «мы», «я», «наш», «у нас», «мне», a first-person verb; not «с нами» (his with us)."""
    return any((t.lemma in WE or t.lemma in _ME) and "ablt" not in t.tags or "1per" in t.tags for t in words)


def _frame_end(s: Sentence, low: Sequence[str]) -> int:
    """The token where a guess's frame ends («я подозреваю,», «мне кажется,», «по идее,», «Вот мне интересно,»): the
    words before it are the frame's, 0 without one."""
    span = frame_span(s.tokens)
    end = span[1] if span else 0
    words = [i for i, t in enumerate(s.tokens) if t.is_word]
    for k, pair in enumerate(zip(low, low[1:], strict=False)):
        if pair in _PARENTHESES or pair[1] in _WONDER and pair[0] in ("мне", "вот", "а"):
            end = max(end, words[k + 1] + 1)
    return end


def put(s: Sentence, nxt: Sentence | None) -> bool:
    """Our sentence puts a guess, an event or a situation to the client: a guess frame («небось», «я так
    понимаю», «подозреваю», «по идее», «мне интересно», «вы ж»), a confirming tag, a doubt of our own («или я
    фантазирую», «может, я и ошибаюсь»), or a yes/no question addressed to him; read after its frame and before the
    doubt: not our side, not a question of a count, a time or a person (the rules read those), not the call itself
    (a callback, our letter), not whom we called."""
    words = _words(s.tokens)
    if len(words) < 2 or reports_hearsay(s.tokens) or restates(s.tokens) or any(
            "Name" in t.tags or "Surn" in t.tags for t in words) or not s.lemmas.isdisjoint(_CALL):
        return False
    low = [t.text.lower() for t in words]
    doubt = next((k for k in range(len(low) - 1) if low[k] in ("или", "может", "хотя") and "я" in low[k + 1:k + 3]),
                 len(words))
    start = _frame_end(s, low)
    kept = [t for i, t in enumerate(s.tokens) if t.is_word and i >= start][:max(0, doubt - (len(words) - sum(
        1 for i, t in enumerate(s.tokens) if t.is_word and i >= start)))]
    if not kept or _ours(kept) or any(t.lemma in _WH for t in words) or any(t.lemma in _ASKING for t in kept[:_OPENING]) \
            or any("impr" in t.tags for t in words):
        return False  # a question word's question (not «как у вас с этим»; «тот участок, где…» is a relative), our request
    you = any(not t.lemmas.isdisjoint(YOU) or "2per" in t.tags for t in kept)
    guess = start > 0 or guessed_clause(s.tokens, s.text) is not None or doubt < len(words) or (
        nxt is not None and is_tag(nxt.tokens)) or situation.kind(s.tokens, s.text) == "guess"
    return guess or s.is_question and you


def pair_candidates(questions: Sequence[CompiledQuestion], topic_of: dict[str, str], sentences: Sequence[Sentence],
                    hits: Sequence[tuple[CompiledQuestion, Sentence, float]], taken: set[str],
                    ) -> list[tuple[CompiledQuestion, Sentence, float]]:
    """The BANT questions not asked nor candidates yet, as candidates of the turn's last sentence put to the client
    (``put``) that asks nothing else; ``taken`` gets their ids."""
    busy = {s.text for cq, s, _c in hits if not cq.question.generic}  # the generic need's reading stays open
    at = next((k for k in range(len(sentences) - 1, max(-1, len(sentences) - 1 - _LAST), -1)
               if sentences[k].text not in busy and put(sentences[k], sentences[k + 1] if k + 1 < len(sentences) else None)),
              None)
    if at is None:
        return []
    out = []
    for cq in questions:
        qid = cq.question.id
        if topic_of.get(qid) == qid and qid in _TOPICS and qid not in taken:
            taken.add(qid)
            out.append((cq, sentences[at], BY_PAIR))
    return out


def _negated_state(tokens: Sequence[Token]) -> bool:
    """A negated predicate of a state or an act («не хватает», «не выдержал», «не всё гладко»), not of knowing,
    saying, needing or of a trouble itself («не жалуемся»)."""
    for k, t in enumerate(tokens):
        if t.text.lower() not in ("не", "ни"):
            continue
        for nxt in tokens[k + 1:k + 3]:
            if not nxt.is_word:
                break
            if nxt.pos in ("VERB", "INFN", "ADJS", "PRTS", "PRED", "ADVB") and nxt.lemmas.isdisjoint(_NOT_TROUBLE) \
                    and nxt.text.lower() not in ("так", "то", "очень", "совсем", "только", "сейчас", "пока"):
                return True
            if nxt.text.lower() not in ("всё", "все", "очень", "совсем", "то", "так"):
                break
    return False


def troubled(s: Sentence, negated: bool = True) -> bool:
    """A statement of a trouble: the set-free pain words (checks.py's), a negated state, «плохо / хуже»."""
    from qa_desk.analysis.evidence import need_said  # evidence.py reads detect.py, which reads this module
    stated = s if not s.tokens or s.tokens[-1].text != "?" else Sentence(s.text, s.tokens[:-1], s.lemmas, False, s.is_evasive)
    return need_said(stated) or negated and _negated_state(s.tokens) or not s.lemmas.isdisjoint(_BAD) or any(
        _pain_stem(stated.tokens, k) for k in range(len(stated.tokens)))


def _pain_stem(tokens: Sequence[Token], k: int) -> bool:
    """A verb of the pain vocabulary under a prefix of aspect («потекли»: течь, «засбоило»: сбоить), not negated."""
    t = tokens[k]
    if t.pos not in ("VERB", "INFN", "PRTS") or k and tokens[k - 1].text.lower() == "не":
        return False
    pains = _pain_lemmas()
    return any(t.lemma.startswith(p) and t.lemma[len(p):] in pains for p in _PREFIXES)


@lru_cache(maxsize=1)
def _pain_lemmas() -> frozenset[str]:
    from qa_desk.analysis.evidence import vocabulary
    return frozenset().union(*(p.words[0] for p in vocabulary().pains if len(p.words) == 1))


def _supposes_trouble(s: Sentence) -> bool:
    """Our line supposes a trouble, its own or a story's («та же головная боль», «что-то похожее было»)."""
    return troubled(s) or not s.lemmas.isdisjoint(_SAME) and any(
        t.text.lower() in ("же", "похожее", "подобное", "что-то", "тоже", "также") for t in s.tokens)


def pair_topic(detector: Detector, question: Sentence, reply: Sequence[Sentence]) -> str | None:
    """The BANT topic the pair (our ``question`` put to the client, his ``reply``) asks, or None."""
    if not reply:
        return None
    lemmas = question.lemmas
    for topic in ("authority", "timing"):
        cq = detector._by_id.get(topic)
        anchored = not lemmas.isdisjoint(_PARTY) if topic == "authority" else not lemmas.isdisjoint(_TIME) and not any(
            "past" in t.tags for t in question.tokens)  # the purchase is ahead: «где была охрана в это время» is no timing
        if cq is not None and anchored and detector.answer(cq, reply, True, question.tokens, False) is not None:
            return topic
    if (not lemmas.isdisjoint(_MONEY) or find_amounts(question.tokens)) and money_reply(question.tokens, [s.tokens for s in reply]):
        return "budget"
    substance = sum(len(s.content) for s in reply)
    if any(troubled(s, negated=False) for s in reply) or _supposes_trouble(question) and substance >= _SUBSTANCE:
        return "need"
    return None


def pair_confirms(detector: Detector, cq: CompiledQuestion, question: Sentence, reply: Sequence[Sentence]) -> bool:
    """The client's reply decides that the pair asked ``cq`` (a candidate of ``pair_candidates``)."""
    return pair_topic(detector, question, reply) == cq.question.id

