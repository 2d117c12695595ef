"""Round 16 (eng16m): our own price said back by the client is no budget of theirs, written before the mechanism was
measured, in trades unlike the sets' (an ice rink, a printing house, a ferry, a greenhouse, a catering firm, a gym).

pairing.after_our_price: the client's figure that repeats, scale and all, a figure of our statement just before
(«…аренда выходит тысяч восемьдесят в месяц» — «Восемьдесят тысяч в месяц. У нас столько на всё не уходит.») is our
price said back, even where that statement was read as the money question; a figure of our question said back
confirms it («Сто тысяч готовы выделить?» — «Сто тысяч, да.»), and another figure of theirs stays their budget."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal
from tests.analysis_calls import call

_ASK = "А по деньгам вы на какую сумму рассчитываете?"
_DODGE = "Ой, даже не знаю, не считали ещё."

# (our statement after the budget question was dodged, the client's reply, the budget amount read)
CASES: list[tuple[str, str, Any]] = [
    ("Аренда катка у нас выходит тысяч восемьдесят в месяц.", "Восемьдесят тысяч в месяц. У нас столько на всё не уходит.",
     None),
    ("Тираж в пять тысяч экземпляров обойдётся примерно в сто сорок тысяч.", "Сто сорок тысяч… Дороговато для нас.", None),
    ("Паром на сезон под ваши грузы — это около двух миллионов.", "Два миллиона. Надо с шефом говорить.", None),
    ("Теплица под ключ у нас стоит триста двадцать тысяч.", "У нас на теплицу тысяч двести заложено, не больше.",
     200_000),
    ("Банкет на сто человек выходит в четыреста тысяч.", "Мы думали тысяч в двести пятьдесят уложиться.", 250_000),
]


@pytest.mark.parametrize(("ours", "reply", "want"), CASES)
def test_our_price_said_back(ours: str, reply: str, want: Any) -> None:
    rec = call(("manager", _ASK), ("client", _DODGE), ("manager", ours), ("client", reply))
    budget = next(q for q in analyze_deal([rec], bant()).questions if q.id == "budget")
    got = budget.answer_evidence[-1].value if budget.answer_evidence else None
    amount = got.get("amount") if isinstance(got, dict) else None
    assert amount == want


def test_our_question_figure_confirmed() -> None:
    rec = call(("manager", "Подскажите, сто тысяч в месяц на зал готовы выделить?"), ("client", "Сто тысяч, да."))
    budget = next(q for q in analyze_deal([rec], bant()).questions if q.id == "budget")
    assert budget.answer_evidence and isinstance(budget.answer_evidence[-1].value, dict)
    assert budget.answer_evidence[-1].value.get("amount") == 100_000
