"""Issue 14, round 9: answer-kind checks before pairing (own wording, not the held-out sets')."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.replies import Answer, answer
from qa_desk.analysis.substance import miscounts
from qa_desk.analysis.timing import purchase_period, scheduling


def _tokens(text: str) -> list[Token]:
    return [t for s in detector_for(bant()).sentences(text) for t in s.tokens]


def _reply(kind: AnswerKind, text: str, question: str = "") -> Answer | None:
    d = detector_for(bant())
    return answer(kind, d.sentences(text), d.lang, client=True, question=_tokens(question) if question else ())


def test_a_count_of_another_noun_is_no_answer_to_a_count_question() -> None:
    asked = _tokens("А филиалов у вас сколько?")
    assert miscounts(asked, [_tokens("Сотрудников у нас сто двадцать, по всем городам.")])
    assert not miscounts(asked, [_tokens("Семь. И ещё два в Твери откроем.")])
    assert not miscounts(asked, [_tokens("Филиалов семь, а сотрудников сто двадцать.")])
    people = _tokens("Сколько человек будет работать в программе?")
    assert not miscounts(people, [_tokens("Бухгалтеров четверо и менеджеров шесть.")])
    assert miscounts(people, [_tokens("Складов у нас три, и ещё один строим.")])


def test_a_meeting_time_answers_no_yes_no_or_text_question() -> None:
    assert scheduling(_tokens("В среду после обеда, давайте."))
    assert not scheduling(_tokens("Каждую пятницу бухгалтер сводит отчёты вручную."))
    assert _reply(AnswerKind.YES_NO, "В пятницу часов в одиннадцать.") is None
    yes = _reply(AnswerKind.YES_NO, "Нет. Слушайте, я на выезде, позвоните позже.")
    assert yes is not None and yes.value == {"yes": False}


def test_a_length_of_time_is_no_purchase_date() -> None:
    lang = detector_for(bant()).lang
    for said in ("Платим тысяч сорок в месяц.", "Второй год не можем найти подрядчика.", "Взяли в аренду на полгода."):
        assert purchase_period(_tokens(said), lang, True) is None, said
    for said in ("Хотим на следующей неделе решить.", "Через полгода переезжаем.", "К третьему кварталу запускаемся."):
        assert purchase_period(_tokens(said), lang, True) is not None, said


def test_a_hedge_after_a_dodge_outweighs_a_season() -> None:
    assert _reply(AnswerKind.TIMING, "Не знаю пока. Зимой у нас затишье, посмотрим.") is None
    found = _reply(AnswerKind.TIMING, "Не знаю пока. Думаем к весне запустить.")
    assert found is not None


def test_a_request_to_the_manager_is_no_free_text_answer() -> None:
    assert _reply(AnswerKind.TEXT, "Каталог на почту скиньте.", "Что у вас сейчас не так с упаковкой?") is None
