"""Round-14 amounts (own wording, written before tuning, in trades unlike the banks': a dental clinic, an apiary, a
yacht club, a kindergarten, a print shop, a hotel): a money question in words no cue knows, asked by the figure its
reply gives; numbers that are no money (a year said in words, a count inverted over a preposition, a count continued
with "ещё", a phone number); a figure said back to us, or what something costs the client; a figure concluded."""

from __future__ import annotations

from typing import Any

import pytest

from tests.analysis_calls import budget_read

CASES: list[Any] = [
    # a money question in words the cues do not know: asked when the reply gives money
    ("Сколько вы на это дело отвели?", "Тысяч сто двадцать, не больше.", {"amount": 120_000}),
    ("На пасеку что у вас припасено?", "Около трёхсот тысяч рублей.", {"amount": 300_000}),
    ("Какая у вас планка по креслу для стоматологии?", "Два миллиона, выше не прыгнем.", {"amount": 2_000_000}),
    ("А по кошельку как, Игорь?", "Полмиллиона найдём.", {"amount": 500_000}),
    ("Какие цифры держите в голове по банкету?", "Тысяч четыреста.", {"amount": 400_000}),
    # … but not a count, the turnover, a salary or what they pay today
    ("Сколько у вас сотрудников в смене?", "Человек сорок.", None),
    ("Какой оборот у вашей пекарни?", "Миллионов шесть в месяц.", None),
    ("Какая зарплата у ваших водителей?", "Тысяч девяносто.", None),
    ("Сколько у вас сейчас уходит на вывоз мусора?", "Двадцать тысяч в месяц платим.", None),
    # a year said in words: a number closed by an ordinal
    ("Сколько готовы потратить на ремонт спортзала?",
     "Спортзал построен в тысяча девятьсот семьдесят девятом году, с тех пор не ремонтировали.", None),
    ("Какой бюджет на юбилей фирмы?", "Юбилей у нас в две тысячи двадцать седьмом, пока рано.", None),
    # a count continued with "ещё", a count inverted over a preposition
    ("Какой бюджет на текстиль для гостиницы?", "Номеров у нас шестьдесят, в новом корпусе ещё сорок.", None),
    ("Бюджет на корпоратив какой?", "Гостей человек на восемьдесят будет, остальное директор решит.", None),
    ("Что с деньгами на рекламу?", "Скидку хотим процентов на пятнадцать, иначе не потянем.", None),
    # a phone number
    ("Бюджет можете подсказать?", "Звоните главбуху: девять один шесть, двести сорок, тридцать три, семнадцать.", None),
    # our figure said back
    ("Деньги на проект у вас есть?", "Вы сказали — полтора миллиона. Будем думать.", None),
    ("Какой у вас бюджет на яхту?", "Вы говорите: девятьсот тысяч. Я передам шефу.", None),
    # what something costs the client, not what they will spend
    ("Сколько готовы вложить в резервный сервер?", "Один сбой стоит нам тысяч триста.", None),
    # the budget itself, kept
    ("Какой бюджет на ремонт спортзала?", "Миллион восемьсот, выделили ещё в прошлом месяце.", {"amount": 1_800_000}),
    pytest.param("Бюджет на корпоратив?", "Двести тысяч, гостей человек на сорок.", {"amount": 200_000},
                 marks=pytest.mark.xfail(reason="tokens carry no commas: «двести тысяч гостей» is a count", strict=True)),
    ("Что по деньгам на рекламу?", "Сто пятьдесят тысяч в месяц.", {"amount": 150_000, "amount_period": "month"}),
    ("Сколько на мебель заложили?", "Просили четыреста, директор подписал триста, так что триста.", {"amount": 300_000}),
    ("Какой бюджет на печать каталогов?", "Девяносто тысяч, и ещё двадцать на доставку.", {"amount": 90_000}),
    # added after the first mechanisms (own wording): "пол-" with a slang scale, a figure settled on
    ("Сколько на банкет для выпускников?", "Поллимона, не больше.", {"amount": 500_000}),
    ("Сколько на ремонт катера заложили?", "Думали триста, жена посчитала, так что двести.", {"amount": 200_000}),
    ("Бюджет на вывеску?", "Сначала было два миллиона, а теперь девятьсот.", {"amount": 900_000}),
    ("Бюджет на вывеску?", "Двести тысяч, так что не переживайте.", {"amount": 200_000}),
    # a "no" to money that is still to come is no zero; a plain "no" is
    ("Средства на ремонт причала выделены?", "Нет, средства будут только весной, сумму пока не знаю.", None),
    ("Средства на ремонт причала выделены?", "Нет. И не будет.", {"amount": 0}),
]


_read = budget_read  # tests/analysis_calls.py


@pytest.mark.parametrize(("question", "reply", "want"), CASES)
def test_own_amounts(question: str, reply: str, want: dict[str, Any] | None) -> None:
    assert _read(question, reply) == want
