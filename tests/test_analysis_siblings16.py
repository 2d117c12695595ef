"""Round 16 (eng16d): wrong ids and money asked in spoken words. A question of the client's money put without a money
noun («на что можете рассчитывать», «в каких пределах», «что-то отложено») is asked by its reply's sum; a count or a
volume («тонн сколько», «вас там много, если всех считать») takes no money id and its bare reply («Десять? Двенадцать?»)
is no sum; a loss in roubles is no budget; the «кто» of a work verb («кто развозит», «кто у вас считает») asks no signer
or payer. Trades no corpus folder or bank has (a bakery's flour deliveries, a fishing co-op, a dance school, a print
shop), written BEFORE any tuning; the figure n of m is in docs/engine-round16.md, eng16d."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.questions import QuestionSet, parse_question_set
from tests.analysis_calls import asked_after, budget_read, case_hits

FISH = parse_question_set('''
[[question]]
id = "boats"
title = "Количество судов в артели"
ask = ["сколько у вас судов"]
answer = "text"

[[question]]
id = "crew"
title = "Численность рыбаков"
ask = ["сколько у вас рыбаков в артели"]
answer = "text"

[[question]]
id = "fuel_budget"
title = "Бюджет на топливо на сезон"
ask = ["какой бюджет на топливо вы закладываете на сезон"]
answer = "money"

[[question]]
id = "signer"
title = "Кто подписывает договор поставки"
ask = ["кто у вас подписывает договор поставки"]
answer = "person"
''', "fish")

PRINT = parse_question_set('''
[[question]]
id = "staff"
title = "Сколько человек в типографии"
ask = ["сколько у вас сотрудников"]
answer = "text"

[[question]]
id = "lunch_budget"
title = "Бюджет на питание сотрудников в месяц"
ask = ["какой бюджет на питание сотрудников в месяц"]
answer = "money"

[[question]]
id = "payer"
title = "Кто оплачивает счета"
ask = ["кто у вас оплачивает счета"]
answer = "person"
''', "print")

GREETING = "Добрый день, это «Северный берег», мы поставляем топливо и снасти. Есть минута?"

CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    # a count without «сколько» is no money
    (PRINT, "Вас там в цеху вообще много, если с ночной сменой считать?", "Человек тридцать пять.", "staff"),
    (PRINT, "Народу у вас, наверное, в районе сорока, или больше?", "Под пятьдесят.", "staff"),
    (FISH, "Лодок у вас в артели, небось, с десяток, побольше?", "Двенадцать.", "boats"),
    (FISH, "А сколько у вас, хоть примерно, тонн за путину выходит?", "Тонн восемьдесят.", None),
    # the «кто» of a work verb: no signer or payer
    (FISH, "А чинит вам сети кто, свои?", "Свои, дед Иван.", None),
    (PRINT, "А у вас кто зарплату считает, бухгалтер на месте?", "Приходящий бухгалтер.", None),
    (PRINT, "А обеды вам сейчас кто-то привозит, или сами?", "Сами, в столовую ходим.", None),
    # the real person ids still asked
    (FISH, "А договор поставки у вас кто подписывает, председатель?", "Председатель, Пётр Ильич.", "signer"),
    (PRINT, "Счета у вас кто оплачивает, вы сами?", "Я сама и оплачиваю.", "payer"),
    # money in spoken words
    (FISH, "А на горючку к сезону у вас сколько-то уже отложено?", "Тысяч триста отложили.", "fuel_budget"),
    (PRINT, "А на обеды в месяц вы в каких пределах рассчитываете?", "Тысяч шестьдесят в месяц.", "lunch_budget"),
]

BANT_CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    (bant(), "А на что вы сейчас реально можете рассчитывать под новую печь, если по-честному?", "Тысяч четыреста наскребём.",
     "budget"),
    (bant(), "А в каких пределах вам было бы не страшно, чтобы я зря не считал?", "Ну, до полумиллиона.", "budget"),
    (bant(), "На ремонт зала у вас хоть что-то заложено на этот год?", "Тысяч двести заложили.", "budget"),
    (bant(), "Муки у вас в месяц сколько уходит, тонн?", "Ну, пять? Шесть?", None),
    (bant(), "А в рублях сколько вы тогда потеряли на той партии?", "Тысяч сто пятьдесят.", None),
    (bant(), "Учеников у вас в студии, наверное, в районе сотни?", "Сто двадцать.", None),
    (bant(), "А хозяйка как к таким вещам относится?", "Нормально относится.", None),
    (bant(), "А муку вам кто сейчас возит, мелькомбинат?", "Да, городской.", None),
]

BUDGETS: list[tuple[str, str, bool]] = [
    # (question, reply, a budget value is read)
    ("Муки у вас в месяц сколько уходит, тонн?", "Ну, пять? Шесть?", False),
    ("По объёму у вас сколько коробок в неделю?", "Сто? Двести?", False),
    ("А в рублях сколько вы тогда потеряли на той партии?", "Тысяч сто пятьдесят.", False),
    ("А на что вы можете рассчитывать под новую печь?", "Тысяч четыреста.", True),
    ("Сколько вы готовы вложить в ремонт?", "Миллион.", True),
    # a loss denied or avoided names none (H23 D4/05, burned: «не в ущерб себе» had cost the money question)
    ("Сколько бы вы в месяц могли отдавать на сайт, не в ущерб себе?", "Ну тысяч двадцать.", True),
    ("Сколько готовы вложить в охрану, чтобы без потерь пережить сезон?", "Тысяч триста.", True),
]


def _asked(questions: QuestionSet, line: str, reply: str) -> list[str]:
    return asked_after(questions, GREETING, line, reply)


def test_own_cases() -> None:
    """Written before tuning: 12 of 19 on main, 17 after (misses: «Лодок … с десяток, побольше?» takes the people count;
    «на что вы можете рассчитывать под новую печь» asks budget by its reply but need too)."""
    got, total, missed = case_hits(CASES + BANT_CASES, _asked)
    assert got >= 17, (got, total, missed)


def test_budget_reads() -> None:
    """4 of 5 on main (the loss read as a budget), 5 after; the two denied losses added after H23 was burned."""
    got = [q for q, r, want in BUDGETS if (budget_read(q, r) is not None) != want]
    assert not got, got
