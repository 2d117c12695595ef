"""Issue 14, round 11: only real answers are accepted, and a later, better-fitting reply is paired (own wording)."""

from __future__ import annotations

from analysis_calls import call, reply, tokens_of

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.figure_finding import said_figures
from qa_desk.analysis.pairing import once
from qa_desk.analysis.questions import AnswerKind, QuestionSet, parse_question_set


def _set(*questions: tuple[str, str, str]) -> QuestionSet:
    text = "".join(f'[[question]]\nid = "{i}"\ntitle = "{a}"\nask = ["{a}"]\nanswer = "{k}"\n\n' for i, a, k in questions)
    return parse_question_set(text, "test")


def test_a_pointer_to_another_person_or_a_talk_with_the_boss_is_no_answer() -> None:
    asked = "Вы по предоплате работаете или с отсрочкой?"
    assert reply(AnswerKind.YES_NO, "Это к главбуху. Я не знаю, как там у них заведено.", asked) is None
    assert reply(AnswerKind.YES_NO, "Это я с начальником решу, не мой вопрос.", asked) is None
    assert reply(AnswerKind.TEXT, "Ой, это к завскладом.", "Сколько коробок в неделю берёте?") is None
    found = reply(AnswerKind.YES_NO, "С отсрочкой, две недели обычно.", asked)
    assert found is not None and found.value == {"yes": True}


def test_the_no_of_a_dodge_is_no_no() -> None:
    found = reply(AnswerKind.YES_NO, "Ну я не знаю, у нас это по-разному бывает, надо спрашивать.",
                   "А пропуск на машину у вас оформлять надо?")
    assert found is None or found.value != {"yes": False}


def test_it_depends_and_later_put_offs_dodge_a_count() -> None:
    asked = "А сотрудников сколько у вас надо обучить?"
    assert reply(AnswerKind.TEXT, "Ну, это смотря как посчитать. Давайте я вам позже скажу.", asked) is None
    assert reply(AnswerKind.TEXT, "Смотря кого брать. Мастеров человек двенадцать, с бригадирами двадцать.",
                  asked) is not None


def test_a_callback_request_is_no_answer() -> None:
    asked = "А коробок в неделю сколько уходит?"
    assert reply(AnswerKind.TEXT, "— Стой, не туда! — Перезвоните мне вечером, ладно?", asked) is None
    assert reply(AnswerKind.TEXT, "Коробок десять. Перезвоните вечером, уточню.", asked) is not None


def test_a_scoped_self_introduction_volunteers_no_decider() -> None:
    result = analyze_deal([call(
        ("manager", "Здравствуйте, вы по закупкам?"),
        ("client", "Я директор по маркетингу. Что у вас?"),
        ("manager", "Мы по обучению продажников."))]).question("authority")
    assert result is not None and not result.answered
    result = analyze_deal([call(
        ("manager", "Здравствуйте, с кем я говорю?"),
        ("client", "Я директор, собственник тоже я. Слушаю."),
        ("manager", "Мы по обучению продажников."))]).question("authority")
    assert result is not None and result.answered


def test_a_count_of_an_elided_noun_is_no_money() -> None:
    said = said_figures(tokens_of("У нас три смены по двое, одна ночная на складе."))
    assert all(f.value != 1 for f in said)
    asked = tokens_of("А на охрану сколько закладываете?")
    assert budget_value(tokens_of("Ну тысяч двести, остальное на ремонт уйдёт."), asked) is not None


def test_a_figure_named_a_threshold_is_no_budget() -> None:
    asked = tokens_of("А бюджет какой у вас на это?")
    assert budget_value(tokens_of("Пятьсот тысяч, это не бюджет, это порог для конкурса."), asked) is None
    assert budget_value(tokens_of("До двухсот тысяч директор подписывает сам, а всё, что выше, через совет."), asked) is None
    assert budget_value(tokens_of("Пятьсот тысяч, это потолок."), asked) is not None


def test_a_money_question_carried_to_the_next_call_takes_the_figure_the_boss_allowed() -> None:
    result = analyze_deal([
        call(("manager", "А по деньгам сколько вы готовы выделить на уборку?"),
             ("client", "Это не я решаю, я вам потом скажу."), ("manager", "Хорошо, созвонимся.")),
        call(("manager", "Добрый день, это снова клининг."),
             ("client", "Да. Директор согласовал, но урезал. Говорит, сто двадцать в месяц, больше не даст."),
             ("manager", "Понял, спасибо."))]).question("budget")
    assert result is not None and result.value is not None
    assert result.value.get("amount") == 120000


