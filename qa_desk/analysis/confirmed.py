"""A question put as a guess, a story's end or a situation fact, decided by the client's reply (dialogue structure).

A manager often asks by saying what he supposes and letting the client confirm, correct or tell more: «небось,
своё не довезли, так? Или поставщик подвёл», «я так понимаю, у вас без совета директоров обходится», «я
подозреваю, у вас та же головная боль», «по идее, сейчас самое время докупать», «у вас что-то похожее было, или я
фантазирую». Without a «?» (as Whisper writes it) or in words no cue knows, the line alone asks nothing; the PAIR
does: the turn's last sentence put to the client (``put``) is a candidate for each BANT topic, and the reply decides
which one it asked (``pair_topic``):

- authority: the reply names who decides (a role, a name with a patronymic, himself) with a deciding word («решает»,
  «подписывает»), and our line names a party or a say (a role, «наверх», «подпись»);
- timing: the reply gives a date, not a past one, and our line has a time word and a plan ahead («самое время
  докупать», «хотите к сезону», «вы с нами на год»), no past verb;
- budget: the reply gives a sum of money with a scale, and our line names money;
- need: the reply describes a problem (a pain of the set-free vocabulary, a negated state: «не хватает», «не
  выдержал»), or our line supposes a trouble («не всё гладко», «та же головная боль», «что-то похожее») and the
  reply takes it up with substance.

A reply that only agrees («Да.», «Да, хорошо.») decides nothing, so a plain statement of ours followed by «да»
stays no question; nor does a reply that asks back or is about the line, nor small talk. Candidates are only that: asked (as "возможно") when the reply decides their topic.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from qa_desk.analysis import oblique, situation
from qa_desk.analysis.guess import _tag_tail, frame_span, guessed_clause, is_tag, reports_hearsay, restates
from qa_desk.analysis.guess_frames import alternative, more_frame
from qa_desk.analysis.language import CALL_VERBS, PLANS, WE, YOU
from qa_desk.analysis.leaning import points_back, priced, topicless
from qa_desk.analysis.lexicon import Token, word_tokens
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.money_asked import money_reply
from qa_desk.analysis.occasion import small_talk
from qa_desk.analysis.person import DECIDE_VERBS, ROLE_ADJECTIVES, ROLE_NOUNS
from qa_desk.analysis.sentence import CompiledQuestion, Sentence

if TYPE_CHECKING:
    from qa_desk.analysis.detect import Detector


class _ByPair(float):
    """A candidate's score that marks it as this module's."""


BY_PAIR: float = _ByPair(0.6)
_TOPICS = ("authority", "timing", "budget", "need")  # the order a reply decides in
_LAST = 2  # sentences at a turn's end that may put the guess
_SUBSTANCE = 4  # content words of a reply that takes a supposed trouble up
_STORY = 8  # content words of a story told to a framed guess («насколько понимаю, …»)
# a closed class: the speaker's doubt of his own guess («или я фантазирую / ошибаюсь»), the same trouble as a story's
_SAME = frozenset({"похожий", "такой", "тот", "подобный", "аналогичный", "тоже", "также"})
# predicates whose negation is no trouble: knowing, saying, needing, wanting, a denial of a trouble
_NOT_TROUBLE = frozenset({"знать", "помнить", "мочь", "сказать", "говорить", "надо", "нужно", "нужный", "хотеть",
                          "думать", "понимать", "ошибаться", "жаловаться", "беспокоить", "мешать", "волновать",
                          "решать", "лезть", "быть", "планировать", "собираться", "готовый", "против", "спорить",
                          "торопиться", "спешить", "обязательно", "важно", "страшно", "проблема", "бояться"})
_PARENTHESES = frozenset({("по", "идее"), ("скорее", "всего"), ("мне", "кажется"), ("я", "думаю"), ("как", "правило")})
_PAIR_FIRST = frozenset(a for a, _b in _PARENTHESES)
_PREFIXES = ("по", "за", "рас", "раз", "вы", "с", "у", "про", "при", "на", "пере", "от", "из", "под")
_ME = frozenset({"я", "мой"})
# question words that ask a figure, a time, a place, a person: their questions are the rules' («как у вас с этим» stays)
_WH = frozenset({"сколько", "кто", "чей"})
_ASKING = frozenset({"когда", "что", "где", "куда", "откуда", "почему", "зачем", "какой", "каков", "который", "чем"})
_OPENING = 3  # words of the guessed clause where a question word opens its question
# closed classes: verbs of a speaker's belief, and of learning or asking after «хотел / могу»
_ATTITUDE = frozenset({"думать", "полагать", "подозревать", "предполагать", "прикидывать", "допускать", "догадываться",
                       "чувствовать", "считать", "представлять", "гадать"})  # not a bare «Понимаю.»
_LEARN = frozenset({"понять", "спросить", "уточнить", "узнать", "выяснить", "понимать"})
_LINE = CALL_VERBS | {"слышать", "алло"}  # a reply about the line itself: «плохо слышу, перезвоню»
_PLANS = PLANS | {"пора", "успеть", "думать", "бы", "нужный"}  # «нужен к лету»
_WONDER = frozenset({"интересно", "любопытно"})
# the call itself, our papers and small talk (situation.py's list less the deal's own terms: «договор на год»)
_CALL = CALL_VERBS | frozenset({"звонить", "дозвониться", "алло", "слышать", "звонок", "письмо", "почта", "сайт", "номер", "телефон", "заявка", "ссылка", "сообщение",
                                "презентация", "каталог", "прайс", "кп", "образец", "минута", "минутка", "погода",
                                "праздник", "отпуск", "выходной", "настроение",
                                # our terms: «доставка к вам недели две»
                                "доставка", "самовывоз", "отгрузка", "гарантия", "скидка", "рассрочка", "предоплата"})
_BAD = frozenset({"плохой", "худой"})  # «плохо», «хуже» (the line itself: _LINE)
_TIME = frozenset({"время", "пора", "срок", "сезон", "год", "месяц", "квартал", "неделя", "весна", "лето", "осень",
                   "зима", "скоро", "уже"})
_MONEY = frozenset({"сумма", "деньги", "деньга", "цифра", "бюджет", "лимит", "смета", "рубль", "тысяча", "миллион", "стоить",
                    "платить", "заплатить", "оплатить"})
_PARTY = ROLE_NOUNS | ROLE_ADJECTIVES | DECIDE_VERBS | {"наверх", "подпись", "согласование"}


def by_pair(score: float) -> bool:
    """``score`` is this module's candidate's: asked only when the reply decides its topic."""
    return isinstance(score, _ByPair)


def _ours(words: Sequence[Token]) -> bool:
    """Our side speaks of itself: «мы», «я», «наш», «у нас», «мне», a first-person verb; not «с нами» (his with us)."""
    return any((t.lemma in WE or t.lemma in _ME) and "ablt" not in t.tags or "1per" in t.tags for t in words)


def _frame(s: Sentence, words: Sequence[Token]) -> tuple[int, int]:
    """The words [start, end) of a guess's frame («я подозреваю,», «мне кажется,», «по идее,», «Вот мне интересно,», «я
    так прикидываю, что», «я почему и хотел понять»), (0, 0) without one."""
    low = [t.text.lower() for t in words]
    span = frame_span(s.tokens)
    if span:
        at = {id(t): k for k, t in enumerate(words)}
        inside = [at[id(t)] for t in s.tokens[span[0]:span[1]] if id(t) in at]
    else:
        inside = []
    first, last = (inside[0], inside[-1] + 1) if inside else (len(words), 0)
    n = len(words)
    for k, t in enumerate(words):
        if k + 1 < n and (low[k] in _PAIR_FIRST or low[k + 1] in _WONDER) and (
                (low[k], low[k + 1]) in _PARENTHESES or low[k + 1] in _WONDER and low[k] in ("мне", "вот", "а", "и")):
            first, last = min(first, k), max(last, k + 2)
        elif "1per" in t.tags and "sing" in t.tags and (t.lemma in _ATTITUDE or t.pos == "VERB" and k + 1 < len(words) and (
                words[k + 1].lemma in _LEARN or k + 2 < len(words) and words[k + 2].lemma in _LEARN)):
            stop = next((j + 1 for j in range(k, min(len(words), k + 3)) if words[j].lemma in _LEARN | _ATTITUDE), k + 1)
            first, last = min(first, max(0, k - 1 if k and low[k - 1] == "я" else k)), max(last, stop + (
                stop < len(words) and low[stop] == "что"))
    if (more := more_frame(low)) is not None:  # guess_frames.py: «обычно так пишут, когда», «страшно представить»
        first, last = min(first, more[0]), max(last, more[1])
    return (first, last) if last else (0, 0)


def put(s: Sentence, nxt: Sentence | None) -> bool:
    """Our sentence puts a guess, an event or a situation to the client: a guess frame («небось», «я так
    понимаю», «подозреваю», «по идее», «мне интересно», «вы ж»), a confirming tag, a doubt of our own («или я
    фантазирую», «может, я и ошибаюсь»), or a yes/no question addressed to him; read after its frame (before it when
    the frame closes the sentence) and before the doubt: not our side, not a question of a count or a person (the rules
    read those), not the call itself (a callback, our letter), not whom we called."""
    if oblique.puts(s):  # oblique.py: hearsay, a read-back alternative, a wish to know, a story invited
        return True
    s = oblique.corrected(s)  # «…, поправьте меня, если не так»
    words = word_tokens(s.tokens)
    if len(words) < 2 or not s.lemmas.isdisjoint(_CALL) or not s.lemmas.isdisjoint(_WH) or any(
            "Name" in t.tags or "Surn" in t.tags or "impr" in t.tags and "indc" not in t.tags for t in words if t.pos != "PREP") \
            or reports_hearsay(s.tokens) or restates(s.tokens):
        return False  # a question of a count or a person (the rules' own), our request, whom we called
    low = [t.text.lower() for t in words]
    doubt = next((k for k in range(len(low) - 1) if low[k] in ("или", "может", "хотя") and "я" in low[k + 1:k + 3]),
                 alternative(low) or len(words))  # guess_frames.py: «…, или так», «…, или были сложности»
    first, last = _frame(s, words)
    kept = words[last:doubt] or words[:first]  # "Наверх — это в холдинг, я так понимаю?"
    if not kept or _ours(kept) or any(t.lemma in _ASKING for t in kept[:_OPENING]) and not topicless(s):  # leaning.py
        return False  # a question word's question (not «как у вас с этим»; «тот участок, где…» is a relative)
    you = any(not t.lemmas.isdisjoint(YOU) or "2per" in t.tags for t in kept)
    if s.is_question and (you or topicless(s)) or last > 0 or doubt < len(words) or nxt is not None and is_tag(nxt.tokens):
        return True
    return guessed_clause(s.tokens, s.text) is not None or situation.kind(s.tokens, s.text) == "guess"


def pair_candidates(questions: Sequence[CompiledQuestion], topic_of: dict[str, str], sentences: Sequence[Sentence],
                    hits: Sequence[tuple[CompiledQuestion, Sentence, float]], taken: set[str],
                    ) -> list[tuple[CompiledQuestion, Sentence, float]]:
    """The BANT questions not asked nor candidates yet, as candidates of the turn's last sentences put to the client
    (``put``, read together); the need only where they ask nothing else (a sentence asking a topic by its words may put
    a guess about another: «в какую сумму вам уложиться — это вы, наверное, не сами определяете?»); ``taken`` gets
    their ids."""
    busy = {s.text for cq, s, _c in hits if not cq.question.generic}  # the generic need's reading stays open
    seen: dict[int, bool] = {}

    def puts(k: int) -> bool:
        if k not in seen:
            seen[k] = put(sentences[k], sentences[k + 1] if k + 1 < len(sentences) else None)
        return seen[k]

    end = next((k + 1 for k in range(len(sentences) - 1, max(-1, len(sentences) - 1 - _LAST), -1) if puts(k)), None)
    if end is None:
        return []
    start = end - 1
    while start and end - start < _LAST and puts(start - 1):
        start -= 1
    start -= oblique.continues(sentences, start) or points_back(sentences, start)  # «…, то выбирать будет не завод, | а
    # кто-то в холдинге, я правильно понимаю»; leaning.py: «…это сто семьдесят шесть в месяц. | Это у тебя в рамки влезает»
    chosen = sentences[start:end]
    joined = chosen[0] if len(chosen) == 1 else Sentence(
        " ".join(x.text for x in chosen), tuple(t for x in chosen for t in x.tokens), frozenset().union(
            *(x.lemmas for x in chosen)), chosen[-1].is_question, False)
    out = []
    for cq in questions:
        qid = cq.question.id
        if topic_of.get(qid) == qid and qid in _TOPICS and qid not in taken and not (
                qid == "need" and any(x.text in busy for x in chosen)):
            taken.add(qid)
            out.append((cq, joined, BY_PAIR))
    return out


def _negated_state(tokens: Sequence[Token], ours: frozenset[str] = frozenset()) -> bool:
    """A negated predicate of a state or an act («не хватает», «не выдержал», «не всё гладко»), not of knowing,
    saying, needing or of a trouble itself («не жалуемся»), nor one of ``ours`` (a guess corrected: «не заказывали»)."""
    for k, t in enumerate(tokens):
        if t.text.lower() not in ("не", "ни"):
            continue
        for nxt in tokens[k + 1:k + 3]:
            if not nxt.is_word:
                break
            if nxt.pos in ("VERB", "INFN", "ADJS", "PRTS", "PRED", "ADVB") and nxt.lemmas.isdisjoint(_NOT_TROUBLE | ours) \
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
    """Our line supposes a trouble, its own or a story's («та же головная боль», «что-то похожее было»); a negated
    yes/no question is the polite form of asking («Сапсан не задержали?»), no trouble supposed, unless a tag makes it
    a statement put to him («своё не довезли, так?»)."""
    polite = s.text.rstrip().endswith("?") and _tag_tail(s.text, [(i, t) for i, t in enumerate(s.tokens) if t.is_word]) \
        == sum(t.is_word for t in s.tokens)
    return troubled(s, negated=not polite) or not s.lemmas.isdisjoint(_SAME) and any(
        t.text.lower() in ("же", "похожее", "подобное", "что-то", "тоже", "также") for t in s.tokens)


def _named(detector: Detector, value: dict[str, Any] | None) -> bool:
    """A decider the reply names: himself, a role («генеральный директор», «комиссия») or a person by name and
    patronymic."""
    if not value:
        return False
    if value.get("self"):
        return True
    tokens = detector.words_of(str(value.get("text", "")))
    return any(not t.lemmas.isdisjoint(ROLE_NOUNS) or "Patr" in t.tags for t in tokens)  # not a bare «Света», «Клининги»


def _ahead(question: Sentence) -> bool:
    """Timing: our line has a time word and puts a plan or a deal ahead (a future or an infinitive, «хотите», «пора», «вы
    с нами»), not his present or past («где была охрана в это время», «сезон у вас начинается»)."""
    return not question.lemmas.isdisjoint(_TIME) and not _past(question.tokens) and any(
        "futr" in t.tags or t.pos == "INFN" or t.lemma in _PLANS or t.lemma == "мы" and "ablt" in t.tags
        for t in question.tokens)


def _dated(quote: str, detector: Detector) -> bool:
    """The reply's date is no past one («в этом году даже на лыжах не был»)."""
    said = detector.words_of(quote)
    return not (_past(said) and not any("futr" in t.tags or t.pos == "INFN" for t in said))


