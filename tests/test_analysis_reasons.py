"""Refusal-reason checks (issue 14): one canonical list, checks by topic, failed calls, JSON keys."""

from __future__ import annotations

import pytest

from qa_desk.analysis import analyze_deal, bant, load_reason_map
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.person import decider
from qa_desk.domain.refusal_reasons import load_refusal_reasons
from qa_desk.domain.transcript import RecordingTranscript, Segment

CHECKABLE = {"budget_small", "no_budget", "expensive", "not_decider", "no_need", "not_now", "competitor", "no_contact"}


def call(*turns: tuple[str, str], channels: int = 2) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), s if channels == 2 else "unknown", t)
                for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, channels, segments)


def test_every_allowed_reason_has_a_check_or_is_explicitly_not_checkable() -> None:
    reasons = load_reason_map()
    for reason in load_refusal_reasons().reasons:
        rule = reasons.rule_for(reason)
        assert rule is not None and rule.name == reason, reason
        assert rule.check in CHECKABLE or rule.check == "none", reason
    assert reasons.rule_for("другое").check == "none"  # type: ignore[union-attr]


def _check(reason: str, *turns: tuple[str, str], **kwargs: object) -> dict[str, object]:
    return analyze_deal([call(*turns)], bant(), reason, **kwargs).reason_check  # type: ignore[arg-type]


def test_budget_above_the_minimum_order_contradicts_a_small_budget() -> None:
    turns = (("manager", "У нас минимальный заказ от семидесяти тысяч. А какой у вас бюджет?"),
             ("client", "Тысяч на четыреста, наверное."))
    result = analyze_deal([call(*turns)], bant(), "маленький бюджет")
    assert result.reason_check["status"] == "contradicted" and result.reason_check["min_order"] == 70_000
    flag = result.flags[0].to_json()
    assert (flag["code"], flag["question"], flag["kind"]) == ("refusal_reason_unsupported", "budget", "contradicted")
    assert _check("маленький бюджет", *turns[1:], min_order=500_000)["status"] == "unsupported"  # never asked
    below = (("manager", "Какой у вас бюджет?"), ("client", "Тысяч пятьдесят."))
    assert _check("маленький бюджет", *below, min_order=70_000)["status"] == "supported"


def test_competitor_need_and_live_conversation() -> None:
    signed = (("manager", "Добрый день, как ваше решение?"), ("client", "Мы уже подписали договор с другим поставщиком."))
    assert _check("выбрали конкурента", *signed)["status"] == "supported"
    need = (("manager", "Что вас сейчас не устраивает?"), ("client", "Фуры простаивают по четыре часа, разгружаем руками."))
    assert _check("нет потребности", *need)["status"] == "contradicted"
    assert _check("не дозвонились", *need)["status"] == "contradicted"
    assert _check("другое", *need)["status"] == "not_checkable"


def test_a_failed_call_makes_an_unsupported_reason_unchecked() -> None:
    result = analyze_deal([call(("manager", "Добрый день."), ("client", "Здравствуйте."))], bant(), "нет бюджета",
                          failed_calls=["звонок 2"])
    assert result.reason_check["status"] == "unchecked"
    assert [f.code for f in result.flags] == ["refusal_reason_unchecked"]
    assert "Не проверено" in result.flags[0].message


def test_answers_stay_in_their_call_and_values_keep_ranges_and_periods() -> None:
    first = call(("manager", "А по срокам когда планируете запуск?"), ("client", "К сентябрю, до начала учебного года."))
    second = call(("manager", "Когда вам удобно, чтобы я перезвонил?"), ("client", "Давайте через две недели."),
                  ("manager", "А по деньгам в месяц сколько готовы тратить?"),
                  ("client", "Тысяч пятьдесят — шестьдесят в месяц."))
    result = analyze_deal([first, second])
    timing = result.question("timing")
    assert timing is not None and timing.primary_answer is not None and timing.primary_answer.recording == 0
    budget = result.to_json()["questions"][0]
    assert budget["value"] == {"amount": 60_000, "currency": "RUB", "amount_min": 50_000, "amount_max": 60_000,
                               "amount_period": "month"}
    assert 0 < budget["confidence"] <= 1 and "confidence" in budget["answer_evidence"][0]


@pytest.mark.parametrize(
    ("text", "who"),
    [("Пётр Ильич, наш генеральный", "генеральный директор Пётр Ильич"), ("решает главный инженер", "главный инженер"),
     ("Не, деньги — это хозяин, Пётр Ильич. Он всё подписывает.", "хозяин Пётр Ильич")],
)
def test_decider_with_patronymic_or_role(text: str, who: str) -> None:
    assert decider(Lexicon(()).tokens(text)) == who


def test_supplier_unit_price_is_not_a_budget() -> None:
    turns = (("manager", "Какой у вас бюджет?"), ("client", "Сейчас берём у них по тысяче пятьсот за штуку."))
    budget = analyze_deal([call(*turns)]).question("budget")
    assert budget is not None and not budget.answered
