"""Spoken question forms that survive a "?" Whisper dropped (qa_desk/analysis/spoken.py)."""

from __future__ import annotations

import pytest

from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.questions import bant
from qa_desk.analysis.spoken import split_glued


@pytest.mark.parametrize("text", [
    "то есть решение из-за генералевым директором.",  # restatement put to the client
    "Понял, то есть 600 тысяч переносится на следующий год.",
    "Хорошо, а решайте вы сами или с владельцем.",  # alternative put to "вы"
    "Правление утверждает, а подписывайтесь вы.",  # "подписываете" heard as an imperative
    "Ага, это хорошо, а крыша большая, ну, в метрах квадратных, если знаете,",  # a polite trailer
    "А площадь склада сейчас, если не секрет.",
])
def test_spoken_forms_ask(text: str) -> None:
    assert all(s.is_question for s in detector_for(bant()).sentences(text))


@pytest.mark.parametrize("text", [
    "Мы сами решаем или с владельцем.",  # no address to "вы"
    "То есть.",
    "Присылайте на почту.",
    "Нам это то есть не очень подходит.",
    "А крыша большая, в метрах квадратных.",  # no trailer: a statement
    "Если не секрет будет, расскажу.",
])
def test_statements_stay_statements(text: str) -> None:
    sentences = detector_for(bant()).sentences(text)
    assert not any(s.is_question for s in sentences)


def test_restated_decider_is_asked() -> None:
    detector = detector_for(bant())
    asked = [cq.question.id for cq, _s, _c in detector.asked_scored(detector.sentences(
        "Хорошо, а решайте, ите вы сами или с владельцем."))]
    assert asked == ["authority"]


@pytest.mark.parametrize(("text", "parts"), [
    ("Понял, 120-150 в месяц, а начать с нами когда могли бы.", ["Понял, 120-150 в месяц,", "а начать с нами когда могли бы."]),
    ("Понял три, мы выходим на три миллиона, а кто у вас окончательно говорит.",
     ["Понял три, мы выходим на три миллиона,", "а кто у вас окончательно говорит."]),
    ("А почему самообслуживание, а не обычная, с мойщиками?", ["А почему самообслуживание, а не обычная, с мойщиками?"]),
    ("Правление утверждает, а подписываете вы.", ["Правление утверждает, а подписываете вы."]),
    ("Как уточнила, а что случилось?", ["Как уточнила, а что случилось?"]),
    ("Вы сами решаете, а кто подписывает?", ["Вы сами решаете, а кто подписывает?"]),
    ("Расскажите, как вы сейчас температуру контролируете и кто у вас будет решать?",
     ["Расскажите, как вы сейчас температуру контролируете", "и кто у вас будет решать?"]),
    ("Какой у вас бюджет и кто его утвердит?", ["Какой у вас бюджет", "и кто его утвердит?"]),
    ("Мы и как раз об этом.", ["Мы и как раз об этом."]),
    ("Директор решает и когда вернётся, скажет.", ["Директор решает и когда вернётся, скажет."]),
])
def test_split_glued(text: str, parts: list[str]) -> None:
    assert split_glued(text) == parts


def test_question_word_after_lead_ins() -> None:
    detector = detector_for(bant())
    (s,) = detector.sentences("а начать с нами когда могли бы сразу с июля.")
    assert s.is_question


@pytest.mark.parametrize(("text", "asks"), [
    ("а вы сами это решает или директору надо показать.", True),  # "решаете" with its ending cut
    ("Вы знаете, он решает.", False),
    ("Если вы позвоните, он решает сам.", False),
])
def test_cut_second_person(text: str, asks: bool) -> None:
    assert any(s.is_question for s in detector_for(bant()).sentences(text)) is asks
