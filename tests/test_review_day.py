"""The services behind a controller's working day: callbacks as QC's own records, calls nobody could
check, flags that follow the deal, answers in the history, the penalty within the company's rule,
the search preview. Real SQLite files, real imports, transcripts stored through the services."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import AUDIO
from conftest import services_for as S

from qa_desk.asr.options import TranscribeOptions
from qa_desk.domain.findings import UNCHECKED, UNSUPPORTED, short_cause
from qa_desk.domain.transcript import RecordingTranscript, Segment
from qa_desk.domain.verdict_preview import VerdictChoice
from qa_desk.domain.verdicts import Verdict
from qa_desk.importing.service import import_manifest
from qa_desk.services.callbacks import DuplicateRecordingError
from qa_desk.services.verdicts import MoneyError

NO_BUDGET = (
    ("manager", "Здравствуйте, вы оставляли заявку на чиллер."),
    ("client", "Да, нам нужно охлаждать линию экструзии."),
    ("manager", "Хорошо, пришлю предложение на почту."),
)


def call(path: str, *turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), speaker, text) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript(path, len(turns) * 5.0, 2, segments)


@pytest.fixture
def day_db(db, tmp_path: Path):  # noqa: ANN001, ANN201
    """One refusal (three calls, the middle one damaged) and one active deal, with a salary."""
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "deal_id,deal_title,product,manager,manager_salary,status,refusal_reason,recording,call_started_at\n"
        f"A-1,Чиллер,Промышленный чиллер,Иван Петров,85000,conditional_refusal,маленький бюджет,{AUDIO / 'stereo_short.mp3'},2026-03-01T10:00:00\n"
        f"A-1,Чиллер,Промышленный чиллер,Иван Петров,85000,conditional_refusal,маленький бюджет,{AUDIO / 'corrupt.mp3'},2026-03-02T10:00:00\n"
        f"A-1,Чиллер,Промышленный чиллер,Иван Петров,85000,conditional_refusal,маленький бюджет,{AUDIO / 'stereo_short.ogg'},2026-03-03T10:00:00\n"
        f"A-2,Стеллажи,Стеллажи,Мария Соколова,90000,active,,{AUDIO / 'mono_short.wav'},2026-03-04T10:00:00\n",
        encoding="utf-8",
    )
    import_manifest(db, manifest)
    S(db).users.sync()
    return db


def transcribe_all(db) -> None:  # noqa: ANN001
    """Store a transcript for every readable recording: a call that never mentions the budget."""
    transcription = S(db).transcription
    options = TranscribeOptions()
    for job in transcription.claim(options, retry_failed=False):
        transcription.store_result(job.recording_id, call(job.path, *NO_BUDGET), options)


def test_a_call_nobody_could_check_is_named_and_never_carries_the_flag(day_db) -> None:  # noqa: ANN001
    transcribe_all(day_db)
    services = S(day_db, "olga")
    deal_id = services.deals.card("A-1").deal_id
    analysis = services.analysis.analyze(deal_id)
    assert analysis is not None and not analysis.reason_unsupported
    [flag] = [f for f in analysis.flags if f["code"] in (UNSUPPORTED, UNCHECKED)]
    assert flag["code"] == UNCHECKED
    assert flag["message"].startswith("Не проверено: звонок 2 — файл повреждён")
    assert "причину отказа «маленький бюджет» нельзя ни подтвердить, ни опровергнуть" in flag["message"]
    assert not next(r for r in services.queue.rows() if r.external_id == "A-1").unsupported
    assert short_cause("broken.mp3: файл повреждён: ошибка при декодировании") == "файл повреждён"
    assert short_cause("процесс распознавания неожиданно завершился") == "процесс распознавания неожиданно завершился"


def test_the_callback_is_qcs_own_record(day_db) -> None:  # noqa: ANN001
    olga = S(day_db, "olga")
    olga.review.start("A-1")
    callback = olga.review.attach_callback("A-1", AUDIO / "silence.wav")
    transcribe_all(day_db)
    deal_id = olga.deals.card("A-1").deal_id
    workspace = olga.deals.open(deal_id)
    titles = [e.title for e in workspace.timeline]
    assert titles == ["Звонок 1", "Звонок 2", "Звонок 3", "Проверочный звонок КК"]  # numbered apart, shown last
    assert [e.recording_id for e in workspace.manager_calls] == [e.recording_id for e in workspace.timeline[:3]]
    analysis = olga.analysis.analyze(deal_id)
    assert callback not in analysis.recording_ids and len(analysis.recording_ids) == 2
    trail = olga.audit.trail("A-1")
    assert trail[-1].action_label == "Запись проверочного звонка" and "файл: silence.wav" in trail[-1].change


def test_a_copy_of_an_attached_call_is_refused(day_db) -> None:  # noqa: ANN001
    olga = S(day_db, "olga")
    olga.review.start("A-1")
    with pytest.raises(DuplicateRecordingError, match=r"stereo_short.mp3: эта запись уже есть в сделке A-1 как звонок 1"):
        olga.review.attach_callback("A-1", AUDIO / "stereo_short.mp3")
    with pytest.raises(DuplicateRecordingError, match="сделке A-2"):
        olga.review.attach_callback("A-1", AUDIO / "mono_short.wav")
    assert [e.action for e in olga.audit.trail("A-1")][-1] == "status"  # nothing attached, nothing audited


def test_no_stale_flag_after_the_verdict(day_db) -> None:  # noqa: ANN001
    olga = S(day_db, "olga")
    deal_id = olga.deals.card("A-2").deal_id
    S(day_db, "mariya.sokolova").statuses.request_refusal("A-2", "маленький бюджет")
    transcribe_all(day_db)
    assert olga.analysis.analyze(deal_id).reason_unsupported
    assert next(r for r in olga.queue.rows() if r.external_id == "A-2").unsupported
    olga.review.start("A-2")
    olga.review.save_answer("A-2", "reason_confirmed", "no")
    ivan = olga.managers.find("Иван Петров")
    olga.review.apply_verdict("A-2", Verdict.FALSE_REFUSAL, new_manager_id=ivan, violation="client_dropped")
    row = next(r for r in olga.queue.rows() if r.external_id == "A-2")
    assert (row.status, row.refusal_reason, row.unsupported) == ("active", "", False)


def test_answers_enter_the_history_when_the_step_is_left(day_db) -> None:  # noqa: ANN001
    olga = S(day_db, "olga")
    olga.review.start("A-1")
    for text in ("Нет", "Нет, бюджет", "Нет, бюджет есть"):  # typing: drafts saved, not yet history
        olga.review.save_answer("A-1", "client_answer", text)
    assert [e.action for e in olga.audit.trail("A-1")][-1] == "status"
    olga.review.set_step("A-1", 1)
    olga.review.set_step("A-1", 2)  # nothing changed meanwhile: no second entry
    olga.review.save_answer("A-1", "real_reason", "не сейчас")
    olga.review.set_step("A-1", 1)
    answers = [e for e in olga.audit.trail("A-1") if e.action == "answers"]
    assert [a.change for a in answers] == [
        "Что ответил клиент: «Нет, бюджет есть»",
        "Настоящая причина (если другая): «не сейчас»",
    ]
    assert answers[0].actor_name == "Ольга Контролёрова"


def test_required_answers_and_the_raised_penalty(day_db) -> None:  # noqa: ANN001
    olga = S(day_db, "olga")
    olga.review.start("A-1")
    assert [f.label for f in olga.review.missing("A-1")] == ["Клиент подтвердил причину отказа"]
    olga.review.save_answer("A-1", "reason_confirmed", "no")
    assert olga.review.missing("A-1") == []
    maria = olga.managers.find("Мария Соколова")
    choice = {"new_manager_id": maria, "violation": "client_dropped"}
    preview = olga.review.preview_verdict
    assert preview("A-1", VerdictChoice(Verdict.FALSE_REFUSAL, **choice)).penalty.amount == Decimal("850.00")
    raised = preview("A-1", VerdictChoice(Verdict.FALSE_REFUSAL, penalty_percent="2,5", **choice))
    assert raised.penalty.amount == Decimal("2125.00") and raised.plan is not None
    with pytest.raises(MoneyError, match="меньше минимального по правилам компании"):
        preview("A-1", VerdictChoice(Verdict.FALSE_REFUSAL, penalty_percent="0.5", **choice))
    plan = olga.review.apply_verdict("A-1", Verdict.FALSE_REFUSAL, penalty_percent="2,5", **choice)
    assert plan.violation is not None and plan.violation.penalty == Decimal("2125.00")
    violation = next(e for e in olga.audit.trail("A-1") if e.action == "violation")
    assert "правило: 2,5\u00a0% оклада" in violation.change


def test_search_preview_shows_the_talk_around_a_hit(day_db) -> None:  # noqa: ANN001
    transcribe_all(day_db)
    search = S(day_db, "olga").search
    [hit, *_] = search.search("экструзии")
    preview = search.preview(hit)
    assert preview is not None and preview.card.external_id == hit.deal_external_id
    assert preview.turns[preview.hit].text == hit.quote and len(preview.turns) == 3
    assert preview.call is not None and preview.call.title.startswith("Звонок")
