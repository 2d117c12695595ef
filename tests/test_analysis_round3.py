"""Issue 14, round 3: contract questions in the manager's words, figures that are not the budget,
deciders in the nominative and roles as deciders."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_desk.analysis import analyze_deal, bant, load_question_set
from qa_desk.domain.transcript import RecordingTranscript, Segment

PARAPHRASES = Path(__file__).parent / "corpus" / "v7" / "paraphrases"


def pair(question: str, reply: str | None = None) -> RecordingTranscript:
    segments = [Segment(0.0, 4.0, "manager", question)]
    if reply is not None:
        segments.append(Segment(5.0, 9.0, "client", reply))
    return RecordingTranscript("call.mp3", 10.0, 2, segments)


def test_contract_question_in_the_managers_words() -> None:
    plant = load_question_set(PARAPHRASES / "T4" / "sets" / "plant.toml")
    analysis = analyze_deal([pair("а вы в этом году вообще что-то менять собираетесь по станкам?", "Да, два станка.")],
                            plant)
    upgrade = analysis.question("upgrade")
    assert upgrade is not None and upgrade.asked
    assert [q.id for q in analysis.questions if q.asked] == ["upgrade"]
    # a partial match is shown as "возможно" (confidence below 0.75)
    weak = analyze_deal([pair("скажите а станки новые закупать собираетесь в этом году")], plant).question("upgrade")
    assert weak is not None and weak.asked and weak.asked_evidence[0].confidence < 0.75
    # asking to be put through names no contract question
    routed = analyze_deal([pair("Добрый день. Могу я поговорить с начальником цеха по станкам?")], plant)
    assert not any(q.asked for q in routed.questions)


def test_paraphrase_material_floor() -> None:
    from qa_desk.analysis.corpus_v7 import score_utterance_files

    lines = score_utterance_files(PARAPHRASES)
    assert lines.total("asked").f1 >= 0.74  # 0.77 measured; round 2's engine: 0.50
    assert lines.amount_accuracy >= 0.93  # 16/16 measured; round 2's engine: 4/16


def budget(question: str, reply: str) -> dict[str, object] | None:
    result = analyze_deal([pair(question, reply)], bant()).question("budget")
    assert result is not None
    return result.value


@pytest.mark.parametrize(
    ("reply", "want"),
    [
        ("Бюджет не считали. Электричество у нас и так сорок тысяч в месяц съедает.", None),
        ("Ваш прошлый менеджер насчитал нам шестьсот тысяч, но мы это не обсуждали.", None),
        ("Конкурент считал семьсот, но у нас заложено пятьсот пятьдесят тысяч.", 550_000),
        ("Аренда сорок тысяч уходит, а на проект мы готовы выделить тысяч триста.", 300_000),
        ("Двести… нет, триста пятьдесят тысяч.", 350_000),
        ("Платёж по кредиту у нас сто тысяч в месяц, так что не знаем.", None),
        ("Возьмём кредит на два миллиона.", 2_000_000),
    ],
)
def test_figures_that_are_not_the_budget(reply: str, want: int | None) -> None:
    value = budget("Какой бюджет вы закладываете?", reply)
    assert (value or {}).get("amount") == want


def test_colloquial_ranges_and_confirmed_figures() -> None:
    assert budget("На какие деньги рассчитываете?", "Ну лимон-полтора где-то.") == {
        "amount": 1_500_000, "currency": "RUB", "amount_min": 1_000_000, "amount_max": 1_500_000}
    assert (budget("До трёхсот тысяч уложимся?", "До трёхсот, да.") or {}).get("amount") == 300_000
    assert (budget("Сколько готовы потратить?", "Миллион двести.") or {}).get("amount") == 1_200_000


@pytest.mark.parametrize(
    ("reply", "want"),
    [
        ("Анне Сергеевне показываем, она и решает.", "Анна Сергеевна"),
        ("Это надо согласовать с Виктором Андреевичем.", "Виктор Андреевич"),
        ("Владелица, конечно.", "владелица"),
        ("Это через отдел закупок идёт.", "отдел закупок"),
        ("Закупочная комиссия.", "закупочная комиссия"),
    ],
)
def test_deciders(reply: str, want: str) -> None:
    result = analyze_deal([pair("Кто у вас принимает решение?", reply)], bant()).question("authority")
    assert result is not None and result.value == {"text": want}
