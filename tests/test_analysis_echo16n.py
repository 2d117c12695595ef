"""Round 16 (eng16n): our figure said back by the client is no budget of theirs, in the shapes the echo guard missed
(H23 MISSES #6), written before the mechanism was measured, in trades unlike the sets' (a bakery oven, a yacht
charter, a dental chair, a print shop, a cold store for flowers, a bus rental, a roofing job, a school canteen).

figures._echo: the figure repeats one of OUR figures said before, scale and all or as said (a price per unit said
back bare), and is marked as an echo: a trailing off typed as «...» or «…», a question mark right after it or at the
end of its short sentence («Девяносто — это с доставкой?»), or «ваши» right before it («если ваши восемьсот — это
максимум»). The client's own figure in the same reply stays their budget."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal
from tests.analysis_calls import call


def _amount(*turns: tuple[str, str]) -> Any:
    budget = next(q for q in analyze_deal([call(*turns)], bant()).questions if q.id == "budget")
    got = budget.answer_evidence[-1].value if budget.answer_evidence else None
    if not isinstance(got, dict):
        return None
    if "amount_min" in got:
        return (got["amount_min"], got["amount_max"])
    return got.get("amount")


M, C = "manager", "client"

# (turns, the budget amount read: None where nothing of theirs was said)
CASES: list[tuple[list[tuple[str, str]], Any]] = [
    # ASCII trailing off after our figure with its scale, then their own figure in a later turn
    ([(M, "Печь такого класса у нас от полутора миллионов. А вы на какую сумму рассчитываете?"),
      (C, "Ух. Полтора... Не, я думал, там всё проще.")], None),
    ([(M, "Яхта на неделю выходит от девятисот тысяч. Вы на какой бюджет ориентируетесь?"),
      (C, "Девятьсот... Ну, это не для нас, честно.")], None),
    # our price per unit said back bare: not their budget scaled to thousands
    ([(M, "Печать у нас восемьдесят пять за лист. Сколько вы готовы тратить на печать в месяц?"),
      (C, "Восемьдесят пять... Это выходит много. Мы думали тысяч сорок в месяц.")], 40_000),
    ([(M, "Аренда автобуса у нас девяносто за час. Какой бюджет на перевозки вы закладываете?"),
      (C, "Девяносто? А за весь день тогда сколько?")], None),
    # our figure asked back with a tail after it
    ([(M, "Какой бюджет у вас на кресло?"), (C, "Тысяч пятьсот, край шестьсот."),
      (M, "Кресло этой серии у нас стоит пятьсот восемьдесят. Думаю, оно как раз ваше."), (C, "Пятьсот восемьдесят — это с установкой?")],
     (500_000, 600_000)),
    ([(M, "Какую сумму вы выделяете на кровлю?"), (C, "Миллион, максимум миллион двести."),
      (M, "Полная замена у нас около миллиона трёхсот, частичная — миллион сто. Думаю, второй вариант ваш."), (C, "Миллион сто — это вместе с материалом?")],
     (1_000_000, 1_200_000)),
    # «ваши X» inside the client's own sentence: our figure, their range stays
    ([(M, "Камера под цветы у нас от семисот тысяч до восьмисот. На какую сумму вы рассчитываете?"),
      (C, "От шестисот до восьмисот тысяч. Это с лизингом, лизинг двести, остальное наше. Если ваши восемьсот — это "
          "максимум, то мы укладываемся.")],
     (600_000, 800_000)),
    # controls: their own figure with a question mark or trailing off is still theirs
    ([(M, "Столовая на триста мест у нас от двух миллионов. Какой бюджет у школы?"),
      (C, "Полтора... может, чуть больше.")], 1_500_000),
    ([(M, "Какой бюджет у вас на ремонт кровли?"), (C, "Тысяч триста, наверное?")], 300_000),
    ([(M, "Печь у нас стоит миллион двести. Сколько вы готовы вложить?"),
      (C, "Ну миллион мы потянем.")], 1_000_000),
    # our figure taken on by the client is their budget (found by the amounts bank's even half, added after)
    ([(M, "Мойка для столовой у нас стоит четыреста тысяч. Сколько вы готовы вложить?"),
      (C, "Ну, ваши четыреста мы потянем.")], 400_000),
]


@pytest.mark.parametrize(("turns", "want"), CASES)
def test_our_figure_said_back(turns: list[tuple[str, str]], want: Any) -> None:
    assert _amount(*turns) == want


# H23 #11: a hedged second figure put as the limit after the first makes a range, not a correction
_BUDGET_Q = "А на уборку территории сколько вы можете выделить?"
CAPS: list[tuple[str, Any]] = [
    ("Сто двадцать тысяч в месяц, если честно. Ну сто пятьдесят — это уже потолок, выше не подпишут.", (120_000, 150_000)),
    ("Миллион на сезон, если по уму. Ну миллион двести — это предел.", (1_000_000, 1_200_000)),
    ("Тысяч шестьдесят в месяц, если прикинуть. Ну восемьдесят максимум, больше никак.", (60_000, 80_000)),
    # controls: a lower second figure or no hedge is no such range
    ("Двести тысяч, если честно. Ну сто пятьдесят — это потолок по смете.", 150_000),  # a correction down
    ("Тысяч девяносто в месяц. Хотя нет, сто — вот это потолок.", 100_000),
]


@pytest.mark.parametrize(("reply", "want"), CAPS)
def test_hedged_cap_after_figure(reply: str, want: Any) -> None:
    assert _amount((M, _BUDGET_Q), (C, reply)) == want
