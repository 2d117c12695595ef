"""The form of the manager's question (round 11): confirmation frames read by the clause's predicate,
a topic stated outside the interrogative (anaphora.py), need asked as a guess at the client's situation."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_desk.analysis.anaphora import anaphor, requests_value, resolved
from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import QuestionSet, bant, load_question_set
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _asked(text: str) -> list[str]:
    detector = detector_for(bant())
    return sorted({cq.question.id for cq, _s, _c in detector.asked_scored(detector.sentences(text))})


def _deal(questions: QuestionSet, *turns: str) -> tuple[list[str], list[str]]:
    segments = [Segment(5.0 * i, 5.0 * i + 4, "manager" if i % 2 == 0 else "client", text)
                for i, text in enumerate(turns)]
    analysis = analyze_deal([RecordingTranscript("t", 5.0 * len(turns), 2, segments)], questions)
    return ([q.id for q in analysis.questions if q.asked], [q.id for q in analysis.questions if q.answered])


@pytest.fixture(scope="module")
def credit(tmp_path_factory: pytest.TempPathFactory) -> QuestionSet:
    path: Path = tmp_path_factory.mktemp("sets") / "credit.toml"
    path.write_text('''
[[question]]
id = "turnover"
title = "Годовой оборот предприятия"
ask = ["какой у вашего предприятия годовой оборот"]
answer = "money"

[[question]]
id = "lease_until"
title = "Срок окончания договора аренды склада"
ask = ["до какого числа действует договор аренды склада"]
answer = "timing"
''', encoding="utf-8")
    return load_question_set(path)


def _tokens(text: str) -> list:
    return list(Lexicon(()).tokens(text))


@pytest.mark.parametrize(("text", "asked"), [
    # a confirmation frame asks its clause's predicate: his situation, whatever nouns stand around it
    ("Правильно ли я понимаю, что у вас накладные печатаются на каждый склад отдельно, в разные даты?", ["need"]),
    ("Правильно ли я понимаю, что вы подбираете подрядчика для зарплатной ведомости?", ["need"]),
    # ... unless the clause asks a topic itself: the date that is its subject
    ("Я так понимаю, дата запуска у вас уже есть?", ["timing"]),
    # a guess at how his thing is, with no verb and no "у вас"
    ("И, наверно, проводка уже, ну, под замену, изношенная?", ["need"]),
    # someone serves him under a contract: the contract is a circumstance of his situation
    ("У вас, наверно, уже кто-то вывозит по договору, раз в неделю машина приезжает?", ["need"]),
    # a complaint asked with the verb of the noun
    ("Повара жалуются на что-нибудь?", ["need"]),
])
def test_question_form(text: str, asked: list[str]) -> None:
    assert _asked(text) == asked


def test_purpose_clause_is_a_circumstance() -> None:
    # "бюджет" in what the paper is for asks no budget
    assert "budget" not in _asked("Правильно ли я понимаю, что до декабря вам нужна от нас смета, чтобы заложить её в бюджет?")


def test_guess_about_a_person_is_no_situation() -> None:
    assert _asked("Наверное, директор сейчас в командировке?") == []


def test_request_statement() -> None:
    assert requests_value(_tokens("И для расчёта нужен годовой оборот, хотя бы примерно."))
    assert not requests_value(_tokens("Для расчёта оборот не нужен."))
    assert not requests_value(_tokens("Нам для расчёта нужна неделя."))
    assert not requests_value(_tokens("Кресла нужны к маю, я понял."))  # his need read back, for no procedure of ours
    assert not requests_value(_tokens("Для договора вам понадобится паспорт."))


def test_anaphor_and_its_antecedent() -> None:
    question = _tokens("А до какого числа он у вас?")
    assert anaphor(question) is not None
    assert anaphor(_tokens("Его договор у вас?")) is None  # a possessive before its noun
    assert anaphor(_tokens("Вы ему передадите?")) is None  # a recipient: a person
    before = [_tokens("То есть договор аренды склада у вас действует?"), _tokens("Действует, с арендодателем Петровым.")]
    readings = [" ".join(t.text for t in tokens) for tokens, _phrase in resolved(question, before)]
    assert any("договор" in r for r in readings)
    # the noun in the sentence itself: nothing to resolve outside it
    assert resolved(_tokens("Пришлите смету, чтобы внести её в план?"), before) == []


def test_request_then_pronoun_question(credit: QuestionSet) -> None:
    asked, answered = _deal(credit, "Для заявки также понадобится годовой оборот предприятия. Его вы могли бы назвать?",
                            "Где-то восемьдесят миллионов за прошлый год.")
    assert "turnover" in asked and "turnover" in answered


def test_closing_request_statement(credit: QuestionSet) -> None:
    asked, answered = _deal(credit, "Хорошо. И для заявки нужен годовой оборот, хотя бы примерно.",
                            "Миллионов девяносто, наверное.")
    assert "turnover" in asked and "turnover" in answered


def test_pronoun_for_the_previous_turns_noun(credit: QuestionSet) -> None:
    asked, answered = _deal(credit, "То есть договор аренды склада у вас действует?", "Действует, второй год.",
                            "А до какого числа он у вас?", "До конца октября.")
    assert "lease_until" in asked and "lease_until" in answered
