"""The batch lead check on the demo leads (real transcripts from the base model, real SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import services_for
from conftest_leads import CONTRACT_NAME, DEMO_LEADS, LEADS_DEMO
from openpyxl import load_workbook

from qa_desk.domain.access import AccessDenied
from qa_desk.leads import ContractError, DecisionKind, FindingStatus, LeadStatus
from qa_desk.services.errors import ServiceError

pytestmark = pytest.mark.slow

EXPECTED = {  # the demo leads as designed (resources/demo/leads/calls/*/*.toml)
    "L-201": LeadStatus.QUALIFIED,
    "L-202": LeadStatus.QUALIFIED,  # two calls: the budget and timing come in the second
    "L-203": LeadStatus.QUALIFIED,
    "L-204": LeadStatus.REJECTED,  # budget 100 000 ₽
    "L-205": LeadStatus.REJECTED,  # timing: next year
    "L-206": LeadStatus.REJECTED,  # no upgrade planned
    "L-207": LeadStatus.REJECTED,  # the director decides, not the contact
    "L-208": LeadStatus.REJECTED,  # the budget was never asked
    "L-209": LeadStatus.DISPUTED,  # its second call is a damaged file
    "L-210": LeadStatus.DISPUTED,  # «после праздников»: no period to place
}
FAILED = {"L-204": "budget", "L-205": "timing", "L-206": "upgrade", "L-207": "authority", "L-208": "budget"}


@pytest.fixture
def checked(lead_services):  # noqa: ANN001, ANN201
    contract = lead_services.leads.contract(CONTRACT_NAME)
    run = lead_services.leads.check(contract, DEMO_LEADS)
    return lead_services, contract, run


def test_batch_verdicts_on_the_demo_leads(checked) -> None:  # noqa: ANN001
    _services, contract, run = checked
    assert {r.external_id: r.status for r in run.rows} == EXPECTED
    rows = {r.external_id: r for r in run.rows}
    for lead, question in FAILED.items():
        title = contract.parsed.rule(question).title
        assert title in rows[lead].failed, (lead, rows[lead].reason)
    assert rows["L-209"].lost_calls == 1 and "звонок 2 не распознан" in rows["L-209"].reason
    assert rows["L-210"].reason.startswith("«Закупка в течение 6 месяцев» — срок")
    summary = run.summary
    assert summary.counts == {LeadStatus.QUALIFIED: 3, LeadStatus.REJECTED: 5, LeadStatus.DISPUTED: 2}
    budget = next(q for q in summary.questions if q.question_id == "budget")
    assert budget.failed >= 2 and 0 < budget.failure_rate < 1


def test_a_lead_shows_each_question_with_quotes_calls_and_seconds(checked) -> None:  # noqa: ANN001
    services, contract, _run = checked
    detail = services.leads.lead(contract, "L-202")
    assert [c.state.value for c in detail.calls] == ["transcribed", "transcribed"]
    budget = next(j.finding for j in detail.findings if j.finding.question_id == "budget")
    assert budget.status is FindingStatus.PASSED and budget.value["amount"] >= 300000
    assert budget.answer is not None and budget.answer.call == 1 and budget.answer.speaker == "client"
    assert 0 < budget.answer.start < detail.calls[1].duration_s
    assert detail.contract.sha256 == contract.sha256 and detail.engine_version


def test_check_is_resumable_and_a_new_contract_text_is_a_new_version(checked, tmp_path: Path) -> None:  # noqa: ANN001
    services, contract, run = checked
    assert len(run.checked) == 10
    again = services.leads.check(contract, DEMO_LEADS)
    assert again.checked == [] and len(again.skipped) == 10  # unchanged inputs: nothing redone
    text = (LEADS_DEMO / "contract.toml").read_text(encoding="utf-8").replace("min_amount = 300000", "min_amount = 50000")
    edited = tmp_path / "contract.toml"
    edited.write_text(text, encoding="utf-8")
    v2 = services.leads.register_file(edited, "порог бюджета снижен")
    assert (v2.version, v2.name) == (2, CONTRACT_NAME) and v2.sha256 != contract.sha256
    assert services.leads.register_file(edited).version == 2  # the same text: no new version
    rows = {r.external_id: r.status for r in services.leads.check(v2, DEMO_LEADS).rows}
    assert rows["L-204"] is LeadStatus.QUALIFIED  # 100 000 ₽ passes the lower threshold
    old = {r.external_id: r.status for r in services.leads.leads(contract)}
    assert old["L-204"] is LeadStatus.REJECTED  # the verdict under version 1 is kept as it was
    assert [v.version for v in services.leads.versions(CONTRACT_NAME)] == [1, 2]


def test_reviewer_override_is_authorised_audited_and_survives_a_recheck(checked, leads_db: str) -> None:  # noqa: ANN001
    services, contract, _run = checked
    with pytest.raises(ServiceError, match="комментарий"):
        services.leads.decide(contract, "L-210", "timing", DecisionKind.PASSED, "  ")
    with pytest.raises(ServiceError, match="нельзя просто подтвердить"):
        services.leads.decide(contract, "L-210", "timing", DecisionKind.CONFIRMED, "да")
    manager = services.as_user(services.users.get("anna.lidova"))
    with pytest.raises(AccessDenied, match="контроль качества или руководитель"):
        manager.leads.decide(contract, "L-210", "timing", DecisionKind.PASSED, "сам себе засчитал")
    detail = services.leads.decide(contract, "L-210", "timing", DecisionKind.PASSED, "Перезвонили: закупка в мае")
    assert detail.row.status is LeadStatus.QUALIFIED and detail.row.auto_status is LeadStatus.DISPUTED
    timing = next(j for j in detail.findings if j.finding.question_id == "timing")
    assert timing.finding.status is FindingStatus.UNSURE and timing.status is FindingStatus.PASSED
    assert (timing.decision.by_login, timing.decision.by_name) == ("olga", "Ольга Контролёрова")
    trail = services.audit.trail("L-210")
    entry = trail[-1]
    assert entry.action == "lead_decision" and entry.actor == "olga" and entry.comment == "Перезвонили: закупка в мае"
    assert "засчитано проверяющим" in entry.change
    services.leads.check(contract, ["L-210"], force=True)  # a new automatic check never undoes it
    assert services.leads.lead(contract, "L-210").row.status is LeadStatus.QUALIFIED
    head = services.as_user(services.users.get("head"))
    head.leads.decide(contract, "L-201", "budget", DecisionKind.CONFIRMED, "Сумму подтвердили по записи")
    assert head.leads.lead(contract, "L-201").row.status is LeadStatus.QUALIFIED


def test_a_failing_decision_write_leaves_nothing_behind(checked, monkeypatch) -> None:  # noqa: ANN001
    services, contract, _run = checked
    before = len(services.audit.trail("L-204"))
    from qa_desk.storage.audit import AuditRepository

    def broken(self, **_kwargs):  # noqa: ANN001, ANN202
        raise RuntimeError("диск переполнен")

    monkeypatch.setattr(AuditRepository, "add", broken)
    with pytest.raises(RuntimeError):
        services.leads.decide(contract, "L-204", "budget", DecisionKind.PASSED, "ошибка")
    monkeypatch.undo()
    assert services.leads.lead(contract, "L-204").history == ()  # the decision row was rolled back too
    assert len(services.audit.trail("L-204")) == before


def test_export_csv_and_xlsx(checked, tmp_path: Path) -> None:  # noqa: ANN001
    from qa_desk.leads.export import write_table

    services, contract, _run = checked
    rows = services.leads.leads(contract)
    headers = ["Лид", "Итог", *[t for t, _ in rows[0].answers]]
    table = [[r.external_id, r.status.label, *[a for _, a in r.answers]] for r in rows]
    write_table(tmp_path / "leads.xlsx", headers, table)
    write_table(tmp_path / "leads.csv", headers, table)
    sheet = load_workbook(tmp_path / "leads.xlsx").active
    assert [c.value for c in sheet[1]][:3] == ["Лид", "Итог", "Модернизация оборудования в этом году"]
    assert sheet.max_row == 11 and sheet["B5"].value == "не засчитан"
    with (tmp_path / "leads.csv").open(encoding="utf-8-sig") as f:
        lines = list(csv.reader(f, delimiter=";"))
    assert lines[1][:2] == ["L-201", "засчитан"] and len(lines) == 11
    with pytest.raises(ContractError, match="csv или .xlsx"):
        write_table(tmp_path / "leads.ods", headers, table)


@pytest.mark.postgres
def test_lead_tables_on_postgresql(pg_db) -> None:  # noqa: ANN001
    olga = services_for(pg_db, "olga")
    olga.imports.import_manifest(LEADS_DEMO / "manifest.csv")
    contract = olga.leads.register_file(LEADS_DEMO / "contract.toml")
    run = olga.leads.check(contract, ["L-209"])  # no transcripts here: every call counts as lost or pending
    assert run.rows[0].status is LeadStatus.DISPUTED
    detail = olga.leads.decide(contract, "L-209", "budget", DecisionKind.FAILED, "Бюджет не назван")
    assert detail.row.status is LeadStatus.REJECTED and detail.history[0].comment == "Бюджет не назван"
    pg_db.migrate("0003", downgrade=True)  # 0007 goes down and up again on PostgreSQL
    pg_db.migrate()
