"""Round-5 value mechanisms: corrections, echoes, per-unit figures, ranges, periods, deciders."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.money import find_amounts
from qa_desk.domain.transcript import RecordingTranscript, Segment

LEX = Lexicon(())


def value(reply: str, question: str = "", context: str = "", bare: bool = True) -> dict[str, Any] | None:
    return budget_value(LEX.tokens(reply), LEX.tokens(question), bare, LEX.tokens(context))


@pytest.mark.parametrize(("text", "amount"), [
    ("около миллиона ста заложено", 1_100_000),  # genitive singular after a preposition: not inverted
    ("миллиона три, наверное", 3_000_000),
    ("миллионов двадцать", 20_000_000),
])
def test_genitive_scale_words(text: str, amount: int) -> None:
    assert [a.value for a in find_amounts(LEX.tokens(text))] == [amount]


@pytest.mark.parametrize(("reply", "want"), [
    # a correction drops every figure before it; the reply's last figure is the one it settles on
    ("На год заложено три-четыре миллиона. Хотя нет, точнее, три миллиона шестьсот.",
     {"amount": 3_600_000, "currency": "RUB", "amount_period": "year"}),
    ("Тридцать миллионов без НДС. Хотя нет, я путаю, тридцать — это без НДС, а с НДС тридцать шесть.",
     {"amount": 36_000_000, "currency": "RUB"}),
    ("На сервис в месяц тысяч сорок… нет, вру, сорок пять.", {"amount": 45_000, "currency": "RUB", "amount_period": "month"}),
    ("Думала тысяч пятнадцать… ну ладно, двадцать, край.", {"amount": 20_000, "currency": "RUB"}),
    ("Миллиона три, наверное. Триста… тьфу, три с половиной.", {"amount": 3_500_000, "currency": "RUB"}),
    # a restart is no range; "может" and a spread are
    ("Лям, ну, лям триста максимум.", {"amount": 1_300_000, "currency": "RUB"}),
    ("Миллион — миллион двести.", {"amount": 1_200_000, "currency": "RUB", "amount_min": 1_000_000, "amount_max": 1_200_000}),
    ("Тысяч шестьдесят в месяц, больше не потянем. Ну, может семьдесят.",
     {"amount": 70_000, "currency": "RUB", "amount_min": 60_000, "amount_max": 70_000, "amount_period": "month"}),
    ("В месяц около ста тысяч, зимой побольше, тысяч сто тридцать.",
     {"amount": 130_000, "currency": "RUB", "amount_min": 100_000, "amount_max": 130_000, "amount_period": "month"}),
    ("Сотка. Ну, может, сто двадцать. Но сотка — это потолок.", {"amount": 100_000, "currency": "RUB"}),
    # not the budget: a per-unit rate, another party's offer, money already spent, a threshold, a count
    ("Платить готовы по двенадцать на точку, на все семь выходит восемьдесят четыре в месяц.",
     {"amount": 84_000, "currency": "RUB", "amount_period": "month"}),
    ("Нам «Вектор» по шесть тысяч предлагает. А так на весь парк закладывал в районе лимона.",
     {"amount": 1_000_000, "currency": "RUB"}),
    ("В прошлом году на ремонт ушло миллион сто. А на ваше — в районе миллиона, может, миллион двести.",
     {"amount": 1_200_000, "currency": "RUB", "amount_min": 1_000_000, "amount_max": 1_200_000}),
    ("Всё, что больше двухсот тысяч, через совет директоров.", None),
    ("У меня лизинг на погрузчик, сто сорок тысяч в месяц. А на стеллажи заложили от двух до двух с половиной миллионов.",
     {"amount": 2_500_000, "currency": "RUB", "amount_min": 2_000_000, "amount_max": 2_500_000}),
    ("миллионов восемь, если в лизинг", {"amount": 8_000_000, "currency": "RUB"}),
    # no money at all, and a year said as "на следующий год"
    ("На обучение на следующий год — ноль, вот прям ноль.", {"amount": 0, "currency": "RUB"}),
    ("Директор заложил на следующий год где-то под пол-ляма.", {"amount": 500_000, "currency": "RUB", "amount_period": "year"}),
    ("На этот год около шести миллионов заложено.", {"amount": 6_000_000, "currency": "RUB"}),
])
def test_budget_as_people_say_it(reply: str, want: dict[str, Any] | None) -> None:
    assert value(reply) == want


def test_the_managers_figure_said_back_is_no_budget() -> None:
    context = "Минимальный заказ у нас сорок тысяч. Вы сколько готовы потратить?"
    assert value("Сорок? Ой, нет. Я думала тысяч пятнадцать.", "Вы сколько готовы потратить?", context) == {
        "amount": 15_000, "currency": "RUB"}
    assert value("Сорок, да, потянем.", "Вы сколько готовы потратить?", context) == {"amount": 40_000, "currency": "RUB"}


def test_a_bare_correction_in_a_carried_reply() -> None:
    assert value("На подписку тысяч двадцать… нет, вру, двадцать пять.", bare=False) == {"amount": 25_000, "currency": "RUB"}


def _call(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), speaker, text) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, 2, segments)


def test_a_figure_restated_after_the_managers_question_replaces_the_first() -> None:
    rec = _call(("manager", "А по деньгам сколько в месяц готовы отдавать?"),
                ("client", "Ну, от ста до двухсот тысяч в месяц потянем."),
                ("manager", "Разброс большой, от ста до двухсот. А поточнее можно?"),
                ("client", "Ну давайте так: сто сорок в месяц, это потолок."))
    assert analyze_deal([rec]).question("budget").value == {  # type: ignore[union-attr]
        "amount": 140_000, "currency": "RUB", "amount_period": "month"}
    rec = _call(("manager", "Какой бюджет на это закладываете?"),
                ("client", "Полтора ляма стоит в плане."),
                ("manager", "Полтора миллиона в месяц?"),
                ("client", "Нет, что вы, на весь год. Полтора ляма на год."))
    assert analyze_deal([rec]).question("budget").value == {  # type: ignore[union-attr]
        "amount": 1_500_000, "currency": "RUB", "amount_period": "year"}


@pytest.mark.parametrize(("reply", "want"), [
    ("Я готовлю обоснование, финансовый директор согласует, а утверждает правление.", "правление"),
    ("У нас всё решает головная компания, отдел закупок. Даже главный врач только согласовывает.", "отдел закупок"),
    ("У нас это решает комиссия: директор, главный инженер и Ольга как руководитель склада.", "комиссия"),
    ("Подключение утверждает маркетинговый директор холдинга.", "маркетинговый директор холдинга"),
    ("Сергей Петрович, он у нас всё подписывает, ну бухгалтерия ещё смотрит.", "Сергей Петрович"),
])
def test_the_person_of_the_deciding_verb(reply: str, want: str) -> None:
    detector_sentences = [LEX.tokens(s) for s in reply.replace("! ", ". ").split(". ")]
    best = best_person(detector_sentences, language())
    assert best is not None and best.text == want


def test_a_speaker_who_names_their_own_top_role_decides() -> None:
    rec = _call(("client", "Алло, слушаю. Игорь Петрович."),
                ("manager", "Игорь Петрович, добрый день! А договор у вас кто подписывает?"),
                ("client", "Подписываю я, я генеральный. Совет только деньги даёт."))
    decider = analyze_deal([rec]).question("authority")
    assert decider is not None and decider.value == {"text": "генеральный директор Игорь Петрович", "self": True}
    rec = _call(("manager", "Решение по закупке кто принимает?"), ("client", "Я. Я собственник, все решения мои."))
    analysis = analyze_deal([rec], refusal_reason="не ЛПР")
    assert analysis.reason_check["status"] == "contradicted"


@pytest.mark.parametrize("reply", [
    "Можем и в рассрочку, кстати, на три месяца.",  # a term, not 3 000 a month
    "Ой, это у нас всё через госзакупки, по сорок четвёртому закону.",  # an ordinal, not 40 000
])
def test_terms_and_ordinals_are_no_figures(reply: str) -> None:
    assert value(reply, "А деньги на это у вас предусмотрены, какая сумма?") is None


def test_whispers_months_after_a_figure_stay_a_period() -> None:
    got = value("Где-то 35, 40 месяцев на всё.", "Сколько вы в месяц на упаковку закладываете?")
    assert got is not None and got.get("amount_max") == 40_000


def test_the_managers_read_back_settles_the_budget() -> None:
    rec = _call(("manager", "А вы на это дело сколько денег выделить можете?"),
                ("client", "Ну, триста двадцать на шесть, это ж почти два миллиона. Мы закладывали в пределах двух миллионов."),
                ("manager", "Два миллиона с НДС, поняла. А кто у вас даёт добро на покупку?"))
    assert analyze_deal([rec]).question("budget").value == {"amount": 2_000_000, "currency": "RUB"}  # type: ignore[union-attr]


def test_a_deciding_speaker_named_in_their_own_turn() -> None:
    rec = _call(("manager", "Николай Петрович? Здравствуйте, компания «СолнцеЭнерго», Максим."),
                ("client", "Ну, говорите."),
                ("manager", "А кто у вас решение принимает по такой покупке?"),
                ("client", "Я решаю, хозяйство моё. Гусев Николай Петрович, вы ж знаете, раз звоните."))
    assert "Гусев" in str((analyze_deal([rec]).question("authority").value or {}).get("text"))  # type: ignore[union-attr]
    rec = _call(("manager", "Добрый день, Денис? Это Ольга, фулфилмент."),
                ("client", "Да, здравствуйте."),
                ("manager", "А с кем ещё согласовываете решение?"),
                ("client", "Ни с кем, я один владелец, ИП на мне. Сам решаю."))
    assert "владелец" in str((analyze_deal([rec]).question("authority").value or {}).get("text"))  # type: ignore[union-attr]


def test_whispers_scale_on_a_genitive_number_is_no_inversion() -> None:
    assert value("Сейчас поменьше, в пределах миллион на двухсот.", bare=False) == {"amount": 1_200_000, "currency": "RUB"}
    assert value("тысяч на четыреста", bare=False) == {"amount": 400_000, "currency": "RUB"}
    # the same in digits: a singular "миллион" with hundreds is 1 200 000; "миллионов на 200" stays 200 millions
    assert value("Итальянская начинается от миллион на 200.", bare=False) == {"amount": 1_200_000, "currency": "RUB"}
    assert value("Ну, миллионов на 200.", bare=False) == {"amount": 200_000_000, "currency": "RUB"}
    assert value("тысяч на 300", bare=False) == {"amount": 300_000, "currency": "RUB"}


def test_the_managers_read_back_adds_its_period() -> None:
    rec = _call(("manager", "Какая сумма в месяц для вас комфортна?"),
                ("client", "Ну, у вас на 76 камер 60, 8400 выходит, это дороговато. Сказали 60 на всю сеть."),
                ("manager", "60 тысяч в месяц, понял. А запустить когда хотите?"))
    got = analyze_deal([rec]).question("budget").value or {}  # type: ignore[union-attr]
    assert got.get("amount") == 60_000 and got.get("amount_period") == "month"


def test_a_later_sentence_with_intent_outweighs_an_earlier_figure() -> None:
    got = value("Средний чек у нас тысяча четыреста, если поднимем, окупится. Ну, от шестисот до восьмисот тысяч готовы.")
    assert got is not None and (got.get("amount_min"), got.get("amount_max")) == (600_000, 800_000)
    got = value("Ну, мы думали… как бы от ста пятидесяти до двухсот. Больше двухсот — ну никак вообще.")
    assert got is not None and (got.get("amount_min"), got.get("amount_max")) == (150_000, 200_000)


def test_an_own_role_keeps_its_organisation() -> None:
    from qa_desk.analysis.person_self import own_role
    assert own_role(LEX.tokens("Я директор агентства, я и решаю.")) == "директор агентства"
    assert own_role(LEX.tokens("я директор Марат")) == "директор"


def test_the_speaker_who_decides_is_the_one_the_manager_asked_for() -> None:
    rec = _call(("manager", "Алло, доброе утро, это Наталья, «ПекарьМаш». Я с Николаем Семёновичем говорю?"),
                ("client", "С ним, с ним. Что хотели, Наталья?"),
                ("manager", "А решение о покупке кто у вас принимает?"),
                ("client", "Жена, правда, поворчит, но решаю я."))
    assert (analyze_deal([rec]).question("authority").value or {}).get("text") == "Николай Семёнович"  # type: ignore[union-attr]


@pytest.mark.parametrize("reply", [
    "Ну смотря какая. Двухгруппная итальянка у нас от трёхсот восьмидесяти тысяч, с кофемолкой под четыреста пятьдесят выходит.",
    "Камера на сорок тонн с агрегатом у нас от полутора миллионов, с монтажом около двух.",
])
def test_a_price_list_is_no_budget(reply: str) -> None:
    assert value(reply) is None


def test_a_range_or_a_budget_from_a_floor_stays() -> None:
    assert value("у нас от двухсот до трёхсот") == {"amount": 300_000, "currency": "RUB", "amount_min": 200_000,
                                                    "amount_max": 300_000}
    assert value("у нас бюджет от ста тысяч") == {"amount": 100_000, "currency": "RUB"}
