"""Round-7 amount mechanisms: clock times, counts, denied figures, unit + hundreds, part of a whole,
the reply's scale, ranges closed by "максимум", offers, periods, and Whisper's number forms."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment

LEX = Lexicon(())


def value(reply: str, question: str = "Какой бюджет закладываете?") -> dict[str, Any] | None:
    return budget_value(LEX.tokens(reply), LEX.tokens(question))


@pytest.mark.parametrize("reply", [
    "Давайте в пятницу, после одиннадцати.",  # a clock time, not 11 000
    "Завтра с девяти до шести я на месте.",
    "Машин у нас штук пять-семь.",  # a count at both ends of the range
    "Поддонов надо тысяч двадцать, это точно.",  # twenty thousand pallets
    "Конкуренты за сорок отдавали, но там б/у.",  # someone's price
    "Сейчас за связь платим в 2019, ну как-то так.",  # a year (Whisper), no amount
    "Зал небольшой, у нас тут тридцать посадочных мест.",  # a count with its adjective
    "Другие по двенадцать в месяц за точку брали.",  # a per-unit price with its period between
    "Аренда у нас тысяч восемьдесят выходит, её мы трогать не хотим.",  # another cost; the intent is denied
    "Выручка у нас миллионов тридцать в год, но на это ничего не выделено.",  # the company's size
    "Семьсот тысяч — это вы загнули, мы не потянем.",  # their reaction to a price
    "Подрядчик нам выставил счёт на двести тысяч.",  # someone else's invoice
    "Аренда у нас семьдесят, а вы просите девяносто за сервис.",  # the seller's price
])
def test_no_budget(reply: str) -> None:
    assert value(reply) is None


@pytest.mark.parametrize(("reply", "want"), [
    ("Урезали. Три четыреста теперь на всё.", {"amount": 3_400_000}),  # unit + hundreds: millions
    ("В программе двенадцать миллионов, из них на вентиляцию пять.", {"amount": 5_000_000}),
    ("Пять миллионов — это мы загнули. От трёх до четырёх, не больше.",
     {"amount": 4_000_000, "amount_min": 3_000_000, "amount_max": 4_000_000}),
    ("Ну тыщ шестьдесят мы и закладывали, ну семьдесят может максимум.",
     {"amount": 70_000, "amount_min": 60_000, "amount_max": 70_000}),
    ("Тысяч четыреста, может пятьсот, если повезёт. Но не два миллиона же!",
     {"amount": 500_000, "amount_min": 400_000, "amount_max": 500_000}),
    ("Средний чек у нас двенадцать тысяч, а на систему готовы тысяч триста.", {"amount": 300_000}),
    ("В прошлом году договор был на два миллиона. Сейчас закладываем два с половиной.", {"amount": 2_500_000}),
    ("На оборудование отложили миллион семьсот, на всё вместе.", {"amount": 1_700_000}),
    ("Сейчас отдаём сорок в месяц, готовы до шестидесяти.", {"amount": 60_000, "amount_period": "month"}),
    ("Ну… сотни две, две с половиной.", {"amount": 250_000, "amount_min": 200_000, "amount_max": 250_000}),
    ("От десяти до двенадцати миллионов, смотря по комплектации, там ещё лизинг.",  # the cost word is far
     {"amount": 12_000_000, "amount_min": 10_000_000, "amount_max": 12_000_000}),
    ("Тысяч восемьдесят в месяц, ну может сто зимой.", {"amount": 100_000, "amount_min": 80_000, "amount_max": 100_000}),
    ("ну тысяч 300 350 где-то", {"amount": 350_000, "amount_min": 300_000, "amount_max": 350_000}),
    ("Сначала обещали пять, теперь четыре миллиона.", {"amount": 4_000_000}),  # the figure changed since
    ("Было два миллиона, порезали до полутора.", {"amount": 1_500_000}),
    ("Ну, в полтинник в месяц уложимся.", {"amount": 50_000, "amount_period": "month"}),
    ("Хотите честно? Тысяч двести.", {"amount": 200_000}),
    ("Если хотите знать, миллиона полтора.", {"amount": 1_500_000}),
])
def test_budget(reply: str, want: dict[str, Any]) -> None:
    got = value(reply)
    assert got is not None
    assert {k: got.get(k) for k in want} == want and ("amount_min" in got) == ("amount_min" in want)


def test_a_following_year_in_another_sentence_is_no_period() -> None:
    got = value("Проект поставили в план на следующий год. Закладываем миллион двести.")
    assert got == {"amount": 1_200_000, "currency": "RUB"}


@pytest.mark.parametrize(("text", "amount"), [
    ("1440 в месяц", 40_000),  # Whisper's "тысяч сорок": the tens' digit written twice
    ("1300", 300_000),  # Whisper's "тысяч триста"
    ("1000-400", 400_000),  # Whisper's "тысяч четыреста"
    ("тысячи восемьсот заложено", 800_000),
    ("от тысячи девятисот в месяц", 1_900),
    ("полтора ля где-то", 1_500_000),  # Whisper's "полтора ляма"
    ("миллиона семь", 7_000_000),
])
def test_whispers_number_forms(text: str, amount: int) -> None:
    assert [a.value for a in find_amounts(LEX.tokens(text))][:1] == [amount]


@pytest.mark.parametrize(("text", "amount"), [("тысяч семь суть", 700_000), ("до трёх сот тысяч", 300_000)])
def test_whispers_split_hundreds(text: str, amount: int) -> None:
    assert [a.value for a in find_amounts(LEX.tokens(text))] == [amount]


def _call(*turns: tuple[str, str], start: float = 0.0) -> RecordingTranscript:
    segments = [Segment(start + 5 * i, start + 5 * i + 4, speaker, text) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript("call", start + 5 * len(turns) + 1, 2, segments)


def test_a_period_said_with_the_same_figure_in_a_later_call() -> None:
    first = _call(("manager", "А какой бюджет на внедрение?"), ("client", "Директор назвал шестьсот тысяч."),
                  ("manager", "Это в месяц или в год?"), ("client", "Не знаю, уточню."))
    second = _call(("manager", "Добрый день, уточнили по сумме?"), ("client", "Да. Шестьсот тысяч это на год."))
    budget = analyze_deal([first, second], bant()).question("budget")
    assert budget is not None and budget.value == {"amount": 600_000, "currency": "RUB", "amount_period": "year"}
