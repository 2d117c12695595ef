"""Guesses and confirmations put to the client (qa_desk/analysis/guess.py, Detector.asked_scored/answer)."""

from __future__ import annotations

import pytest

from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _asked(text: str) -> list[str]:
    detector = detector_for(bant())
    return sorted({cq.question.id for cq, _s, _c in detector.asked_scored(detector.sentences(text))})


def _dialogue(*turns: str) -> dict[str, dict[str, object] | None]:
    segments = [Segment(5.0 * i, 5.0 * i + 4, "manager" if i % 2 == 0 else "client", text)
                for i, text in enumerate(turns)]
    analysis = analyze_deal([RecordingTranscript("t", 5.0 * len(turns), 2, segments)], bant())
    return {q.id: q.value for q in analysis.questions if q.answered}


@pytest.mark.parametrize(("text", "asked"), [
    # the frame's "понимаю" does not make a need question: the guessed clause's topic is asked
    ("Правильно понимаю, что выбор поставщика за вами?", ["authority"]),
    # a time anchor with a plan in the guessed clause: timing
    ("И я правильно понимаю, что до начала сезона хотелось бы всех прогнать?", ["timing"]),
    ("А переезжать вы, я так понимаю, хотите не прямо завтра?", ["timing"]),
    ("Я правильно понимаю, что к приезду немецких коллег надо, чтобы люди хоть как-то объяснялись?", ["timing"]),
    ("Ну и дата, наверное, у вас уже примерно есть в голове.", ["timing"]),  # the date itself guessed
    # a statement made a question by the confirming tag after it
    ("Олег сказал, что решение по договору за вами. Я правильно понимаю?", ["authority"]),
    ("Артур сказал, что на новую машину вы готовы тысяч триста. Так?", ["budget"]),
    ("Дарья сказала, что решения по офису за вами. Это так, или ещё кто-то подключается?", ["authority"]),
    ("Олег ещё назвал срок, к июню. Это реально так или сдвигается?", ["timing"]),
    # a turn that ends by reporting a value someone gave: to be confirmed or corrected
    ("Отлично. Дарья назвала срок, к концу мая.", ["timing"]),
    # broken off after "вы сами…": the client is to finish it
    ("А решение по новому поставщику вы сами...", ["authority"]),
    # a guess whose clause asks nothing by itself falls back to the whole sentence
    ("Щиты вам сейчас нужны, я так понимаю, своих не хватает?", ["need"]),
])
def test_guess_asks_its_clause(text: str, asked: list[str]) -> None:
    assert _asked(text) == asked


@pytest.mark.parametrize("text", [
    "Павел, расскажите, что за задача, что сейчас не так?",  # "не так" is no tag here
    "Понял. То есть шестьсот тысяч переносятся на следующий год?",  # a read-back of the client's figure
    "Я правильно понимаю, что закупкой реагентов на зиму у вас занимается ваш отдел?",  # no plan: no timing
])
def test_no_anchor_without_its_conditions(text: str) -> None:
    assert "timing" not in _asked(text)
    assert "budget" not in _asked(text) or "шестьсот" not in text


@pytest.mark.parametrize("text", [
    "Ой, а вы прям в точку...",
    "Я вчера говорил с Артуром про посудомойку.",
    "Вы знаете, это такой вопрос...",
])
def test_statements_stay_statements(text: str) -> None:
    assert not any(s.is_question for s in detector_for(bant()).sentences(text))


def test_reported_talk_without_a_value_asks_nothing() -> None:
    assert _asked("Катя сказала, у вас накладки с записью бывают...") == []
    assert _asked("Олег говорил, что вы нам звонили.") == []


def test_confirmation_takes_the_guessed_value() -> None:
    # "Да, так." to a hearsay guess: the speaker decides (not the one who reported it)
    assert _dialogue("Олег сказал, что решение по договору за вами. Я правильно понимаю?", "Да, так.")["authority"] \
        == {"text": "я", "self": True}
    assert _dialogue("Артур сказал, что на новую машину вы готовы тысяч триста. Так?", "Да.")["budget"] \
        == {"amount": 300000, "currency": "RUB"}
    assert _dialogue("Олег назвал срок, к июню. Это так?", "Да, всё так.")["timing"] == {"text": "к июню"}


def test_correction_beats_the_guess() -> None:
    values = _dialogue("Артур сказал, что на новую машину вы готовы тысяч триста. Так?",
                       "Триста? Это Артур размечтался. Реально сто пятьдесят тысяч, и ни рублём больше.")
    assert values["budget"] == {"amount": 150000, "currency": "RUB"}
    assert _dialogue("Я правильно понимаю, что решение за вами?", "Нет, решает директор.")["authority"] \
        == {"text": "директор"}


def test_backchannel_is_no_confirmation() -> None:
    assert "timing" not in _dialogue("Олег назвал срок, к июню. Это так?", "Ага.")
