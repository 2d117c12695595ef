"""Issue 14, round 8 pairing mechanisms (own wording, not the held-out sets')."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal, bant
from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.results import QuestionResult
from qa_desk.domain.transcript import RecordingTranscript


def _call(name: str, *turns: str) -> RecordingTranscript:
    """A stereo call: the manager speaks first, then turns alternate."""
    return stereo_call(*turns, name=name)


def _question(calls: list[RecordingTranscript], qid: str) -> QuestionResult:
    result = analyze_deal(calls, bant()).question(qid)
    assert result is not None
    return result


def test_a_dodged_date_is_settled_by_an_unsure_re_ask_in_the_next_call() -> None:
    first = _call("c1.mp3", "А запустить всё это вы когда планируете?",
                  "Ох. Да хоть завтра бы. А реально не знаю, это с хозяином решать, позвоните через недельку.")
    second = _call("c2.mp3", "Добрый день, это снова Ирина по складу.", "Да, здравствуйте.",
                   "А по срокам что-то прояснилось?", "Прояснилось: к марту надо, до сезона.")
    timing = _question([first, second], "timing")
    assert timing.primary_answer is not None and timing.primary_answer.recording == 1


def test_the_reply_to_a_callback_question_is_no_timing_and_a_put_off_date_comes_next_call() -> None:
    first = _call("c1.mp3", "А вам к какому сроку это нужно?", "Тут не скажу, надо с бухгалтерией поднять договор.",
                  "Хорошо. Когда вам удобно перезвонить?", "В четверг после обеда.")
    second = _call("c2.mp3", "Добрый день, это Олег, мы в понедельник говорили.",
                   "Да, помню. Договор нашёл: с мая можно переходить.")
    timing = _question([first, second], "timing")
    assert timing.primary_answer is not None and timing.primary_answer.recording == 1


def test_so_that_opens_no_question() -> None:
    detector = detector_for(bant())
    sentence = detector.sentences("Так что да, менять будем в этом году, это уже решено.")[0]
    assert not sentence.is_question


def test_now_in_a_refusal_to_say_is_no_date() -> None:
    call = _call("c1.mp3", "А по срокам когда хотели бы начать?", "Сроки сейчас назвать не могу, это комитет решает.")
    assert not _question([call], "timing").answered


def test_a_long_first_reply_is_the_need_even_without_the_question_words() -> None:
    call = _call(
        "c1.mp3", "Расскажите, что у вас сейчас с отоплением цехов, как зимой?",
        "Ой, это история. Прошлой зимой котёл встал на неделю, трубы в третьем корпусе перемёрзли, рабочие в "
        "куртках стояли у станков, заказчику сорвали отгрузку, штраф заплатили немаленький, до сих пор вспоминаем.",
        "Понятно, неприятно.", "Неприятно — не то слово, отопление нам дорого обошлось.")
    need = _question([call], "need")
    assert need.primary_answer is not None and need.primary_answer.start == 10.0

