"""Round 14 (eng14e): contract questions whose titles are CRM field names with units ("Кол_во_кофемашин_шт",
"Расход_зерна_кг_мес"), a "Формат: a / b / c" list, a count put as a guess ("человек тридцать, так?"), and traps
that name the set's noun in our own line ("мы ставим…", "кого мы обслуживаем…") or in a yes/no with no count.
Two sets in domains no corpus folder or bank has (office coffee machines, office security), written BEFORE the
mechanisms were built; the figure n of m is in docs/engine-round14.md, eng14e."""

from __future__ import annotations

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.questions import QuestionSet, parse_question_set
from tests.analysis_calls import asked_after, case_hits

COFFEE = parse_question_set('''
[[question]]
id = "machines"
title = "Кол_во_кофемашин_шт"
ask = ["сколько кофемашин требуется в офис"]
answer = "text"

[[question]]
id = "beans"
title = "Расход_зерна_кг_мес"
ask = ["какой расход кофейного зерна в месяц"]
answer = "text"

[[question]]
id = "rent"
title = "Аренда_бюджет_руб_мес"
ask = ["какую ежемесячную арендную плату вы рассматриваете"]
answer = "money"

[[question]]
id = "water"
title = "Водопровод_рядом_ДН"
ask = ["есть ли возможность подключения к водопроводу"]
answer = "yes_no"
''', "coffee")

GUARD = parse_question_set('''
[[question]]
id = "mode"
title = "Режим охраны: пост / пульт / мобильная группа"
ask = ["какой режим охраны вы рассматриваете"]
answer = "text"

[[question]]
id = "area"
title = "Площадь объекта, кв. м"
ask = ["какова площадь охраняемого объекта"]
answer = "text"

[[question]]
id = "staff"
title = "Численность работников на объекте"
ask = ["сколько работников находится на объекте"]
answer = "text"

[[question]]
id = "start"
title = "Дата заступления на охрану"
ask = ["с какой даты требуется заступление на охрану"]
answer = "timing"
''', "guard")

CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    (COFFEE, "Вам аппаратов сколько надо, на каждый этаж по одному?", "Три, наверное.", "machines"),
    (COFFEE, "Килограммов пять в месяц уходит у вас, так?", "Да, где-то так.", "beans"),
    (COFFEE, "А зерна сколько в месяц берёте примерно?", "Кило шесть.", "beans"),
    (COFFEE, "За аренду в месяц сколько готовы отдавать?", "Тысяч пять.", "rent"),
    (COFFEE, "Вода там рядом есть, кран, раковина?", "Есть, на кухне.", "water"),
    (COFFEE, "Мы ставим машины с гарантией, кофе у нас итальянский, вам такое интересно?", "Интересно.", None),
    (COFFEE, "Кофемашины нашим клиентам нравятся, правда?", "Наверное.", None),
    (COFFEE, "Я вам завтра перезвоню, хорошо?", "Хорошо.", None),
    (GUARD, "Вам пост нужен, живой охранник, или хватит пульта?", "Пульта хватит.", "mode"),
    (GUARD, "Человек там тридцать работает у вас, да?", "Да, около того.", "staff"),
    (GUARD, "Сколько там народу сидит в офисе?", "Человек сорок.", "staff"),
    (GUARD, "Метров там сколько, квадратных?", "Метров шестьсот.", "area"),
    (GUARD, "Офис большой у вас, метров пятьсот?", "Да, пятьсот двадцать.", "area"),
    (GUARD, "С какого числа охрана нужна?", "С первого марта.", "start"),
    (GUARD, "Кого мы охраняем лучше всего? Склады и офисы.", "Понятно.", None),
    (GUARD, "Работникам пропуска делать будем?", "Нет, не надо.", None),
    (GUARD, "У нас пульт свой, группа приезжает за семь минут.", "Неплохо.", None),
    (GUARD, "Заступать к вам когда удобно, с понедельника?", "С понедельника.", "start"),
    # a neutral reply: the line alone must ask
    (COFFEE, "Машин вам штуки три, наверное, понадобится?", "Угу.", "machines"),
    (COFFEE, "По деньгам в месяц на аренду вы на какую сумму ориентируетесь?", "Угу.", "rent"),
    (COFFEE, "Кофе много пьёте, кило в месяц сколько уходит?", "Угу.", "beans"),
    (COFFEE, "Подвести воду к аппарату там реально?", "Угу.", "water"),
    (GUARD, "Вам как удобнее — чтобы охранник сидел или мобильная группа выезжала?", "Угу.", "mode"),
    (GUARD, "Сотрудников у вас человек пятьдесят, правильно?", "Угу.", "staff"),
    (GUARD, "Квадратура какая у помещения?", "Угу.", "area"),
    (GUARD, "Выходить нашим ребятам к вам с какого числа?", "Угу.", "start"),
    (GUARD, "Кто у нас отвечает за выезд? Старший смены, он и приедет.", "Угу.", None),
    (GUARD, "Площадь мы считаем сами, замерщик приедет, не переживайте.", "Угу.", None),
]


