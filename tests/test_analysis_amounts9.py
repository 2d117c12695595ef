"""Round-9 amount mechanisms (own wording, not the held-out sets'): a per-head rate beside the total, our price
in another sentence, the talk's millions for a bare "полтора"/"два", a period said in reply to another question."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment

LEX = Lexicon(())


def value(reply: str, question: str = "Какой бюджет закладываете?") -> dict[str, Any] | None:
    return budget_value(LEX.tokens(reply), LEX.tokens(question))


@pytest.mark.parametrize(("reply", "want"), [
    # a rate per head after "на … на": the total said next is the budget
    ("Готовы выйти на двадцать тысяч на сотрудника в год. На двести сотрудников выходит четыре миллиона в год.",
     {"amount": 4_000_000, "amount_period": "year"}),
    # our price in the next sentence does not make the client's range ours
    ("Руководство одобрило от трёхсот до четырёхсот тысяч. Ваша цена пятьсот десять, придётся торговаться.",
     {"amount": 400_000, "amount_min": 300_000, "amount_max": 400_000}),
    # today's spending capped by the client: that is the budget
    ("Сейчас тратим тысяч пятьдесят в месяц на это, дороже не готовы.", {"amount": 50_000, "amount_period": "month"}),
])
def test_reply_figures(reply: str, want: dict[str, Any]) -> None:
    assert value(reply) == {"currency": "RUB", **want}


def test_a_rate_per_head_alone_is_still_no_budget() -> None:
    assert value("Двадцать тысяч на сотрудника, не больше.") is None


def test_todays_spending_uncapped_is_still_no_budget() -> None:
    assert value("Сейчас тратим тысяч пятьдесят в месяц, не больше.") is None


def _call(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(5 * i, 5 * i + 4, speaker, text) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript("call", 5 * len(turns) + 1, 2, segments)


def _budget(*calls: RecordingTranscript) -> dict[str, Any] | None:
    budget = analyze_deal(list(calls), bant()).question("budget")
    assert budget is not None
    return budget.value


@pytest.mark.parametrize(("reply", "want"), [
    ("Два. Больше никак.", 2_000_000),  # millions were talked of: a bare "два" is two millions
    ("Два с половиной.", 2_500_000),
    ("Триста.", 300_000),  # not under ten: thousands, as always
])
def test_a_bare_small_figure_takes_the_talks_millions(reply: str, want: int) -> None:
    first = _call(("manager", "Добрый день. Комплект оборудования у нас стоит три миллиона двести."),
                  ("client", "Дорого, подумаем."))
    second = _call(("manager", "Добрый день, подумали? Сколько готовы потратить?"), ("client", reply),
                   ("manager", "Понял, спасибо."))
    assert _budget(first, second) == {"amount": want, "currency": "RUB"}


def test_a_bare_small_figure_without_millions_in_the_talk_stays_thousands() -> None:
    call = _call(("manager", "Абонемент у нас сорок тысяч. Сколько готовы потратить?"), ("client", "Пять."),
                 ("manager", "Понял."))
    assert _budget(call) == {"amount": 5_000, "currency": "RUB"}


def test_a_period_said_to_another_question_is_not_the_budgets() -> None:
    call = _call(("manager", "Какой бюджет на оборудование?"), ("client", "Миллион, примерно."),
                 ("manager", "А обслуживание тоже у них берёте?"), ("client", "Да, договор сервисный на год."))
    assert _budget(call) == {"amount": 1_000_000, "currency": "RUB"}


def test_a_period_said_when_asked_about_the_figure_counts() -> None:
    call = _call(("manager", "Какой бюджет на обслуживание?"), ("client", "Сто тысяч."),
                 ("manager", "Сто тысяч — это в месяц или разово?"), ("client", "В месяц, конечно."))
    assert _budget(call) == {"amount": 100_000, "currency": "RUB", "amount_period": "month"}


def test_a_price_list_with_a_budget_mentioned_is_still_ours() -> None:
    assert value("У нас обслуживание от тридцати тысяч в месяц, плюс бюджет на рекламу отдельно.") is None


def test_a_name_after_a_preposition_in_a_mono_question_opens_no_reply() -> None:
    turns = ["Олег, привет, Павел, «Мебель-Про». Ну как, поговорили с Иваном Петровичем, какую сумму на оборудование готовы выделить",
             "Да, поговорил. Он сказал — на всё не больше четырёхсот тысяч.",
             "Понял, подберём."]
    segments = [Segment(5 * i, 5 * i + 4, "unknown", text) for i, text in enumerate(turns)]
    call = RecordingTranscript("call", 5 * len(turns) + 1, 1, segments)
    budget = analyze_deal([call], bant()).question("budget")
    assert budget is not None and budget.value == {"amount": 400_000, "currency": "RUB"}
    assert [e.quote for e in budget.asked_evidence] == [
        "Ну как, поговорили с Иваном Петровичем, какую сумму на оборудование готовы выделить"]


def test_an_estimate_from_years_ago_is_no_budget_but_one_set_then_stands() -> None:
    assert value("Нам три года назад одни считали, вышло под пятнадцать миллионов, директор тогда сказал — рано.") is None
    assert value("Полгода назад заложили три миллиона, так и осталось.") == {"amount": 3_000_000, "currency": "RUB"}
