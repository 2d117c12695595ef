"""Issue 14, round 12: timing asked by the question's form, without "когда" or a plan word (own wording)."""

from __future__ import annotations

from analysis_calls import call

from qa_desk.analysis import analyze_deal


def _asked(*turns: tuple[str, str]) -> dict[str, bool]:
    result = analyze_deal([call(*turns)])
    return {q.id: q.asked for q in result.questions}


def test_a_choice_of_times_asks_the_timing() -> None:
    asked = _asked(("manager", "А ставить это вы хотите уже сейчас или пока на потом?"),
                   ("client", "Сейчас, до конца месяца надо бы."))
    assert asked["timing"] and not asked["need"]
    asked = _asked(("manager", "Ремонт склада у вас в этом сезоне или скорее на будущий?"),
                   ("client", "В этом, к ноябрю."))
    assert asked["timing"]


def test_a_choice_of_times_for_a_call_asks_nothing() -> None:
    asked = _asked(("manager", "Вам удобнее сегодня или завтра утром созвониться?"),
                   ("client", "Давайте завтра."))
    assert not asked["timing"]


def test_a_time_put_last_in_a_plan_question_asks_the_timing() -> None:
    asked = _asked(("manager", "Переезжать собираетесь уже этой весной?"),
                   ("client", "Нет, скорее к осени."))
    assert asked["timing"]
    result = analyze_deal([call(("manager", "А закупать будете в следующем квартале?"),
                                ("client", "Думаю, да, в апреле."))]).question("timing")
    assert result is not None and result.asked and result.answered


def test_a_present_state_is_no_time_question() -> None:
    asked = _asked(("manager", "Вы сейчас с кем-то работаете по обслуживанию?"),
                   ("client", "Да, с одной фирмой."))
    assert not asked["timing"]


def test_a_date_noun_asked_for_is_the_timing() -> None:
    result = analyze_deal([call(("manager", "Дату запуска второй линии подскажете?"),
                                ("client", "Планируем в середине марта."))]).question("timing")
    assert result is not None and result.asked and result.answered
    result = analyze_deal([call(("manager", "Для графика работ нам важна дата переезда. Её уже знаете?"),
                                ("client", "Да, переезжаем к десятому мая."))]).question("timing")
    assert result is not None and result.asked and result.answered


def test_a_time_reported_after_a_verb_of_saying_is_the_clients() -> None:
    result = analyze_deal([
        call(("manager", "А когда планируете открытие?"), ("client", "Пока не знаю, от подрядчика зависит.")),
        call(("manager", "Добрый день, это снова я."),
             ("client", "Здравствуйте. Подрядчик сообщил, сдаём объект в начале июля."))]).question("timing")
    assert result is not None and result.answered and "июл" in str(result.value)


def test_a_payment_term_is_no_date() -> None:
    result = analyze_deal([call(("manager", "А по срокам что у вас?"),
                                ("client", "Ну, магазины нам по тридцать дней платят, так заведено."))]
                          ).question("timing")
    assert result is not None and not result.answered


def test_present_state_the_call_and_our_papers_are_no_time_question() -> None:
    for line in ("Вы сейчас закупаете у кого-то или раньше закупали?", "Можете говорить сейчас?",
                 "Презентацию посмотрите до конца недели?", "Какая дата у вас в накладной стоит?"):
        asked = _asked(("manager", line), ("client", "Ну да."))
        assert not asked["timing"], line
