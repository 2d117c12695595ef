"""Round 12: contract questions asked in everyday words: a set's deverbal noun stands for its verbs and the
caller's verbs of the same act (families.toml ``predicates``), its abstract nouns for their everyday kinds and units
(``hyponyms``), a threshold or horizon is left out of the said phrasing, and a count of a listed unit asks a count
question. Lines written for these tests, not taken from any corpus."""

from __future__ import annotations

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.questions import parse_question_set
from qa_desk.analysis.set_content import verbs_of
from qa_desk.domain.transcript import RecordingTranscript, Segment

_SET = parse_question_set('''
[[question]]
id = "switch"
title = "Клиент рассматривает смену поставщика упаковки в ближайшие три месяца"
ask = ["рассматривает ли компания смену поставщика упаковки в ближайшие три месяца"]
answer = "yes_no"

[[question]]
id = "volume"
title = "Объём закупок упаковки в месяц (коробки, рулоны, паллеты)"
ask = ["каков ежемесячный объём закупок упаковки"]
answer = "text"

[[question]]
id = "headcount"
title = "Штат более пятидесяти человек"
ask = ["превышает ли штат компании пятьдесят человек"]
answer = "yes_no"

[[question]]
id = "shifts"
title = "Режим работы"
ask = ["в сколько смен работает производство"]
answer = "text"
''', "test")


def _asked(line: str) -> list[str]:
    rec = RecordingTranscript("call.mp3", 10.0, 2, [Segment(0.0, 4.0, "manager", line)])
    return [q.id for q in analyze_deal([rec], _SET).questions if q.asked]


def test_a_deverbal_noun_stands_for_its_verbs() -> None:
    assert {"сменить", "сменять"} <= verbs_of("смена")
    assert "отгрузить" in verbs_of("отгрузка")
    assert verbs_of("бюджет") == frozenset()
    assert verbs_of("точка") == frozenset()  # "точить" is another root (the vectors say so)


def test_change_of_supplier_asked_with_the_callers_verbs() -> None:
    assert _asked("А поставщика коробок поменять не думали?") == ["switch"]
    assert _asked("Есть мысли перейти к другому поставщику?") == ["switch"]


def test_shift_noun_is_not_the_change_act() -> None:
    # "смена" without an object is a work shift: a question about shifts does not ask the change of supplier
    assert "switch" not in _asked("А в сколько смен у вас цех работает?")


def test_a_count_of_a_listed_unit_asks_the_volume() -> None:
    assert _asked("Сколько рулонов вы в месяц берёте?") == ["volume"]


def test_a_threshold_yes_no_is_asked_as_a_count() -> None:
    assert _asked("Сколько у вас человек в штате?") == ["headcount"]


def test_small_talk_asks_nothing() -> None:
    assert _asked("Вам сейчас удобно говорить?") == []
    assert _asked("Могу я прислать каталог на почту?") == []
