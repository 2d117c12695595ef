"""Figures said in a reply (found in figure_finding.py), and which of them are not the client's own budget.

A figure is an amount with a scale word or currency ("двести тысяч", "полтора ляма") or a bare number
that may borrow a scale from the question or the reply ("до трёхсот"). Counts are not figures ("пять
человек", "на все девять точек"); "ноль" is a figure (no money). Skipped as no budget: a unit price
("по тысяче пятьсот за штуку", "двадцать тысяч на человека"), our price ("ваше предложение на семь
миллионов"), what they pay today or paid before ("платим подрядчику двадцать тысяч", "в прошлом году
ушло миллион сто"), another party's offer ("«АгроТрек» по восемь пятьсот предлагает"), another cost
("лизинг на кран, триста десять в месяц"), a threshold ("всё, что больше ста тысяч, — через
правление") and the manager's figure said back ("Миллион восемьсот? Ну вы даёте").
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.amount_reference import governed_past, next_sentence
from qa_desk.analysis.amount_whose import for_whom, listed, owed, subjunctive
from qa_desk.analysis.figure_finding import (
    ALL_OF,
    MONTH,
    QUARTER,
    UNIT_NOUNS,
    YEAR,
    Figure,
    currency_word,
    echoed,
    said_back,
    said_figures,
    yours_named,
)
from qa_desk.analysis.language import CLAUSE_MARKS, CONTRAST, PAST_MARKS
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token, is_known
from qa_desk.analysis.money import is_number_word

_TOO_MUCH = frozenset({"много", "многовато", "дорого", "дороговато", "перебор", "дорогой", "загнуть", "погорячиться"})
# Units that are a service done: after "на" the purpose ("четыреста пятьдесят в месяц на уборку"), a unit price
# only after "за" or with "по" ("по тысяче за уборку", "по тридцать на рейс")
_SERVICE_UNITS = frozenset({"уборка", "визит", "выезд", "смена", "рейс"})
_YOU_ASK = frozenset({"хотеть", "просить", "предлагать", "выставлять", "насчитать", "называть"})  # "вы хотите"
_OUR_PRICE = frozenset({"предложение", "кп", "прайс", "стоить", "цена", "стоимость", "тариф", "пакет",
                        "выходить", "получаться", "каталог", "счёт"})  # "у вас на сто тонн выходит сорок два миллиона"
CURRENT_SPEND = frozenset({"платить", "тратить", "обходиться", "приходить", "брать", "отдавать", "оплачивать",
                            "уходить", "тратиться", "доплачивать"})
INTENT = frozenset({"готовый", "мочь", "планировать", "хотеть", "рассчитывать", "бюджет", "выделить", "заложить",
                    "закладывать", "выделять", "отложить", "откладывать", "предусмотреть",
                    "потянуть", "максимум", "минимум", "больше", "потолок", "уложиться", "укладываться"})
_MODALS = frozenset({"готовый", "мочь", "хотеть", "планировать", "рассчитывать"})
_PAYING = frozenset({"платить", "заплатить", "оплатить", "оплачивать", "тратить", "потратить", "выделить", "выделять",
                     "вложить", "вкладывать", "инвестировать", "потянуть", "уложиться", "позволить", "дать", "отдать",
                     "заложить", "закладывать", "тратиться", "потратиться", "выложить", "брать", "взять", "купить",
                     "арендовать"})
MENTIONS = frozenset({"бюджет", "больше"})  # intent words that also name a figure without stating one
_COST_REACH = 6  # another cost named this close to the figure ("доставка у нас обычно тысяч пятнадцать")
_INCLUDING = frozenset({"с", "со", "без", "включая", "включить", "учитывая"})  # "с доставкой", "без монтажа", "включая доставку"
_INCLUDING_REACH = 4  # "с монтажом и доставкой", "со всеми коммунальными"
_COST_AFTER = 4  # … or after it ("сорок тысяч в месяц на доставку"; not "…, в зависимости от комплектации, там лизинг")
_PAST_MARKS = PAST_MARKS | {"назад"}  # "в прошлом году контракт был на три миллиона", "два года назад"
_CURRENT_MARKS = frozenset({"сейчас", "щас", "нынешний", "текущий", "счет", "ихний", "ныне"})
SUPPLIERS = frozenset({"подрядчик", "поставщик", "провайдер", "перевозчик", "оператор", "арендодатель"})
# Another cost ("электричество сорок тысяч в месяц съедает") or another party's figure ("конкурент
# считал семьсот", "коллега прикидывал на восемьсот"): not the client's budget unless the same clause
# states an intent ("а на проект мы готовы выделить тысяч триста").
OTHER_COSTS = frozenset({"электричество", "электроэнергия", "свет", "аренда", "коммуналка", "доставка", "перевозка",
                          "зарплата", "оклад", "налог", "ипотека", "штраф", "бензин", "топливо", "отопление",
                          "логистика", "фот", "лизинг", "чек",  # "средний чек": a sales figure
                          "оборот", "выручка", "прибыль"})  # the company's size, not the budget
OTHER_PARTIES = frozenset({"конкурент", "менеджер", "поставщик", "подрядчик", "коллега", "продавец", "сосед",
                            "знакомый", "дилер"})
LOANS = frozenset({"кредит", "заем", "займ", "ипотека"})  # a loan payment ("платёж по кредиту сто тысяч")
_PAYMENTS = frozenset({"платеж", "выплата", "взнос", "платить", "выплачивать", "гасить", "погашение"})
_SPENT = frozenset({"уйти", "потратить", "заплатить", "отдать", "обойтись", "израсходовать"})
_OFFER = frozenset({"предлагать", "предложить", "предложение", "выставить", "выставлять", "насчитать",
                    "прислать", "присылать"})  # "выставили счёт", "одна компания прислала шестьсот тысяч" (its quote)
# A price someone sold or offered for ("итальянцы за двадцать пять давали"): "за" before the figure and one of these
_SOLD_FOR = frozenset({"давать", "дать", "отдавать", "отдать", "продавать", "продать", "предлагать", "предложить",
                       "выставлять", "выставить", "просить", "попросить"})
_COSTING = frozenset({"стоить", "обходиться", "обойтись"})
_NEED = frozenset({"надо", "нужно", "нужный", "требоваться"})
# Nouns of money: a genitive plural before a figure counts things ("коробок надо тысяч десять"), except these
MONEY_NOUNS = frozenset({"деньга", "деньги", "средство", "рубль", "доллар", "евро", "инвестиция", "вложение",
                          "затрата", "расход", "финансы", "бюджет", "тысяча", "миллион", "копейка", "финансирование",
                          "сумма"})
_THAT = frozenset({"что", "все", "всё"})
_ABOVE = frozenset({"больше", "свыше", "более", "дороже", "выше"})
_CLAUSE_BREAKS = CLAUSE_MARKS | CONTRAST | {":", "хотя"}
_FIRST_PERSON = frozenset({"мы", "наш", "я", "мой"})
_THRESHOLDS = frozenset({"порог", "пороговый"})  # "триста тысяч — это порог": a limit of a procedure
_NAMED_AFTER = 6  # words after a figure that may name what it is
PERIOD_REACH = 6


def _included(tokens: Sequence[Token], k: int) -> bool:
    """``tokens[k]`` is a cost said as part of the figure or left out of it, not a cost of its own: a noun after "с"
    in the instrumental ("…, с доставкой и с насосом", "с монтажом и доставкой"), after "без" or "включая"
    ("без НДС", "включая доставку")."""
    t = tokens[k]
    if not t.is_word or t.pos not in ("NOUN", "ADJF") or for_whom(tokens, k):
        return for_whom(tokens, k)  # "выбил под подрядчика: триста пятьдесят": whom it is for, no party paid today
    for j in range(k - 1, max(-1, k - 1 - _INCLUDING_REACH), -1):
        word = tokens[j].text.lower()
        if word in _INCLUDING or tokens[j].lemma in _INCLUDING:
            return word not in ("с", "со") or "ablt" in t.tags
        if not tokens[j].is_word or tokens[j].pos not in ("NOUN", "ADJF", "CONJ", "PRCL", "PREP", "NPRO") and word != "и":
            return False
    return False


def _zero_of_other(tokens: Sequence[Token], f: Figure) -> bool:
    """A "ноль" whose subject is a noun in the genitive that is no money ("Толку ноль", "опыта ноль"; not "денег
    ноль", "бюджета — ноль", "на безопасность — ноль": the noun after a preposition is the purpose)."""
    lo, _ = _sentence(tokens, f)
    before = [t for t in tokens[lo:f.start] if t.is_word]
    for k, t in enumerate(before):
        if t.pos == "NOUN" and not t.tags.isdisjoint(("gent", "gen2")) and not (k and before[k - 1].pos == "PREP") and t.lemmas.isdisjoint(MONEY_NOUNS):
            return not any(not x.lemmas.isdisjoint(MONEY_NOUNS) for x in before)
    return False


def _reported(tokens: Sequence[Token], k: int) -> bool:
    """The "что" at ``k`` opens reported speech after a verb ("он сказал, что больше миллиона не даст"), not the
    relative "всё, что больше ста тысяч"."""
    before = next((t for t in reversed(tokens[:k]) if t.is_word), None)
    return tokens[k].text.lower() == "что" and before is not None and before.pos == "VERB"


def skipped(tokens: Sequence[Token], f: Figure, echoes: frozenset[float] = frozenset(), *, reply: bool = True) -> bool:
    """A figure that is not the client's own budget (a unit price, our price, today's spending, the
    manager's figure repeated back: "Миллион восемьсот? Ну вы даёте"). ``reply``: the client's words, where "Вы
    говорите — миллион двести" is our figure said back (in our read-back "Вы говорили, тысяч двести" it is his)."""
    if f.currency == "RUB" and f.scaled and 0 < f.value < 1000:
        return True  # "шесть рублей восемьдесят копеек": a tariff, not a budget
    if echoed(tokens, f, echoes):
        return True
    if yours_named(tokens, f, _PAYING):
        return True  # "если ваши три с половиной — это потолок, то мы как раз"
    if f.value == 0 and _zero_of_other(tokens, f):
        return True  # "Толку, как видите, ноль.": none of something else, no sum
    if f.start and tokens[f.start - 1].text.lower() == "не" and not _retort(tokens, f):
        return True  # "но не миллион же!", "не сто, а двести": the figure denied
    if _counts(tokens, f):
        return True  # "коробок надо тысяч десять": ten thousand boxes
    words = [t.text.lower() for t in tokens[max(0, f.start - 2):f.start] if t.is_word]
    if len(words) == 2 and words[0] in _THAT and words[1] in _ABOVE and not _reported(tokens, f.start - 2):
        return True  # "всё, что больше ста тысяч, — через правление": a threshold, not a budget
    if _threshold(tokens, f):
        return True  # "до трёхсот тысяч филиал сам может, а всё, что выше, — тендер"; "триста тысяч, это не бюджет, это порог"
    wider = [t.text.lower() for t in tokens[max(0, f.start - 4):f.start] if t.is_word]
    if wider and wider[-1] in _ABOVE and "если" in wider[:-1]:
        return True  # "через торги, если больше шестисот": a condition's threshold
    if any(tokens[k].lemma in _TOO_MUCH and [t.text.lower() for t in tokens[k - 2:k]] != ["и", "то"]
           and not any(is_number_word(t) for t in tokens[f.end:k])  # not "до четырёхсот, пятьсот много": the next one's
           for k in range(f.end, min(len(tokens), f.end + 4))):
        return True  # "пятьсот — это много": their reaction to a price, not their budget ("триста, и то много": theirs)
    at = [k for k in range(f.end, min(len(tokens), f.end + 6)) if tokens[k].is_word and _number_word(tokens[k]) is False and (
        tokens[k].lemmas.isdisjoint(MONTH | YEAR | QUARTER) and tokens[k].text.lower() != "в")]  # "по семнадцать в месяц за машину"
    after = [tokens[k] for k in at]
    per = len(after) >= 2 and after[0].text.lower() in ("за", "на") and after[1].pos == "NOUN" and not _counted_whole(
        tokens, at[0])  # "тыщ пять за обе точки": the total for both
    before = [t for t in tokens[max(0, f.start - 3):f.start] if t.is_word]
    by_unit = any(t.text.lower() == "по" for t in before)
    if per and not after[1].lemmas.isdisjoint(UNIT_NOUNS) and (
            after[0].text.lower() == "за" or by_unit or after[1].lemmas.isdisjoint(_SERVICE_UNITS)):
        return True  # "тысяча пятьсот за штуку", "двадцать тысяч на человека", "по пятнадцать на точку"
    per = per and after[0].text.lower() == "за"
    if per and by_unit:
        return True  # "по тридцать одной тысяче за рейс"
    lo_s, hi_s = _sentence(tokens, f)  # not "…до восьмисот тысяч. Ваше предложение на девятьсот двадцать"
    lo_c, hi_c = clause_span(tokens, f.start, f.end)  # not "у вас в прайсе триста восемьдесят, а мы тысяч на пятьдесят …"
    window = {lemma for t in tokens[max(lo_s, lo_c, f.start - 6):min(hi_s, hi_c, f.end + 4)] for lemma in t.lemmas}
    if not window.isdisjoint(_OUR_PRICE) and not window.isdisjoint({"ваш", "вы"}):
        return True  # "ваше предложение на семь миллионов", "у вас стоит"
    if _yours(tokens[lo_c:f.start]) and any(not t.lemmas.isdisjoint(_OUR_PRICE) for t in tokens[lo_c:min(hi_c, f.end + 4)]):
        return True  # "у вас на сто тонн в час выходит сорок два миллиона", "выходит, по двадцать три у вас почти четыре"
    if _sellers(tokens, f, hi_s):
        return True  # "Миллион — это у вас минималка", "а ваш минимальный заказ сколько? Сто тысяч, да?"
    for k in range(max(0, f.start - 3), f.start):
        if "2per" in tokens[k].tags and not tokens[k].lemmas.isdisjoint(_YOU_ASK) and all(
                t.pos != "INFN" and t.is_word for t in tokens[k + 1:f.start]):
            return True  # "а вы хотите сто за систему": the seller's price; not "если хотите знать, тысяч триста"
    if reply and said_back(tokens, f):
        return True  # "Вы говорите — миллион двести. Ну, я услышал.": our figure said back
    if _costs_us(tokens, f):
        return True  # "Час простоя стоит нам тысяч двести": what a loss costs them, not what they will spend
    clause = _clause(tokens, f)
    if any(t.lemma == "лизинг" and k and tokens[k - 1].text.lower() in ("в", "через") for k, t in enumerate(tokens)):
        clause = clause - {"лизинг"}  # "двенадцать, если в лизинг": how they would buy, not another cost
    lo, hi = clause_span(tokens, f.start, f.end)  # the past said of the figure, not of another verb (amount_reference)
    previous = not clause.isdisjoint(_PAST_MARKS) and any("past" in t.tags for t in tokens[lo:hi]) and governed_past(tokens, lo, hi, f)
    reach = range(max(lo, f.start - _COST_REACH), min(hi, f.end + _COST_AFTER))
    around = {lemma for k in reach if not _included(tokens, k) for lemma in tokens[k].lemmas}
    other = previous or not (clause & around).isdisjoint(OTHER_COSTS | OTHER_PARTIES) or (
        not clause.isdisjoint(LOANS) and not clause.isdisjoint(_PAYMENTS)) or _offered(tokens, f) or owed(tokens, lo, hi)
    # the intent said before the figure in its sentence: not "Ой, бюджет… У нас ещё штраф висит на сто пятьдесят тысяч"
    lo_own = _own_start(tokens, f)
    lead = {lemma for t in [t for t in tokens[lo_own:f.start] if t.is_word][-PERIOD_REACH:] for lemma in t.lemmas}
    # money paid before: the intent must be said before the pause that ends its clause ("Ну я Гале двадцать
    # восемь платила… Ну тысяч тридцать, тридцать пять максимум": the limit is the next figure's)
    spent = _spent(tokens, f) and _intends(tokens[slice(*_paused(tokens, lo, hi, f))]) is False and governed_past(tokens, lo, hi, f)
    # another cost named in the figure's own sentence, the intent only in one before ("Бюджет… У нас штраф висит на …")
    alone = not {lemma for k in range(max(lo_own, f.start - _COST_REACH), min(hi_s, f.end + _COST_AFTER))
                 if not _included(tokens, k) for lemma in tokens[k].lemmas}.isdisjoint(OTHER_COSTS) and lo_own > lo
    if (other and (_intends(tokens[lo:hi]) is False or alone and _intends(tokens[lo_own:hi_s]) is False)
            or spent) and lead.isdisjoint(INTENT):
        return True  # "аренда за цех сто двадцать тысяч", "ваш прошлый менеджер насчитал шестьсот",
        # "мне у «Вателя» предлагали за семь девятьсот", "в прошлом году на селитру ушло миллион сто"
    # the sentence holding the figure, not "…берём два, значит, триста. Триста тыщ, вот так"
    near = [t for t in tokens[max(lo_s, f.start - 8):min(hi_s, f.end + 6, _likened(tokens, f))] if t.is_word]
    spends = any(not t.lemmas.isdisjoint(CURRENT_SPEND) and "pres" in t.tags for t in near) and not _capped(
        tokens[f.end:hi_s]) and not _capped(next_sentence(tokens, hi_s))  # "сейчас уходит восемьдесят, больше не хочу"
    # "больше двадцати тысяч в месяц тратим": a bound on today's spend, no intent (not "больше ста пятидесяти … не тратим")
    bound = tokens[f.start - 1] if f.start and tokens[f.start - 1].text.lower() in _ABOVE and not any(
        a.text.lower() == "не" and not b.lemmas.isdisjoint(CURRENT_SPEND) for a, b in zip(near, near[1:], strict=False)) else None
    if spends and all(t.lemmas.isdisjoint(INTENT) for t in near if t is not bound):
        return True  # "в месяц тысяч двести уходит", "платим по сорок", "больше двадцати тысяч в месяц тратим"
    if any(not t.lemmas.isdisjoint(SUPPLIERS) and "datv" in t.tags for t in near):
        return True  # "двадцать две тысячи в месяц подрядчику"
    paid = any(not t.lemmas.isdisjoint(CURRENT_SPEND) for t in tokens[max(0, f.start - 3):f.start])
    return spends and any(not t.lemmas.isdisjoint(_CURRENT_MARKS | SUPPLIERS) for t in near) and (
        paid or clause.isdisjoint(INTENT))  # "сейчас платим сто в месяц", not "…, готовы до ста пятидесяти"


def _costs_us(tokens: Sequence[Token], f: Figure) -> bool:
    """A cost to the client put by "стоить"/"обходиться" with "нам"/"мне" in the figure's clause and no intent
    ("каждый сбой обходится нам в сто тысяч")."""
    lo, hi = clause_span(tokens, f.start, f.end)
    clause = tokens[lo:hi]
    return any(not t.lemmas.isdisjoint(_COSTING) for t in clause) and any(
        t.text.lower() in ("нам", "мне") for t in clause) and _intends(clause) is False and not listed(clause)


def _sellers(tokens: Sequence[Token], f: Figure, hi: int) -> bool:
    """The figure put down to the seller, with nothing of the client's own in its clause: "у вас"/"ваш" in its
    sentence, or in the sentence before when its own is a question ("Сто тысяч, да?"); not "у вас дорого, у нас сто",
    "если ваш вариант уложится в пятьсот, берём"."""
    lo = _own_start(tokens, f)
    sentence = tokens[lo:hi]
    if not _yours(sentence):
        asks = hi < len(tokens) and tokens[hi].text == "?"
        before = tokens[_own_start(tokens, Figure(0.0, lo - 1, lo - 1, True)):lo] if lo > 1 else []
        if not (asks and _yours(before) and any(t.text == "?" for t in before)):
            return False
    clause_lo, clause_hi = clause_span(tokens, f.start, f.end)
    own = tokens[max(lo, clause_lo):min(hi, clause_hi)] if _yours(sentence) else sentence
    return not any(not t.lemmas.isdisjoint(_FIRST_PERSON) or "1per" in t.tags for t in own) and _intends(own) is False


def _own_start(tokens: Sequence[Token], f: Figure) -> int:
    """Where the figure's sentence begins: after «.», «!», «?» or a «…» before a capital ("Ой, бюджет… У нас штраф
    висит на …"); not after a pause inside the sentence ("сметчик заложил... от трёх до трёх с половиной")."""
    for k in range(f.start - 1, -1, -1):
        text = tokens[k].text
        dots = text == "…" or text == "." and (k and tokens[k - 1].text == "." or tokens[k + 1].text == ".")
        if text in ("!", "?") or text == "." and not dots or dots and tokens[k + 1].text[:1].isupper():
            return k + 1
    return 0


def _likened(tokens: Sequence[Token], f: Figure) -> int:
    """Where a comparison after the figure begins ("тридцать пять тысяч в месяц, как сейчас платим бухгалтеру": the
    figure likened to today's spend, not today's spend itself); the end of the text when there is none."""
    for k in range(f.end, min(len(tokens) - 1, f.end + 6)):
        if tokens[k].text.lower() == "как" and tokens[k - 1].text.lower() != "так" and (
                tokens[k + 1].text.lower() in ("и", "сейчас", "щас", "сегодня", "теперь", "обычно")):
            return k
    return len(tokens)


def _yours(tokens: Sequence[Token]) -> bool:
    """"у вас" or "ваш" said by the client: the seller's ("у вас на сто тонн в час выходит …")."""
    return any("ваш" in t.lemmas or k and t.lemma == "вы" and tokens[k - 1].text.lower() == "у" for k, t in enumerate(tokens))


def _threshold(tokens: Sequence[Token], f: Figure) -> bool:
    """The client names the figure a threshold, not the budget: it is called "порог" or "не бюджет" right after
    it, or the sentence goes on to "всё, что выше" (what the figure bounds is decided elsewhere)."""
    _lo, hi = _sentence(tokens, f)
    after = [t for t in tokens[f.end:hi] if t.is_word]
    words = [t.text.lower() for t in after]
    near = after[:_NAMED_AFTER]
    if any(t.lemma in _THRESHOLDS for t in near) or any(
            a == "не" and b.lemma == "бюджет" for a, b in zip(words, near[1:], strict=False)):
        return True
    return any(a in _THAT and b == "что" and c in _ABOVE for a, b, c in zip(words, words[1:], words[2:], strict=False))


def threshold_said(tokens: Sequence[Token], amount: float) -> bool:
    """``amount`` is a figure of ``tokens`` (a whole turn) that the client names a threshold (``_threshold``):
    a volunteered figure whose sentence the splitter cut before "а всё, что выше"."""
    return any(_threshold(tokens, f) and amount in (f.value, f.value * 1_000, f.value * 1_000_000)
               for f in said_figures(tokens))


def _capped(sentence: Sequence[Token]) -> bool:
    """The client caps the figure said before: "больше не хочу", "дороже не потянем" (not "не больше ста": how much)."""
    words = [t.text.lower() for t in sentence if t.is_word]
    return any(a in _ABOVE and "не" in words[k + 1:k + 3] for k, a in enumerate(words))  # "больше нам не дадут"


def _sentence(tokens: Sequence[Token], f: Figure) -> tuple[int, int]:
    """The span of the sentence holding the figure."""
    lo = next((k + 1 for k in range(f.start - 1, -1, -1) if tokens[k].text in SENTENCE_ENDS), 0)
    end = f.end
    while end - 1 > f.start and tokens[end - 1].text == ".":
        end -= 1  # "миллион сто." (an amount's span takes the dot after it)
    hi = next((k for k in range(end, len(tokens)) if tokens[k].text in SENTENCE_ENDS), len(tokens))
    return lo, hi


def _counted_whole(tokens: Sequence[Token], k: int) -> bool:
    """A count after the "за"/"на" at ``tokens[k]`` ("за обе точки", "за три машины"): the figure is the total,
    not a unit's price (not "за одну", "за каждую")."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return nxt is not None and nxt.lemma not in ("один", "каждый") and (
        nxt.text.lower() in ALL_OF or is_number_word(nxt))


def states_intent(tokens: Sequence[Token]) -> bool:
    """An intent or an upper limit said and not denied ("четыреста в месяц можем", "девять с половиной — это
    максимум"); not a bare mention ("минимальный бюджет от тридцати", "если больше миллиона") nor a sentence
    about the seller ("у вас выходит миллион девятьсот, это выше, чем мы хотели")."""
    if any(t.lemma in ("вы", "ваш") for t in tokens):
        return False
    return any(not t.lemmas.isdisjoint(INTENT - MENTIONS) and not (k and tokens[k - 1].text.lower() == "не")
               and is_known(t.text) and not _other_action(tokens, k) for k, t in enumerate(tokens))  # not a name repaired to a word ("Потейна")


def _retort(tokens: Sequence[Token], f: Figure) -> bool:
    """"не" said as "нет" right after another figure ("Два миллиона… не, два с половиной"; the comma is no
    token), not a denial ("ну, не миллион", "не сто, а двести")."""
    k = f.start - 2
    return k >= 0 and (tokens[k].text in ("…", "-", "—") or is_number_word(tokens[k])) and all(
        t.text.lower() not in CONTRAST for t in tokens[f.end:f.end + 4]) and not _restated(tokens[:k + 1])


def _restated(tokens: Sequence[Token]) -> bool:
    """The figure ending ``tokens`` says again one said before it ("сорок тысяч в месяц стоит. Сорок, не сорок
    пять"): the "не" after it denies the next figure, it corrects nothing."""
    said = said_figures(tokens)
    if len(said) < 2 or said[-1].end != len(tokens):
        return False
    digits = {str(int(g.value)).rstrip("0") for g in said[:-1]}
    return str(int(said[-1].value)).rstrip("0") in digits


def _intends(clause: Sequence[Token]) -> bool:
    """An intent word in ``clause`` that is not denied ("вот её мы точно платить не хотим" states none) nor
    a modal of another action ("готовы их рассмотреть", "можем созвониться")."""
    return any(not t.lemmas.isdisjoint(INTENT) and not (k and clause[k - 1].text.lower() == "не")
               and not _other_action(clause, k) for k, t in enumerate(clause))


def _other_action(tokens: Sequence[Token], k: int) -> bool:
    """The modal at ``tokens[k]`` governs an infinitive (over a pronoun) that is no paying ("готовы их рассмотреть")."""
    if tokens[k].lemma not in _MODALS:
        return False
    for t in tokens[k + 1:k + 3]:
        if t.pos == "INFN":
            return t.lemmas.isdisjoint(_PAYING)
        if t.pos not in ("NPRO", "PRCL", "ADVB"):
            return False
    return False


def _counts(tokens: Sequence[Token], f: Figure) -> bool:
    """A figure with no currency after a genitive plural noun that is no money ("коробок надо тысяч десять")."""
    if f.currency != "RUB" or any(currency_word(t) for t in tokens[f.start:f.end + 1]):
        return False
    before = list(tokens[max(0, f.start - 2):f.start])
    need = len(before) == 2 and before[-1].lemma in _NEED
    if need:
        before = before[:1]  # "коробок надо тысяч десять"
    if not before or not before[-1].is_word or before[-1].pos != "NOUN":
        return False
    t = before[-1]  # a form that is plural genitive alone ("рейсов"; not "машины", "сотки") or needed ("коробок надо")
    k = f.start - (2 if need else 1)
    opens = k == 0 or not tokens[k - 1].is_word  # the noun opens the sentence: not "по плану закупок", "для тротуаров"
    return opens and {"gent", "plur"} <= t.tags and (need or "sing" not in t.tags) and t.lemmas.isdisjoint(
        MONEY_NOUNS | MONTH | YEAR | QUARTER)


def _paused(tokens: Sequence[Token], lo: int, hi: int, f: Figure) -> tuple[int, int]:
    """The part of the clause ``lo:hi`` between the pauses ("…") around the figure."""
    start = next((k + 1 for k in range(f.start - 1, lo - 1, -1) if tokens[k].text == "…"), lo)
    end = next((k for k in range(f.end, hi) if tokens[k].text == "…"), hi)
    return start, end


def _offered(tokens: Sequence[Token], f: Figure) -> bool:
    """A figure in a clause where someone else offers a price ("«АгроТрек» по восемь пятьсот предлагает")."""
    start, end = clause_span(tokens, f.start, f.end)
    clause = tokens[start:end]
    if any(t.text.lower() in ("я", "мы") for t in clause):
        return False  # "я бы предложил тысяч триста": the client's own figure
    if f.start and tokens[f.start - 1].text.lower() == "за" and any(
            not t.lemmas.isdisjoint(_SOLD_FOR) and "past" in t.tags for t in clause):
        return True  # "итальянцы за двадцать пять давали"
    past = any("past" in t.tags for t in clause)
    return any(not t.lemmas.isdisjoint(_OFFER) and ({"3per", "past"} & t.tags or t.pos == "NOUN" and past)
               for t in clause)  # not "смотря что предложите"


def _spent(tokens: Sequence[Token], f: Figure) -> bool:
    """Money already spent ("в прошлом году на селитру ушло миллион сто"), not the budget to come."""
    clause = tokens[slice(*clause_span(tokens, f.start, f.end))]  # not "я бы … отдавал": the subjunctive
    return any(not t.lemmas.isdisjoint(CURRENT_SPEND | _SPENT) and "past" in t.tags for t in clause) and not subjunctive(clause)


def _clause(tokens: Sequence[Token], f: Figure) -> set[str]:
    """The lemmas of the clause holding the figure (between commas, full stops, "а", "но")."""
    start, end = clause_span(tokens, f.start, f.end)
    return {lemma for t in tokens[start:end] for lemma in t.lemmas}


def clause_span(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    while end - 1 > start and tokens[end - 1].text == ".":
        end -= 1  # "миллион сто." (an amount's span takes the dot after it)
    while start > 0 and tokens[start - 1].text.lower() not in _CLAUSE_BREAKS:
        start -= 1
    while end < len(tokens) and tokens[end].text.lower() not in _CLAUSE_BREAKS:
        end += 1
    return start, end


def _number_word(t: Token) -> bool:
    return "NUMR" in t.tags or t.pos == "NUMR" or t.lemma in ("копейка", "рубль", "тысяча")
