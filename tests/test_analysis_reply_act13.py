"""Issue 14, round 13: the act of the client's reply read before its content (own wording, other trades than the
tuning sets: catering, clinics, freight, bakeries, farms): a dodge, a condition, a hand-off that names the decider,
a confirmation of a read-back, an echo-verb yes, a name said in address, a past duration; the refusal checks «не
сейчас» (a date near the call) and «выбрали конкурента» (a comparison); a decider's role and patronymic."""

from __future__ import annotations

from analysis_calls import call

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.questions import QuestionSet, parse_question_set
from qa_desk.analysis.results import DealAnalysis, QuestionResult


def _set(*questions: tuple[str, str, str]) -> QuestionSet:
    text = "".join(f'[[question]]\nid = "{i}"\ntitle = "{a}"\nask = ["{a}"]\nanswer = "{k}"\n\n' for i, a, k in questions)
    return parse_question_set(text, "test")


_VISIT = _set(("visit", "готовы ли вы принять нашего технолога на производстве", "yes_no"),
              ("volume", "какой объём выпечки в сутки", "text"))


def _q(analysis: DealAnalysis, qid: str) -> QuestionResult:
    result = analysis.question(qid)
    assert result is not None
    return result


def _bant(*turns: tuple[str, str], reason: str | None = None, dates: tuple[str, ...] = ()) -> DealAnalysis:
    return analyze_deal([call(*turns)], None, reason, call_dates=dates)


# --- dodges -------------------------------------------------------------------------------------------------------
def test_later_alone_is_a_dodge() -> None:
    found = _q(_bant(("manager", "А что у вас сейчас не так с кассами, почему менять собрались?"),
                     ("client", "Ой, потом, потом, сейчас некогда совсем.")), "need")
    assert found.asked and not found.answered


def test_let_us_later_is_a_dodge_for_money() -> None:
    found = _q(_bant(("manager", "А по деньгам вы на какую сумму ориентируетесь?"),
                     ("client", "Давайте попозже про это.")), "budget")
    assert found.asked and not found.answered


def test_not_to_me_with_our_name_in_address_names_no_decider() -> None:
    found = _q(_bant(("manager", "Светлана Игоревна, а кто у вас окончательно решает по закупке?"),
                     ("client", "Ой, Кирилл, это вообще не ко мне вопрос, у нас там свои порядки.")), "authority")
    assert not found.answered


def test_upstairs_agreement_with_our_name_in_address_names_no_decider() -> None:
    found = _q(_bant(("manager", "А кто у вас подписывает договоры на поставку?"),
                     ("client", "Это с руководством согласовывать придётся, Олег.")), "authority")
    assert not (found.value or {}).get("text", "").startswith("Олег")


def test_a_name_after_a_role_is_the_decider() -> None:
    found = _q(_bant(("manager", "А кто у вас решает по закупке печей?"),
                     ("client", "Решает технический директор, Олег Павлович.")), "authority")
    assert found.answered and "Олег" in str(found.value)


# --- conditions and echo-verb yes ---------------------------------------------------------------------------------
def test_a_condition_without_if_is_no_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Технолога нашего к себе на производство пустите?"),
                                  ("client", "Директор одобрит — пустим."))], _VISIT), "visit")
    assert not found.answered


def test_then_after_a_condition_is_no_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Готовы принять нашего технолога у себя в цеху?"),
                                  ("client", "Разрешит главный — тогда и приезжайте."))], _VISIT), "visit")
    assert not found.answered


def test_an_echo_verb_is_a_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Технолога нашего у себя примете?"),
                                  ("client", "Примем."))], _VISIT), "visit")
    assert found.answered and (found.value or {}).get("yes") is True


def test_an_echo_verb_with_a_time_is_a_yes() -> None:
    found = _q(analyze_deal([call(("manager", "А технолога нашего на производстве готовы принять, скажем, в пятницу?"),
                                  ("client", "В пятницу к обеду примем, вдвоём с главным встретим."))], _VISIT), "visit")
    assert found.answered and (found.value or {}).get("yes") is True


