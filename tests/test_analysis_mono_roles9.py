"""Round 9: mono speaker roles from what a sentence says, and decider identity (wording of their own)."""

from __future__ import annotations

from qa_desk.analysis import analyze_deal, bant, detector_for
from qa_desk.analysis.client_names import addressed
from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.mono_roles import caller_intro, client_question, seller_sentence
from qa_desk.domain.transcript import RecordingTranscript, Segment


def mono(*texts: str) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), "unknown", t) for i, t in enumerate(texts)]
    return RecordingTranscript("call.mp3", len(texts) * 5.0, 1, segments)


def stereo(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), s, t) for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, 2, segments)


def one(text: str) -> Sentence:
    return detector_for(bant()).sentences(text)[0]


def test_our_price_offer_and_offering_are_the_sellers() -> None:
    assert seller_sentence(one("Комплект у нас от шестисот пятидесяти тысяч, монтаж отдельно."))
    assert seller_sentence(one("Наше решение разворачивается за две недели."))
    assert seller_sentence(one("Сегодня же вышлю коммерческое предложение."))
    assert seller_sentence(one("Можем предложить рассрочку на полгода."))
    assert seller_sentence(one("Аренда у нас двести рублей за квадрат в сутки."))


def test_the_clients_money_and_counts_are_not() -> None:
    assert not seller_sentence(one("Бюджет у нас от четырёхсот тысяч."))
    assert not seller_sentence(one("Мы платим поставщику девяносто за тонну."))
    assert not seller_sentence(one("Водителей у нас тридцать два."))
    assert not seller_sentence(one("Мы думали от миллиона до полутора."))
    assert not seller_sentence(one("Мы на третьем этаже стоим, работаем два года."))


def test_a_callers_opening_and_a_question_about_our_offering() -> None:
    assert caller_intro(one("Марина Олеговна, добрый день, Артём, компания «ТеплоДом»."))
    assert caller_intro(one("Здравствуйте, это Игорь, «СтальПрокат»."))
    assert not caller_intro(one("Салон «Орхидея», администратор Вера, здравствуйте."))
    assert client_question(one("А у вас монтаж сколько стоит?"))
    assert client_question(one("А доставку вы сами делаете?"))
    assert not client_question(one("А у вас сколько сотрудников?"))


def test_a_name_opening_a_sentence_is_addressed_only_before_a_comma_or_greeting() -> None:
    words = one("Марина Олеговна, добрый день.").tokens
    assert addressed(words, "Марина Олеговна")
    assert not addressed(one("Вера вам говорила про нас?").tokens, "Вера")


def test_our_price_in_mono_is_no_budget_answer() -> None:
    analysis = analyze_deal([mono(
        "Добрый день, «СкладТех», Олег. Как у вас сейчас учёт на складе ведётся, что мешает?",
        "В тетрадке. Теряем коробки.",
        "А деньги на автоматизацию выделены?",
        "Не знаю, это не ко мне.",
        "Понял. Для ориентира: наша система идёт от семисот тысяч, сканеры отдельно.",
        "Пишите на почту.",
    )])
    budget = analysis.question("budget")
    assert budget is not None and budget.asked and not budget.answered


def test_i_in_a_later_mono_call_is_the_person_greeted() -> None:
    first = stereo(("manager", "Добрый день, «АгроТех», Светлана. Мне бы руководителя хозяйства."),
                   ("client", "Его нет, я бухгалтер. Звоните Петру Семёновичу вечером."))
    second = mono("Пётр Семёнович, добрый вечер, Светлана, «АгроТех». Мне бухгалтер ваш сказал звонить вечером.",
                  "Слушаю.",
                  "Кто у вас решает по закупке техники?",
                  "Я решаю, хозяйство моё.")
    authority = analyze_deal([first, second]).question("authority")
    assert authority is not None and "Пётр Семёнович" in str((authority.value or {}).get("text"))


def test_he_is_the_person_named_earlier_in_the_turn_and_a_role_keeps_its_complement() -> None:
    analysis = analyze_deal([stereo(
        ("manager", "А кто у вас решение по мебели принимает?"),
        ("client", "Это к Андрею Павловичу. Он административный директор, он и решает."))])
    authority = analysis.question("authority")
    assert authority is not None and "Андрей Павлович" in str((authority.value or {}).get("text"))
    analysis = analyze_deal([stereo(
        ("manager", "А кто у вас решение по закупке принимает?"),
        ("client", "Это через совет директоров. Я готовлю бумаги, а решает совет."))])
    authority = analysis.question("authority")
    assert authority is not None and (authority.value or {}).get("text") == "совет директоров"


def test_not_the_decider_is_contradicted_when_the_manager_later_greets_the_named_decider() -> None:
    first = stereo(("manager", "Добрый день, «ТрансШина», Олег. А кто у вас решает по закупке резины?"),
                   ("client", "Не я. Решает директор, Аркадий Львович Сомов."))
    second = stereo(("manager", "Аркадий Львович, добрый день, Олег, «ТрансШина». Минута есть?"),
                    ("client", "Есть, слушаю."))
    analysis = analyze_deal([first, second], refusal_reason="не ЛПР")
    assert analysis.reason_check is not None and analysis.reason_check["status"] == "contradicted"
    assert analyze_deal([first], refusal_reason="не ЛПР").reason_check["status"] == "supported"


def test_what_our_people_did_said_without_a_subject_is_the_clients_remark() -> None:
    from qa_desk.analysis.mono_roles import mono_role

    said = detector_for(bant()).sentences("Монтаж они сделали за неделю, а у вас обещали только через месяц.")
    assert mono_role(said, "manager", True, False, [])[0][0] == "client"
    asked = detector_for(bant()).sentences("А у вас сколько точек открыто?")
    assert mono_role(asked, "manager", True, False, [])[0][0] == "manager"
