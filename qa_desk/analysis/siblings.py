"""Which of two sibling questions a sentence asks, by what it asks rather than by the object it names (round 15).

- A count is no sum: «Камер у вас сколько, сотня, две?», «А телефония — сколько номеров?» count things (``counts_things``:
  «сколько» next to a noun in the genitive that is no money noun), and a question without a money noun or verb
  (``money_said``) that counts things asks no money question (``money_fit``).
- A count question wants a count: «У вас люди сейчас застрахованы?», «Какая у вас система на складе?» ask whether or
  what, not how many; a count question («сколько сотрудников застраховать», «количество рабочих мест») scores less
  for a sentence that counts nothing (no «сколько», no quantity or size word, no number put as a guess).
- A person question needs a person head: «кто», a role, a deciding word, or a pronoun put as the party («через вас»);
  «Есть ли у вас действующая программа для сотрудников?» does not ask who approves the programme (``party_you``).
- An oblique «кто» of destination asks the decider, not a counterparty: «А дальше оно к кому уходит?», «Кому мой расчёт
  попадёт?», «на подпись кому-то наверх?» (``destination_who``): «к кому», or a dative «кому» with a verb of going or
  passing on or a noun of approval; never with a verb of paying («кому платите?» asks the payee).
Closed classes only (prepositions, pronoun forms, verbs of motion and of paying)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qa_desk.analysis.by_identity import IdentityCache
from qa_desk.analysis.figures import MONEY_NOUNS
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import is_number_word

_HOW_MANY = frozenset({"сколько", "скольких"})
_BETWEEN = frozenset({"NPRO", "PREP", "PRCL", "ADVB", "CONJ"})  # «камер у вас сколько», «сколько же там номеров»
PAY = frozenset({"платить", "заплатить", "оплачивать", "оплатить", "доплачивать", "тратить", "потратить", "стоить",
                  "обходиться", "обойтись", "стоимость", "цена", "оплата", "почём", "почем", "вложить", "вкладывать",
                  "заложить", "закладывать", "выделить", "выделять"})
_DATIVE_WHO = frozenset({"кому", "кому-то", "кому-нибудь", "кому-либо"})
# verbs of going or passing on (a closed class of motion verbs) and nouns of a paper's approval
_PASS_ON = frozenset({"уходить", "уйти", "идти", "пойти", "попадать", "попасть", "передавать", "передать", "отдавать",
                      "отдать", "нести", "понести", "относить", "отнести", "отправлять", "отправить", "подниматься",
                      "подняться", "доходить", "дойти", "ложиться", "лечь", "пересылать", "переслать", "показывать",
                      "показать", "подпись", "согласование", "утверждение", "одобрение", "визирование", "наверх"})
# verbs of turning to someone: "к кому обратиться по машинам?" asks whom to talk to, not who decides
_APPEAL = frozenset({"обратиться", "обращаться", "подойти", "подходить", "звонить", "позвонить", "написать", "писать",
                     "соединить", "переключить", "поговорить", "говорить"})
MISFIT = 0.6  # contract.HEAD_MISFIT: the question word rules the question out


def money_said(tokens: Sequence[Token], money_heads: frozenset[str]) -> bool:
    """The sentence names money: a money noun or verb («бюджет», «по деньгам», «сколько платите», «во что обходится»)."""
    words = MONEY_NOUNS | money_heads | PAY
    return any(not t.lemmas.isdisjoint(words) or t.text.lower() in ("почём", "почем") for t in tokens if t.is_word)


MANY = frozenset({"много", "немного", "мало", "немало", "побольше", "поменьше", "больше", "меньше", "десяток", "сотня",
                   "несколько"})  # quantity words (closed class): "вас там много?", "с десяток, побольше?"


def governed(words: Sequence[Token], j: int) -> bool:
    """The noun at ``j`` is in a preposition's phrase, past its modifiers, numerals and the nouns it is an attribute of
    («до вашего склада», «на пять крыш», «на вывеску и оформление точек»)."""
    k = j - 1
    while k >= 0 and (words[k].pos in ("ADJF", "PRTF", "NUMR", "NOUN") or is_number_word(words[k])
                      or words[k].text.lower() == "и"):
        k -= 1
    return k >= 0 and words[k].pos == "PREP"


def you_many(tokens: Sequence[Token]) -> bool:
    """«вас» (not after a preposition) with a quantity word: the client's people counted («вас там в сумме много?»)."""
    words = [t for t in tokens if t.is_word]
    return any(t.text.lower() in MANY for t in words) and any(
        t.text.lower() == "вас" and not (k and words[k - 1].pos == "PREP") for k, t in enumerate(words))