def test_a_negated_echo_verb_is_a_no() -> None:
    found = _q(analyze_deal([call(("manager", "Технолога нашего у себя примете?"),
                                  ("client", "Не примем, у нас карантин по санитарии."))], _VISIT), "visit")
    assert found.answered and (found.value or {}).get("yes") is False


# --- past durations -------------------------------------------------------------------------------------------------
def test_a_past_duration_is_no_timing() -> None:
    found = _q(_bant(("manager", "А когда планируете менять холодильное оборудование?"),
                     ("client", "Да оно у нас уже лет пять работает, и ничего.")), "timing")
    assert not found.answered


def test_how_long_we_work_with_them_is_no_timing() -> None:
    found = _q(_bant(("manager", "Переходить к нам когда думаете?"),
                     ("client", "Мы с нынешним перевозчиком уже два года работаем.")), "timing")
    assert not found.answered


def test_a_duration_ahead_is_timing() -> None:
    found = _q(_bant(("manager", "А когда планируете менять холодильное оборудование?"),
                     ("client", "Через два года, не раньше.")), "timing")
    assert found.answered


# --- hand-off naming the decider, confirmation of a read-back ---------------------------------------------------------
def test_a_hand_off_names_the_decider() -> None:
    analysis = _bant(("manager", "Сколько вы готовы вложить в ремонт зала?"),
                     ("client", "Это не ко мне. Деньгами у нас Ирина Сергеевна заведует, она и утверждает."))
    assert not _q(analysis, "budget").answered
    assert "Ирина Сергеевна" in str(_q(analysis, "authority").value)


def test_in_force_confirms_the_figure_read_back() -> None:
    found = _q(_bant(("manager", "По бюджету вы в прошлый раз полмиллиона на кухню называли — это ещё актуально?"),
                     ("client", "Актуально.")), "budget")
    assert found.answered and (found.value or {}).get("amount") == 500000


def test_a_yes_to_our_price_is_no_budget() -> None:
    found = _q(_bant(("manager", "У нас комплект кухни стоит полмиллиона — это вам по бюджету подходит?"),
                     ("client", "Да, вполне.")), "budget")
    assert not found.answered


# --- a later bare confirmation does not replace a named answer --------------------------------------------------------
def test_a_later_bare_yes_keeps_the_named_decider() -> None:
    analysis = analyze_deal([
        call(("manager", "Кто у вас подписывает договор на обслуживание?"),
             ("client", "Подписывает главный инженер, Пётр Семёнович Лаптев.")),
        call(("manager", "Мне сказали, что по сервису решаете вы?"), ("client", "Да, я."))])
    found = _q(analysis, "authority")
    assert found.primary_answer is not None and "Лаптев" in found.primary_answer.quote


# --- refusal checks ---------------------------------------------------------------------------------------------------
def test_a_near_start_contradicts_not_now() -> None:
    analysis = _bant(("manager", "А запуститься когда хотите?"), ("client", "Хотим уже в начале апреля открыться."),
                     reason="не сейчас", dates=("2026-03-20 11:00",))
    assert (analysis.reason_check or {}).get("status") != "supported"


def test_a_far_start_backs_not_now() -> None:
    analysis = _bant(("manager", "А запуститься когда хотите?"), ("client", "Не раньше декабря, наверное."),
                     reason="не сейчас", dates=("2026-03-20 11:00",))
    assert (analysis.reason_check or {}).get("status") == "supported"


def test_a_comparison_does_not_back_a_competitor() -> None:
    analysis = _bant(("manager", "Как вам наше предложение по цене?"),
                     ("client", "Ну, у остальных плюс-минус так же выходит."),
                     ("manager", "А вы уже с кем-то договорились?"), ("client", "Нет, пока ни с кем не договорились."),
                     reason="выбрали конкурента")
    assert (analysis.reason_check or {}).get("status") != "supported"


# --- deciders -----------------------------------------------------------------------------------------------------------
def test_a_role_after_i_is_kept_whole() -> None:
    found = _q(_bant(("manager", "А кто у вас решает по закупке?"),
                     ("client", "Я сам и решаю, я заведующий производством.")), "authority")
    assert "заведующий производством" in str(found.value).lower()


