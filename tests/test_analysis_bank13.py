"""Oblique BANT questions (round 13, the question bank): a sum of money put to the client, a guess at his
needing a thing, the end of a present state of his, an either-or of clauses without a comma or a "?", a
guess's frame that is no act of ours; and the hour of an errand that asks no timing. Written in domains unlike
the bank's and the tuning sets' (a dental clinic, road freight, a school canteen, a print shop, a bakery, a
fitness club), before any of these mechanisms was tuned; ``test_own_check_figure`` keeps the count.

The bank itself (tests/corpus/banks/questions.toml, 220 cases by an outside author) is scored by
scripts/eval_bank_questions.py; ``test_bank_floors`` keeps its current counts as floors."""

from __future__ import annotations

import pytest
from analysis_calls import own_topics, question_bank_score

# (line, topics asked): own paraphrases of each mechanism, and traps next to them; a trap written as
# "-timing" asks no timing (whatever else the situation reading takes it for)
OWN = [
    # a sum of money put to the client (form_reading._figure_put)
    ("Вы на имплантацию закладываете тысяч двести или ближе к четырёмстам?", ["budget"]),
    ("Если прикинуть, вы в районе трёхсот тысяч рассчитываете уложиться", ["budget"]),
    ("Вам полтора миллиона на ремонт пекарни по силам или это много?", ["budget"]),
    ("Мы можем сделать за двести тысяч, подойдёт?", []),
    ("Наш тариф стоит сорок тысяч в месяц, слышали о нём?", []),
    # a guess at his needing a thing (need_form on the guess's clause)
    ("Как я понимаю, вам нужен не просто принтер, а чтобы тиражи шли без простоев, верно?", ["need"]),
    ("Вам, наверное, нужна новая печь на вторую смену?", ["need"]),
    # the end of a present state of his (time_form._point_asked with "до")
    ("Договор аренды у вас до какого числа действует?", ["timing"]),
    ("А гарантия на ваши кресла до какого года ещё идёт?", ["timing"]),
    ("До какого часа у вас столовая работает?", ["-timing"]),
    ("С какого момента вы с этим поставщиком работаете?", ["-timing"]),
    # an either-or of clauses with no comma and no "?" (unmarked._either_clauses)
    ("Закупки у вас через головной офис идут или директор клуба сам может подписать", ["authority"]),
    ("Финансирование на оснащение в этом году будет или переносится на следующий", ["budget"]),
    ("Мы можем привезти образцы или отправить курьером", []),
    # a guess's frame is no act of ours (small_talk read on the guess's clause)
    ("У вас, насколько я помню, деньги на технику выделяют раз в полгода, на это полугодие что-то есть?", ["budget"]),
    ("Я так помню, вы переезд на новый склад планировали на весну, это ещё в силе?", ["timing"]),
    # a passive to come names who decides (person.proposes_decider)
    ("Акт приёмки будет подписан начальником цеха, верно?", ["authority"]),
    ("Смета на ремонт зала должна быть утверждена учредителем?", ["authority"]),
    ("Документы будут подписаны нами до пятницы, хорошо?", []),
    # "какой" of a noun a time adjective makes a span of time, over the classifier's guess (time_form._date_asked)
    ("А какие временные рамки у вас по переезду склада?", ["timing"]),
    ("Какой календарный план у вас по открытию филиалов?", ["timing"]),
    ("Какие временные ограничения у вас по доставке?", []),
    # a guess without "?" whose verb also reads as an imperative ("хотите"): his present beside "вы" (unmarked)
    ("Вы же, я так понимаю, хотите успеть до подорожания в марте", ["timing"]),
    ("Вы, я так понимаю, хотите бригаду к лету нанять", ["timing"]),
    ("Вы посмотрите каталог и перезвоните", []),
    # the hour of an errand of ours (occasion._hour)
    ("Образцы вам когда удобнее принять — утром или после обеда?", []),
    ("Документы вам когда удобнее забрать — утром или ближе к обеду?", []),
    ("Курьеру когда удобнее подъехать, с утра или вечером?", []),
    ("А когда вам удобнее запускать вторую линию — весной или уже осенью?", ["timing"]),
]


def test_own_check_figure() -> None:
    ok, misses = own_topics(OWN)
    assert ok >= OWN_FLOOR, misses


OWN_FLOOR = 27  # of 29 (17 on main before round 13's bank work)


# the bank's counts (reply «Угу.»): the even half was tuned on, the odd half held out (before: even 68/6 traps 2 exact
# 95, odd 70/4 traps 2 exact 95; degraded even 67/7 exact 93, odd 69/4 exact 94)
@pytest.mark.parametrize(("half", "degrade", "tp", "fp", "traps_fired", "exact"), [
    ("even", False, 77, 3, 1, 104),
    ("odd", False, 71, 4, 2, 96),
    ("even", True, 76, 4, 1, 102),
    ("odd", True, 71, 5, 2, 95),
])
def test_bank_floors(half: str, degrade: bool, tp: int, fp: int, traps_fired: int, exact: int) -> None:
    score = question_bank_score(None, half, degrade)
    total_tp, total_fp, _fn = score.total()
    assert total_tp >= tp and total_fp <= fp and score.traps_fired <= traps_fired and score.exact >= exact, score.misses
