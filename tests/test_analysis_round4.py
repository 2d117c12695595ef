"""Issue 14, round 4: budget periods said anywhere in the reply, spoken ranges, self-repairs, slang."""

from __future__ import annotations

import pytest

from qa_desk.analysis import analyze_deal, bant
from qa_desk.domain.transcript import RecordingTranscript, Segment


def budget(question: str, *replies: str) -> dict[str, object] | None:
    segments = [Segment(0.0, 4.0, "manager", question)]
    for k, reply in enumerate(replies):
        segments.append(Segment(5.0 + 10 * k, 9.0 + 10 * k, "client" if k % 2 == 0 else "manager", reply))
    result = analyze_deal([RecordingTranscript("call.mp3", 60.0, 2, segments)], bant()).question("budget")
    assert result is not None
    return result.value


@pytest.mark.parametrize(
    ("reply", "period"),
    [
        ("Около двухсот тысяч. Но это каждый месяц, учтите.", "month"),
        ("Девяносто тысяч. Считаем на год, за год то есть.", "year"),
        ("Тридцать тысяч, мы так раз в квартал закладываем.", "quarter"),
        ("Семьдесят тысяч, ну это ежеквартально.", "quarter"),
        ("Сто сорок тысяч. А склад нам в месяц обходится в шестьдесят.", None),  # another cost's period
        ("Двести тысяч. Рейсов у нас штук сорок в месяц.", None),  # another figure's period
        ("Триста тысяч, а в этом году ещё ремонт.", None),  # when, not how often
    ],
)
def test_period_said_elsewhere_in_the_reply(reply: str, period: str | None) -> None:
    value = budget("Какой бюджет на сервис?", reply)
    assert value is not None
    assert value.get("amount_period") == period


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        ("Двести — двести пятьдесят.", 200_000, 250_000),
        ("Шестьдесят-семьдесят тысяч.", 60_000, 70_000),
        ("Миллион-миллион триста.", 1_000_000, 1_300_000),
        ("От двухсот до двухсот сорока.", 200_000, 240_000),
        ("Где-то между семьюдесятью и девяноста тысячами.", 70_000, 90_000),
        ("Двести, максимум двести тридцать.", 200_000, 230_000),
    ],
)
def test_spoken_ranges_share_the_magnitude(reply: str, low: int, high: int) -> None:
    value = budget("На какую сумму ориентируетесь?", reply)
    assert value is not None
    assert (value["amount_min"], value["amount_max"], value["amount"]) == (low, high, high)


@pytest.mark.parametrize(
    ("reply", "want"),
    [
        ("Тридцать… нет, тридцать пять тысяч.", 35_000),
        ("Три… тьфу, три с половиной миллиона.", 3_500_000),
        ("Шестьдесят тысяч, вернее шестьдесят две с НДС.", 62_000),
        ("Сто восемьдесят тысяч, в смысле сто девяносто.", 190_000),
        ("Семьсот тысяч, ой, не так, семьсот двадцать.", 720_000),
        ("Полтора миллиона, точнее миллион семьсот.", 1_700_000),
    ],
)
def test_self_repair_keeps_the_last_figure(reply: str, want: int) -> None:
    value = budget("Сколько готовы выделить?", reply)
    assert value is not None and value["amount"] == want and "amount_min" not in value


@pytest.mark.parametrize(
    ("reply", "want"),
    [
        ("Лям триста, не больше.", 1_300_000),
        ("Ну два ляма где-то.", 2_000_000),
        ("Сотку можем.", 100_000),
        ("Три косаря в месяц.", 3_000),
        ("Полтора ярда на всю программу.", 1_500_000_000),
        ("Пятихатку, наверное.", 500_000),  # a bare 500 in a budget reply: thousands, like "пятьсот"
    ],
)
def test_slang_figures(reply: str, want: int) -> None:
    value = budget("Какой бюджет?", reply)
    assert value is not None and value["amount"] == want


def test_a_slang_figure_in_roubles_is_no_budget() -> None:
    assert budget("Какой бюджет?", "Пятихатка рублей, смешно.") is None


def timing(reply: str) -> tuple[bool, object]:
    segments = [Segment(0.0, 4.0, "manager", "Когда планируете покупку?"), Segment(5.0, 9.0, "client", reply)]
    result = analyze_deal([RecordingTranscript("call.mp3", 10.0, 2, segments)], bant()).question("timing")
    assert result is not None
    return result.answered, (result.value or {}).get("text")


@pytest.mark.parametrize(
    "reply",
    [
        "Позвоните мне в пятницу, я с шефом поговорю.",  # a callback time
        "Мы в позапрошлом году такие уже брали.",  # a past event
        "Последний раз меняли в апреле.",
    ],
)
def test_a_time_that_is_not_the_purchases_is_no_timing_answer(reply: str) -> None:
    assert timing(reply) == (False, None)


def test_the_purchase_time_after_a_delivery_time() -> None:
    assert timing("Отгрузка нужна к четвергу, а покупать будем в сентябре.") == (True, "в сентябре")
    assert timing("Начальство решило в октябре закупать.") == (True, "в октябре")
    assert timing("Да вчера надо было, срочно.")[0]


def test_the_clients_next_turn_names_the_period() -> None:
    asked = budget("Какой бюджет?", "Тысяч восемьдесят.", "Это разово или в месяц?", "В месяц, конечно.")
    assert asked == {"amount": 80_000, "currency": "RUB", "amount_period": "month"}
    told = budget("Какой бюджет?", "Тысяч восемьдесят.", "Хорошо.", "Это годовой, если что.")
    assert told is not None and told.get("amount_period") == "year"
    other = budget("Какой бюджет?", "Тысяч восемьдесят.", "Хорошо.", "Аренда у нас пятьдесят в месяц.")
    assert other is not None and "amount_period" not in other


def test_an_unprompted_figure_after_no_money_and_a_bare_range_end() -> None:
    segments = [Segment(0.0, 4.0, "manager", "Ну а по оборудованию как?"),
                Segment(5.0, 9.0, "client", "Денег у нас нет свободных. Тысяч семьдесят, восемьдесят — край.")]
    result = analyze_deal([RecordingTranscript("call.mp3", 10.0, 2, segments)], bant()).question("budget")
    assert result is not None and result.value is not None
    assert (result.value.get("amount_min"), result.value.get("amount_max")) == (70_000, 80_000)


def test_expectations_of_the_cost_ask_the_budget() -> None:
    assert budget("Каковы ваши ожидания по цене проекта?", "Скромные: в пределах семисот тысяч.") == {
        "amount": 700_000, "currency": "RUB"}