def test_a_per_delivery_figure_takes_no_period_from_the_next_turn() -> None:
    assert once("Не, у меня на сахар тысяч десять за раз, не больше.")
    assert once("Разом тысяч двадцать возьмём.")
    assert not once("Тысяч сорок в месяц выходит.")


def test_a_reply_about_the_past_does_not_say_yes_about_now() -> None:
    asked = "А сейчас что-то стоит у вас на воротах, какой-то контроль?"
    assert reply(AnswerKind.YES_NO, "Стоял турникет. Лет пять назад ставили, потом сломался.", asked) is None
    found = reply(AnswerKind.YES_NO, "Да, поставили в прошлом году турникет.", asked)
    assert found is not None and found.value == {"yes": True}


def test_an_hour_of_the_day_is_no_purchase_date() -> None:
    result = analyze_deal([call(
        ("manager", "Когда первую партию привезти?"),
        ("client", "Мне до восьми утра надо, потом покупатели."),
        ("manager", "С шести до восьми сможем."),
        ("client", "Тогда со среды начнём."))]).question("timing")
    assert result is not None and result.primary_answer is not None
    assert "среды" in result.primary_answer.quote


def test_a_correction_in_a_later_call_replaces_the_budget() -> None:
    result = analyze_deal([
        call(("manager", "А на ремонт сколько закладываете?"),
             ("client", "Думаю, в пределах шестисот тысяч, не больше."), ("manager", "Записал.")),
        call(("manager", "Добрый день, смету подготовили."),
             ("client", "Я вам тогда не то сказал. Поговорил с женой, она говорит, больше пятисот не дадим. "
                        "Пятьсот — это максимум, так и передайте."),
             ("manager", "Понял, пересчитаем."))]).question("budget")
    assert result is not None and result.value is not None and result.value.get("amount") == 500000


def test_a_read_back_is_answered_by_the_turn_it_reads_back() -> None:
    questions = _set(("rent_end", "заканчивается ли договор аренды в этом году", "yes_no"),
                     ("move", "когда планируете переезд", "timing"))
    result = analyze_deal([call(
        ("manager", "Когда планируете переезд?"),
        ("client", "Нас пока всё устраивает. Договор аренды у нас до следующей осени, так что не раньше."),
        ("manager", "То есть в этом году договор аренды не заканчивается, правильно понимаю?"),
        ("client", "Правильно."))], questions).question("rent_end")
    assert result is not None and result.primary_answer is not None
    assert "до следующей осени" in result.primary_answer.quote


def test_a_question_about_days_takes_weekdays_in_a_later_call() -> None:
    questions = _set(("days", "в какие дни вам удобно принимать поставку", "text"))
    result = analyze_deal([
        call(("manager", "Привоз в какие дни вам удобен?"),
             ("client", "Не знаю пока, это с арендодателем решать. Узнаю."), ("manager", "Хорошо.")),
        call(("manager", "Добрый день, узнали?"),
             ("client", "Узнал. Разгрузка только понедельник и четверг, с семи до девяти."),
             ("manager", "Подходит."))], questions).question("days")
    assert result is not None and result.primary_answer is not None
    assert result.primary_answer.recording == 1


def test_the_reply_to_a_question_about_the_last_reply_replaces_it() -> None:
    result = analyze_deal([call(
        ("manager", "Добрый день, мы по моющим средствам для кухни. Сейчас чем пользуетесь?"),
        ("client", "Что поставщик привезёт. Берём канистрами."),
        ("manager", "А с ним что не так?"),
        ("client", "Разводы остаются на стаканах, персонал перемывает руками."))]).question("need")
    assert result is not None and result.primary_answer is not None
    assert "Разводы" in result.primary_answer.quote


def test_a_handoff_is_answered_in_the_next_call_by_the_report_back() -> None:
    questions = _set(("grant", "будете ли вы привлекать льготное финансирование", "yes_no"))
    result = analyze_deal([
        call(("manager", "А льготное финансирование будете привлекать?"),
             ("client", "Это я с бухгалтером обсужу, не моя забота. Наберите завтра."), ("manager", "Хорошо.")),
        call(("manager", "Добрый день, вы просили набрать."),
             ("client", "Поговорил с бухгалтером. Без кредита по программе не потянем, будем оформлять."),
             ("manager", "Отлично."))], questions).question("grant")
    assert result is not None and result.primary_answer is not None
    assert result.primary_answer.recording == 1
