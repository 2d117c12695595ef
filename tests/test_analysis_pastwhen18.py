"""Round-18 own cases (written before the engine change, in a trade unlike the sets': a boat rental and a river
pier, with two from a roofing firm): a «когда» that dates a past event of the client's (filling in a request,
coming back from a fair, his last order) or a visit of ours asks no timing, and the rest of the sentence is read as it
stands; our act wished at his ease («когда вам удобнее, чтобы я вышел на связь») asks none either; a real time question of his purchase or start (also with a past verb of planning: «когда вы хотели
стартовать?») still asks it."""

from __future__ import annotations

import pytest

from qa_desk.analysis import bant
from tests.analysis_calls import asked_after

_GREETING = "Добрый день, это Ирина, компания «Сплав», по вашей заявке."

NO_TIMING = [
    "Вы, когда заполняли заявку на сайте, уже примерно представляли, сколько лодок вам нужно?",
    "Когда вы с ярмарки вернулись, вы с директором это уже обсуждали?",
    "А когда приезжали к нам на базу, какие катера вам приглянулись?",
    "Когда образцы обшивки вам привезут, сразу дайте знать, ладно?",
    "Когда нашему мастеру можно к вам заехать, посмотреть причал?",
    "А когда вы прошлую партию вёсел брали, сколько вышло?",
    "Вы, когда крышу в прошлый раз перекрывали, с каким подрядчиком работали?",
    "А смотреть причал когда поедете?",  # his viewing trip (our_acts.py, round 18 eng18l)
    "Когда вам будет удобнее, чтобы я вышел на связь в мае — в начале или ближе к концу?",  # our act at his ease
    "Вам когда лучше, чтобы мы привезли образцы обшивки?",
]

TIMING = [
    "Когда вы планируете запускать прокат?",
    "А когда вам нужно, чтобы лодки уже стояли на воде?",
    "Когда хотите начать сезон с новыми катерами?",
    "А когда вы хотели стартовать?",
    "Когда вы думали открываться?",
    "А катера вам к какому числу нужны?",
    "Вы, когда с выставки вернулись, к какому сроку решили катера брать?",
    "Когда вам нужно, чтобы мы закончили монтаж причала?",
    "А по срокам, когда у вас отбор подрядчика завершается, чтобы я понимал, до какого числа успеть?",
]


@pytest.mark.parametrize("line", NO_TIMING)
def test_another_event_asks_no_timing(line: str) -> None:
    assert "timing" not in asked_after(bant(), _GREETING, line, "Ну, посмотрим.")


@pytest.mark.parametrize("line", TIMING)
def test_the_clients_time_is_asked(line: str) -> None:
    assert "timing" in asked_after(bant(), _GREETING, line, "Ну, посмотрим.")


def test_the_rest_of_the_sentence_is_read() -> None:
    """The past clause is left out, the budget beside it is still asked."""
    line = "Вы, когда оставляли заявку, наверняка прикидывали какой-то бюджет на катера — какой, если не секрет?"
    assert "budget" in asked_after(bant(), _GREETING, line, "Тысяч восемьсот.")
