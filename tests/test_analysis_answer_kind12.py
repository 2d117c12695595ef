"""Issue 14, round 12: the kind of the answer (own wording): our price said back, a refusal to tell, a condition,
a wish before a dodge, an outcome, a count for a size, a need stated; and our own lines that ask nothing."""

from __future__ import annotations

from analysis_calls import call, reply, tokens_of

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.questions import AnswerKind, QuestionSet, parse_question_set


def _set(*questions: tuple[str, str, str]) -> QuestionSet:
    text = "".join(f'[[question]]\nid = "{i}"\ntitle = "{a}"\nask = ["{a}"]\nanswer = "{k}"\n\n' for i, a, k in questions)
    return parse_question_set(text, "test")


def test_our_price_said_back_by_the_client_is_no_budget() -> None:
    asked = tokens_of("А бюджет на модернизацию уже есть?")
    assert budget_value(tokens_of("Ну, у вас на двадцать точек выходит миллион двести с установкой."), asked) is None
    assert budget_value(tokens_of("Получается, по восемнадцать у вас под три миллиона на всё."), asked) is None
    found = budget_value(tokens_of("Смотрите, у вас в каталоге девятьсот, а мы тысяч на шестьсот рассчитывали."), asked)
    assert found is not None and found["amount"] == 600000


def test_a_no_to_a_request_to_name_the_sum_is_no_zero_budget() -> None:
    assert reply(AnswerKind.MONEY, "Нет.", "А сумму, что вам на это дадут, хоть примерно назовёте?") is None
    found = reply(AnswerKind.MONEY, "Нет.", "А деньги на это у вас выделены?")
    assert found is not None and found.value["amount"] == 0


def test_a_time_in_a_condition_is_no_date_volunteered() -> None:
    result = analyze_deal([call(("manager", "А сколько вы на семена могли бы отдать?"),
                                ("client", "Ну, может, двести, если склад до лета сдадим."))]).question("timing")
    assert result is not None and not result.answered


def test_a_wish_followed_by_a_dodge_gives_no_date() -> None:
    asked = "Ну а по времени: в этом году хотите обновлять или это на потом?"
    assert reply(AnswerKind.TIMING, "Мне бы вчера. А когда закажут, кто его знает.", asked) is None
    assert reply(AnswerKind.TIMING, "Мне бы вчера. Но реально к осени закажем.", asked) is not None


def test_a_mind_made_up_names_no_decider() -> None:
    result = analyze_deal([call(("manager", "А начинаете когда?"),
                                ("client", "В апреле. Но вы не уговаривайте, мы уж решили."))]).question("authority")
    assert result is not None and not result.answered


def test_a_count_answers_a_yes_no_about_a_size_and_a_closing_does_not() -> None:
    questions = _set(("big", "больше ли двадцати магазинов в сети", "yes_no"), ("when", "когда открытие", "timing"))
    result = analyze_deal([call(("manager", "Чтобы понимать объём: магазинов у вас много?"),
                                ("client", "Штук двенадцать. Всё, мне бежать."),
                                ("manager", "Понял, до связи."), ("client", "Ага-ага."))], questions).question("big")
    assert result is not None and result.primary_answer is not None
    assert "двенадцать" in result.primary_answer.quote


def test_a_date_with_a_reason_about_deliveries_is_the_date() -> None:
    result = analyze_deal([call(("manager", "А к какому сроку вам это нужно?"),
                                ("client", "К июлю точно, у нас осенью отгрузки идут."))]).question("timing")
    assert result is not None and result.answered and "июлю" in str(result.value)


def test_a_need_stated_stands_against_a_reaction_to_our_pitch() -> None:
    result = analyze_deal([call(
        ("manager", "Что вас к нам привело, почему смотрите?"),
        ("client", "Сервер у нас один, падает раз в месяц, бухгалтерия встаёт. Нужна замена, хоть временная."),
        ("manager", "Мы как раз ставим сервер с резервным копированием на время ремонта."),
        ("client", "Резервное копирование — это любопытно."))]).question("need")
    assert result is not None and result.primary_answer is not None
    assert "Сервер" in result.primary_answer.quote


def test_our_purpose_and_our_offer_ask_no_need() -> None:
    result = analyze_deal([call(
        ("manager", "А сколько вы на краску в сезон тратите? Чтобы я понимал, под что готовить предложение."),
        ("client", "Тысяч четыреста."),
        ("manager", "А может, меньшую партию? Или в два захода: часть сейчас, часть к осени?"),
        ("client", "Не, это дорого выйдет."))]).question("need")
    assert result is not None and not result.asked


def test_the_need_reply_replaces_the_reply_to_a_situation_question() -> None:
    result = analyze_deal([call(
        ("manager", "Вы ведь пекарню держите?"),
        ("client", "Да, две точки, хлеб и выпечка."),
        ("manager", "А с печами сейчас какие сложности, что не устраивает?"),
        ("client", "Старая печь греет неровно, низ подгорает, половину партии в брак."))]).question("need")
    assert result is not None and result.primary_answer is not None
    assert "печь" in result.primary_answer.quote


def test_a_pain_that_names_what_they_do_not_know_is_no_dodge() -> None:
    found = reply(AnswerKind.TEXT, "Заказы теряются между сменами. Утром звонят, а мы не знаем, кто принял заявку.",
                  "А что сейчас не устраивает?")
    assert found is not None
    assert reply(AnswerKind.TEXT, "Ой, не знаю. Сложно сказать.", "А что сейчас не устраивает?") is None


def test_a_reply_after_we_answer_the_client_back_keeps_the_question() -> None:
    result = analyze_deal([call(
        ("manager", "А по бюджету как вы это видите?"),
        ("client", "А от чего зависит? Вы сами-то сколько берёте?"),
        ("manager", "У нас от сорока тысяч за объект. Мне важно понять, на что вы сами ориентируетесь."),
        ("client", "Ну, тысяч двести в месяц, где-то так."))]).question("budget")
    assert result is not None and result.value is not None
    assert result.value.get("amount") == 200000


def test_a_contract_money_question_takes_money_said_in_passing() -> None:
    questions = _set(("roof_money", "сколько вы готовы выделить на ремонт кровли", "money"),
                     ("roof_plan", "планируете ли ремонт кровли", "yes_no"))
    result = analyze_deal([call(("manager", "А кровлю менять не думаете?"),
                                ("client", "Да на что? Денег нет совсем, кредит за котельную ещё висит."))],
                          questions).question("roof_money")
    assert result is not None and result.value is not None and result.value.get("amount") == 0


def test_a_no_that_negates_another_verb_says_no_no_need() -> None:
    result = analyze_deal([call(
        ("manager", "А что у вас сейчас с уборкой, что не устраивает?"),
        ("client", "Уборщица одна на три этажа, не успевает, грязь в коридорах."),
        ("manager", "А по деньгам сколько готовы выделить?"),
        ("client", "Я не знаю, надо прикинуть."))], refusal_reason="нет потребности")
    assert result.reason_check.get("status") == "contradicted"
