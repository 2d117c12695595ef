"""Figures in a client's reply that are no budget of theirs by the verb they go with (round 18, eng18f).

- ``refused``: a sum denied by a negated verb of giving or affording after it in its clause ("Миллион триста он не
  даст", "на миллион мы точно не потянем"): the sum they will not pay. A bound before the verb keeps it a cap ("больше
  ста не дадут", "полмиллиона, больше не дадим" are the budget).
- ``difference``: a figure put as by how much one price differs from another ("по итогу на восемьсот тысяч дешевле
  вышли"): no sum of its own (a base said in the reply makes it a sum, ``amount_grammar.relative``).
- ``seen_price``: a price the client saw somewhere, said in a sentence led by a verb of looking and holding no
  intent ("Я у китайцев на сайте смотрел, … инвертор тысяч двести"): what a thing costs there, not their sum.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import Figure
from qa_desk.analysis.figures import INTENT
from qa_desk.analysis.language import CONTRAST
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token

# lemmas: verbs of giving or affording a sum ("не даст", "не потянем", "не выделят", "не подпишет")
_GRANTING = frozenset({"дать", "давать", "потянуть", "тянуть", "осилить", "вытянуть", "вытащить", "выделить", "выделять",
                       "подписать", "согласовать", "одобрить", "утвердить", "заплатить", "потратить", "отдать",
                       "наскрести", "найти"})
_BOUNDS = frozenset({"больше", "более", "свыше", "выше", "дороже", "меньше", "менее", "ниже", "дешевле"})
_REACH = 5  # words after the figure to its negated verb ("миллион триста он точно не даст")
# lemmas: verbs of looking a price up ("смотрел", "видел", "прицениться")
_LOOKED = frozenset({"смотреть", "посмотреть", "видеть", "увидеть", "глянуть", "поглядеть", "прицениться", "погуглить",
                     "гуглить", "мониторить"})
_OURS = frozenset({"мы", "наш", "нас"})


def refused(tokens: Sequence[Token], f: Figure) -> bool:
    """``f`` is the sum a negated giving verb after it in its clause denies."""
    if any(t.text.lower() in _BOUNDS for t in tokens[max(0, f.start - 2):f.start]):
        return False  # "больше ста не дадут": a cap
    for k in range(f.end, min(len(tokens) - 1, f.end + _REACH)):
        t = tokens[k]
        if t.text in SENTENCE_ENDS or t.text == ";" or t.text.lower() in CONTRAST:
            return False
        if t.text.lower() in _BOUNDS:
            return False  # "полмиллиона, больше не дадим": the figure capped
        if t.text.lower() == "не" and not tokens[k + 1].lemmas.isdisjoint(_GRANTING):
            return True
    return False


def seen_price(tokens: Sequence[Token], f: Figure) -> bool:
    """``f`` is a price seen: a past verb of looking before it in its sentence, no intent and no «мы» there."""
    lo = f.start
    while lo > 0 and tokens[lo - 1].text not in SENTENCE_ENDS:
        lo -= 1
    hi = f.end
    while hi < len(tokens) and tokens[hi].text not in SENTENCE_ENDS:
        hi += 1
    looked = next((k for k in range(lo, f.start) if not tokens[k].lemmas.isdisjoint(_LOOKED) and "past" in tokens[k].tags
                   and (k == 0 or tokens[k - 1].text.lower() != "не")), None)
    if looked is None:
        return False
    sentence = tokens[lo:hi]
    return all(t.lemmas.isdisjoint(INTENT) for t in sentence) and all(
        t.lemmas.isdisjoint(_OURS) for t in tokens[looked:f.start])


_COMPARATIVES = frozenset({"дешевле", "дороже", "больше", "меньше", "выше", "ниже"})


def difference(tokens: Sequence[Token], f: Figure) -> bool:
    """``f`` follows «на» and a comparative follows it: "на восемьсот тысяч дешевле"."""
    return f.start > 0 and tokens[f.start - 1].text.lower() == "на" and any(
        t.text.lower() in _COMPARATIVES for t in tokens[f.end:f.end + 2]) and all(
        t.lemma != "процент" for t in tokens[f.end:f.end + 2])  # not "на десять процентов больше": a share
