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

from qa_desk.analysis.amount_grammar import anaphora
from qa_desk.analysis.amount_reference import period_standard
from qa_desk.analysis.amounts import CHANGED
from qa_desk.analysis.figure_finding import said_figures
from qa_desk.analysis.figures import CURRENT_SPEND, MONEY_NOUNS
from qa_desk.analysis.language import UPPER_BOUNDS, language
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token
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
    counted = not lemmas.isdisjoint(_COUNTED) and limit_said(tokens)
    return (not lemmas.isdisjoint(_DECIDED | CHANGED) or counted) and near.isdisjoint(_BESIDES)


def restated_in_turn(turn: Sequence[Sequence[Token]], n: int) -> bool:
    """Sentence ``n`` of a turn restates the budget: on its own (``budget_restated``), or as the limit that closes a
    turn whose earlier sentence restates it ("…он на страховку больше семисот пятидесяти в год давать не готов. Вот
    семьсот пятьдесят, это потолок, так и запишите"; "считали на бумажке: триста. Вот триста тысяч на все семена, больше
    не наскребём"), with no cost besides it."""
    tokens = turn[n]
    if budget_restated(tokens):
        return True
    figures = said_figures(tokens)
    end = figures[0].end + _BESIDES_AFTER if figures else len(tokens)
    return any(budget_restated(earlier) or any(t.lemma in _COUNTED for t in earlier) for earlier in turn[:n]) and (
        limit_said(tokens)) and all(t.lemmas.isdisjoint(_BESIDES) for t in tokens[:end])  # "считали: триста. Вот триста …, больше не наскребём"


def limit_said(tokens: Sequence[Token]) -> bool:
    """An upper limit said: a limit noun ("край", "потолок") or more refused (``more_refused``)."""
    return any(t.text.lower() in UPPER_BOUNDS for t in tokens) or more_refused(tokens)


def more_refused(tokens: Sequence[Token]) -> bool:
    """"больше" before a denied verb, the speaker's own limit ("больше не наскребём"; not one said of the seller)."""
    return not any(t.lemma in ("вы", "ваш") for t in tokens) and any(
        t.text.lower() in ("больше", "более") and k + 2 < len(tokens) and tokens[k + 1].text.lower() == "не"
        and tokens[k + 2].pos in ("VERB", "INFN") for k, t in enumerate(tokens))


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
_PERSONS = frozenset({"1per", "2per", "3per"})


def _governed(clause: Sequence[Token], k: int) -> bool:
    """The noun at ``k`` stands after a preposition, a pronoun or adjective between ("за такие деньги", "на эти
    средства"): the object of the preposition, never the subject of an existential «нет»."""
    j = k - 1
    while j >= 0 and clause[j].pos in ("ADJF", "NPRO", "PRTF") and k - j <= 3 and clause[j].tags.isdisjoint(_PERSONS):
        j -= 1  # not a personal pronoun: "у нас денег нет" holds the preposition's own object, "нас"
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


_SAYING = frozenset({"сказать", "говорить", "решить", "думать", "подумать"})
_NEAR = 4  # words either side of "столько же" that tell its tense


def same_again(tokens: Sequence[Token]) -> int | None:
    """Where a reply says that a figure said before it holds again: "столько же", "так же", "в эту же сумму", with a
    figure before and none after, and no past verb near but one of saying or deciding ("Вот примерно так же и
    сейчас закладываю.", "в этом, думаю, будет столько же"; not "у других примерно так же было"): the index of the
    word, else None."""
    words = [k for k, t in enumerate(tokens) if t.is_word]
    for j, k in enumerate(words[:-1]):
        if words[j + 1] == k + 1 and anaphora(tokens, k):
            lo = max((x + 1 for x in range(k) if tokens[x].text in SENTENCE_ENDS), default=0)  # its own sentence
            near = [tokens[x] for x in words[max(0, j - _NEAR):j + _NEAR] if x >= lo]
            if any(t.pos == "VERB" and "past" in t.tags and t.lemma not in _SAYING for t in near):
                return None
            if said_figures(list(tokens[:k])) and not said_figures(list(tokens[k:])):
                return k
            return None
    return None


