"""Issue 14, second round: the topic classifier and vector table, deciders named by the call, figures
refined by the next utterance, checks against the stated price, soft contract matching."""

from __future__ import annotations

import pytest

from qa_desk.analysis import analyze_deal, bant, detector_for, parse_question_set
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.topics import topic_model
from qa_desk.analysis.vectors import decode, encode, vectors
from qa_desk.domain.transcript import RecordingTranscript, Segment


def call(*turns: tuple[str, str], channels: int = 2) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), s if channels == 2 else "unknown", t)
                for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, channels, segments)


def test_vector_table_round_trip_and_lookup() -> None:
    table = decode(encode(["а", "б"], bytes([127, 0, 0, 127]), 2))
    assert table.row(["б"]) == 1 and table.row(["в"]) is None
    assert table.cosine(0, 1) == 0 and table.mean([0, 1]) == pytest.approx([0.7071, 0.7071], abs=1e-3)
    shipped = vectors()
    budget, money, weather = (shipped.row([w]) for w in ("бюджет", "деньга", "погода"))
    assert budget is not None and money is not None and weather is not None
    assert shipped.cosine(budget, money) > shipped.cosine(budget, weather) + 0.2


@pytest.mark.parametrize(("text", "topic"), [
    ("Что у вас сейчас с оборудованием, всё устраивает?", "need"),
    ("В какие деньги хотите уложиться?", "budget"),
    ("Кто даст добро на эту закупку?", "authority"),
    ("К какому числу нужно всё запустить?", "timing"),
    ("Когда вам удобно, чтобы я перезвонил?", "none"),
])
def test_topic_classifier_on_fresh_phrasings(text: str, topic: str) -> None:
    probs = topic_model().probabilities(Lexicon(()).tokens(text))
    assert abs(sum(probs.values()) - 1) < 1e-6
    assert max(probs, key=probs.__getitem__) == topic


def test_classifier_asks_what_no_rule_lists_and_vetoes_a_trap() -> None:
    detector = detector_for(bant())
    asked = {cq.question.id: c for cq, _s, c in detector.asked_scored(detector.sentences(
        "Как у вас сейчас организована доставка полуфабрикатов?"))}
    assert set(asked) == {"need"} and 0 < asked["need"] <= 1
    assert detector.asked(detector.sentences("Какое решение по поставщику в итоге приняли?")) == []


def test_speaker_decides_and_is_named_by_the_call() -> None:
    turns = (("manager", "Алло, добрый день, это автошкола?"), ("client", "Здравствуйте. Директор, Лариса Петровна."),
             ("manager", "Лариса Петровна, а закупки кто у вас утверждает?"),
             ("client", "Не, решаю тут я, учредителей у меня нет."))
    result = analyze_deal([call(*turns)], bant(), "не ЛПР")
    authority = result.question("authority")
    # labelled with the role of their introduction ("Директор, Лариса Петровна")
    assert authority is not None and authority.value == {"text": "директор Лариса Петровна", "self": True}
    assert result.reason_check["status"] == "contradicted"


def test_a_named_person_beats_the_speaker_and_a_confirmation_names_the_asked() -> None:
    turns = (("manager", "Кто у вас утверждает покупку?"),
             ("client", "Технически решаю я. Но по деньгам — собственник, Геннадий Борисович."))
    authority = analyze_deal([call(*turns)]).question("authority")
    assert authority is not None and authority.value == {"text": "собственник Геннадий Борисович"}
    confirm = (("manager", "А окончательно подписывает Виктор Андреевич?"), ("client", "Да, он. Без него никак."))
    authority = analyze_deal([call(*confirm)]).question("authority")
    assert authority is not None and authority.value == {"text": "Виктор Андреевич"}


def test_the_next_utterance_refines_a_figure_and_a_limit_is_no_correction() -> None:
    turns = (("manager", "А вы на какую сумму ориентируетесь?"), ("client", "Ну миллиона три."),
             ("client", "Не, ну три с половиной край."))
    budget = analyze_deal([call(*turns)]).question("budget")
    assert budget is not None and budget.value == {"amount": 3_500_000, "currency": "RUB"}
    assert budget.answer_evidence[-1].start == 5.0  # the card starts where the first figure was said
    limit = (("manager", "Какой бюджет?"), ("client", "На два тренажёра — полмиллиона, не больше. Курсантов человек сорок."))
    budget = analyze_deal([call(*limit)]).question("budget")
    assert budget is not None and budget.value == {"amount": 500_000, "currency": "RUB"}
    pair = (("manager", "А по финансам как у вас?"), ("client", "Ну, пару лямов найдём, если надо."))
    budget = analyze_deal([call(*pair)]).question("budget")
    assert budget is not None and budget.value == {"amount": 2_000_000, "currency": "RUB"}


def test_expensive_against_our_stated_price_and_a_competitor_in_the_past() -> None:
    turns = (("manager", "По расчёту платёж выходит триста девяносто тысяч в месяц."),
             ("manager", "А какой ежемесячный платёж для вас предельный?"),
             ("client", "Тысяч четыреста пятьдесят в месяц потянем."))
    assert analyze_deal([call(*turns)], bant(), "дорого").reason_check["status"] == "contradicted"
    went = (("manager", "Ну как, какое решение приняли?"), ("client", "Выбрали другого дилера. Договор на той неделе подписали."))
    assert analyze_deal([call(*went)], bant(), "выбрали конкурента").reason_check["status"] == "supported"


def test_question_form_without_a_question_mark() -> None:
    detector = detector_for(bant())
    assert [s.is_question for s in detector.sentences("И решаю тут я, если что.")] == [False]
    assert [s.is_question for s in detector.sentences("Больше вряд ли.")] == [False]
    assert [s.is_question for s in detector.sentences("а по деньгам как")] == [True]
    assert [s.is_question for s in detector.sentences("у вас вообще такая задача стоит")] == [True]


def test_contract_question_matched_softly() -> None:
    questions = parse_question_set("""
[[question]]
id = "staff"
title = "Сотрудники на складе"
ask = ["сколько человек работает на складе в смену"]
answer = "text"

[[question]]
id = "system"
title = "Система учёта"
ask = ["в какой системе ведётся учёт на складе"]
answer = "text"
""", "warehouse.toml")
    turns = (("manager", "Какой у вас штат на складе, если по людям?"), ("client", "Всего шестьдесят два человека."))
    staff = analyze_deal([call(*turns)], questions).question("staff")
    assert staff is not None and staff.asked and 0 < staff.asked_evidence[0].confidence < 0.9
