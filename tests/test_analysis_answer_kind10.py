"""Issue 14, round 10: answers accepted by their content (own wording, not the held-out sets')."""

from __future__ import annotations

from analysis_calls import call, reply, tokens_of

from qa_desk.analysis import analyze_deal, bant
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.budget_said import budget_restated
from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.questions import AnswerKind, parse_question_set
from qa_desk.analysis.replies import answer


def test_an_indefinite_quantity_dodges_a_count() -> None:
    asked = "А сколько заказов в неделю у вас выходит?"
    assert reply(AnswerKind.TEXT, "Ну, много.", asked) is None
    assert reply(AnswerKind.TEXT, "Сейчас мало, не сезон. Не скажу точно, надо в журнале глянуть.", asked) is None
    found = reply(AnswerKind.TEXT, "Немного, штук сорок в неделю.", asked)
    assert found is not None


def test_a_handoff_is_no_answer() -> None:
    asked = "А сколько машин в месяц отправляете?"
    assert reply(AnswerKind.TEXT, "Это не ко мне, это к диспетчеру.", asked) is None
    assert reply(AnswerKind.TEXT, "Ой, это не я считаю, бухгалтер.", asked) is None
    assert reply(AnswerKind.TEXT, "Штук тридцать, не я считаю, но примерно так.", asked) is not None


def test_the_other_side_of_a_signed_deal_is_no_decider() -> None:
    d = detector_for(bant())
    signed = [s.tokens for s in d.sentences("Мы уже подписали договор с другими ребятами.")]
    assert best_person(signed, d.lang) is None
    found = best_person([s.tokens for s in d.sentences("Решать будем с партнёрами.")], d.lang)
    assert found is not None


def test_a_past_payment_before_a_pause_and_a_condition_are_no_budget() -> None:
    asked = tokens_of("А в месяц сколько готовы отдавать?")
    value = budget_value(tokens_of("Ну мы прежнему мастеру сорок платили… Ну тысяч сорок пять, пятьдесят максимум."), asked)
    assert value is not None and (value.get("amount_min"), value.get("amount_max")) == (45000, 50000)
    assert budget_value(tokens_of("Утверждает директор, а если больше трёхсот, то через конкурс."), asked) is None


def test_our_price_said_back_and_a_limit_counted_anew() -> None:
    assert budget_restated(tokens_of("Мы с бухгалтером посчитали, двести, это потолок, у нас ещё лизинг."))
    assert not budget_restated(tokens_of("Ещё на доставку сто, это потолок, мы посчитали."))
    ours = tokens_of("Комплект под ваш объём у нас от трёх миллионов четырёхсот начинается.")
    d = detector_for(bant())
    found = answer(AnswerKind.MONEY, d.sentences("Три четыреста… Нет, не потянем."), d.lang, client=True, context=ours)
    assert found is None


def test_a_period_denied_is_no_period() -> None:
    value = budget_value(tokens_of("Ну то есть полтора миллиона всего, не в месяц."))
    assert value is not None and value["amount"] == 1_500_000 and "amount_period" not in value


def test_a_fact_said_of_anyone_is_no_evasion() -> None:
    d = detector_for(bant())
    fact = d.sentences("Старый, ему лет двадцать, на нём толком ничего не посмотришь.")
    assert not any(s.is_evasive for s in fact)
    assert all(s.is_evasive for s in d.sentences("Посмотрим ещё."))
    found = reply(AnswerKind.TEXT, "Есть, старый, ему лет двадцать. На нём толком ничего не посмотришь, пациентов отправляем в город.",
                   "А что у вас сейчас стоит, старый аппарат есть?")
    assert found is not None


def test_a_count_asked_again_between_its_figures_takes_the_new_count() -> None:
    questions = parse_question_set(
        '[[question]]\nid = "rooms"\ntitle = "Сколько залов оснастить"\nask = ["сколько залов хотите оснастить"]\n'
        'answer = "text"\n', "fitness")
    result = analyze_deal([call(
        ("manager", "Добрый день, это фитнес-клуб?"), ("client", "Да, слушаю."),
        ("manager", "Сколько залов хотите оснастить?"),
        ("client", "У нас всего десять залов. Старые тренажёры в четырёх стоят."),
        ("manager", "То есть все десять берём или только четыре?"),
        ("client", "Сейчас пять: четыре старых и один новый. Остальное потом."))], questions).question("rooms")
    assert result is not None and result.primary_answer is not None
    assert "пять" in result.primary_answer.quote