def counts_put(tokens: Sequence[Token]) -> bool:
    """A count put without «сколько» (round 16): a noun of things or people in the genitive plural anywhere in the clause,
    not after a preposition, no money and no number («Учеников у вас, наверное, в районе сотни?», «Лодок с десяток?»),
    with a number or a quantity word; a sum needs a money noun («Денег в районе сотни?» names money)."""
    words = [t for t in tokens if t.is_word]
    if not any(is_number_word(t) and t.pos != "PREP" or t.text.lower() in MANY for t in words):
        return False  # (not the preposition «к», read as a thousand: «к теме питания», «к осени»)
    if you_many(words):
        return True  # "вас там в сумме много?": the client's people counted
    return any(t.pos == "NOUN" and {"gent", "plur"} <= t.tags and t.lemmas.isdisjoint(MONEY_NOUNS) and not is_number_word(t)
               and not governed(words, k) for k, t in enumerate(words))


def _counted_before(words: Sequence[Token], j: int) -> bool:
    """The prepositional phrase ending at ``j`` follows a genitive plural noun of things, not money and not itself in a
    phrase («Порций [на школу] сколько?», «Мешков [на неделю] сколько?»; not «Денег на ремонт сколько?»)."""
    k = j - 1
    while k >= 0 and words[k].pos != "PREP":
        k -= 1
    n = words[k - 1] if k >= 1 else None
    return n is not None and n.pos == "NOUN" and {"gent", "plur"} <= n.tags and n.lemmas.isdisjoint(MONEY_NOUNS) and (
        not is_number_word(n) and not governed(words, k - 1))


def counts_things(tokens: Sequence[Token]) -> bool:
    """Once per sentence's tokens tuple (``_counts_things``; a list is read each time, as it could change)."""
    return _COUNTS(tokens) if type(tokens) is tuple else _counts_things(tokens)


def _counts_things(tokens: Sequence[Token]) -> bool:
    """«сколько» counts a noun of things or people: the nearest noun on either side (past pronouns, prepositions,
    particles) is a genitive that names no money and no number («камер у вас сколько», «сколько номеров»); not
    «во сколько» (a cost)."""
    words = [t for t in tokens if t.is_word]
    for k, t in enumerate(words):
        if t.text.lower() not in _HOW_MANY or k and words[k - 1].text.lower() == "во":
            continue
        for step in (1, -1) if not (k and words[k - 1].pos == "PREP") else (1,):  # «на сколько готовы подвинуться»:
            # a preposition opens «сколько»'s phrase, so the noun before it is not what is counted
            j = k + step
            while 0 <= j < len(words) and words[j].pos in _BETWEEN and words[j].text.lower() not in _HOW_MANY:
                if step == 1 and words[j].pos == "PREP" and (j + 1 == len(words) or words[j + 1].pos != "NPRO"):
                    j = len(words)  # «сколько на карго уходит»: the noun after a preposition is its, not counted
                    break
                j += step
            if not 0 <= j < len(words):
                continue
            noun = words[j]
            if step == -1 and governed(words, j) and _counted_before(words, j):
                return True  # «Порций на школу сколько?»: the genitive plural before «сколько»'s phrase is counted
            if step == -1 and (governed(words, j) or j and words[j - 1].pos == "NOUN"):
                continue  # «по деньгам сколько», «до вашего склада, сколько»: a topic, a unit or a place, not counted;
                # nor a genitive attribute of the noun before it («площадь крыши, сколько за свет уходит»)
            if noun.pos == "NOUN" and "gent" in noun.tags and noun.lemmas.isdisjoint(MONEY_NOUNS) and not is_number_word(noun):
                return True
    # a count put without «сколько»; where «сколько» is said, its own phrase decides (not «три вещи: …, сколько за свет»)
    return not any(t.text.lower() in _HOW_MANY for t in words) and counts_put(tokens)


_COUNTS: Callable[[tuple[Token, ...]], bool] = IdentityCache[tuple[Token, ...], bool](4096).bound(_counts_things)


def counts_not_money(tokens: Sequence[Token], money_heads: frozenset[str]) -> bool:
    """A count of things with no money word: «Камер у вас сколько, сотня, две?» puts a count, not a sum."""
    return counts_things(tokens) and not money_said(tokens, money_heads)


