"""Issue 14, pairing: the answer card lies in the turn that carries the substance of the answer."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal, bant
from qa_desk.analysis.results import QuestionResult
from qa_desk.domain.transcript import RecordingTranscript


def _call(name: str, *turns: str) -> RecordingTranscript:
    """A stereo call: the manager speaks first, then turns alternate."""
    return stereo_call(*turns, name=name)


def _question(calls: list[RecordingTranscript], qid: str) -> QuestionResult:
    result = analyze_deal(calls, bant()).question(qid)
    assert result is not None and result.primary_answer is not None
    return result


def test_the_reply_to_the_other_half_of_a_two_question_turn_is_not_the_need() -> None:
    call = _call(
        "call.mp3",
        "Вы говорили, что с топливом что-то не так: что там у вас творится и кто у вас такие вещи решает?",
        "Ну решать-то не я буду. Подписывает всё собственник, Виктор Андреевич.",
        "Понял, Виктор Андреевич. А по топливу-то что?",
        "А по топливу беда: перерасход процентов пятнадцать, сливают, а поймать не можем.",
    )
    need = _question([call], "need")
    assert need.primary_answer is not None and need.primary_answer.start == 30.0
    authority = _question([call], "authority")
    assert authority.primary_answer is not None and authority.primary_answer.start == 10.0


def test_a_thin_reply_stands_when_nothing_better_follows() -> None:
    call = _call("call.mp3", "Расскажите, что у вас сейчас не устраивает в работе склада?",
                 "Ой, это долгая история, всякое бывало.", "Понятно. Спасибо!")
    need = _question([call], "need")
    assert need.primary_answer is not None and need.primary_answer.start == 10.0


def test_a_later_call_repeating_the_decider_does_not_move_the_card() -> None:
    first = _call("c1.mp3", "А кто у вас решение принимает по закупке?", "Подписывает собственник, Виктор Андреевич.")
    later = _call("c3.mp3", "Договор пришлю сегодня, его кто подписывать будет?", "Сам Виктор Андреевич.")
    authority = _question([first, later], "authority")
    assert len(authority.answer_evidence) == 2
    assert authority.primary_answer is not None and authority.primary_answer.recording == 0


def test_a_free_text_answer_keeps_its_first_reply_when_asked_again() -> None:
    call = _call(
        "call.mp3",
        "Вот у вас сейчас уборка как устроена, своими силами, и что не устраивает?",
        "Своими силами, три уборщицы в штате, но не справляются с уборкой.",
        "А как с качеством, арендаторы не жалуются на уборку?",
        "Жалуются, конечно, банк письмо написал, что санузлы не убраны.",
    )
    need = _question([call], "need")
    assert need.primary_answer is not None and need.primary_answer.start == 10.0
