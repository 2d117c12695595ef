"""Round-8 amount mechanisms (own wording, not the held-out sets'): a budget stated anew in a later call,
a plain "Нет." to a yes/no money question, service units, totals for a count, spend verbs per sentence,
corrections by verbs of change and by "не" said as "нет", the scale a bare corrected figure takes."""

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


@pytest.mark.parametrize(("reply", "want"), [
    # a service after "на" is the purpose, not a unit price
    ("Больше трёхсот тысяч в месяц на уборку нам не согласуют.", {"amount": 300_000, "amount_period": "month"}),
    # a count after "за": the total for all of them
    ("Тыщ семь в месяц за все три салона, ну примерно.", {"amount": 7_000, "amount_period": "month"}),
    ("За оба склада миллиона полтора, не больше.", {"amount": 1_500_000}),
    # what they pay today, then the range they would accept
    ("Мы за кадры отдаём двенадцать тысяч. Если в десять-пятнадцать впишетесь, будем разговаривать.",
     {"amount": 15_000, "amount_min": 10_000, "amount_max": 15_000}),
    # a spend verb in another sentence does not make the figure a current spend
    ("Думали сто, ну, на одну. Нет, погоди, берём две, значит, двести. Двести тыщ, вот.", {"amount": 200_000}),
    # "не" said as "нет" after a figure corrects it; a verb of change corrects it
    ("Два миллиона… не, два с половиной.", {"amount": 2_500_000}),
    ("Было заложено три миллиона, после секвестра осталось два.", {"amount": 2_000_000}),
    ("Я просил девятьсот, финдиректор вычеркнул и оставил семьсот.", {"amount": 700_000}),
    # the corrected bare figure takes the scale of the figure said last before it
    ("Я просил на миллион… ну, не миллион, тысяч под девятьсот, шеф вычеркнул и написал шестьсот.",
     {"amount": 600_000}),
])
def test_budget(reply: str, want: dict[str, Any]) -> None:
    got = value(reply)
    assert got is not None and {k: v for k, v in got.items() if k != "currency"} == want


@pytest.mark.parametrize("reply", [
    "Двадцать пять в месяц на человека, людей у нас шесть.",  # a unit price and a count, no total
    "Ну, не миллион, конечно, это вы загнули.",  # a denied figure
])
def test_no_budget(reply: str) -> None:
    assert value(reply) is None


def test_a_scale_word_after_a_scale_word_opens_a_new_figure() -> None:
    assert [a.value for a in find_amounts(LEX.tokens("не миллион, тысяч под восемьсот"))][-1:] == [800_000]


def _call(*turns: tuple[str, str], start: float = 0.0) -> RecordingTranscript:
    segments = [Segment(start + 5 * i, start + 5 * i + 4, speaker, text) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript("call", start + 5 * len(turns) + 1, 2, segments)


def _budget(*calls: RecordingTranscript) -> dict[str, Any] | None:
    budget = analyze_deal(list(calls), bant()).question("budget")
    assert budget is not None
    return budget.value


def test_a_budget_stated_anew_in_a_later_call_replaces_the_first() -> None:
    first = _call(("manager", "А по деньгам сколько закладываете на станок?"),
                  ("client", "На сам станок восемь миллионов, с НДС."),
                  ("manager", "Понял, спасибо. Я пришлю предложение."))
    second = _call(("manager", "Добрый день, предложение получили?"),
                   ("client", "Получили. Собственник сказал, семь с половиной — это максимум, что он даст."),
                   ("manager", "Понял, подумаем над комплектацией."))
    assert _budget(first, second) == {"amount": 7_500_000, "currency": "RUB"}


def test_a_later_figure_without_intent_or_about_the_seller_keeps_the_budget() -> None:
    first = _call(("manager", "Какой бюджет в месяц на аренду?"), ("client", "Тысяч двести в месяц, не больше."),
                  ("manager", "Хорошо, посчитаю."))
    second = _call(("manager", "Добрый день, посчитал: двести сорок в месяц с обслуживанием."),
                   ("client", "У вас выходит двести сорок, это выше, чем мы хотели."),
                   ("client", "Электричество у нас ещё тысяч шестьдесят в месяц."))
    assert _budget(first, second) == {"amount": 200_000, "currency": "RUB", "amount_period": "month"}


@pytest.mark.parametrize("later", [
    "«Техносфера» предлагает за четыреста двадцать, готовы их рассмотреть.",  # a modal of another action
    "Можем созвониться в среду, часов в одиннадцать.",
    "Готовы внести аванс тридцать процентов.",
    "Нам нужно двести метров кабеля, готовы заказать сразу.",
    "У соседей похожая система стоила семьсот, мы столько не готовы.",
])
def test_a_later_call_without_a_new_budget_keeps_it(later: str) -> None:
    first = _call(("manager", "Какой бюджет на проект закладываете?"), ("client", "Тысяч пятьсот, не больше."),
                  ("manager", "Понял."))
    second = _call(("manager", "Добрый день, это снова я, по проекту."), ("client", later), ("manager", "Понял, спасибо."))
    assert _budget(first, second) == {"amount": 500_000, "currency": "RUB"}


@pytest.mark.parametrize("later", [
    "На монтаж отдельно готовы тысяч двести, это из другой статьи.",  # a cost besides the budget
    "Из них на обучение персонала можем выделить сто пятьдесят.",  # a part of it
    "Мы планируем сто двадцать в месяц на обслуживание потом.",  # a monthly cost beside a one-off budget
    "Ну, если со скидкой, то можем до шестисот.",  # no decision or change reported: the budget stays
])
def test_a_cost_besides_the_budget_in_the_same_call_keeps_it(later: str) -> None:
    call = _call(("manager", "Какой бюджет на оборудование?"), ("client", "Тысяч пятьсот, не больше."),
                 ("manager", "Понял. У нас монтаж считается отдельно, и обучение тоже."), ("client", later))
    assert _budget(call) == {"amount": 500_000, "currency": "RUB"}


def test_a_plain_no_to_a_yes_no_money_question_is_no_budget() -> None:
    call = _call(("manager", "Скажите, средства на такую закупку в этом году предусмотрены?"),
                 ("client", "Нет. План закупок свёрстан, на это ничего не запланировано."))
    assert _budget(call) == {"amount": 0, "currency": "RUB"}


def test_a_no_to_a_figure_the_manager_named_is_no_zero() -> None:
    call = _call(("manager", "Бюджет у вас в пределах миллиона?"), ("client", "Нет, меньше, насколько — не скажу."))
    assert _budget(call) is None


def test_a_no_to_whether_the_budget_was_agreed_is_no_zero() -> None:
    call = _call(("manager", "А бюджет вы уже согласовали с директором?"), ("client", "Нет, директор в отпуске."))
    assert _budget(call) is None
