"""Round 17 (eng17h): the learned scorer beside the rules (qa_desk/analysis/learned_ask.py). Own check written
BEFORE the union was measured on it: terse checklist titles for trades no corpus folder has (a fish farm, a dental
lab, a ski rental), lines that ask an id in spoken words with the client's reply, and lines that must ask nothing
(small talk, our own offer, a callback). Figures: docs/engine-round17.md, eng17h (asserted below: the engine with the union on)."""

from __future__ import annotations

from qa_desk.analysis import learned_ask
from qa_desk.analysis.questions import parse_question_set
from tests.analysis_calls import asked_after, case_hits

FISH = parse_question_set('''
[[question]]
id = "ponds"
title = "Садков / прудов — кол-во"
ask = ["сколько у вас прудов"]
answer = "text"

[[question]]
id = "species"
title = "Объект разведения"
ask = ["какую рыбу разводите"]
answer = "text"

[[question]]
id = "feed"
title = "Корма: чьи?"
ask = ["какие корма используете"]
answer = "text"

[[question]]
id = "sales"
title = "Сбыт (сети / рынок)"
ask = ["куда продаёте рыбу"]
answer = "text"
''', "fish")

DENTAL = parse_question_set('''
[[question]]
id = "chairs"
title = "Кресел в клинике"
ask = ["сколько у вас кресел"]
answer = "text"

[[question]]
id = "lab"
title = "Своя зуботехн. лаб. — да / нет"
ask = ["есть ли у вас своя зуботехническая лаборатория"]
answer = "yes_no"

[[question]]
id = "orders"
title = "Заказов в мес."
ask = ["сколько заказов в месяц"]
answer = "text"

[[question]]
id = "budget_month"
title = "Бюджет на материалы/мес"
ask = ["сколько тратите на материалы в месяц"]
answer = "money"
''', "dental")

SKI = parse_question_set('''
[[question]]
id = "pairs"
title = "Парк: комплектов"
ask = ["сколько комплектов в прокате"]
answer = "text"

[[question]]
id = "season_end"
title = "Сезон до"
ask = ["до какого месяца работаете"]
answer = "timing"

[[question]]
id = "repair"
title = "Сервис лыж свой?"
ask = ["обслуживаете ли лыжи сами"]
answer = "yes_no"
''', "ski")

GREETING = "Добрый день, это Олег из компании «Сервис-Плюс»."

CASES = [
    (FISH, "Сколько водоёмов у вас сейчас в работе?", "Четыре пруда и садки на озере.", "ponds"),
    (FISH, "А что выращиваете — форель, карпа?", "Форель в основном, немного осетра.", "species"),
    (FISH, "Чем рыбу кормите, импортным или нашим?", "Датский корм берём, Алер Аква.", "feed"),
    (FISH, "А куда всё уходит потом, кто у вас берёт?", "Сети берут, ну и рынок в городе.", "sales"),
    (FISH, "Погода у вас там как, морозы уже?", "Да, минус двадцать с утра.", None),
    (FISH, "Мы корма возим из Калининграда, могу прайс прислать.", "Присылайте.", None),
    (DENTAL, "Сколько у вас врачей принимает одновременно, сколько кресел?", "Шесть кресел.", "chairs"),
    (DENTAL, "Коронки сами делаете или отдаёте техникам на сторону?", "Отдаём, своей лаборатории нет.", "lab"),
    (DENTAL, "Работ сколько в месяц отдаёте в изготовление?", "Штук сорок, наверное.", "orders"),
    (DENTAL, "На расходники в месяц сколько уходит примерно?", "Тысяч двести.", "budget_month"),
    (DENTAL, "Когда вам удобнее перезвонить, после обеда?", "Давайте после трёх.", None),
    (DENTAL, "Я вам пришлю каталог на почту, хорошо?", "Хорошо.", None),
    (SKI, "Сколько у вас лыж с ботинками выдаётся, пар сколько?", "Пар триста.", "pairs"),
    (SKI, "До какого числа катаетесь обычно, до апреля?", "До середины апреля.", "season_end"),
    (SKI, "Точите и смазываете сами или возите куда-то?", "Сами, станок свой стоит.", "repair"),
    (SKI, "А сами-то на лыжах катаетесь?", "Конечно, с детства.", None),
    (SKI, "Мы можем привезти станок на тест на неделю.", "Интересно.", None),
    (SKI, "Вы давно на этом месте работаете?", "Лет десять уже.", None),
]


def _asked(questions, line, reply):  # type: ignore[no-untyped-def]
    return asked_after(questions, GREETING, line, reply)


def _with(enabled: bool, questions, line, reply):  # type: ignore[no-untyped-def]
    was, learned_ask.ENABLED = learned_ask.ENABLED, enabled
    try:
        return _asked(questions, line, reply)
    finally:
        learned_ask.ENABLED = was


RULES_RIGHT = 10  # the rules alone (learned_ask.ENABLED off): 10 of 18
UNION_RIGHT = 12  # with the union: «куда всё уходит … кто у вас берёт» -> sales, «Коронки сами делаете …» -> lab
RULES_FALSE = {"А сами-то на лыжах катаетесь?", "Вы давно на этом месте работаете?"}  # the rules' own false asks


def test_union17_own_cases_rules_and_union() -> None:
    rules, _n, _m = case_hits(CASES, lambda q, line, r: _with(False, q, line, r))
    union, total, missed = case_hits(CASES, lambda q, line, r: _with(True, q, line, r))
    assert (rules, total) == (RULES_RIGHT, 18)
    assert union >= UNION_RIGHT, missed


def test_union17_the_union_adds_no_false_ask_on_lines_that_ask_nothing() -> None:
    for questions, line, reply, want in CASES:
        if want is None:
            assert _with(True, questions, line, reply) == [] or line in RULES_FALSE, line
            assert _with(True, questions, line, reply) == _with(False, questions, line, reply), line
