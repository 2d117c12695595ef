"""Round 16 (eng16g): a question that asks a contract id (or a BANT topic) in spoken or trade words sharing no
lemma with the id's title or phrasings; the own check for the learned question <-> title scorer
(scripts/learned_contract.py, ``own16`` command). Three sets in dry wording for trades no corpus folder has (a
bakery's ovens, a yacht marina, a translation bureau) and BANT money, need, timing and authority in slang;
each line comes with the client's reply, and 7 lines ask nothing the set names. Written BEFORE any scorer was run
on them. Figures: docs/engine-round16.md, eng16g (the rules at 7202d03 get the figure asserted below)."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.questions import QuestionSet, parse_question_set
from tests.analysis_calls import asked_after, case_hits

BAKERY = parse_question_set('''
[[question]]
id = "output"
title = "Суточная производительность"
ask = ["какова суточная производительность производства"]
answer = "text"

[[question]]
id = "equipment"
title = "Имеющееся тепловое оборудование"
ask = ["какое тепловое оборудование эксплуатируется в настоящее время"]
answer = "text"

[[question]]
id = "supplier"
title = "Поставщик муки"
ask = ["кто является поставщиком муки"]
answer = "text"

[[question]]
id = "outlets"
title = "Торговые точки"
ask = ["каково количество торговых точек"]
answer = "text"
''', "bakery")

MARINA = parse_question_set('''
[[question]]
id = "length"
title = "Длина судна"
ask = ["какова длина судна"]
answer = "text"

[[question]]
id = "season"
title = "Период стоянки"
ask = ["на какой период планируется стоянка"]
answer = "text"

[[question]]
id = "winter"
title = "Зимнее хранение"
ask = ["где осуществляется зимнее хранение судна"]
answer = "text"

[[question]]
id = "crew"
title = "Наличие экипажа"
ask = ["имеется ли у судна постоянный экипаж"]
answer = "yes_no"
''', "marina")

BUREAU = parse_question_set('''
[[question]]
id = "languages"
title = "Языковые пары"
ask = ["какие языковые пары требуются"]
answer = "text"

[[question]]
id = "pages"
title = "Объём документации"
ask = ["каков ежемесячный объём документации"]
answer = "text"

[[question]]
id = "notary"
title = "Нотариальное заверение"
ask = ["требуется ли нотариальное заверение"]
answer = "yes_no"

[[question]]
id = "deadline"
title = "Сроки сдачи"
ask = ["каковы сроки сдачи"]
answer = "timing"
''', "bureau")

BANT = bant()

CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    (BAKERY, "Батонов за смену сколько выходит?", "Тысячи полторы.", "output"),
    (BAKERY, "Шкафы у вас какие стоят, ротационные?", "Два ротационных, старые.", "equipment"),
    (BAKERY, "Сырьё вам кто возит?", "Мелькомбинат местный.", "supplier"),
    (BAKERY, "А продаёте где, ларьки свои есть?", "Три киоска у рынка.", "outlets"),
    (BAKERY, "Хлеб-то у вас хвалят?", "Хвалят, не жалуемся.", None),
    (BAKERY, "Сами давно этим занимаетесь?", "Лет пятнадцать.", None),
    (MARINA, "Лодка у вас большая, метров сколько?", "Двенадцать метров.", "length"),
    (MARINA, "На всё лето к нам встаёте или на пару месяцев?", "С мая по сентябрь.", "season"),
    (MARINA, "А на холода куда её ставите?", "В ангар в Химках.", "winter"),
    (MARINA, "Сами за штурвалом или капитана нанимаете?", "Капитан у нас нанятый, постоянный.", "crew"),
    (MARINA, "Погода вас не пугает?", "Нет, привыкли.", None),
    (BUREAU, "С какого на какой переводить, с немецкого?", "С немецкого и с китайского.", "languages"),
    (BUREAU, "Страниц в месяц много набегает?", "Сотни три.", "pages"),
    (BUREAU, "Печать нотариуса на бумагах нужна?", "Да, на всех.", "notary"),
    (BUREAU, "К какому числу кровь из носу надо?", "К пятнадцатому.", "deadline"),
    (BUREAU, "Офис у вас в центре?", "На Таганке.", None),
    (BANT, "Сколько готовы отдать за всё про всё?", "Тысяч сто пятьдесят.", "budget"),
    (BANT, "На какую сумму замахиваетесь?", "Тысяч на двести, не больше.", "budget"),
    (BANT, "Что у вас сейчас болит сильнее всего?", "Склад, ничего не найти.", "need"),
    (BANT, "Вам это к какому сезону надо?", "К осени.", "timing"),
    (BANT, "Кто у вас визирует такие вещи?", "Генеральный, Пётр Ильич.", "authority"),
    (BANT, "Как добрались вчера после выставки?", "Нормально, спасибо.", None),
    (BANT, "Каталог вам прислать на почту?", "Да, пришлите.", None),
    (BANT, "Вы в пятницу работаете?", "До шести.", None),
]


def asked(questions: QuestionSet, line: str, reply: str) -> list[str]:
    return asked_after(questions, "Добрый день, Наталья, компания «Вектор», удобно говорить?", line, reply)


def hits() -> tuple[int, int, list[str]]:
    """(cases right, cases, the lines missed)."""
    return case_hits(CASES, asked)


def test_own_cases_figure_and_no_false_asks() -> None:
    right, _total, missed = hits()
    assert right >= 17, missed  # 17 of 24 at 7202d03 (docs/engine-round16.md, eng16g)
    false = [line for questions, line, reply, want in CASES if want is None and asked(questions, line, reply)]
    assert len(false) <= 1, false  # «Хлеб-то у вас хвалят?» asks the flour supplier at 7202d03
