"""Issue 14, round 11: the topic classifier trained on every burned v7 set but H11, and its flag for a
question whose content words are all unknown to the vectors (own wording, not the corpora's)."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.topics import FeatureSpec, featurize, parse_model, topic_model
from qa_desk.analysis.vectors import vectors


def _asked(text: str) -> set[str]:
    d = detector_for(bant())
    return {cq.question.id for cq, _s, _c in d.asked_scored(d.sentences(text))}


def _flagged(text: str, spec: FeatureSpec) -> bool:
    return spec.size(vectors().dim) - 1 in featurize(Lexicon(()).tokens(text), spec)


def test_the_unknown_subject_flag_fires_only_when_no_content_word_is_known() -> None:
    spec = FeatureSpec(("какой", "у", "вы", "сейчас", "когда"), 16, 0, True)
    assert _flagged("Какая у вас сейчас BPM?", spec)
    assert not _flagged("Какой у вас сейчас склад?", spec)  # a known word: the vector speaks
    assert not _flagged("А когда?", spec)  # no content word at all: the other flag
    plain = FeatureSpec(spec.markers, 16)  # without the flag: the same features, one fewer
    tokens = Lexicon(()).tokens("Какая у вас сейчас BPM?")
    flagged = featurize(tokens, spec)
    flagged.pop(spec.size(vectors().dim) - 1)
    assert plain.size(64) == spec.size(64) - 1 and featurize(tokens, plain) == flagged


def test_a_model_file_keeps_its_feature_settings() -> None:
    model = topic_model()
    assert model.spec.unknown  # the shipped model was trained with the flag
    again = parse_model(model.to_json())
    assert again.spec == model.spec and len(again.weights) == model.spec.size(vectors().dim)
    old = parse_model('{"classes":["none"],"markers":[],"hashed":0,"bias":[0],"weights":[]}')
    assert old.spec.unknown is False  # a file written before the flag reads as before


def test_why_words_share_one_marker() -> None:
    spec = FeatureSpec(("почему/отчего", "к"), 16)
    why, whence = (featurize(Lexicon(()).tokens(t), spec) for t in ("Почему к нам?", "Отчего к нам?"))
    assert why == whence  # pymorphy reads "отчего" as "отчий"; the marker reads it as "почему"
    assert _asked("Отчего решили искать нового подрядчика?") == {"need"}


def test_a_situation_question_about_a_tool_by_its_acronym_asks_no_topic() -> None:
    assert _asked("А какая у вас нынче ECM?") == set()
    assert _asked("У вас Oracle или Postgres сейчас?") == set()


def test_topic_words_around_an_unknown_name_still_ask_their_topic() -> None:
    assert _asked("Какой бюджет закладываете на переход на ECM?") == {"budget"}
    assert _asked("А когда планируете запуск BPM?") == {"timing"}
    assert _asked("Кто у вас утверждает покупку лицензий Oracle?") == {"authority"}
    assert _asked("Что вас не устраивает в нынешней ECM?") == {"need"}
