"""Lead verification's pure rules: contracts, qualifying answers, timing horizons, deciders, verdicts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from qa_desk.analysis import analyze_deal
from qa_desk.domain.transcript import RecordingTranscript, Segment
from qa_desk.evidence.mask import mask_pii
from qa_desk.leads import (
    CallInfo,
    CallState,
    ContractError,
    Decision,
    DecisionKind,
    FindingStatus,
    LeadStatus,
    RuleKind,
    check_lead,
    contract_hash,
    judge,
    load_contract,
    parse_contract,
    summarize,
)
from qa_desk.leads.authority import Decider, decider
from qa_desk.leads.horizon import horizon_months, period_months

MARCH = datetime(2026, 3, 5, 14, 0)


@pytest.fixture(scope="module")
def contract(leads_demo):  # noqa: ANN001, ANN201
    return load_contract(leads_demo / "contract.toml")


def _call(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(4.0 * i, 4.0 * i + 3, speaker, text, []) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript("call.mp3", 4.0 * len(turns), 2, segments)


QUALIFYING = (
    ("manager", "Скажите, вы планируете в этом году модернизацию оборудования?"),
    ("client", "Да, конечно, планируем."),
    ("manager", "Сколько денег вы готовы потратить на новое оборудование?"),
    ("client", "Мы готовы потратить пятьсот тысяч рублей."),
    ("manager", "Когда вы планируете покупку?"),
    ("client", "В следующем квартале."),
    ("manager", "Кто у вас принимает решение о покупке?"),
    ("client", "Решение принимаю я, я технический директор."),
)


def _verdict(contract, calls, recordings, decisions=()):  # noqa: ANN001, ANN202
    analysis = analyze_deal(recordings, contract.questions)
    return judge(check_lead(contract, analysis.questions, calls), calls, decisions)


def test_demo_contract_rules_and_hash(contract) -> None:  # noqa: ANN001
    kinds = {r.question_id: (r.kind, r.threshold, r.required) for r in contract.rules}
    assert kinds == {
        "upgrade": (RuleKind.YES, None, True),
        "budget": (RuleKind.MIN_AMOUNT, 300000.0, True),
        "timing": (RuleKind.WITHIN_MONTHS, 6.0, True),
        "authority": (RuleKind.DECISION_MAKER, None, True),
        "need": (RuleKind.PRESENT, None, False),
    }
    assert contract.sha256 == contract_hash(contract.text.replace("\n", "\r\n"))  # line ends do not matter
    budget = contract.questions.get("budget")
    assert budget is not None and budget.title == "Бюджет от 300 000 ₽" and budget.cues  # BANT cues borrowed
    assert [r.describe() for r in contract.rules][1:3] == ["не меньше 300 000 ₽", "в течение 6 месяцев"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[question]]\nid = "x"\nanswer = "money"\nask = ["сколько"]\nqualify = "yes"', "подходит только к ответу типа «yes_no»"),
        ('[[question]]\nid = "x"\nbant = "price"', "в BANT нет вопроса «price»"),
        ('[[question]]\nid = "budget"\nmin_amount = -1', "неотрицательным"),
        ('[[question]]\nid = "timing"\nwithin_months = 6\nqualify = "present"', "укажите одно условие"),
        ("name = 'x'", "нет ни одного вопроса"),
        ("[[question]\n", "ошибка синтаксиса TOML"),
    ],
)
def test_bad_contract_is_one_russian_line_naming_the_file(text: str, message: str) -> None:
    with pytest.raises(ContractError, match=message) as info:
        parse_contract(text, "договор.toml")
    assert str(info.value).startswith("договор.toml") and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("said", "months"),
    [
        ("в следующем квартале", 3.83), ("до конца года", 9.87), ("через два месяца", 2.0), ("срочно", 0.5),
        ("в течение полугода", 6.0), ("в следующем году", 21.87), ("летом", 5.87), ("в мае", 2.87),
        ("на следующей неделе", 0.5), ("после праздников", None),
    ],
)
def test_timing_words_become_months_from_the_call(said: str, months: float | None) -> None:
    assert period_months(said, date(2026, 3, 5)) == months


def test_engine_stated_period_wins_over_the_words() -> None:
    assert horizon_months({"text": "когда-нибудь", "max_months": 4}, None) == 4.0
    assert horizon_months({"text": "?", "end": "2026-06-30"}, date(2026, 3, 5)) == 3.83


@pytest.mark.parametrize(
    ("value", "quote", "who"),
    [
        ({"text": "технический директор"}, "Решение принимаю я, я технический директор.", Decider.SELF),
        ({"text": "я"}, "Решаю я сам.", Decider.SELF),
        ({"text": "директор"}, "Решение принимает директор, я ему всё передам.", Decider.OTHER),
        ({"text": "генеральный директор"}, "Генеральный директор.", Decider.OTHER),
        ({"text": "я", "self": False}, "Я.", Decider.OTHER),  # the engine's own reading wins
    ],
)
def test_decision_maker_from_the_answer(value: dict, quote: str, who: Decider) -> None:
    assert decider(value, quote) is who


def test_all_required_questions_passed_is_a_qualified_lead(contract) -> None:  # noqa: ANN001
    calls = [CallInfo(1, CallState.TRANSCRIBED, MARCH)]
    verdict = _verdict(contract, calls, [_call(*QUALIFYING)])
    assert verdict.status is LeadStatus.QUALIFIED, verdict.reason
    budget = next(j.finding for j in verdict.findings if j.finding.question_id == "budget")
    assert budget.value == {"amount": 500000, "currency": "RUB"} and budget.answer is not None
    assert budget.asked is not None and budget.asked.quote.startswith("Сколько денег")
    need = next(j for j in verdict.findings if j.finding.question_id == "need")
    assert need.status is FindingStatus.FAILED and not need.finding.required  # optional: does not count


def test_a_failed_question_names_itself_and_why(contract) -> None:  # noqa: ANN001
    turns = list(QUALIFYING)
    turns[3] = ("client", "Мы готовы потратить сто тысяч рублей.")
    verdict = _verdict(contract, [CallInfo(1, CallState.TRANSCRIBED, MARCH)], [_call(*turns)])
    assert verdict.status is LeadStatus.REJECTED
    assert verdict.failed_questions == ["budget"]
    assert verdict.reason == "«Бюджет от 300 000 ₽» — бюджет 100 000 ₽ — меньше 300 000 ₽"


def test_a_lost_call_makes_a_short_lead_disputed_not_rejected(contract) -> None:  # noqa: ANN001
    calls = [CallInfo(1, CallState.TRANSCRIBED, MARCH), CallInfo(2, CallState.FAILED, MARCH, "b.mp3: файл повреждён")]
    verdict = _verdict(contract, calls, [_call(*QUALIFYING[:2])])
    assert verdict.status is LeadStatus.DISPUTED
    assert verdict.reason.startswith("звонок 2 не распознан (b.mp3: файл повреждён); без него не выполнено")
    complete = _verdict(contract, calls, [_call(*QUALIFYING)])
    assert complete.status is LeadStatus.QUALIFIED and "звонок 2 не распознан" in complete.reason


def test_unplaceable_timing_is_disputed(contract) -> None:  # noqa: ANN001
    turns = list(QUALIFYING)
    turns[5] = ("client", "После праздников.")
    verdict = _verdict(contract, [CallInfo(1, CallState.TRANSCRIBED, MARCH)], [_call(*turns)])
    assert verdict.status is LeadStatus.DISPUTED
    assert "не удалось перевести в месяцы" in verdict.reason


def test_reviewer_decisions_apply_on_top_and_are_marked_when_stale(contract) -> None:  # noqa: ANN001
    calls = [CallInfo(1, CallState.TRANSCRIBED, MARCH)]
    turns = list(QUALIFYING)
    turns[5] = ("client", "После праздников.")
    analysis = analyze_deal([_call(*turns)], contract.questions)
    findings = check_lead(contract, analysis.questions, calls)
    passed = Decision("timing", DecisionKind.PASSED, FindingStatus.UNSURE, "май", "olga", "Ольга", datetime(2026, 3, 6))
    verdict = judge(findings, calls, [passed])
    assert verdict.status is LeadStatus.QUALIFIED
    timing = next(j for j in verdict.findings if j.finding.question_id == "timing")
    assert timing.finding.status is FindingStatus.UNSURE and timing.status is FindingStatus.PASSED and not timing.stale
    later = Decision("timing", DecisionKind.FAILED, FindingStatus.PASSED, "нет", "head", "Пётр", datetime(2026, 3, 7))
    overridden = judge(findings, calls, [later, passed])  # the latest decision applies, whatever the order given
    timing = next(j for j in overridden.findings if j.finding.question_id == "timing")
    assert overridden.status is LeadStatus.REJECTED and timing.stale
    assert "не засчитано проверяющим: нет" in overridden.reason


def test_summary_counts_and_failure_rates(contract) -> None:  # noqa: ANN001
    calls = [CallInfo(1, CallState.TRANSCRIBED, MARCH)]
    low = list(QUALIFYING)
    low[3] = ("client", "Мы готовы потратить сто тысяч рублей.")
    verdicts = [_verdict(contract, calls, [_call(*QUALIFYING)]), _verdict(contract, calls, [_call(*low)])]
    summary = summarize(verdicts)
    assert summary.total == 2 and summary.counts[LeadStatus.QUALIFIED] == 1 and summary.counts[LeadStatus.REJECTED] == 1
    budget = next(q for q in summary.questions if q.question_id == "budget")
    assert (budget.failed, budget.failure_rate) == (1, 0.5)


def test_masking_phones_and_emails_keeps_dates_and_amounts() -> None:
    text = "Тел. +7 900 000-02-01, 8 (912) 345-67-89, почта ivan.petrov@example.com; 05.03.2026 14:00; 300 000 ₽."
    assert mask_pii(text) == (
        "Тел. +7 *** ***-**-01, * (***) ***-**-89, почта i***@example.com; 05.03.2026 14:00; 300 000 ₽."
    )


def test_the_contract_is_also_a_plain_engine_question_set(contract) -> None:  # noqa: ANN001
    from qa_desk.analysis import parse_question_set
    from qa_desk.leads.contract import engine_toml

    assert parse_question_set(engine_toml(contract), "x").questions == contract.questions.questions


def test_the_contract_editor_keeps_a_bad_text_open(qtbot, contract) -> None:  # noqa: ANN001
    from qa_desk.ui.leads_contract import ContractDialog

    dialog = ContractDialog(contract.text)
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText(contract.text.replace("min_amount = 300000", "min_amount = -5"))
    dialog.accept()
    assert dialog.result() == 0 and "неотрицательным" in dialog.error.text()
    dialog.editor.setPlainText(contract.text)
    dialog.note.setText("без изменений")
    dialog.accept()
    assert dialog.result() == 1 and dialog.comment() == "без изменений"


def test_ranges_and_confidence_from_a_newer_engine_are_read(contract) -> None:  # noqa: ANN001
    from types import SimpleNamespace

    from qa_desk.leads.findings import evaluate

    rule = contract.rule("budget")
    answer = SimpleNamespace(recording=0, start=10.0, end=12.0, speaker="client", quote="от двухсот до четырёхсот тысяч",
                             value={"amount": 400000, "amount_min": 200000, "amount_max": 400000, "currency": "RUB"},
                             confidence=0.9)
    result = SimpleNamespace(asked_evidence=[], answer_evidence=[answer], evasions=[], primary_answer=answer)
    assert evaluate(rule, result, [None], 0.5).status is FindingStatus.UNSURE  # the range straddles the threshold
    answer.value = {"amount": 400000, "amount_min": 350000, "amount_max": 400000, "currency": "RUB"}
    assert evaluate(rule, result, [None], 0.5).status is FindingStatus.PASSED
    answer.confidence = 0.3
    finding = evaluate(rule, result, [None], 0.5)
    assert finding.status is FindingStatus.UNSURE and finding.confidence == 0.3 and "не уверен" in finding.reason