# Losing and damage (a closed class of verbs and nouns of loss): money lost is a cost of the past, no budget
# («А в рублях сколько вы тогда потеряли?», «ущерб на сколько потянул?»).
LOSSES = frozenset({"терять", "потерять", "утратить", "лишиться", "потеря", "убыток", "ущерб", "урон", "вред", "недостача",
                    "пострадать", "недосчитаться", "прогореть"})


def names_loss(tokens: Sequence[Token]) -> bool:
    """Once per sentence's tokens tuple (``_names_loss``; a list is read each time)."""
    return _LOSS(tokens) if type(tokens) is tuple else _names_loss(tokens)


def _names_loss(tokens: Sequence[Token]) -> bool:
    """The sentence asks how much of a loss or damage («сколько … потеряли»): the money it asks is lost, not set aside
    (a loss named beside a money question of another kind, «это деньги, которые вы теряете; под такое находят хоть
    что-то», still asks the budget)."""
    words = [t for t in tokens if t.is_word]
    return any(t.text.lower() in _HOW_MANY for t in words) and any(
        not t.lemmas.isdisjoint(LOSSES) and not _negated(words, k) for k, t in enumerate(words))


_LOSS: Callable[[tuple[Token, ...]], bool] = IdentityCache[tuple[Token, ...], bool](4096).bound(_names_loss)


def _negated(words: Sequence[Token], k: int) -> bool:
    """«не» or «без» within the two words before ``words[k]``: a loss denied or avoided («не в ущерб себе», «без
    потерь», «чтобы не потерять»), which names none."""
    return any(w.text.lower() in ("не", "без") for w in words[max(0, k - 2):k])


def no_budget(tokens: Sequence[Token], money_heads: frozenset[str]) -> bool:
    """The sentence asks how much was lost, or counts things and names no money: no budget question, whatever its
    classifier reads («По объёму у вас сколько, хоть примерно, гигов?» → «Сто? Двести?» is no 100–200 000 ₽)."""
    return names_loss(tokens) or counts_not_money(tokens, money_heads)


def money_fit(money: bool, tokens: Sequence[Token], money_heads: frozenset[str]) -> float:
    """1.0, or ``MISFIT`` for a money question (``money``) asked by a count of things with no money word, or about a loss."""
    return MISFIT if money and (counts_not_money(tokens, money_heads) or names_loss(tokens)) else 1.0


def counts_nothing(tokens: Sequence[Token], counted: bool, wh: bool) -> bool:
    """A yes/no or «какой/как/на чём» sentence (no ``wh`` class: a «кто» asks something else again) that counts nothing
    (``counted``: it has «сколько», a quantity or size word or a guessed count) and puts no number: a count question
    that matches it best by its object («У вас люди сейчас застрахованы?» for «сколько сотрудников застраховать») is
    not what it asks, nor is a sum asked there without a money word («Своих работников как-то страхуете сверх
    обязательного?» names the insurance, not its budget)."""
    return not wh and not counted and not any(is_number_word(t) or "Anum" in t.tags for t in tokens)  # «третий год?»


def destination_who(tokens: Sequence[Token]) -> bool:
    """An oblique «кто» of destination: «к кому» («А дальше оно к кому уходит?»), or a dative «кому» with a verb of going
    or passing on or a noun of approval («Кому мой расчёт попадёт?», «на подпись кому-то наверх?»), and no verb of
    paying («кому платите?»: the payee)."""
    words = [t for t in tokens if t.is_word]
    if any(not t.lemmas.isdisjoint(PAY | _APPEAL) for t in words):
        return False  # "кому платите?": the payee; "к кому обратиться?": the contact a switchboard gives
    for k, t in enumerate(words):
        if t.text.lower().replace("ё", "е") not in _DATIVE_WHO:
            continue
        if k and words[k - 1].text.lower() in ("к", "ко"):
            return True
        if any(not w.lemmas.isdisjoint(_PASS_ON) for w in words):
            return True
    return False


_YOU_OBLIQUE = frozenset({"вас", "вами", "вам", "него", "нему", "ним", "неё", "нее", "ней", "них", "ними", "им"})


def party_you(tokens: Sequence[Token]) -> bool:
    """A person put as the party of the question by a pronoun after a preposition other than «у» («все вопросы через вас
    проходят?», «это с ним решать?»): a person question may be asked without «кто» or a role noun; «у вас» is only where."""
    words = [t for t in tokens if t.is_word]
    return any(t.text.lower() in _YOU_OBLIQUE and k and words[k - 1].pos == "PREP" and words[k - 1].text.lower() != "у"
               for k, t in enumerate(words))
