"""What a figure in the client's reply refers to, by the grammar around it (round 17).

- ``governed_past``: the finite verb nearest to a figure in its clause tells its time. A past verb elsewhere in
  the clause does not make the figure a past spend when a present or future verb stands closer ("В этом, как в
  прошлом, только чуть накинули, нам доводят триста восемьдесят": the commas the tokenizer drops leave one clause).
- ``period_standard``: a budget likened to a past period ("держаться как в прошлом сезоне", "как и в том году")
  whose figure another sentence of the reply gives ("А в прошлом сезоне ушло девятьсот", "Тогда потратили …").
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import Figure, currency_word, said_figures
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token
from qa_desk.analysis.money import SCALE_VALUES, is_number_word

_TENSES = frozenset({"past", "pres", "futr"})
_PAST_DEICTIC = frozenset({"прошлый", "позапрошлый", "тот", "прошедший", "предыдущий"})  # closed class: "в том году"
_THEN = frozenset({"тогда"})


def governed_past(tokens: Sequence[Token], lo: int, hi: int, f: Figure) -> bool:
    """The finite verb of the clause ``tokens[lo:hi]`` nearest to ``f`` is in the past (ties: the one before)."""
    best: tuple[int, int] | None = None
    at = -1
    for k in range(lo, hi):
        t = tokens[k]
        if f.start <= k < f.end or t.pos != "VERB" or t.tags.isdisjoint(_TENSES):
            continue
        dist = (f.start - k, 0) if k < f.start else (k - f.end + 1, 1)
        if best is None or dist < best:
            best, at = dist, k
    return best is None or "past" in tokens[at].tags


def _sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    out, lo = [], 0
    for k, t in enumerate(tokens):
        if t.text in SENTENCE_ENDS:
            if k > lo:
                out.append((lo, k))
            lo = k + 1
    if lo < len(tokens):
        out.append((lo, len(tokens)))
    return out


def _past_period(tokens: Sequence[Token], k: int) -> str | None:
    """The noun lemma of "в прошлом году" / "в тот раз" / "в позапрошлом сезоне" opening at ``tokens[k]`` ("в")."""
    if k + 2 >= len(tokens) or tokens[k].text.lower() not in ("в", "во"):
        return None
    adj, noun = tokens[k + 1], tokens[k + 2]
    if adj.lemmas.isdisjoint(_PAST_DEICTIC) or noun.pos != "NOUN":
        return None
    return noun.lemma


def period_standard(tokens: Sequence[Token]) -> list[Token] | None:
    """The sentence whose figure a budget likened to a past period stands for: "как (и) в прошлом <noun>" in one
    sentence, the same "<past> <noun>" or "тогда" with a figure in another; None if the likening sentence has a
    figure of its own or nothing else names that period."""
    spans = _sentences(tokens)
    for n, (lo, hi) in enumerate(spans):
        for k in range(lo, hi - 2):
            if tokens[k].text.lower() != "как":
                continue
            j = k + 1 + (tokens[k + 1].text.lower() == "и")
            noun = _past_period(tokens, j) if j < hi else None
            if noun is None or said_figures(list(tokens[lo:hi])):
                continue
            for m, (a, b) in enumerate(spans):
                if m == n or not said_figures(list(tokens[a:b])):
                    continue
                named = any(_past_period(tokens, x) == noun for x in range(a, b))
                then = m > n and any(tokens[x].lemma in _THEN for x in range(a, b))
                if named or then:
                    return list(tokens[a:b])
    return None


def next_sentence(tokens: Sequence[Token], hi: int) -> Sequence[Token]:
    """The sentence after the one ending at ``hi`` when it holds no figure of its own ("Уходит тысяч семьдесят. И
    больше не дадут": a cap on the spend said before it), else nothing."""
    end = next((k for k in range(hi + 1, len(tokens)) if tokens[k].text in SENTENCE_ENDS), len(tokens))
    following = tokens[hi + 1:end]
    return () if said_figures(list(following)) else following


# a figure said in jest (a small class of the language: the joke and the laugh, not one trade's words)
_JEST = frozenset({"шутка", "шутить", "пошутить", "шутя", "шуточный", "смеяться", "засмеяться", "рассмеяться", "посмеяться",
                   "прикол", "прикалываться", "юмор", "хохотать"})
_EARNEST = frozenset({"без", "кроме", "не", "шутки"})  # "без шуток", "кроме шуток", "не шучу": said in earnest


def joked(tokens: Sequence[Token], f: Figure) -> bool:
    """``f`` stands in a sentence that calls itself a joke ("Это шутка такая, линия стоила сорок миллионов", "шутит,
    что как за яхту, миллионов сорок", "хоть сто миллионов, и засмеялся"), not "без шуток": no budget of theirs."""
    lo = next((k + 1 for k in range(f.start - 1, -1, -1) if tokens[k].text in SENTENCE_ENDS), 0)
    hi = next((k for k in range(f.end, len(tokens)) if tokens[k].text in SENTENCE_ENDS), len(tokens))
    return any(not tokens[k].lemmas.isdisjoint(_JEST) and not (k and tokens[k - 1].text.lower() in _EARNEST)
               for k in range(lo, hi))


_SCALES = frozenset(w for w, v in SCALE_VALUES.items() if v >= 1_000)  # "тысяча", "миллион", "лям"


def elided_count(tokens: Sequence[Token], f: Figure) -> bool:
    """``f`` has no noun of its own and an earlier number of its sentence counts a noun that is no money, with a
    predicate of its own between them ("Улов в прошлом сезоне был восемьсот тонн, в этом ждём под тысячу": the
    ellipsis of a parallel clause, the tokenizer keeping no comma): the figure counts that noun too, no budget.
    Not "на восемь магазинов не дороже шестисот" (one clause) nor "Для трёх кофеен — миллион"."""
    if f.end < len(tokens) and tokens[f.end].pos == "NOUN" or f.scaled and sum(t.is_word for t in tokens[f.start:f.end]) > 1:
        return False  # a figure with its own noun, or a sum said with its scale ("семьсот пятьдесят тысяч")
    lo = next((k + 1 for k in range(f.start - 1, -1, -1) if tokens[k].text in SENTENCE_ENDS), 0)
    for k in range(f.start - 2, lo - 1, -1):
        noun = tokens[k + 1]  # a counted noun: "восемьсот тонн" (genitive), not "по всем трём садам"
        if not (is_number_word(tokens[k]) and noun.pos == "NOUN" and "gent" in noun.tags and not currency_word(noun)
                and noun.lemmas.isdisjoint(_SCALES)):
            continue
        between = tokens[k + 2:f.start]
        return (any(t.pos == "VERB" and not t.tags.isdisjoint(_TENSES) for t in between)
                and not any(t.pos == "NOUN" for t in between) and not said_figures(list(tokens[k:f.start])))
    return False