def as_now(tokens: Sequence[Token], habit: bool = False) -> list[Token]:
    """A spend said in the past read as said now (its past verbs and spending verbs left out): the figure that
    ``same_again`` carries over; ``habit``: "столько" carries a spend said in the present too ("на расходники тратим
    тысяч двадцать… — столько и на это"), its present verbs left out as well."""
    tenses = {"past", "pres"} if habit else {"past"}
    return [t for t in tokens if not (t.pos == "VERB" and (not tenses.isdisjoint(t.tags) or not t.lemmas.isdisjoint(CURRENT_SPEND)))]


_ABOVE = frozenset({"больше", "более", "свыше", "дороже", "выше", "сверху"})
_NONE_MORE = 5  # words after a figure that may deny any more of it


def capped(tokens: Sequence[Token]) -> bool:
    """A ceiling said as a refusal of more: a comparative bound before a figure and a verb denied after it in the
    same sentence ("Больше тридцатки в месяц я на это не выделю", "свыше двухсот нам не согласуют"), or "ни"
    and a comparative after it ("две с половиной, и ни копейки сверху"): the figure is the budget's upper end, said
    bare or not, and no "нет денег"."""
    for f in said_figures(list(tokens)):
        end = next((k for k in range(f.end, len(tokens)) if tokens[k].text in SENTENCE_ENDS), len(tokens))
        words = [t.text.lower() for t in tokens[f.end:end] if t.is_word][:_NONE_MORE]
        if "ни" in words and not _ABOVE.isdisjoint(words[words.index("ни"):]):
            return True  # "две с половиной, и ни копейки сверху", "двести пятьдесят, и ни рублём больше"
        if not f.start or tokens[f.start - 1].text.lower() not in _ABOVE:
            continue
        if any(tokens[k].text.lower() == "не" and tokens[k + 1].pos in ("VERB", "INFN", "PRTS")
               for k in range(f.end, end - 1)):
            return True
    return False


_LIKENED = frozenset({"чем", "как", "сколько"})  # the standard of a comparison or likeness follows
_STANDARD_REACH = 5
_VERB_REACH = 8  # "сколько мы на это в месяц тратим"


def likened(tokens: Sequence[Token]) -> list[Token] | None:
    """A budget set by another spend it is likened to, whose figure is said in another sentence ("не дороже, чем мы
    на цветы тратим. А на цветы у нас двадцать пять тысяч в месяц уходит"; "сколько на корма, столько и на это. На
    корма тысяч тридцать"; "Ну вот сколько мы на это в месяц тратим, тысяч сорок"): that sentence, read as said now
    (``as_now``), else None."""
    ends = [k for k, t in enumerate(tokens) if t.text in SENTENCE_ENDS]
    for k, t in enumerate(tokens):
        if t.text.lower() not in _LIKENED:
            continue
        hi = next((e for e in ends if e > k), len(tokens))
        verb = next((j for j in range(k + 1, min(hi, k + _VERB_REACH)) if tokens[j].pos == "VERB"), None)
        if t.text.lower() == "сколько" and verb is not None and not tokens[verb].lemmas.isdisjoint(CURRENT_SPEND) and (
                said_figures(list(tokens[verb:hi]))):  # "Потолок… Ну вот сколько мы на это в месяц тратим, тысяч сорок"
            return as_now(tokens[k:hi])
        std = next((j + 1 for j in range(k + 1, min(len(tokens) - 1, k + _STANDARD_REACH)) if tokens[j].text.lower() == "на"
                    and tokens[j + 1].pos == "NOUN"), None)
        if std is None:
            continue
        for j, x in enumerate(tokens):
            if x.lemma != tokens[std].lemma or j == std or not j or tokens[j - 1].text.lower() != "на":
                continue
            lo = max((e + 1 for e in ends if e < j), default=0)
            hi = next((e for e in ends if e >= j), len(tokens))
            if not lo <= k < hi and said_figures(list(tokens[lo:hi])):
                return as_now(tokens[lo:hi])
    standard = period_standard(tokens)  # "уложиться как в прошлом году. А в прошлом году вышло триста пятьдесят"
    return None if standard is None else as_now(standard)