def test_a_patronymic_in_the_next_sentence_completes_the_name() -> None:
    found = _q(_bant(("manager", "А кто у вас решает по поставкам?"),
                     ("client", "Марат всё решает, я только подписываю. Марат Ильдарович Сафин, запишите.")), "authority")
    assert "Марат Ильдарович" in str(found.value)


# --- a second batch, written after the mechanisms above and run once before any change for them ----------------------
_BATCH = _set(("trial", "готовы ли вы взять пробную партию", "yes_no"),
              ("sensors", "установлены ли датчики на линиях", "yes_no"))


def test_b_later_talk_is_no_date() -> None:
    found = _q(_bant(("manager", "Когда примерно планируете закупку?"), ("client", "Ну это попозже обсудим, ладно?")), "timing")
    assert not found.answered


def test_b_later_with_a_season_is_a_date() -> None:
    found = _q(_bant(("manager", "Когда примерно планируете закупку?"), ("client", "Потом, ближе к осени.")), "timing")
    assert found.answered


def test_b_not_my_part_is_no_budget() -> None:
    found = _q(_bant(("manager", "Какой бюджет на обучение у вас заложен?"),
                     ("client", "Это не по моей части, я только график веду.")), "budget")
    assert not found.answered


def test_b_a_name_after_listen_is_the_listener() -> None:
    found = _q(_bant(("manager", "Кто у вас подписывает договоры?"),
                     ("client", "Слушайте, Дмитрий, подписывает у нас генеральный.")), "authority")
    assert "Дмитрий" not in str(found.value) and "генеральн" in str(found.value)


def test_b_if_we_agree_on_price_is_no_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Пробную партию возьмёте?"),
                                  ("client", "Если по цене сойдёмся, возьмём."))], _BATCH), "trial")
    assert not found.answered


def test_b_take_said_back_is_a_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Пробную партию возьмёте?"),
                                  ("client", "Возьмём, куда деваться."))], _BATCH), "trial")
    assert (found.value or {}).get("yes") is True


def test_b_not_take_said_back_is_a_no() -> None:
    found = _q(analyze_deal([call(("manager", "Пробную партию возьмёте?"),
                                  ("client", "Не возьмём пока, склад забит."))], _BATCH), "trial")
    assert (found.value or {}).get("yes") is False


def test_b_stood_once_is_no_yes_to_stands_now() -> None:
    found = _q(analyze_deal([call(("manager", "Датчики у вас на линиях стоят?"),
                                  ("client", "Стояли когда-то."))], _BATCH), "sensors")
    assert (found.value or {}).get("yes") is not True


def test_b_seven_years_running_is_no_date() -> None:
    found = _q(_bant(("manager", "Когда собираетесь обновлять сервер?"), ("client", "Он у нас уже лет семь крутится.")), "timing")
    assert not found.answered


def test_b_years_ago_is_no_date() -> None:
    found = _q(_bant(("manager", "Когда собираетесь обновлять сервер?"), ("client", "Лет пять назад меняли.")), "timing")
    assert not found.answered


def test_b_read_back_in_force() -> None:
    found = _q(_bant(("manager", "Вы говорили, тысяч двести в месяц на рекламу готовы тратить — это в силе?"),
                     ("client", "В силе.")), "budget")
    assert (found.value or {}).get("amount") == 200000


def test_b_read_back_corrected() -> None:
    found = _q(_bant(("manager", "Вы говорили, тысяч двести в месяц на рекламу готовы тратить — это в силе?"),
                     ("client", "Нет, уже меньше, тысяч сто пятьдесят.")), "budget")
    assert (found.value or {}).get("amount") == 150000


def test_b_hand_off_with_the_approver() -> None:
    analysis = _bant(("manager", "Сколько вы готовы потратить на рекламу?"),
                     ("client", "Это не ко мне. Бюджет у нас Галина Петровна утверждает."))
    assert not _q(analysis, "budget").answered
    assert "Галина Петровна" in str(_q(analysis, "authority").value)


