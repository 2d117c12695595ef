"""Round 10: who speaks in a mono call, from the exchange; read-back and trailing-off forms (wording of their own)."""

from __future__ import annotations

from qa_desk.analysis import analyze_deal, bant, detector_for
from qa_desk.analysis.detect import Sentence
from qa_desk.analysis.units import units
from qa_desk.domain.transcript import RecordingTranscript, Segment


def mono(*texts: str) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), "unknown", t) for i, t in enumerate(texts)]
    return RecordingTranscript("call.mp3", len(texts) * 5.0, 1, segments)


def roles(*texts: str) -> list[str]:
    return [str(u.role) for u in units(detector_for(bant()), 0, mono(*texts))]


def one(text: str) -> Sentence:
    return detector_for(bant()).sentences(text)[0]


def test_our_price_said_back_to_the_clients_price_question_is_no_budget() -> None:
    analysis = analyze_deal([mono(
        "Добрый день, «ОкноСтрой», Игорь. Вы на сайте окна смотрели.",
        "Да, смотрели.",
        "А на замену окон вы какую сумму закладываете?",
        "А сами-то ваши почём?",
        "Пластиковые идут от сорока двух тысяч за окно, алюминий дороже.",
        "Ну мы думали тысяч двести пятьдесят на всю квартиру.",
    )])
    budget = analysis.question("budget")
    assert budget is not None and budget.answered and (budget.value or {}).get("amount") == 250_000
    assert roles("А бюджет на мебель какой закладываете?", "А ваш комплект сколько?",
                 "Кухня идёт от трёхсот двадцати, шкаф отдельно.") == ["manager", "client", "manager"]


def test_who_we_are_asked_by_the_one_called_is_the_clients_and_our_reply_is_ours() -> None:
    assert roles("Алло, здравствуйте, это Марина, компания «ЧистоПро».",
                 "Да, слушаю. Вы по какому вопросу?",
                 "Мы уборкой офисов занимаемся, недорого.") == ["manager", "client", "manager"]
    assert roles("Здравствуйте, это Павел, «ТехноСклад».",
                 "Секретарь, Ольга. А вы кто, поставщик?",
                 "Нет, мы стеллажи делаем.") == ["manager", "client", "manager"]
    # our own question about the client's people stays ours
    assert roles("Понятно, а решает кто?", "Директор, Анна Петровна.", "А Анна Петровна это кто у вас?")[-1] == "manager"


def test_the_clients_question_on_our_terms_after_our_offer() -> None:
    analysis = analyze_deal([mono(
        "Добрый день, «БухЭксперт», Светлана. Как у вас сейчас с бухгалтерией, что не устраивает?",
        "Бухгалтер уволилась, отчёты висят.",
        "Понятно. У нас ведение от пятнадцати тысяч в месяц, с кадрами.",
        "А договор на сколько заключаете? И кто отвечает, если ошибётесь?",
        "Договор на год, ответственность наша застрахована.",
    )])
    timing, authority = analysis.question("timing"), analysis.question("authority")
    assert timing is not None and not timing.asked
    assert authority is not None and not authority.asked
    assert roles("Понятно. У нас обслуживание от двадцати тысяч в месяц.", "А гарантия на сколько лет?",
                 "На год, с продлением.")[1:] == ["client", "manager"]


def test_a_read_back_followed_by_another_question_asks_nothing() -> None:
    detector = detector_for(bant())
    said = detector.sentences("Ясно, то есть к маю вам надо переехать. А по деньгам сколько готовы тратить?")
    assert {cq.question.id for cq, _s in detector.asked(said)} == {"budget"}


def test_forms() -> None:
    assert one("А у вас сейчас с поставками нормально, перебоев нет…").is_question
    assert not one("А у нас с поставками всё нормально…").is_question
    assert not one("Решает хозяин, но его по телефону не поймаешь.").is_question
    assert one("Вы сами решаете?").is_question
