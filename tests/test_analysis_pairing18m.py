"""Round 18 (eng18g): pairing — the card's answer comes from the right call and turn. Written before the engine
change, in trades not in the corpus (a print shop, a bakery, a gym, a car wash, a dairy, a flower shop, a dental
clinic, a laundry): the first reply in the call that carries the substance stands against a later question's reply in
the same call (a follow-up on the current supplier, our read-back of the date, our callback offer), a date given where
it was asked stands against a callback time in a later call, a clarifying exchange or our re-ask leads to the reply
that answers; and the must-nots: a reply that dodged or chatted gives way to the reply after our re-ask."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal
from tests.analysis_calls import call

_HELLO = ("manager", "Добрый день, это Олег, компания «ТехноСнаб». Удобно пару минут?")
_YES = ("client", "Да, слушаю.")


def _card(qid: str, *calls: tuple[tuple[str, str], ...]) -> tuple[int, int] | None:
    """(call, turn) of the answer the card shows for ``qid``."""
    result = next(q for q in analyze_deal([call(*c) for c in calls], bant()).questions if q.id == qid)
    e = result.primary_answer
    return None if e is None or not result.answered else (e.recording, int(e.start // 5))


# (question id, calls, the (call, turn) of the card's answer)
_HEARD = ("manager", "Вы тогда на выставке обронили фразу, что с печатью у вас каждую осень одна и та же история. "
                      "Я так и не понял, что за история, то ли станок не тянет, то ли бумага дорожает.")
_STORY = ("client", "И то, и другое, если честно. В сентябре календари горят, станок не тянет, мы по ночам печатаем.")
_BYE = (("manager", "Понятно, пришлю предложение."), ("client", "Хорошо."))


def _follow_up(question: str, reply: str) -> tuple[tuple[str, str], ...]:
    """Our hearsay of the need, the client's story, then our follow-up question on a detail and its reply."""
    return (_HELLO, _YES, _HEARD, _STORY, ("manager", question), ("client", reply), *_BYE)


