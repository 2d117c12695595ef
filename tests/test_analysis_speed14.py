"""Round 14's speed pass keeps every reading: the shortcuts give what the long way gave.

- ``Detector.words_of`` (read_back's acknowledgement clause) is the tokens of ``Detector.sentences``;
- ``Detector.sentences(text, evasion=False)`` (the manager's stereo turns, a question's clauses) differs from the
  full reading in ``is_evasive`` only;
- ``split_glued``'s comma test and ``_split_acknowledged``'s comma place cut as the regexes do;
- ``any_cue``, ``Cue.matches`` and ``any_phrase`` in loops answer as before.
"""

from __future__ import annotations

from qa_desk.analysis import bant, detector_for
from qa_desk.analysis.patterns import Cue, Phrase, any_cue, any_phrase
from qa_desk.analysis.spoken import split_glued

TEXTS = (
    "Понял, 300 в год. А когда планируете запуск?",
    "Да потом, потом… Давайте попозже про это.",
    "Это надо будет согласовывать наверху, Андрей.",
    "Благодарю, подскажите, у вас свои машины есть",
    "Хорошо, а по срокам как, до осени успеете?",
    "Ну от 2-х до 3-х миллионов, шесть сот тысяч сверху, 40 8000 в квартал",
    "Это не ко мне вопрос, это к бухгалтеру.",
    "Ясно, сколько готовы в месяц",
    "А пекарня у вас своя или берёте у кого-то, и кто у вас решает по закупкам?",
    "",
    "…",
)


def test_words_of_is_the_tokens_of_the_sentences() -> None:
    detector = detector_for(bant())
    for text in TEXTS:
        assert detector.words_of(text) == [t for s in detector.sentences(text) for t in s.tokens]


def test_sentences_without_evasion_differ_in_the_dodge_only() -> None:
    detector = detector_for(bant())
    dodged = 0
    for text in TEXTS:
        full, bare = detector.sentences(text), detector.sentences(text, evasion=False)
        assert [(s.text, s.tokens, s.lemmas, s.is_question) for s in full] == [
            (s.text, s.tokens, s.lemmas, s.is_question) for s in bare]
        assert not any(s.is_evasive for s in bare)
        dodged += sum(s.is_evasive for s in full)
    assert dodged >= 2  # the put-off and the agreement pending above


def test_split_glued_cuts_as_before() -> None:
    assert split_glued("Благодарю, подскажите, у вас свои машины есть") == ["Благодарю.", "подскажите, у вас свои машины есть"]
    assert split_glued("Понял, 120-150 в месяц, а начать с нами когда могли бы") == [
        "Понял, 120-150 в месяц,", "а начать с нами когда могли бы"]
    assert split_glued("Сколько вы готовы выделить и кто у вас решает") == ["Сколько вы готовы выделить", "и кто у вас решает"]
    assert split_glued("Спасибо большое") == ["Спасибо большое"]
    assert split_glued("   ") == []


def test_cues_and_phrases_match_as_before() -> None:
    detector = detector_for(bant())
    budget = Cue.parse("сколько потратить|заплатить")
    for text in ("Сколько готовы заплатить?", "Сколько у вас машин?", "Платить будем потом"):
        lemmas = frozenset().union(*(s.lemmas for s in detector.sentences(text)))
        assert budget.matches(lemmas) == all(not slot.isdisjoint(lemmas) for slot in budget.slots)
        assert any_cue((Cue.parse("машина"), budget), lemmas) == next(
            (c for c in (Cue.parse("машина"), budget) if c.matches(lemmas)), None)
    phrase = Phrase.parse("не мочь сказать")
    tokens = [t for s in detector.sentences("Я не могу сейчас сказать, честно.") for t in s.tokens]
    assert any_phrase((Phrase.parse("надо считать"), phrase), tokens) is phrase
    assert Cue("empty", ()).matches(frozenset()) and any_cue((Cue("empty", ()),), frozenset()) is not None
