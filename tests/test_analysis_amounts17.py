"""Round 17 (eng17e): the client's budget figure by who says it and what it refers to (H18–H23 amount misses,
H23 MISSES #5, #12), written before any mechanism was measured, in trades and registers unlike the sets' (a
veterinary clinic, a ski school, a theatre's costume shop, a river marina, a rural library, a bakery chain, a
dental lab, a tram depot's uniforms, a kindergarten's garden, a hostel's linen).

Shapes: a budget defined by a past period's figure («держаться как в прошлом сезоне. А в прошлом сезоне ушло X»),
this year's figure said next to last year's (either order), today's spend capped by others in the next sentence
(«Уходит X. И больше не дадут»), a figure said as a joke and then taken back («…и засмеялся. Шутка. А всерьёз — X»),
and controls where nothing is the budget."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.questions import AnswerKind
from tests.analysis_calls import call, reply


def _amount(*turns: tuple[str, str]) -> Any:
    budget = next(q for q in analyze_deal([call(*turns)], bant()).questions if q.id == "budget")
    got = budget.value if isinstance(budget.value, dict) else None
    if not got:
        return None
    if "amount_min" in got:
        return (got["amount_min"], got["amount_max"])
    return got.get("amount")


M, C = "manager", "client"
_Q = "А по деньгам вы на какую сумму ориентируетесь?"

# (turns, the budget amount read: None where nothing of theirs was said)
CASES: list[tuple[list[tuple[str, str]], Any]] = [
    # a past period's figure adopted by «как в прошлом …»
    ([(M, "Форму для вагоновожатых на какую сумму вы закладываете?"),
      (C, "Нам велели держаться как в прошлом сезоне. А в прошлом сезоне ушло девятьсот тысяч.")], 900_000),
    ([(M, "Сколько клиника готова отдать за новый стерилизатор?"),
      (C, "Как и в том году, наверное. Тогда на автоклав потратили четыреста двадцать тысяч.")], 420_000),
    # this year's figure beside last year's: this year's, either order
    ([(M, _Q),
      (C, "В прошлом году на костюмы было двести тысяч. В этом, как и тогда, чуть добавили: дают двести сорок тысяч.")],
     240_000),
    ([(M, "На книги и стеллажи у библиотеки что-то заложено?"),
      (C, "Сто восемьдесят тысяч на год. В прошлом году было сто пятьдесят, добавили немного.")], 180_000),
    ([(M, _Q),
      (C, "В позапрошлом году прокат обошёлся в полмиллиона, а в этом году выделили триста тысяч.")], 300_000),
    # control: only last year's figure, this year's unknown
    ([(M, _Q),
      (C, "В прошлом году ушло шестьсот тысяч, а сколько в этом году дадут, я пока не знаю.")], None),
    # a parallel clause whose figure counts the noun of the one before (added after the amounts2 bank's even half)
    ([(M, "Сколько ферма готова отдать за охладитель молока?"),
      (C, "В прошлом году надоили четыреста тонн, в этом ждём под пятьсот.")], None),
    ([(M, "Сколько ферма готова отдать за охладитель молока?"),
      (C, "В прошлом году потратили на ремонт четыреста тысяч, в этом дают пятьсот.")], 500_000),
    # a figure the client has, and what a condition would add up to, said as the ceiling: a range
    ([(M, "Сколько вы готовы вложить в ремонт катера?"),
      (C, "Свободных у нас восемьсот тысяч. Если партнёр свою долю внесёт, будет миллион, но это уже край.")],
     (800_000, 1_000_000)),
    # control: a condition far off and no ceiling
    ([(M, "Сколько вы готовы вложить в ремонт катера?"),
      (C, "Свободных у нас восемьсот тысяч. Если продадим склад, будет три миллиона, но это не скоро.")], 800_000),
    # today's spend capped in the next sentence
    ([(M, "Сколько вы в месяц на стирку белья готовы тратить?"),
      (C, "Сейчас уходит тысяч сорок в месяц. И больше нам не дадут, хозяин считает каждую копейку.")], 40_000),
    ([(M, "А на доставку хлеба по точкам вы сколько готовы отдавать в месяц?"),
      (C, "Тратим около ста двадцати тысяч в месяц. Больше не выделят, это точно.")], 120_000),
    # control: today's spend, what they will pay is left open
    ([(M, "А на доставку хлеба по точкам вы сколько готовы отдавать в месяц?"),
      (C, "Сейчас уходит тысяч сто двадцать в месяц. А сколько готовы — надо считать, я не скажу.")], None),
    # a joke figure taken back in the same reply, then the real one
    ([(M, "Сколько школа готова вложить в новые ратраки?"),
      (C, "Директор сказал: хоть сто миллионов, и засмеялся. Это он пошутил. А всерьёз — миллиона четыре.")],
     4_000_000),
    # a joke figure, the bare re-ask, the real one
    ([(M, "Сколько марина готова потратить на новые понтоны?"),
      (C, "Владелец шутит, что как за яхту, миллионов сорок."),
      (M, "А если серьёзно?"),
      (C, "Если серьёзно, то полтора миллиона, не больше.")], 1_500_000),
    # control: «без шуток» keeps the figure
    ([(M, "Сколько лаборатория готова отдать за фрезер?"),
      (C, "Миллион двести, без шуток, больше не дадут.")], 1_200_000),
]


@pytest.mark.parametrize(("turns", "want"), CASES)
def test_amount_by_reference(turns: list[tuple[str, str]], want: Any) -> None:
    assert _amount(*turns) == want


def _period(*turns: tuple[str, str]) -> Any:
    budget = next(q for q in analyze_deal([call(*turns)], bant()).questions if q.id == "budget")
    return (budget.value or {}).get("amount_period") if isinstance(budget.value, dict) else None


# a period said in another sentence about another thing is not the figure's; one said of the figure is
PERIODS: list[tuple[list[tuple[str, str]], Any]] = [
    ([(M, "Сколько зоомагазин готов отдавать за уборку?"),
      (C, "Тысяч девяносто на уборку. Охрана идёт из другого фонда, её считают помесячно.")], None),
    ([(M, "Сколько зоомагазин готов отдавать за уборку?"),
      (C, "Тысяч девяносто на уборку. Это помесячно, если что.")], "month"),
]


@pytest.mark.parametrize(("turns", "want"), PERIODS)
def test_period_of_the_figure(turns: list[tuple[str, str]], want: Any) -> None:
    assert _period(*turns) == want


# the kind of a reply: a refusal to decide now is no claim that the speaker decides (H23 MISSES #5)
PERSONS: list[tuple[str, str, str | None]] = [
    ("А договор на вывоз снега кто у вас подписывает, вы сами?",
     "Сегодня я ничего подписывать не стану, у нас проверка. Звоните через неделю.", None),
    ("А кто у вас решает по закупке реактивов?", "Я пока решать ничего не буду, сначала посмотрю цены.", None),
    ("А договор на вывоз снега кто у вас подписывает, вы сами?", "Решаю я, подписываю тоже я.", "я"),
]


@pytest.mark.parametrize(("question", "text", "want"), PERSONS)
def test_refusal_to_decide_claims_nothing(question: str, text: str, want: str | None) -> None:
    found = reply(AnswerKind.PERSON, text, question)
    assert (found.value.get("text") if found is not None else None) == want
