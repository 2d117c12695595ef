"""Issue 14, round 9: BANT questions in indirect words (own wording, not the held-out sets')."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.deal import detector_for


def _asked(text: str) -> set[str]:
    d = detector_for(bant())
    return {cq.question.id for cq, _s, _c in d.asked_scored(d.sentences(text))}


def test_satisfaction_and_reasons_to_change_ask_the_need() -> None:
    assert _asked("А нынешний подрядчик вас в целом устраивает?") == {"need"}
    assert _asked("Вы сейчас довольны тем, как работает склад?") == {"need"}
    assert _asked("А отчего вообще присматриваетесь к другим поставщикам?") == {"need"}
    assert _asked("Ваша бухгалтерия нормально справляется с таким потоком?") == {"need"}
    assert _asked("А как у вас с доставкой по области, всё в порядке?") == {"need"}


def test_sure_cues_stay_off_the_call_itself_and_our_offer() -> None:
    assert _asked("Вас устраивает, если наберу в пятницу утром?") == set()
    assert _asked("Как у вас со временем, всё нормально?") == set()
    assert _asked("Как добрались с выставки, всё в порядке?") == set()
    assert "need" not in _asked("Вас устроят такие условия оплаты?")


def test_urgency_allocation_and_looking_around_ask_their_topics() -> None:
    assert _asked("А у вас это прям горит или терпит?") == {"timing"}
    assert _asked("Что-нибудь на обучение персонала в этом году заложили?") == {"budget"}
    assert _asked("А когда вообще выбирать будете?") == {"timing"}
    assert _asked("Когда вы обычно почту разбираете?") == set()
