"""Round 11: who speaks in a mono call (wording of their own): a reply to our question that ends with the
speaker's own aside, and our rate said as a figure."""

from __future__ import annotations

from qa_desk.analysis import bant, detector_for
from qa_desk.analysis.mono_roles import seller_sentence
from qa_desk.analysis.units import units
from qa_desk.domain.transcript import RecordingTranscript, Segment


def mono(*texts: str) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), "unknown", t) for i, t in enumerate(texts)]
    return RecordingTranscript("call.mp3", len(texts) * 5.0, 1, segments)


def roles(*texts: str) -> list[str]:
    return [str(u.role) for u in units(detector_for(bant()), 0, mono(*texts))]


def test_a_reply_that_ends_with_the_speakers_own_aside_is_the_clients() -> None:
    assert roles(
        "Добрый день, «ТермоЛайн», Ольга. Подскажите, чем вас не устраивает нынешняя печь?",
        "Печь старая, тесто пригорает, хлеб уходит в брак каждый день. Мне что, всю жизнь её чинить?",
        "Понимаю. Новая печь у нас от девятисот тысяч.",
    ) == ["manager", "client", "manager"]


def test_our_next_question_after_our_own_stays_ours() -> None:
    assert roles(
        "Добрый день, «ТермоЛайн», Ольга. Подскажите, чем вас не устраивает нынешняя печь?",
        "Понимаю, многие так работают. А вы сейчас сами её обслуживаете?",
    )[1] == "manager"


def test_our_rate_is_the_sellers() -> None:
    sentence = detector_for(bant()).sentences("Ставка по кредитной линии у нас одиннадцать процентов годовых.")[0]
    assert seller_sentence(sentence)
