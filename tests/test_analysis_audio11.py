"""Round 11, audio: what Whisper drops or glues on a phone line and the engine still reads (eng11e)."""

from __future__ import annotations

from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.heard import marked
from qa_desk.analysis.lexicon import split_sentences
from qa_desk.analysis.questions import bant
from qa_desk.analysis.units import _split_mono, units
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _stereo(question: str, reply: str) -> RecordingTranscript:
    return RecordingTranscript("s", 10.0, 2, [Segment(0.0, 4.0, "manager", question), Segment(5.0, 9.0, "client", reply)])


def _mono(*texts: str) -> RecordingTranscript:
    return RecordingTranscript("m", 5.0 * len(texts), 1,
                               [Segment(5.0 * i, 5.0 * i + 4, "unknown", t) for i, t in enumerate(texts)])


def _asked(text: str) -> list[str]:
    return [q.id for q in analyze_deal([_stereo(text, "Ага.")], bant()).questions if q.asked]


def test_question_without_its_mark_is_classified_with_it() -> None:
    detector = detector_for(bant())
    (asking,) = detector.sentences("сколько в месяц на это закладываете")
    assert [t.text for t in marked(asking.tokens)][-1] == "?"
    (stating,) = detector.sentences("мы закладываем немного")
    assert marked(stating.tokens) == stating.tokens
    (done,) = detector.sentences("сколько закладываете?")
    assert marked(done.tokens) == done.tokens


def test_acknowledgement_glued_by_a_comma_is_cut_off_before_a_question() -> None:
    assert split_sentences("Спасибо, подскажите, пожалуйста, склад у вас свой есть") == [
        "Спасибо.", "подскажите, пожалуйста, склад у вас свой есть"]
    assert split_sentences("Понятно, сколько человек у вас в смене") == ["Понятно.", "сколько человек у вас в смене"]
    assert split_sentences("Хорошо, договорились тогда.") == ["Хорошо, договорились тогда."]


def test_what_after_a_preposition_asks_at_the_start() -> None:
    detector = detector_for(bant())
    assert detector.sentences("в чём у вас сейчас сложность со складом")[0].is_question
    assert detector.sentences("Так с чем связан интерес к переезду")[0].is_question
    assert not detector.sentences("Это вообще не о чем, так")[0].is_question


def test_either_or_closed_by_a_comparative_asks() -> None:
    detector = detector_for(bant())
    assert detector.sentences("Забирать будете сами или доставкой удобнее")[0].is_question
    assert not detector.sentences("Нам самовывозом или доставкой удобнее")[0].is_question
    assert not detector.sentences("Тысяч сто или больше")[0].is_question


def test_second_question_after_a_preposition_is_cut_off() -> None:
    assert split_sentences("Уточню, у вас склад арендованный и с чем связан переезд") == [
        "Уточню, у вас склад арендованный", "и с чем связан переезд"]


def test_figure_with_month_and_no_preposition_keeps_its_period() -> None:
    analysis = analyze_deal([_stereo("А по бюджету сколько готовы?", "Ну не больше 250 000 месяц на всё.")], bant())
    value = analysis.question("budget").value or {}  # type: ignore[union-attr]
    assert value.get("amount") == 250_000 and value.get("amount_period") == "month"


def test_year_written_in_digits_is_no_amount() -> None:
    analysis = analyze_deal([_stereo("А по бюджету сколько готовы?", "Это уже в 2027 год, не раньше.")], bant())
    assert (analysis.question("budget").value or {}).get("amount") is None  # type: ignore[union-attr]


def test_mono_segment_is_cut_before_the_managers_receipt() -> None:
    detector = detector_for(bant())
    rec = _mono("А кто у вас подписывает договоры?",
                "Подписывает директор, Олег Петрович. Понял, а по срокам когда планируете закупку?")
    roles = [(u.role, " ".join(s.text for s in u.sentences)) for u in units(detector, 0, rec)]
    assert roles[-2] == ("client", "Подписывает директор, Олег Петрович.")
    assert roles[-1][0] == "manager" and roles[-1][1].startswith("Понял")


def test_question_put_again_after_a_filler_is_not_split() -> None:
    detector = detector_for(bant())
    sentences = detector.sentences("А сколько вы тратите сейчас, ну, или сколько готовы тратить на уборку")
    asked, reply = _split_mono(detector, sentences)
    assert reply == [] and asked == sentences
    assert _asked("сколько вы тратите сейчас, ну, или сколько готовы тратить на уборку") == ["budget"]
