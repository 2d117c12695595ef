"""Contract questions asked in the manager's own words: the soft match of a question-form sentence.

Each contract question is a bag of its phrasings and its title (content words less the manager's
wrapping words, ``language.toml`` ``soft_generic``) with its specific question words; a sentence is
scored against each by ``similarity.question_match`` (its words expanded with lemma families and the
everyday synonyms of ``families.toml`` ``contract``). The best question is asked when it scores at
least ``SOFT_ASK`` and ``_SOFT_MARGIN`` above the next; its confidence is the score less a doubt, so
a partial match is shown as "возможно". A match a little below (``WEAK_ASK``, well clear of the next
question) is only a candidate: the client's reply must confirm it by its shape (shape.py). A request to
be put through ("могу я поговорить с начальником склада?") asks no contract question. Also here: the
rule match of a question's example phrasings (``example_match``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_desk.analysis.colloquial import colloquial, constructions, standard
from qa_desk.analysis.contract_core import addressed, core_hit, count_fit, ours, plain_yes_no, whether
from qa_desk.analysis.contract_forms import PEOPLE, PERSONS, counted_you, guessed_count, offered, unmarked
from qa_desk.analysis.families import expand, expand_contract, thesaurus
from qa_desk.analysis.heads import doer_who, frame_words, oblique_who, person_head
from qa_desk.analysis.language import I_WE, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.person import ROLE_NOUNS
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.set_everyday import asked_nouns
from qa_desk.analysis.siblings import MISFIT, counts_nothing, money_fit, money_said, party_you
from qa_desk.analysis.similarity import ANCHOR, Word, question_match, word_similarity
from qa_desk.analysis.vectors import vectors
from qa_desk.analysis.work_who import acting_fit

SOFT_ASK = 0.55
_SOFT_MARGIN = 0.05
_SOFT_DOUBT = 0.1
_BUNDLE_WORDS = 2  # words the best match leaves over that may ask a second question
_EXAMPLE_SHARE = 0.6
WEAK_ASK = 0.45  # a weaker match asks when the client's reply has the answer's shape...
_WEAK_MARGIN = 0.1  # ...and no other question comes this close
_CONNECT = frozenset({"поговорить", "разговаривать", "соединить", "переключить", "связать"})
_WITH_WHOM = frozenset({"с", "кто"})
_COUNT = frozenset({"сколько"})
OPTIONS_ASK = 0.8  # a sentence offering two of a question's answer options
_RELATIVE_BEFORE = frozenset({"с", "кто-то", "тот", "кто-нибудь"})  # "с кем", "с кем-то, кто …": no question of its own
# The sentence's question word tells what kind of answer it wants: "до какого времени действует договор?"
# asks a date (not "есть ли претензии"), "кто решает?" a person (not "обсуждается ли переход?"), a bare "до какого" a date.
_WHO, _WHEN, _HOW_MUCH, _WHERE = "who", "when", "how_much", "where"
# The question's head beyond its question word (language.toml ``decide_heads``, ``money_heads``): "кто у вас
# перевозчиков выбирает?" asks who decides (a person question, not the carrier question its noun names), "деньги
# на это заложены?" asks money (not the time or volume question a "в этом году" or a noun around it recalls).
# "с кем / у кого / через кого" with a verb of the work asks the counterparty (colloquial.constructions): the
# supplier or contractor question ("с кем сейчас возите?"), not a person's.
_DECIDES, _MONEY, _PARTY = "decides", "money", "party"
_WH_WORDS = {"кто": _WHO, "чей": _WHO, "когда": _WHEN, "сколько": _HOW_MUCH, "где": _WHERE, "куда": _WHERE,
             "откуда": _WHERE}
_TIME_NOUNS = frozenset({"срок", "время", "момент", "дата", "число", "период"})
_WHICH = frozenset({"какой", "каков"})
_UNTIL = frozenset({"до", "к", "с", "по"})
_FITS: dict[AnswerKind, frozenset[str]] = {
    AnswerKind.PERSON: frozenset({_WHO, _WHERE, _DECIDES}),
    AnswerKind.TIMING: frozenset({_WHEN}),
    AnswerKind.MONEY: frozenset({_HOW_MUCH, _MONEY}),
    AnswerKind.YES_NO: frozenset({_WHERE, _PARTY}),
    AnswerKind.TEXT: frozenset({_WHO, _HOW_MUCH, _WHERE, _PARTY}),
}
_ONLY_KIND = {frozenset({_WHO}): AnswerKind.PERSON, frozenset({_DECIDES}): AnswerKind.PERSON,
              frozenset({_WHEN}): AnswerKind.TIMING}
KIND_MISFIT = 0.85
_KIND_SHARE = 0.75  # siblings: a "какой" question's kind sibling matches at least this share of the count question's score
HEAD_MISFIT = 0.6  # a question whose answer kind the sentence's question word rules out scores this much less


@dataclass(frozen=True, slots=True)
class Bag:
    qid: str
    phrasings: tuple[tuple[Word, ...], ...]
    question_words: frozenset[str]
    kind: AnswerKind = AnswerKind.TEXT
    money: bool = False  # asks about money: its kind, or a money word in its phrasings ("имеется ли утверждённый бюджет")
    party: bool = False  # asks about a counterparty: a supplier or contractor word in its phrasings
    options: tuple[Word, ...] = ()  # the answer options it lists (set_content.options): "(очная, дистанционная)"
    count: bool = False  # a yes/no whether a count passes a bar ("более пятидесяти человек"): a count asks it too
    asked: tuple[Word, ...] = ()  # the nouns its interrogative phrase names ("в каком населённом пункте": "пункт")
    place: bool = False  # it asks where ("в каком населённом пункте", "где расположен")


@dataclass(frozen=True, slots=True)
class Example:
    """An example phrasing: its question words and the lemma sets of its content words."""

    question_words: frozenset[str]
    content: tuple[frozenset[str], ...]



_EITHER = frozenset({"или", "либо"})


def example(tokens: Sequence[Token], lang: Language) -> Example:
    """An example phrasing (or title): its question words and its content words' lemma families; a closing
    "X или Y" of two nouns is one slot ("своя прачечная или аутсорсинг", "столовая или пищеблок"), a
    phrase alternative is not ("открытие нового зала или расширение действующего")."""
    qwords = frozenset(t.lemma for t in tokens if t.lemma in lang.question_words)
    if any(t.lemma in lang.quantity_words for t in tokens):
        qwords |= _COUNT  # "какова численность персонала", "какая площадь зала": a quantity, as "сколько"
    words = [t for t in tokens if t.text.lower() in _EITHER
             or t.is_content and t.lemma not in lang.question_words and t.lemma not in lang.measure_words]
    content: list[frozenset[str]] = []
    for k, t in enumerate(words):
        if t.text.lower() in _EITHER:
            continue
        if k == len(words) - 1 and k >= 2 and words[k - 1].text.lower() in _EITHER and t.pos == words[k - 2].pos == "NOUN":
            content[-1] = content[-1] | expand(t.lemmas)
        else:
            content.append(expand(t.lemmas) | ({PERSONS} if t.animate else set()))
    return Example(qwords, tuple(content))


def example_match(example: Example, tokens: Sequence[Token], lemmas: frozenset[str], lang: Language) -> tuple[float, int]:
    """(share of the example's words in the sentence, words matched).

    A specific question word ("сколько", "кто") counts as one of the words; a one-word example
    also needs its question word.
    """
    content = example.content
    if not content:
        return 0.0, 0
    if len(content) > 1:  # ``lemmas`` holds every token's: an early no when two hits cannot be reached
        present = sum(not word.isdisjoint(lemmas) for word in content)
        if not present or present + len(example.question_words & lang.specific_words & lemmas) < 2:
            return 0.0, 0
    used: set[int] = set()  # a sentence word stands for one example word ("техника" is not also "автопарк")
    for word in content:
        used.update(next(([k] for k, t in enumerate(tokens)
                           if k not in used and not word.isdisjoint(t.lemmas)), []))
    hits = len(used)
    if len(content) == 1:
        return (1.0, 1) if hits and example.question_words <= lemmas else (0.0, 0)
    specific = example.question_words & lang.specific_words
    total = len(content) + len(specific)
    if hits:
        hits += len(specific & lemmas)
    share = hits / total
    return (share, hits) if hits >= 2 and share >= _EXAMPLE_SHARE else (0.0, 0)


def bag(qid: str, phrasings: Sequence[Sequence[Word]], options: Sequence[Word], question_words: frozenset[str],
        lang: Language, kind: AnswerKind = AnswerKind.TEXT, count: bool = False) -> Bag:
    """A question's bag: its phrasings' and title's content words less the wrapping words (set_content.py),
    and the answer options it lists."""
    kept = tuple(tuple(w for w in p if w.isdisjoint(lang.soft_generic)) for p in phrasings)
    if not _COUNT <= question_words:  # only a count question counts people ("сколько сотрудников", not "подрядчик")
        kept = tuple(tuple(unmarked(w) for w in p) for p in kept)
    money = kind is AnswerKind.MONEY or any(not w.isdisjoint(lang.money_heads) for p in kept for w in p)
    party = kind in (AnswerKind.TEXT, AnswerKind.YES_NO) and any(not expand_contract(w).isdisjoint(colloquial().counterparty_means)
                                                  for p in kept for w in p)
    return Bag(qid, kept, question_words & lang.specific_words, kind, money, party, tuple(options), count)


def wh_classes(tokens: Sequence[Token], lang: Language) -> frozenset[str]:
    """What the sentence's question words ask for: a person, a time, a quantity, a place (none: yes/no or
    "какой"/"как"/"что"). "До какого времени", "в какие сроки" ask a time; "кто" with a deciding word asks who
    decides; a money word asks money."""
    out = {_WH_WORDS[t.lemma] for t in tokens if t.lemma in _WH_WORDS}
    lemmas = {t.lemma for t in tokens}
    if _WHO in out and doer_who(tokens, lang) is not None:  # heads.py: "а убирает сейчас кто?" asks the provider
        out = out - {_WHO} | {_PARTY}
    if _WHO in out and not lemmas.isdisjoint(lang.decide_heads):
        out = out - {_WHO} | {_DECIDES}
    if _WHO in out and any(tokens[k].lemma == "кто" and means == colloquial().counterparty_means
                           for k, means in constructions(tokens).items()):
        out = out - {_WHO} | {_PARTY}
    words = [t for t in tokens if t.is_word]
    party = _WHO in out and oblique_who(tokens, lang)
    if party:
        out = out - {_WHO} | {_PARTY}  # "кому платите?", "у кого берёте?", "с кем договор?": the counterparty
    if not lemmas.isdisjoint(lang.money_heads) and not party:  # "кому платите?" asks the payee, not a sum
        out.add(_MONEY)
    if any(t.lemma in _WHICH and k and words[k - 1].text.lower() in _UNTIL and (k + 1 == len(words) or words[k + 1].pos != "NOUN")
           for k, t in enumerate(words)):
        out.add(_WHEN)  # "договор у вас до какого, до конца года?": until when
    if not lemmas.isdisjoint(_WHICH) and not lemmas.isdisjoint(_TIME_NOUNS):
        out.add(_WHEN)
    if not out and guessed_count(tokens, lang):
        out.add(_HOW_MUCH)
    if _HOW_MUCH in out and not lemmas.isdisjoint(_TIME_NOUNS):
        out.add(_WHEN)  # "сколько по времени"
    return frozenset(out)


def kind_fit(b: Bag, classes: frozenset[str]) -> float:
    """1.0, or ``KIND_MISFIT`` when the sentence's question words rule out the question's answer kind (less
    still when its head, who decides, money or a counterparty, does)."""
    fits = _FITS[b.kind] | {_MONEY} if b.money else _FITS[b.kind]
    if b.count:  # a threshold yes/no ("более пятидесяти человек") takes a count
        fits = fits | {_HOW_MUCH}
    if not classes or not classes.isdisjoint(fits):
        return 1.0
    return HEAD_MISFIT if classes & {_DECIDES, _MONEY, _PARTY} else KIND_MISFIT


def money_misfit(kind: AnswerKind, tokens: Sequence[Token], lang: Language) -> bool:
    """The sentence's money head rules out an answer of ``kind`` ("деньги на это в планах на этот год?" asks no
    time, whatever its "в планах на год" suggests)."""
    classes = wh_classes(tokens, lang)
    return _MONEY in classes and classes.isdisjoint(_FITS[kind])


def put_through(lemmas: frozenset[str], tokens: Sequence[Token] = ()) -> bool:
    """Asking to be put through ("могу я поговорить с начальником склада?", "с кем можно по автопарку
    поговорить?", "с кем-то, кто отвечает за транспорт"), unless the sentence also asks who on its own
    ("а с кем тогда поговорить, кто у вас такие вопросы решает?")."""
    if lemmas.isdisjoint(_CONNECT) or lemmas.isdisjoint(I_WE) and not _WITH_WHOM <= lemmas:
        return False
    words = [t for t in tokens if t.is_word]
    return not any(t.lemma == "кто" and (k == 0 or words[k - 1].lemma not in _RELATIVE_BEFORE)
                   for k, t in enumerate(words))


def _sentence_words(tokens: Sequence[Token], lemmas: frozenset[str], lang: Language) -> tuple[list[Word], frozenset[str]]:
    """The sentence's content words (less the wrapping words and a request frame, heads.py) and its specific
    question words; a pronominal adjective that a predicate family names ("кого-то другого поискать": the change)
    counts as content."""
    frame = frame_words(tokens, lang) | offered(tokens)  # heads.py: not the request frame around the question
    tokens = [t for k, t in enumerate(tokens) if k not in frame]
    built = constructions(tokens)  # "не думали брать", "на чём работаете": kept with what they say together
    if (who := doer_who(tokens, lang)) is not None:  # "ищет их у вас кто?": who does the work, the provider
        built[who] = colloquial().counterparty_means
    named = thesaurus()
    words = [expand_contract(standard(t, lemmas) | built.get(k, frozenset())) for k, t in enumerate(tokens)
             if k in built or (t.is_content or t.pos == "ADJF" and t.lemma in named) and t.lemma not in lang.question_words
             and t.lemma not in lang.soft_generic and t.lemmas.isdisjoint(lang.size_words)]
    words = [w for w in words if w.isdisjoint(lang.measure_words & lang.quantity_words)]  # "какая численность"
    qwords = lemmas & lang.specific_words
    if not lemmas.isdisjoint(lang.size_words | lang.quantity_words) or guessed_count(tokens, lang):
        qwords |= _COUNT  # "много же народу в поле?", "квадратура какая?", "человек сто пятьдесят?" ask how many
    if _COUNT <= qwords:  # a count of people ("человек двадцать", "народу сколько") counts the set's people: guests, staff
        words = [w | {PERSONS} if not w.isdisjoint(PEOPLE) else w for w in words]
        if counted_you(tokens):  # "Сколько вас придёт?", "вас там сколько будет?": the client's people
            words.append(frozenset({PERSONS}))
    return words, qwords


def options_hit(b: Bag, words: Sequence[Word], qwords: frozenset[str] = frozenset()) -> bool:
    """The sentence offers two of the question's answer options ("вживую или по зуму?" for "форма занятий
    (очная, дистанционная)"); a count question's options are its units ("объём отгрузок (паллеты, заказы,
    тоннаж)"), and a count of one of them asks it ("сколько заказов в день собираете?")."""
    if not b.options:
        return False
    table = vectors()
    hit = {next((j for j, o in enumerate(b.options) if word_similarity(o, w, table) >= ANCHOR), -1) for w in words}
    units = b.kind is AnswerKind.TEXT and not b.money and _COUNT <= b.question_words  # a count's, not a sum's "(сумма в месяц)"
    need = 1 if units and _COUNT <= qwords else 2
    return len(hit - {-1}) >= need


def _scores(bags: Sequence[Bag], tokens: Sequence[Token], lemmas: frozenset[str], lang: Language,
            words: Sequence[Word] | None = None, demoted: list[int] | None = None) -> list[tuple[float, int]]:
    """(score, bag index) per question, best first (``words``: only these of the sentence's words; ``demoted`` gets the
    count question that matched best but is not what the sentence asks)."""
    own, qwords = _sentence_words(tokens, lemmas, lang)
    classes = wh_classes(tokens, lang)
    personal = person_head(tokens, lang, ROLE_NOUNS) or party_you(tokens)  # siblings.py: a person question needs a head
    mine = own if words is None else words
    plain = plain_yes_no(tokens, qwords, lang.question_words) and not ours(tokens)  # contract_core.py: a yes/no asks no count
    scored = count_fit(bags, [(max(question_match(b.phrasings, b.question_words, mine, qwords),
                                   OPTIONS_ASK if options_hit(b, mine, qwords) else 0.0)
                               * kind_fit(b, classes) * money_fit(b.money, tokens, lang.money_heads)
                               * (MISFIT if b.kind is AnswerKind.PERSON and not personal else 1.0)
                               * acting_fit(b.kind is AnswerKind.PERSON, b.phrasings, tokens, lang), i)  # work_who.py
                              for i, b in enumerate(bags)], plain)
    top = max(scored, default=(0.0, -1))
    form = AnswerKind.YES_NO if lemmas.isdisjoint(lang.question_words - {"ли"}) else AnswerKind.TEXT
    if top[0] > 0 and _counts(bags[top[1]], lang, lemmas) and counts_nothing(tokens, _COUNT <= qwords, bool(classes)) and any(
            sc > (0 if form is AnswerKind.YES_NO else _KIND_SHARE * top[0]) and bags[i].kind is form and not _counts(bags[i], lang)
            for sc, i in scored):  # a sibling of its form: a "какой X" one that matches X about as well
        unpaid = not money_said(tokens, lang.money_heads)  # siblings.py: asks whether or what, not how many, nor a sum
        if demoted is not None:
            demoted.append(top[1])
        scored = [(sc * MISFIT if i == top[1] or unpaid and bags[i].kind is AnswerKind.MONEY else sc, i) for sc, i in scored]
    if words is None:
        scored = _interrogative(bags, tokens, scored, lang)
    return sorted(scored, reverse=True)


def _interrogative(bags: Sequence[Bag], tokens: Sequence[Token], scored: list[tuple[float, int]], lang: Language,
                   ) -> list[tuple[float, int]]:
    """The noun of the sentence's interrogative phrase outweighs its object nouns ("А точку вы в каком городе
    хотите?" asks the city, not the premises): a question whose own interrogative noun it matches ("в каком
    населённом пункте") through the vectors scores ``_WEAK_MARGIN`` above every question it does not match (a weak
    match is asked when the client's reply confirms it)."""
    other = lang.measure_words | lang.quantity_words | _TIME_NOUNS  # "какое количество", "до какого числа": read elsewhere
    asked = [w for n in asked_nouns(tokens) if (w := expand(n.lemmas)).isdisjoint(other)]
    if not asked:
        return scored
    table = vectors()
    sims = {i: max((word_similarity(w, a, table) for w in b.asked if w.isdisjoint(other) for a in asked), default=0.0)
            for i, b in enumerate(bags)}
    own = [i for i, sim in sims.items() if sim >= 1.0]
    if len(own) == 1 and not wh_classes(tokens, lang) and any(t.pos in ("VERB", "INFN") for t in tokens):
        # "Какая цена за коробку вас устроит?" for "на какую цену вы ориентируетесь": the set's own interrogative noun,
        # one question's only, in a plain "какой" question with a verb asks it (a verbless "А у вас какой минимальный
        # аванс?" may be the client's, asking ours)
        top = max((sc for sc, i in scored if i != own[0]), default=0.0)
        return [(max(sc, SOFT_ASK, top + _SOFT_MARGIN + 0.01) if i == own[0] else sc, i) for sc, i in scored]
    if own:
        return scored  # the set's own word: the plain match counts it already
    hit = {i for i, sim in sims.items() if sim >= ANCHOR}
    if not hit or len(hit) == len(bags):
        return scored
    top = max((sc for sc, i in scored if i not in hit), default=0.0)
    return [(max(sc, top + _WEAK_MARGIN + 0.01) if i in hit else sc, i) for sc, i in scored]


def _anchored(b: Bag, words: Sequence[Word]) -> set[int]:
    """The sentence words that match a word of the question's phrasings strongly."""
    table = vectors()
    return {k for k, w in enumerate(words) if any(word_similarity(p, w, table) >= ANCHOR for ph in b.phrasings for p in ph)}


def soft_hit(bags: Sequence[Bag], tokens: Sequence[Token], lemmas: frozenset[str], lang: Language) -> list[tuple[str, float]]:
    """(question id, confidence) of the contract questions the sentence clearly asks in other words: the
    best match, and a second one that the words the first leaves over ask as clearly, a bundle ("у вас
    зал большой, и убирают свои девочки или подрядчик какой?"); two tied matches on different words of the
    sentence are such a bundle too ("клубы-то большие, квадратура какая, и кто у вас сейчас моет?")."""
    if not bags:
        return []
    scored = _scores(bags, tokens, lemmas, lang)
    best, second = scored[0][0], scored[1][0] if len(scored) > 1 else 0.0
    if best < SOFT_ASK:
        return []
    words = _sentence_words(tokens, lemmas, lang)[0]
    if best - second < _SOFT_MARGIN:
        one, two = bags[scored[0][1]], bags[scored[1][1]]
        a, b = _anchored(one, words), _anchored(two, words)
        return [(one.qid, best - _SOFT_DOUBT), (two.qid, second - _SOFT_DOUBT)] if a and b and a.isdisjoint(b) else []
    # ties of equal score keep the earlier question
    first = min(i for score, i in scored if score == best)
    out = [(bags[first].qid, best - _SOFT_DOUBT)]
    taken = _anchored(bags[first], words)
    left = [w for k, w in enumerate(words) if k not in taken]
    if len(left) >= _BUNDLE_WORDS:
        rest = [(sc, i) for sc, i in _scores(bags, tokens, lemmas, lang, left) if i != first]
        if rest and rest[0][0] >= SOFT_ASK and rest[0][0] - (rest[1][0] if len(rest) > 1 else 0.0) >= _SOFT_MARGIN:
            out.append((bags[rest[0][1]].qid, rest[0][0] - _SOFT_DOUBT))
    return out


def weak_hit(bags: Sequence[Bag], tokens: Sequence[Token], lemmas: frozenset[str], lang: Language) -> list[tuple[str, float]]:
    """(question id, score) of the contract questions a sentence may ask: a soft match a little below
    ``SOFT_ASK`` that stands well clear of the next question, or the two questions of a tie (a soft match
    too close to the next: "у вас сейчас рассматривается покупка нового аппарата?" is as near "планирует
    ли клиника закупку" as "в какие сроки планируется закупка"); the client's reply must confirm one of
    them by its shape (shape.reply_fits), and one only. A sentence that arranges the call ("когда лучше
    набрать?") asks none."""
    if not bags or not lemmas.isdisjoint(lang.arrangements) or put_through(lemmas, tokens):
        return []
    demoted: list[int] = []
    scored = _scores(bags, tokens, lemmas, lang, demoted=demoted)
    if demoted and (sibling := _sibling_form(bags, scored, demoted[0], lemmas, lang)) is not None:
        return [sibling]
    best, second = scored[0][0], scored[1][0] if len(scored) > 1 else 0.0
    if best < WEAK_ASK:
        only = _kind_only(bags, tokens, lemmas, lang)
        if only is not None or ours(tokens) or not addressed(tokens):
            return [only] if only is not None else []
        words, qwords = _sentence_words(tokens, lemmas, lang)  # contract_core.py: a question said by its core word
        core = core_hit(bags, words, scored, whether(bags, scored, plain_yes_no(tokens, qwords, lang.question_words)))
        return [(bags[core].qid, WEAK_ASK)] if core is not None else []
    if best >= SOFT_ASK:  # a tie (a clear match is soft_hit's)
        return [(bags[i].qid, WEAK_ASK) for _score, i in scored[:2]] if best - second < _SOFT_MARGIN else []
    return [(bags[scored[0][1]].qid, best)] if best - second >= _WEAK_MARGIN else []


def _kind_only(bags: Sequence[Bag], tokens: Sequence[Token], lemmas: frozenset[str], lang: Language,
               ) -> tuple[str, float] | None:
    """A "когда"/"кто" question whose words match nothing ("а ставить когда реально?", a misheard "а кто у вас
    запах отвечает?") may ask the set's only question of that answer kind; a "сколько" question ("А моек у вас
    сколько, одна?", "а у вас их сколько?", "Много в год выходит?") the set's only free-text quantity
    question ("сколько у вас точек", "какова численность персонала"). The reply's shape decides."""
    classes = wh_classes(tokens, lang)
    if not classes and not lemmas.isdisjoint(lang.size_words | lang.quantity_words):
        classes = frozenset({_HOW_MUCH})
    if classes == {_HOW_MUCH}:
        same = [b for b in bags if b.kind is AnswerKind.TEXT and _COUNT <= b.question_words]
    elif classes == {_WHERE}:  # "Вы откуда сами будете?", "Клиника-то у вас где?": the only place question
        same = [b for b in bags if b.place]
    elif _MONEY in classes and classes <= {_MONEY, _HOW_MUCH}:  # "деньги на это заложены?": the only money question
        same = [b for b in bags if b.money]
    elif classes == {_PARTY}:  # "а вы сейчас с кем возите?": the only counterparty question; "кто" with a verb of the
        # work and no such question in the set (a misheard "кто у вас отличает?"): the only person question
        same = [b for b in bags if b.party and b.kind is AnswerKind.TEXT] or (
            [b for b in bags if b.kind is AnswerKind.PERSON and acting_fit(True, b.phrasings, tokens, lang) == 1.0]
            if "кто" in lemmas else [])  # work_who.py: not a signer or payer for a "кто" of the work
    else:
        kind = _ONLY_KIND.get(classes)
        same = [b for b in bags if kind is not None and b.kind is kind]
    return (same[0].qid, WEAK_ASK) if len(same) == 1 else None


def _counts(b: Bag, lang: Language, lemmas: frozenset[str] = frozenset()) -> bool:
    """A free-text count question ("сколько сотрудников застраховать", "количество рабочих мест"); one that also asks a
    kind ("какой материал кровли и какая у неё площадь") only for a sentence (``lemmas``) with no "какой" of its own."""
    return b.kind is AnswerKind.TEXT and _COUNT <= b.question_words and not (b.count or b.money) and (
        lemmas.isdisjoint(_WHICH) or all(not w.isdisjoint(lang.quantity_words | lang.measure_words) for w in b.asked))


def _sibling_form(bags: Sequence[Bag], scored: Sequence[tuple[float, int]], count: int, lemmas: frozenset[str],
                  lang: Language) -> tuple[str, float] | None:
    """A sentence a count question (``count``) matched best but that counts nothing (``_scores``: "У вас люди сейчас
    застрахованы?", "Какая у вас сейчас система на складе?") asks its sibling of the sentence's form: a yes/no question
    the set's best-matching yes/no question, a "какой/как/что" question its best free-text question that counts nothing.
    Only a candidate: the reply's shape decides."""
    raw = next(sc for sc, i in scored if i == count) / MISFIT
    if raw < SOFT_ASK:
        return None
    form = AnswerKind.YES_NO if lemmas.isdisjoint(lang.question_words - {"ли"}) else AnswerKind.TEXT
    fit = [(sc, i) for sc, i in scored if sc > 0 and bags[i].kind is form and not _counts(bags[i], lang) and not bags[i].money]
    return (bags[fit[0][1]].qid, max(WEAK_ASK, min(fit[0][0], SOFT_ASK))) if fit else None
