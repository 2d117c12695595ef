"""Refusal checks from the client's own speech: live conversation, a volunteered need, urgency vs a later date."""

from __future__ import annotations

from qa_desk.analysis import analyze_deal
from qa_desk.domain.transcript import RecordingTranscript, Segment


def call(*turns: tuple[str, str], channels: int = 2) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), s if channels == 2 else "unknown", t)
                for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, channels, segments)


def status(reason: str, *calls: RecordingTranscript) -> object:
    return analyze_deal(list(calls), None, reason).reason_check["status"]


def test_voicemail_and_line_trouble_are_no_conversation() -> None:
    voicemail = call(("manager", "Алло? Добрый день, это ТехноСнаб?"),
                     ("manager", "Похоже, автоответчик. Здравствуйте, меня зовут Олег, компания ТехноСнаб, "
                                 "перезвоните нам, пожалуйста, по номеру, с которого звоню."), channels=1)
    line = call(("manager", "Алло, добрый день, меня слышно?"), ("client", "Алло? Алло, говорите!"),
                ("manager", "Я по поводу поставки."), ("client", "Ничего не слышно. Перезвоните."))
    operator = call(("manager", "Алло?"), ("client", "Абонент недоступен или находится вне зоны действия сети."))
    assert status("не дозвонились", voicemail, line, operator) == "supported"
    talk = call(("manager", "Здравствуйте, удобно говорить?"), ("client", "Да, слушаю, только недолго, я на складе."),
                ("manager", "Вы сейчас на каких погрузчиках работаете?"), ("client", "Дизельные, три штуки, старые уже."))
    assert status("не дозвонились", voicemail, talk) == "contradicted"


def test_a_need_the_client_volunteers_contradicts_no_need() -> None:
    pain = call(("manager", "Мы продаём компрессоры, вам интересно?"),
                ("client", "У нас старый компрессор каждую неделю встаёт, брак идёт, линия стоит."))
    assert status("нет потребности", pain) == "contradicted"
    fine = call(("manager", "Мы продаём компрессоры, вам интересно?"),
                ("client", "Проблем с компрессорами у нас нет, работают как часы."))
    assert status("нет потребности", fine) != "contradicted"


def test_not_now_reads_urgency_against_a_later_date() -> None:
    urgent = call(("manager", "Что у вас за задача, и сроки какие?"),
                  ("client", "Сроки горят. Нам надо, чтоб на этой неделе всё привезли."))
    assert status("не сейчас", urgent) == "contradicted"
    later = call(("manager", "А когда вы такое закупать можете?"),
                 ("client", "Сейчас смотрю. Так, в этом году уже ничего, закупка не раньше апреля следующего года."))
    assert status("не сейчас", later) == "supported"
    dodge = call(("manager", "А запуск когда видите?"), ("client", "Посмотрим. Сначала покажите, потом про сроки."),
                 ("client", "Мне тут срочно уехать пришлось на прошлой неделе, он срочно улетел."))
    assert status("не сейчас", dodge) == "unsupported"