def _past(tokens: Sequence[Token]) -> bool:
    """A past-tense predicate, not a conditional («хотели бы») nor a deadline «пока сезон не начался» (oblique.undated)."""
    return any("past" in t.tags and not oblique.undated(tokens, k) for k, t in enumerate(tokens)) and all(
        t.text.lower() not in ("бы", "б") for t in tokens)


_last: list[tuple[tuple[int, str, tuple[str, ...]], str | None]] = []  # the last pair read: its candidates share it


def pair_topic(detector: Detector, question: Sentence, reply: Sequence[Sentence]) -> str | None:
    """The BANT topic the pair (our ``question`` put to the client, his ``reply``) asks, or None."""
    key = (id(detector), question.text, tuple(s.text for s in reply))
    if _last and _last[0][0] == key:
        return _last[0][1]
    topic = _read_pair(detector, question, reply)
    _last[:] = [(key, topic)]
    return topic


def _read_pair(detector: Detector, question: Sentence, reply: Sequence[Sentence]) -> str | None:
    if not reply or reply[0].tokens[-1:] and reply[0].tokens[-1].text == "?" or any(
            not x.lemmas.isdisjoint(_LINE) for x in reply) or small_talk(question.tokens, detector.lang, detector._deal):
        return None  # «Две недели?» asks back; «я вас плохо слышу, перезвоню»; «Как вы добрались, не задержали?»
    lemmas = question.lemmas | oblique.deciding(question.lemmas)  # «такие вещи не в одиночку решаются»
    open_ = topicless(question)  # leaning.py: «А с этим как у вас?» names no topic: the reply alone decides it
    if priced(question) and money_reply(question.tokens, [s.tokens for s in reply]):
        return "budget"  # leaning.py: our figure, then «Это у вас в рамки влезает?»: his own sum answers it first
    for topic in ("authority", "timing"):
        cq = detector._by_id.get(topic)
        says = any(not x.lemmas.isdisjoint(DECIDE_VERBS) for x in reply)  # his say («решает он»); open_: needed
        if topic == "authority":  # our line names a party, and a say in the reply or in our line (a read-back)
            anchored = says if open_ else not lemmas.isdisjoint(_PARTY) and (says or not lemmas.isdisjoint(DECIDE_VERBS))
        else:
            anchored = open_ or _ahead(question) and not oblique.tells(word_tokens(question.tokens)) or oblique.time_ahead(question)
        found = detector.answer(cq, reply, True, question.tokens, False) if cq is not None and anchored else None
        if found is not None and (_dated(found.quote, detector) if topic == "timing" else _named(
                detector, found.value)):
            return topic  # a decider named with his say («решает он», «подписывает генеральный»), a date ahead
    if (open_ or not lemmas.isdisjoint(_MONEY) or find_amounts(question.tokens)) and money_reply(question.tokens, [s.tokens for s in reply]):
        return "budget"
    substance = sum(len(s.content) for s in reply)
    if any(troubled(s, negated=False) for s in reply) or (_supposes_trouble(question) or oblique.invites_story(
            question)) and substance >= _SUBSTANCE or substance >= _STORY and _frame(question, word_tokens(
            question.tokens)) != (0, 0) and any(_negated_state(s.tokens, question.lemmas) for s in reply):
        # a story invited and told («Что там за история?»); a framed guess answered with a story of a negated state
        # not our guess's own predicate («…машины через стекло смотрятся уже не так» — «…его с дороги не видно»)
        return "need"
    return None


def pair_confirms(detector: Detector, cq: CompiledQuestion, question: Sentence, reply: Sequence[Sentence]) -> bool:
    """The client's reply decides that the pair asked ``cq`` (a candidate of ``pair_candidates``)."""
    return pair_topic(detector, question, reply) == cq.question.id

