"""Which of a reply's figures the client states as a budget: the figures before a sentence that states an intent
with another figure are dropped (``intended``), and a reply quoting a price list is no budget (``price_list``)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.figure_finding import Figure
from qa_desk.analysis.figures import INTENT, MENTIONS, clause_span
from qa_desk.analysis.language import CONTRAST
from qa_desk.analysis.lexicon import SENTENCE_ENDS, Token
from qa_desk.analysis.money import SCALE_STEPS

_RAISES = frozenset({"то", "может", "если", "даже", "и"})  # "а то и", "а может", "а если прижмёт", "а даже"
_FILLERS = frozenset({"ну", "вот", "это", "э", "так", "где-то", "около"})
_SCALE_RATIOS = tuple(s for s in SCALE_STEPS if s >= 1_000)  # a bare figure's scale words: тысяча, сотка, миллион, …


def intended(tokens: Sequence[Token], figures: list[Figure]) -> list[Figure]:
    """Drop figures said in earlier sentences with no intent when a later sentence states one with another
    figure ("средний чек у нас тысяча четыреста, … окупится. Ну, от шестисот до восьмисот тысяч готовы")."""
    def intent(f: Figure) -> bool:
        start, end = clause_span(tokens, f.start, f.end)
        return any(not t.lemmas.isdisjoint(INTENT) and not _hedge(tokens, k, f) for k, t in enumerate(tokens[start:end], start))

    def sentence_end(f: Figure) -> int:
        # or a contrast opening the next clause: Whisper writes a period as a comma ("гранд 2 миллиона 300, но там
        # зарплаты, а на оборудование заложено 900 тысяч"), and the tokens keep no commas
        return next((k for k in range(f.end, len(tokens)) if tokens[k].text in SENTENCE_ENDS or _contrast(tokens, k)),
                    len(tokens))

    for k, f in enumerate(figures):
        if intent(f):
            kept = any(intent(e) or sentence_end(e) >= f.start or _same(e, f) for e in figures[:k])
            return figures if kept else figures[k:]  # not "от ста пятидесяти до двухсот. Больше двухсот — никак"
    return figures


def _hedge(tokens: Sequence[Token], k: int, f: Figure) -> bool:
    """«может» right before the figure (fillers between) is "maybe", no intent: "Ну, может, сто десять"."""
    return tokens[k].text.lower() == "может" and k < f.start and all(
        t.text.lower() in _FILLERS or not t.is_word for t in tokens[k + 1:f.start])


def _same(e: Figure, f: Figure) -> bool:
    """The same figure said again, bare or with its scale ("до восьми миллионов. Больше восьми точно нет")."""
    if e.value == f.value:
        return True
    big, small = (e, f) if e.value > f.value else (f, e)
    return big.scaled and not small.scaled and any(small.value * s == big.value for s in _SCALE_RATIOS)


def _contrast(tokens: Sequence[Token], k: int) -> bool:
    """A contrast conjunction opening a clause at ``tokens[k]``; not one that raises the figure ("а то и три",
    "а может, полтора")."""
    nxt = tokens[k + 1].text.lower() if k + 1 < len(tokens) else ""
    return tokens[k].text.lower() in CONTRAST and nxt not in _RAISES


def price_list(tokens: Sequence[Token], figures: list[Figure]) -> bool:
    """A reply that quotes a price list: "у нас от X" with no upper end and no intent said anywhere
    ("Двухгруппная итальянка у нас от трёхсот восьмидесяти тысяч, с кофемолкой под четыреста пятьдесят"):
    in mono, the manager's answer to the client's question about the price, not a budget."""
    if any(not t.lemmas.isdisjoint(INTENT - MENTIONS) for t in tokens):
        return False  # a mention after the figure states no intent ("…, плюс рекламный бюджет отдельно")
    for f in figures:
        if not f.start or tokens[f.start - 1].text.lower() != "от" or any(
                t.text.lower() == "до" for t in tokens[f.end:f.end + 3]):
            continue
        start, _end = clause_span(tokens, f.start, f.end)
        if any(not t.lemmas.isdisjoint(MENTIONS) for t in tokens[start:f.start]):
            continue  # "у нас бюджет от ста тысяч": the budget named before the figure
        words = [t.text.lower() for t in tokens[max(0, start - 1):f.start]]
        if any(a == "у" and b == "нас" for a, b in zip(words, words[1:], strict=False)):
            return True
    return False
