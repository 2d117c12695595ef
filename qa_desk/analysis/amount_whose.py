"""Whose figure a reply's sum is, read from the clause around it: a debt that is owed ("Кредит за трактор у меня
миллион двести висит") is the lender's claim, not money the client sets aside. Closed classes only: the nouns of a
debt, taken as the clause's subject (the nominative, governed by no preposition and after no verb: not "в кредит",
"через заём", which say how the purchase is paid, nor "возьмём кредит на …", the loan planned)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.lexicon import Token

DEBTS = frozenset({"кредит", "заем", "займ", "ипотека", "долг", "задолженность"})


def owed(tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """A debt is the subject of the clause ``tokens[lo:hi]``: its figure is what is owed."""
    return any(not t.lemmas.isdisjoint(DEBTS) and "nomn" in t.tags and (k == lo or tokens[k - 1].pos != "PREP")
               and not any(x.pos in ("VERB", "INFN") for x in tokens[lo:k])  # not "Возьмём кредит на два миллиона"
               for k, t in enumerate(tokens[lo:hi], lo))


_PURPOSE = frozenset({"под", "для"})


def for_whom(tokens: Sequence[Token], k: int) -> bool:
    """``tokens[k]`` names whom money is set aside for, a person after a preposition of purpose ("выбил под
    подрядчика: триста пятьдесят", "для нового поставщика"): the party to be paid, not one paid today."""
    return k > 0 and tokens[k].animate and tokens[k - 1].text.lower() in _PURPOSE


def subjunctive(clause: Sequence[Token]) -> bool:
    """The clause holds "бы": its past-tense verbs are the subjunctive mood ("я бы тысяч сто в месяц спокойно
    отдавал"), a wish or a condition, not money spent."""
    return any(t.text.lower() in ("бы", "б") for t in clause)


PLAN_DOCUMENTS = frozenset({"план", "смета", "план-график", "бюджет", "планирование"})  # lemmas: where a sum is listed


def listed(clause: Sequence[Token]) -> bool:
    """The clause puts its sum in a plan ("в плане на год двести пятьдесят тысяч стоит", "в смете стоит"): "стоит"
    there says the sum is listed (стоять), not what something costs them."""
    return any(t.text.lower() in ("в", "во") and not nxt.lemmas.isdisjoint(PLAN_DOCUMENTS) and "loct" in nxt.tags
               for t, nxt in zip(clause, clause[1:], strict=False))
