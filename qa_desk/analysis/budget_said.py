"""The budget said again or refused outright, beside the reply's own figure (amounts.py).

- ``budget_restated``: a sentence that states the budget anew as decided, changed or counted again ("собственник
  сказал…", "коммерческий пересчитал…", "мы с ним считали, триста, ну вот прямо потолок"), not a cost besides it;
  in a turn that corrects an earlier answer ("я вам в прошлый раз неправильно сказал…") any later sentence of the
  turn that states a limit restates it;
- ``refused_outright``: a plain "Нет." to a yes/no question about the money: no budget;
- ``funds_governed``, ``nothing_to_pay``: "За такие деньги нет" refuses a price; "платить нечем" has no money;
- ``same_again``: "так же и сейчас", "столько же" carries a past spend over as the budget.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.amounts import CHANGED
from qa_desk.analysis.figure_finding import said_figures
from qa_desk.analysis.figures import MONEY_NOUNS
from qa_desk.analysis.language import UPPER_BOUNDS, language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.reply_topic import clauses

# A budget said anew: decided or changed by someone ("собственник сказал…", "коммерческий пересчитал…"), not a cost
# besides it ("на монтаж отдельно готовы двести", "из них на обучение сто пятьдесят", "доставку ещё сто")
_DECIDED = frozenset({"сказать", "говорить", "решить", "согласовать", "утвердить", "одобрить", "разрешить", "теперь", "сейчас"})
_BESIDES = frozenset({"отдельно", "отдельный", "ещё", "еще", "плюс", "дополнительно", "кроме", "них", "этого", "сверху"})


_BESIDES_AFTER = 2  # words after the figure that may still add it to another ("сто, плюс доставка")
_COUNTED = frozenset({"считать", "посчитать", "подсчитать", "прикинуть", "прикидывать"})  # "мы с ним считали, триста"


def budget_restated(tokens: Sequence[Token]) -> bool:
    """A sentence that states the budget again as decided or changed, or as counted anew up to a limit ("Мы с
    ним считали, триста, ну вот прямо потолок"), not a cost besides it (before the figure or right after it)."""
    lemmas = {lemma for t in tokens for lemma in t.lemmas}
    figures = said_figures(tokens)
    end = figures[0].end + _BESIDES_AFTER if figures else len(tokens)
    near = {lemma for t in tokens[:end] for lemma in t.lemmas}
    counted = not lemmas.isdisjoint(_COUNTED) and any(t.text.lower() in UPPER_BOUNDS for t in tokens)
    return (not lemmas.isdisjoint(_DECIDED | CHANGED) or counted) and near.isdisjoint(_BESIDES)


def restated_in_turn(turn: Sequence[Sequence[Token]], n: int) -> bool:
    """Sentence ``n`` of a turn restates the budget: on its own (``budget_restated``), or as the limit that closes a
    turn whose earlier sentence restates it ("…он на страховку больше семисот пятидесяти в год давать не готов. Вот
    семьсот пятьдесят, это потолок, так и запишите"), with no cost besides it."""
    tokens = turn[n]
    if budget_restated(tokens):
        return True
    figures = said_figures(tokens)
    end = figures[0].end + _BESIDES_AFTER if figures else len(tokens)
    return any(budget_restated(earlier) for earlier in turn[:n]) and any(
        t.text.lower() in UPPER_BOUNDS for t in tokens) and all(t.lemmas.isdisjoint(_BESIDES) for t in tokens[:end])


_NO = frozenset({"нет", "не-а", "неа"})
_THERE_IS = frozenset({"есть", "быть", "иметься", "предусмотреть", "выделить", "заложить", "запланировать", "найтись",
                       "располагать", "предусматривать", "выделять", "закладывать"})
_COMPARED = frozenset({"больше", "меньше", "выше", "ниже", "дороже", "дешевле", "побольше", "поменьше"})


def refused_outright(question: Sequence[Token], reply: Sequence[Token], wh_words: frozenset[str]) -> bool:
    """A plain "Нет." to a yes/no question about the money with no figure in it ("Предусмотрены ли у вас
    средства на такую закупку?" — "Нет. План-график свёрстан…"): no budget. Not a "нет" to a figure the
    manager named ("В пределах миллиона?" — "Нет, меньше"), nor to a question with a question word, nor to a request
    to tell it ("назовёте?": the "нет" refuses the telling; not a polite "Скажите, …" before the yes/no question)."""
    words = [t for t in reply if t.is_word]
    if not question or not words or words[0].text.lower() not in _NO or said_figures(list(question)):
        return False
    if all(t.lemmas.isdisjoint(MONEY_NOUNS) for t in question) or all(t.lemmas.isdisjoint(_THERE_IS) for t in question):
        return False  # it asks whether the money is there: not "можно с ним связаться?", "бюджет согласовали с директором?"
    if any(t.lemma in wh_words for t in question) or any(t.text.lower() in _COMPARED for t in words):
        return False
    if any(t.lemma in language().request_verbs and t.pos == "VERB" and "impr" not in t.tags for t in question):
        return False  # "А сумму, которую под это выделят, хоть порядок назовёте?" — "Нет.": he will not tell
    if any("futr" in t.tags and t.pos == "VERB" and not (k and words[k - 1].text.lower() == "не") and any(
            not w.lemmas.isdisjoint(MONEY_NOUNS) for w in words[max(0, k - 3):k + 3]) for k, t in enumerate(words)):
        return False  # "Нет, бюджет будет только после нового года": money to come, its sum not said
    return not said_figures(list(reply))


_FUNDS = frozenset({"деньга", "деньги", "средство", "бюджет", "финансирование", "финансы"})  # not "рубль", "тысяча"
def _governed(clause: Sequence[Token], k: int) -> bool:
    """The noun at ``k`` stands after a preposition, a pronoun or adjective between ("за такие деньги", "на эти
    средства"): the object of the preposition, never the subject of an existential «нет»."""
    j = k - 1
    while j >= 0 and clause[j].pos in ("ADJF", "NPRO", "PRTF") and k - j <= 3:
        j -= 1
    return j >= 0 and clause[j].pos == "PREP"


_NOTHING = frozenset({"нечем", "нечего"})
_PAY = frozenset({"платить", "заплатить", "оплатить", "оплачивать", "купить", "покупать", "закупать", "закупить", "брать",
                  "взять", "рассчитаться", "рассчитываться"})


def nothing_to_pay(tokens: Sequence[Token]) -> bool:
    """A negative pronoun beside an infinitive of paying or buying ("платить нечем", "не на что закупать", "брать
    не на что"): no money, said without a money noun."""
    words = [t for t in tokens if t.is_word]
    texts = [t.text.lower() for t in words]
    marks = [k for k, x in enumerate(texts) if x in _NOTHING or x == "не" and texts[k + 1:k + 3] == ["на", "что"]]
    return any(t.pos == "INFN" and t.lemma in _PAY and any(abs(k - j) <= 4 for j in marks) for k, t in enumerate(words))


def funds_governed(tokens: Sequence[Token]) -> bool:
    """Every money noun of the sentence stands after a preposition ("За такие деньги нет."): the «нет» refuses a
    price, it says no money is there."""
    words = [t for t in tokens if t.is_word]
    funds = [k for k, w in enumerate(words) if not w.lemmas.isdisjoint(_FUNDS)]
    return bool(funds) and all(_governed(words, k) for k in funds)


def funds_absent(tokens: Sequence[Token], text: str) -> bool:
    """The existential «нет» with the money as its genitive subject anywhere in one clause ("Денег на это в этом
    году нет вообще", "денег на новое оборудование у нас сейчас нет"): no budget, however far apart the two stand.
    Not a reply-opening «Нет, денег хватает» (the «нет» is a clause of its own), nor a clause with a verb of having."""
    for clause in clauses(tokens, text):
        if any(not w.lemmas.isdisjoint(_FUNDS) and "gent" in w.tags and not _governed(clause, k)
               for k, w in enumerate(clause)) and any(
                w.text.lower() in ("нет", "нету") for w in clause) and not any(
                w.lemma in _THERE_IS and w.pos == "VERB" for w in clause):
            return True
    return False


_SAME = frozenset({"столько", "так", "такой", "тот", "та", "то", "ту", "этот", "эта", "эту", "это"})
_SAYING = frozenset({"сказать", "говорить", "решить", "думать", "подумать"})
_ENDS = frozenset({".", "!", "?", "…"})
_NEAR = 4  # words either side of "столько же" that tell its tense


def same_again(tokens: Sequence[Token]) -> int | None:
    """Where a reply says that a figure said before it holds again: "столько же", "так же", "в эту же сумму", with a
    figure before and none after, and no past verb near but one of saying or deciding ("Вот примерно так же и
    сейчас закладываю.", "в этом, думаю, будет столько же"; not "у других примерно так же было"): the index of the
    word, else None."""
    words = [k for k, t in enumerate(tokens) if t.is_word]
    for j, k in enumerate(words[:-1]):
        nxt = tokens[words[j + 1]].text.lower()
        if tokens[k].text.lower() in _SAME and nxt in ("же", "ж") or tokens[k].text.lower() == "столько" and nxt == "и":
            # "столько и на это": the correlative of a comparison ("как на расходники — столько и на это")
            lo = max((x + 1 for x in range(k) if tokens[x].text in _ENDS), default=0)  # its own sentence
            near = [tokens[x] for x in words[max(0, j - _NEAR):j + _NEAR] if x >= lo]
            if any(t.pos == "VERB" and "past" in t.tags and t.lemma not in _SAYING for t in near):
                return None
            if said_figures(list(tokens[:k])) and not said_figures(list(tokens[k:])):
                return k
            return None
    return None


def as_now(tokens: Sequence[Token], habit: bool = False) -> list[Token]:
    """A spend said in the past read as said now (its past verbs left out): the figure that ``same_again`` carries
    over; ``habit``: "столько" carries a spend said in the present too ("на расходники тратим тысяч двадцать… —
    столько и на это"), its present verbs left out as well."""
    tenses = {"past", "pres"} if habit else {"past"}
    return [t for t in tokens if not (t.pos == "VERB" and not tenses.isdisjoint(t.tags))]