def asked(questions: QuestionSet, line: str, reply: str) -> list[str]:
    return asked_after(questions, "Добрый день, компания «Ромашка», удобно говорить?", line, reply)


def own_figure() -> tuple[int, int, list[str]]:
    return case_hits(CASES, asked)


def test_own_cases_figure_and_no_false_asks() -> None:
    right, total, missed = own_figure()
    # 26 with the rules alone; round 17's learned union (learned_ask.py) adds the head count to «Метров там сколько,
    # квадратных?» beside the area (a same-sentence guard would also block its right corrections of a sibling id on
    # H21-H23: docs/NOTES.md, round 17)
    assert right >= 25, missed
    for questions, line, reply, want in CASES:
        if want is None:
            assert asked(questions, line, reply) == [], line


def test_sets_parse() -> None:
    rec_sets = [COFFEE, GUARD]
    assert all(len(s.questions) == 4 for s in rec_sets)
    assert analyze_deal is not None


def test_a_field_title_is_read_as_said() -> None:
    from qa_desk.analysis.set_content import spoken_title
    assert spoken_title("Объём_в_мес_шт").split() == ["Объём", "в", "месяц", "количество"]
    assert spoken_title("Целевая_цена_за_ед_руб").split() == ["Целевая", "цена", "за", "единицу"]
    assert spoken_title("Нужны_образцы_ДН").split() == ["Нужны", "образцы"]
    assert spoken_title("Расход, кг/мес").split() == ["Расход,", "килограмм", "в", "месяц"]
    assert spoken_title("Ответственное лицо Заказчика по проекту").split() == ["Ответственное", "лицо", "по", "проекту"]
    assert spoken_title("Склад в Москве") == "Склад в Москве"


def test_a_slash_list_after_a_colon_is_the_options() -> None:
    from qa_desk.analysis.lexicon import Lexicon
    from qa_desk.analysis.set_content import options
    tokens = Lexicon(()).tokens
    assert len(options("Режим охраны: пост / пульт / мобильная группа", tokens)) == 3
    assert len(options("Объём: машин / контейнеров / кубов в месяц", tokens)) == 3  # the period is no option
    assert options("Дата / сезон", tokens) == ()


def test_our_own_question_answered_by_ourselves_asks_nothing() -> None:
    assert asked(GUARD, "Какая площадь у нас самая частая? Офисы до пятисот метров.", "Угу.") == []
    assert asked(GUARD, "Площадь у вас какая? Мне для расчёта.", "Метров четыреста.") == ["area"]


def test_a_guessed_count_asks_how_many() -> None:
    assert asked(GUARD, "Человек там тридцать работает у вас, да?", "Да.") == ["staff"]
    assert asked(COFFEE, "Пробную машину на две недели мы поставим бесплатно, вам интересно?", "Угу.") == []


def test_a_count_of_you_counts_people_and_a_possessive_you_does_not() -> None:
    from qa_desk.analysis.contract_forms import counted_you
    from tests.analysis_calls import tokens_of
    assert counted_you(tokens_of("Сколько вас будет на объекте?"))
    assert not counted_you(tokens_of("У вас сколько машин ходит?"))
