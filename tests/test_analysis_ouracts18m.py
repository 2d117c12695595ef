"""Round-18 own cases (written before the engine change, trades not in the corpus: a print shop, a bakery, a gym, a
car wash, a dairy, a courier firm): a line about OUR act — our advice or offer stated, our request for something to
be handed to us, his trip to look at the thing — asks no contract question, whatever words of time, money or people
it holds (our_acts.py); a real question of his time, money, need or decider still asks it."""

from __future__ import annotations

import pytest

from qa_desk.analysis import bant
from tests.analysis_calls import asked_after

_GREETING = "Добрый день, это Ирина, компания «Вектор», по вашей заявке."

NOTHING = [
    # our advice, stated (main: need, timing, timing)
    "Тогда, наверное, разумно печатать тиражом поменьше, раз в месяц, — так вы не переплачиваете за склад.",
    "Тогда разумно платить помесячно, с ежеквартальной сверкой, — так вы не переплачиваете летом.",
    "Тогда, наверное, имеет смысл мыть машины по графику, с еженедельными отчётами, — так вы не переплачиваете зимой.",
    "Я бы вам посоветовал начать с одной пекарни, а потом уже расширяться.",
    "Имеет смысл взять абонемент сразу на год, так выходит дешевле.",
    # our advice on how to put it to his boss (main: need)
    "Значит, вам надо принести хозяину то, от чего он не отмахнётся.",
    "Понял, значит, вам нужно отнести шефу расчёт, от которого он не отмахнётся.",
    # our visit at his ease, people received (main: timing, timing)
    "И по срокам, когда вам удобнее нас принять на замер?",
    "И по срокам, когда вам удобнее наших мастеров встретить на мойке?",
    # our offer, stated
    "Можно взять абонемент только на утренние часы, или оформить корпоративную программу только для тренеров.",
    # our request (main: authority)
    "А телефон главного технолога, который будет этим заниматься, вы мне можете дать, или лучше подождать, пока он "
    "сам позвонит?",
    "Скиньте мне, пожалуйста, реквизиты, я выставлю счёт.",
    "А контакт директора вы мне можете скинуть, чтобы я ему напрямую написал?",
    # his trip to look at the thing (main: timing)
    "А смотреть зал когда поедете?",
    # the premise of our figure, stated (main: need, need, budget)
    "Это с учётом того, что у вас все машины моются на одной точке.",
    "Это с учётом того, что у вас все пекарни в одном городе.",
    "Цена посчитана исходя из того, что у вас три зала.",
    "Это при условии, что у вас тираж не меньше тысячи.",
    # our visit
    "Могу подъехать в четверг, заодно покажу образцы бумаги.",
]

ASKS = [
    ("Вам сейчас нужно обновить оборудование в пекарне?", "need"),
    ("Скажите, а кто у вас решает по закупке тренажёров?", "authority"),
    ("А можете мне сказать, какой бюджет вы закладываете на печать?", "budget"),
    ("Когда вы планируете запускать новую мойку?", "timing"),
    ("А кто у вас будет этим заниматься — вы сами или директор?", "authority"),
    ("Когда вам удобнее начать работы — в марте или в апреле?", "timing"),
    ("А пришлите мне, пожалуйста, контакт того, кто у вас решает по закупкам?", "authority"),
    ("Вы мне тогда пришлите макет и сроки, когда нужен тираж.", "timing"),
    ("Когда вам удобнее принять решение по закупке?", "timing"),
    ("Значит, вам нужно обновить печи до осени?", "need"),
    ("Вам же на ремонт какие-то деньги выделяют, из них можно что-то на печь направить.", "budget"),
]


@pytest.mark.parametrize("line", NOTHING)
def test_our_act_asks_nothing(line: str) -> None:
    assert asked_after(bant(), _GREETING, line, "Лучше подождать, я сам ему передам.") == []


@pytest.mark.parametrize(("line", "qid"), ASKS)
def test_his_matter_is_asked(line: str, qid: str) -> None:
    assert qid in asked_after(bant(), _GREETING, line, "Ну, посмотрим.")