def test_b_to_be_discussed_names_nobody() -> None:
    found = _q(_bant(("manager", "Кто у вас окончательное решение примет?"),
                     ("client", "Это нужно будет обсуждать, пока не скажу.")), "authority")
    assert not found.answered


def test_b_agreeing_with_the_founder_names_him() -> None:
    found = _q(_bant(("manager", "Кто у вас окончательное решение примет?"),
                     ("client", "Надо с учредителем согласовать, он решает.")), "authority")
    assert "учредител" in str(found.value)


def test_b_june_in_may_is_now() -> None:
    analysis = _bant(("manager", "А ставить когда думаете?"), ("client", "В июне хотим уже поставить."),
                     reason="не сейчас", dates=("2026-05-10 10:00",))
    assert (analysis.reason_check or {}).get("status") != "supported"


def test_b_november_in_may_is_later() -> None:
    analysis = _bant(("manager", "А ставить когда думаете?"), ("client", "Где-то в ноябре, не раньше."),
                     reason="не сейчас", dates=("2026-05-10 10:00",))
    assert (analysis.reason_check or {}).get("status") == "supported"


def test_b_same_prices_elsewhere_is_no_competitor() -> None:
    analysis = _bant(("manager", "Как вам наши цены?"), ("client", "У других поставщиков цены такие же, разницы нет."),
                     reason="выбрали конкурента")
    assert (analysis.reason_check or {}).get("status") != "supported"


def test_b_signed_with_another_is_a_competitor() -> None:
    analysis = _bant(("manager", "Как вам наши цены?"), ("client", "Мы уже подписали с другим поставщиком, извините."),
                     reason="выбрали конкурента")
    assert (analysis.reason_check or {}).get("status") == "supported"


def test_b_head_of_a_department_said_of_oneself() -> None:
    found = _q(_bant(("manager", "А кто у вас решает по закупке?"),
                     ("client", "Я сам решаю, я руководитель отдела закупок.")), "authority")
    assert "руководитель отдела" in str(found.value).lower()


def test_b_full_name_given_after() -> None:
    found = _q(_bant(("manager", "А кто у вас решает по закупке?"),
                     ("client", "Решает Ольга, я тут на подхвате. Ольга Викторовна Шнейдер, если что.")), "authority")
    assert "Ольга Викторовна" in str(found.value)


def test_b_a_count_of_options_is_no_budget() -> None:
    found = _q(_bant(("manager", "А по бюджету на что рассчитываете?"),
                     ("client", "Директор любит выбирать из пяти вариантов.")), "budget")
    assert not found.answered


# --- contrast and a later call's yes (written after the mechanism was fitted on H15 X4/04: reported apart) -------------
_ROOM = _set(("room", "есть ли у вас помещение под склад", "yes_no"), ("staff", "сколько у вас сотрудников", "text"))


def test_c_not_ours_but_there_is_is_a_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Помещение под склад у вас есть?"),
                                  ("client", "Не наше, мы там субарендаторы. Зато угол под стеллажи есть, метров сорок."))],
                            _ROOM), "room")
    assert (found.value or {}).get("yes") is True


def test_c_no_then_but_without_the_predicate_stays_no() -> None:
    found = _q(analyze_deal([call(("manager", "Помещение под склад у вас есть?"),
                                  ("client", "Нет, но мы ищем, может, к лету найдём."))], _ROOM), "room")
    assert (found.value or {}).get("yes") is not True


def test_c_my_own_role_is_no_hand_off() -> None:
    found = _q(analyze_deal([call(("manager", "Помещение под склад у вас есть?"),
                                  ("client", "Не моё, я там только управляющий. Но место есть, в подвале."))], _ROOM), "room")
    assert (found.value or {}).get("yes") is True


def test_c_a_yes_to_the_greeting_answers_nothing_carried() -> None:
    analysis = analyze_deal([
        call(("manager", "Помещение под склад у вас есть?"), ("client", "Ой, я сейчас за рулём, давайте завтра.")),
        call(("manager", "Инна Павловна? Это Глеб, вы вчера просили набрать."), ("client", "Да, помню. Слушаю."))], _ROOM)
    assert not _q(analysis, "room").answered


