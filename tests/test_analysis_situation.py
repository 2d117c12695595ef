"""Need asked by what it is about: a question about the client's present situation (qa_desk/analysis/situation.py)."""

from __future__ import annotations

import pytest

from qa_desk.analysis import situation
from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _asked(text: str) -> list[str]:
    detector = detector_for(bant())
    return sorted({cq.question.id for cq, _s, _c in detector.asked_scored(detector.sentences(text))})


@pytest.mark.parametrize("text", [
    # an either-or of two situations
    "А склад у вас свой, или арендуете у кого-то?",
    "Вы сейчас печи сами обслуживаете или подрядчика зовёте?",
    # a guess at his situation or at its cause
    "Я так понимаю, у вас старые кассы постоянно виснут?",
    "Вы ведь уже третий магазин открываете?",
    "Склад, наверное, переполнен, поэтому ищете?",
    # what he does now; what is the matter with him
    "А вы сейчас как заявки от клиентов учитываете?",
    "А что там у вас с отоплением, котёл старый?",
    "А у вас сейчас с отчётностью нормально, бухгалтер справляется…",
])
def test_situation_asks_need(text: str) -> None:
    assert _asked(text) == ["need"]


@pytest.mark.parametrize("text", [
    "Вам сейчас удобно разговаривать?",  # the call itself
    "Когда вам лучше позвонить, утром или вечером?",
    "Счёт вам сегодня выставить или завтра?",  # our action for him
    "Какое решение вы сейчас рассматриваете, облачное или коробочное?",  # a choice, not his situation
    "Вы заявку на сайте оставляли, я правильно понимаю?",  # how the call came about
    "Мне сказали, что по закупкам лучше с вами говорить.",
    "Вы сейчас в офисе?",  # no predicate
    "Мы можем привезти образцы, или вы сами заберёте?",  # our offer
    "Берёте в аренду или покупать думаете?",  # a plan of buying, not his situation
    "Я так понимаю, вы будете забирать сами?",  # a plan about our deal
    "Вам образцы прислать или сами приедете?",
    "Вы КП посмотрели или ещё нет?",  # what passed between us
    "Вы же документы получили?",
    "Вы в Москве находитесь или в области?",
])
def test_other_questions_ask_no_situation(text: str) -> None:
    detector = detector_for(bant())
    assert all(situation.kind(s.tokens, s.text) is None for s in detector.sentences(text))


def test_reply_to_a_situation_question_answers_need() -> None:
    turns = ["А склад у вас свой, или арендуете у кого-то?",
             "Арендуем, и места уже не хватает, паллеты в проходах стоят."]
    segments = [Segment(5.0 * i, 5.0 * i + 4, "manager" if i % 2 == 0 else "client", text)
                for i, text in enumerate(turns)]
    analysis = analyze_deal([RecordingTranscript("t", 10.0, 2, segments)], bant())
    need = analysis.question("need")
    assert need is not None and need.asked and need.answered


@pytest.mark.parametrize(("reply", "answered"), [
    # a generic "you can't" is a fact about his situation, not a dodge
    ("Есть, старенький, ему лет десять. Лёгкие на нём толком не посмотришь, пациентов отправляем в город.", True),
    ("Ну, посмотрим. Не знаю пока.", False),  # the dodge stays one
])
def test_generic_you_is_no_dodge(reply: str, answered: bool) -> None:
    turns = ["А что с рентгеном у вас сейчас, старый аппарат есть?", reply]
    segments = [Segment(5.0 * i, 5.0 * i + 4, "manager" if i % 2 == 0 else "client", text)
                for i, text in enumerate(turns)]
    need = analyze_deal([RecordingTranscript("t", 10.0, 2, segments)], bant()).question("need")
    assert need is not None and need.asked and need.answered is answered
