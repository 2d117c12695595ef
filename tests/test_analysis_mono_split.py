"""Mono segments through ASR: a question with its reply glued, split without losing the reply's figures."""

from __future__ import annotations

from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.questions import bant
from qa_desk.analysis.units import _split_mono
from qa_desk.domain.transcript import RecordingTranscript, Segment


def test_segment_that_asks_again_is_one_speakers() -> None:
    detector = detector_for(bant())
    sentences = detector.sentences("На вторую захватку, где у нас выходит где-то 350 рублей за квадрат в месяц. "
                                   "А сколько вы на это заложили, не в курсе?")
    asked, reply = _split_mono(detector, sentences)
    assert reply == [] and asked == sentences


def test_reply_keeps_its_figures() -> None:
    detector = detector_for(bant())
    _asked, reply = _split_mono(detector, detector.sentences("а сколько готовы потратить ну где-то 350 тысяч"))
    assert "350" in " ".join(s.text for s in reply)


def test_mono_budget_from_glued_reply() -> None:
    rec = RecordingTranscript("m", 10.0, 1, [Segment(0.0, 5.0, "unknown", "А по деньгам сколько готовы потратить ну где-то 350 тысяч")])
    budget = analyze_deal([rec], bant()).question("budget")
    assert budget is not None and budget.asked and (budget.value or {}).get("amount") == 350_000


def test_question_going_on_after_a_filler_is_not_split() -> None:
    detector = detector_for(bant())
    sentences = detector.sentences("А кто у вас по компьютерам, ну, кто такое выбирает?")
    asked, reply = _split_mono(detector, sentences)
    assert reply == [] and asked == sentences


def test_either_or_going_on_after_a_filler_is_not_split() -> None:
    detector = detector_for(bant())
    sentences = detector.sentences("И кто это у вас, ну, кроме вас утверждает, или вы сами?")
    asked, reply = _split_mono(detector, sentences)
    assert reply == [] and asked == sentences