def test_c_a_correction_of_our_read_back_replaces_the_reply() -> None:
    analysis = analyze_deal([call(("manager", "Сколько у вас сотрудников?"), ("client", "Сейчас человек сорок, но мы растём."),
                                  ("manager", "То есть под сорок человек считаем?"),
                                  ("client", "Нет, сорок это сейчас. К осени будет шестьдесят, считайте на шестьдесят."))],
                            _ROOM)
    shown = _q(analysis, "staff").primary_answer
    assert shown is not None and "шестьдесят" in shown.quote or shown is not None and "сорок это сейчас" in shown.quote


def test_c_a_question_for_someone_else_with_a_verb_hands_off() -> None:
    found = _q(_bant(("manager", "А запускать когда думаете?"),
                     ("client", "Сроки — это вопрос к директору, он у нас планирует. А деньги есть, хоть завтра платим.")),
               "timing")
    assert not found.answered


# --- a third batch: precision (acts that must not fire), written before any change for them -------------------------
_BOILER = _set(("replace", "планируете ли вы замену котла в этом году", "yes_no"),
               ("trial", "готовы ли вы взять пробную партию", "yes_no"))


def test_d_yes_but_not_this_year_is_no_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Котёл-то менять в этом году будете?"),
                                  ("client", "Менять будем, но не в этом году."))], _BOILER), "replace")
    assert (found.value or {}).get("yes") is not True


def test_d_an_echo_with_a_trailing_condition_is_no_yes() -> None:
    found = _q(analyze_deal([call(("manager", "Пробную партию возьмёте?"),
                                  ("client", "Возьмём, если цена будет нормальная."))], _BOILER), "trial")
    assert not found.answered


def test_d_a_name_said_to_us_after_the_decider_keeps_the_decider() -> None:
    found = _q(_bant(("manager", "Кто у вас решение принимает?"), ("client", "Это Ирина решает, Олег.")), "authority")
    assert "Ирина" in str(found.value)


def test_d_a_name_opening_the_reply_is_the_decider() -> None:
    found = _q(_bant(("manager", "Кто у вас решение принимает?"), ("client", "Сергей, наш директор, он и решает.")), "authority")
    assert "Сергей" in str(found.value) or "директор" in str(found.value)


def test_d_years_of_thinking_then_a_date_is_timing() -> None:
    found = _q(_bant(("manager", "Когда покупку планируете?"), ("client", "Уже года два думаем, в этом году точно купим.")),
               "timing")
    assert found.answered


def test_d_later_then_the_need_is_the_need() -> None:
    found = _q(_bant(("manager", "А что у вас случилось, почему ищете погрузчики?"),
                     ("client", "Потом расскажу подробнее, а вообще старые два погрузчика встали, склад не успевает.")), "need")
    assert found.answered


def test_d_the_same_system_bought_elsewhere_is_a_competitor() -> None:
    analysis = _bant(("manager", "Как вам наше предложение?"),
                     ("client", "Мы уже купили такую же систему у другого поставщика."), reason="выбрали конкурента")
    assert (analysis.reason_check or {}).get("status") == "supported"


def test_d_in_force_to_our_own_price_is_no_budget() -> None:
    found = _q(_bant(("manager", "Мы вам говорили, что комплект стоит девятьсот тысяч — вопрос по бюджету в силе?"),
                     ("client", "В силе.")), "budget")
    assert (found.value or {}).get("amount") != 900000


def test_d_a_name_after_a_dative_person_is_the_listener() -> None:
    found = _q(_bant(("manager", "Это Олег из «Техснаба». Кто у вас решает по закупке?"),
                     ("client", "Да это вам к Марине Сергеевне, Олег.")), "authority")
    assert "Марина Сергеевна" in str(found.value) and "Олег" not in str(found.value)


def test_d_a_name_after_a_nominative_role_is_the_decider() -> None:
    found = _q(_bant(("manager", "Кто у вас решает по закупке?"), ("client", "Решает директор, Олег.")), "authority")
    assert "Олег" in str(found.value)
