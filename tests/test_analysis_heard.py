"""Questions and replies as Whisper hears them on a telephone line (heard.py, lexicon repair, form)."""

from __future__ import annotations

from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.heard import comma_clauses, garbled_bar, reply_prefix
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _asked(text: str) -> set[str]:
    detector = detector_for(bant())
    return {cq.question.id for cq, _s in detector.asked(detector.sentences(text))}


def test_comma_clauses_stop_at_a_subordinate_clause() -> None:
    assert comma_clauses("Серьезно, аппетенникам нас начинет, сколько у вас заложено.") == [
        "аппетенникам нас начинет", "сколько у вас заложено."]
    assert comma_clauses("мне для понимания важно, в каком порядке вы мыслите, чтобы понимать, мы вам интересны") == [
        "мне для понимания важно", "в каком порядке вы мыслите"]
    assert comma_clauses("сколько у вас заложено") == []


def test_garbled_sentence_asks_by_its_clause() -> None:
    assert "budget" in _asked("Серьезно, аппетенникам нас начинет, сколько у вас заложено.")


def test_indefinite_put_to_the_client_asks_without_mark() -> None:
    detector = detector_for(bant())
    assert detector.sentences("поняла, на обучение у вас какая-то сумма выделена уже.")[-1].is_question
    assert not detector.sentences("Я вам что-то пришлю на почту.")[0].is_question


def test_rare_word_is_repaired_to_the_vocabulary() -> None:
    lexicon = detector_for(bant()).lexicon
    assert lexicon.token("закутку").lemma == "закупка"  # "закутка" is a word, but no common one


def test_word_cut_in_two_is_joined() -> None:
    assert [t.lemma for t in Lexicon(["топливо"]).tokens("а на то плево у вас")] == ["а", "на", "топливо", "у", "вы"]
    # without the word in the vocabulary (no question asks about fuel) the pieces stay
    assert [t.lemma for t in detector_for(bant()).lexicon.tokens("а на то плево")][:3] == ["а", "на", "то"]


def test_garbled_bar_needs_two_unknown_words() -> None:
    detector = detector_for(bant())
    one = detector.sentences("А для бэкапа какое решение у вас стоит?")[0]
    two = detector.sentences("А вынопильнее бэкапа надезон какое решение?")[0]
    assert garbled_bar(one.tokens, 0.5) == 0.5
    assert garbled_bar(two.tokens, 0.5) < 0.5


def test_reply_glued_to_the_next_question_is_the_clients() -> None:
    detector = detector_for(bant())
    question = detector.sentences("И подключаться когда думаете?")
    segment = detector.sentences("Ну, к сезону в апреле, когда техника выйдет. А монтаж сколько по времени на машину?")
    assert reply_prefix(detector, question, segment) == 1


def test_managers_price_after_a_question_is_no_reply() -> None:
    detector = detector_for(bant())
    question = detector.sentences("Вы сначала цену скажите, а я подумаю, сколько готов.")
    segment = detector.sentences("Трёхмерный стенд от девятисот тысяч до миллиона четырёхсот, смотря какой.")
    assert reply_prefix(detector, question, segment) == 0


def test_mono_timing_reply_before_next_question() -> None:
    rec = RecordingTranscript("m", 20.0, 1, [
        Segment(0.0, 3.0, "unknown", "И подключаться когда думаете?"),
        Segment(3.5, 9.0, "unknown", "Ну, к сезону в апреле, когда техника выйдет. А монтаж сколько по времени на машину?"),
    ])
    timing = analyze_deal([rec], bant()).question("timing")
    assert timing is not None and timing.answered


def test_topic_shift_asks_without_mark() -> None:
    detector = detector_for(bant())
    assert detector.sentences("Хорошо, а по срокам, установка должна же работать.")[0].is_question
    assert not detector.sentences("По срокам мы успеваем.")[0].is_question