# (question id, calls, the (call, turn) of the card's answer)
CASES: list[Any] = [
    # a follow-up on a detail (the supplier, the machine) after the need was told: the story stays on the card
    ("need", (_follow_up("А вы по этой группе сейчас с одним работаете?",
                         "С одним основным. Есть ещё второй, на подхвате, но он дорогой, берём, только когда горит."),), (0, 3)),
    ("need", (_follow_up("А станок у вас сейчас один или ещё есть?",
                         "Один, старый, ещё при прежнем хозяине ставили, году в двенадцатом."),), (0, 3)),
    ("need", (_follow_up("Хоть какой-то резервный станок стоит, или вы всё на одном печатаете?",
                         "Стоит резервный, старый, ещё при прежнем хозяине ставили, году в двенадцатом."),), (0, 3)),
    ("need", (_follow_up("А те два станка, что остались, они вам ещё нужны, или тоже уйдут?",
                         "До лета уйдут, продадим."),), (0, 3)),
    # our read-back of the date, our callback offer, a question about another step: the date said first stands
    ("timing", ((_HELLO, _YES,
                 ("manager", "А заявку на оборудование вы когда подаёте, к какому сроку вам расчёт нужен?"),
                 ("client", "Заявки на следующий год до первого сентября, комиссия в октябре."),
                 ("manager", "Значит, расчёт вам нужен к середине августа, чтобы вы успели его доработать."),
                 ("client", "Давайте к двадцатому июля, у меня в августе отпуск."),
                 ("manager", "Договорились."),
                 ("client", "Всего доброго.")),), (0, 3)),
    ("timing", ((_HELLO, _YES,
                 ("manager", "Вы вообще к какому времени думаете второй зал открыть, чтобы я оборудование застолбил?"),
                 ("client", "Если кредит дадут, то не раньше октября-ноября. Если не дадут, то никогда."),
                 ("manager", "Ну тогда, может, осенью созвонимся, когда у вас с кредитом станет ясно?"),
                 ("client", "Давайте в сентябре."),
                 ("manager", "Хорошо, запишу."),
                 ("client", "До свидания.")),), (0, 3)),
    ("timing", ((_HELLO, _YES,
                 ("manager", "А когда у них ближайшее заседание, чтобы мне понимать, к какому числу всё подготовить?"),
                 ("client", "Двадцать пятого ноября."),
                 ("manager", "Двадцать пятое, впритык, но успеем. А сама линия, если комиссия скажет да, вы бы когда "
                             "хотели запускать, или пока сами не знаете, может, к осени?"),
                 ("client", "Нет, какая осень."),
                 ("manager", "Понял."),
                 ("client", "До свидания.")),), (0, 3)),
    # a date given where it was asked stands against a callback time in a later call
    ("timing", ((_HELLO, _YES,
                 ("manager", "А витрины новые вам к какому сроку нужны?"),
                 ("client", "К марту, к восьмому марта, это наш главный сезон."),
                 ("manager", "Понял, спасибо, я подготовлю расчёт."),
                 ("client", "Хорошо.")),
                (_HELLO, _YES,
                 ("manager", "Расчёт я отправил. А когда вас лучше набрать, чтобы не мешать, в конце января?"),
                 ("client", "В конце января, после двадцатого."),
                 ("manager", "Договорились."),
                 ("client", "До свидания."))), (0, 3)),
    # a clarifying exchange, then the reply
    ("budget", ((_HELLO, _YES,
                 ("manager", "А на ремонт кресел у вас какой бюджет заложен?"),
                 ("client", "Сейчас, табличку открою… Минутку."),
                 ("manager", "Да, конечно, жду."),
                 ("client", "Вот. На ремонт в этом году триста тысяч."),
                 ("manager", "Понял, спасибо."),
                 ("client", "Всего доброго.")),), (0, 5)),
    ("need", ((_HELLO, _YES,
               ("manager", "А что у вас сейчас с выпечкой не так, почему вы нам написали?"),
               ("client", "А вы от какой компании, напомните?"),
               ("manager", "«ТехноСнаб», мы печи ставим. Так что у вас с выпечкой?"),
               ("client", "Печь старая, хлеб подгорает снизу, покупатели жалуются."),
               ("manager", "Понятно."),
               ("client", "Вот так.")),), (0, 5)),
    # our re-ask after a dodge: the reply to it
    ("need", ((_HELLO, _YES,
               ("manager", "Расскажите, что у вас сейчас с прачечной не так?"),
               ("client", "Ой, это долгая история, не знаю даже, с чего начать."),
               ("manager", "Ну хоть в двух словах?"),
               ("client", "Машины старые, простыни рвут, гостиницы от нас уходят."),
               ("manager", "Понятно, спасибо."),
               ("client", "Пожалуйста.")),), (0, 5)),
    ("timing", ((_HELLO, _YES,
                 ("manager", "А установку кресла вы когда планируете?"),
                 ("client", "Пока не знаю, честно."),
                 ("manager", "Ну хотя бы примерно, к лету или позже?"),
                 ("client", "К июню точно, раньше не успеем."),
                 ("manager", "Понял."),
                 ("client", "До свидания.")),), (0, 5)),
    # must-nots: chat or a dodge before the real reply; a later call settles a dodge
    ("need", ((_HELLO, _YES,
               ("manager", "Погода у вас там, наверное, ужасная?"),
               ("client", "Ой, не говорите, третий день льёт."),
               ("manager", "А с цветами у вас сейчас какая главная проблема, почему вы нам написали?"),
               ("client", "Холодильник не держит температуру, розы за два дня вянут, списываем треть."),
               ("manager", "Понял."),
               ("client", "Вот так.")),), (0, 5)),
    ("need", ((_HELLO, _YES,
               ("manager", "Новый зал — это что за формат, если не секрет?"),
               ("client", "Зал на триста квадратов, на втором этаже, с раздевалками."),
               ("manager", "А в нынешнем что не устраивает, почему вообще смотрите новый?"),
               ("client", "Тесно, тренажёров не хватает, люди в очереди к стойкам стоят."),
               ("manager", "Понятно."),
               ("client", "Вот так.")),), (0, 5)),
    ("timing", ((_HELLO, _YES,
                 ("manager", "А новую линию вы когда запускать хотите?"),
                 ("client", "Пока сложно сказать, надо с директором обсудить."),
                 ("manager", "Понял, тогда созвонимся."),
                 ("client", "Да, давайте.")),
                (_HELLO, _YES,
                 ("manager", "Вы обсудили с директором, по срокам что-то определилось?"),
                 ("client", "Да, решили запускать в октябре."),
                 ("manager", "Отлично, спасибо."),
                 ("client", "До свидания."))), (1, 3)),
    ("authority", ((_HELLO, _YES,
                    ("manager", "А решение о покупке у вас кто принимает?"),
                    ("client", "Директор, Иван Петрович, он подписывает."),
                    ("manager", "А вы с ним уже обсуждали наше предложение?"),
                    ("client", "Нет ещё, на следующей неделе покажу."),
                    ("manager", "Хорошо, спасибо."),
                    ("client", "До свидания.")),), (0, 3)),
]


@pytest.mark.parametrize(("qid", "calls", "want"), CASES)
def test_card_answer_in_the_right_turn(qid: str, calls: tuple[tuple[tuple[str, str], ...], ...], want: Any) -> None:
    assert _card(qid, *calls) == want
