"""Re-import never undoes QC's work: the CRM policy on real databases, driven through the CLI."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DEMO
from sqlalchemy import func, select

from qa_desk.cli import main
from qa_desk.domain import crm_policy as policy
from qa_desk.domain.crm_policy import HistoryEntry
from qa_desk.storage import repositories as repo
from qa_desk.storage.db import Database
from qa_desk.storage.models import AuditEntry, ImportRun, PenaltyEntry

Cli = Callable[..., tuple[int, str, str]]


def test_policy_owns_fields_by_what_people_did() -> None:
    imported = [HistoryEntry(policy.IMPORT_CREATED, None, {"status": "active"})]
    assert policy.owned_by_workflow(imported) == frozenset()
    refused = [*imported, HistoryEntry("status", {"status": "active", "manager_id": 1}, {"status": "conditional_refusal", "manager_id": 1})]
    assert policy.owned_by_workflow(refused) == {"status", "refusal_reason", "refusal_comment"}
    reassigned = [*imported, HistoryEntry("reassign", {"manager_id": 1}, {"manager_id": 2})]
    assert "manager" in policy.owned_by_workflow(reassigned)
    plan = policy.merge(
        {"status": "active", "manager": "Мария", "amount": Decimal("10.00"), "title": "A"},
        {"status": "conditional_refusal", "manager": "Иван", "amount": Decimal("10"), "title": "B", "product": None},
        policy.owned_by_workflow(reassigned),
    )
    assert plan.changes == {"title": ("A", "B")}
    assert plan.conflicts == {"status": ("active", "conditional_refusal"), "manager": ("Мария", "Иван")}
    assert policy.describe(plan.conflicts, conflict=True).startswith("статус: в CRM «Условный отказ», оставлено «В работе»")


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    """The demo export with absolute recording paths, so that a test can edit a copy."""
    text = (DEMO / "manifest.csv").read_text(encoding="utf-8").replace(",calls/", f",{DEMO / 'calls'}/")
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def edited(manifest: Path, deal_id: str, **changes: str) -> Path:
    """A copy of the export where every row of ``deal_id`` says something else."""
    rows = list(csv.DictReader(io.StringIO(manifest.read_text(encoding="utf-8"))))
    for row in rows:
        if row["deal_id"] == deal_id:
            row.update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path = manifest.with_name(f"edited-{deal_id}.csv")
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def cli(db: Database, manifest: Path, capsys, monkeypatch) -> Cli:
    monkeypatch.delenv("QA_DESK_USER", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", db.url, *argv])
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        return code, out.out, out.err

    assert run("import", str(manifest))[0] == 0
    return run


def _audit(db: Database, deal_id: str, action: str) -> list[AuditEntry]:
    with db.session() as s:
        deal = repo.get_deal(s, deal_id)
        return list(s.scalars(select(AuditEntry).where(AuditEntry.deal_id == deal.id, AuditEntry.action == action)))


def _card(db: Database, deal_id: str) -> tuple[str, str | None, str | None, Decimal | None]:
    with db.session() as s:
        deal = repo.get_deal(s, deal_id)
        return deal.status, deal.manager.name if deal.manager else None, deal.refusal_reason, deal.amount


def _false_refusal(cli: Cli) -> None:
    assert cli("deal", "review", "D-1001", "--as", "olga")[0] == 0
    assert cli("deal", "answer", "D-1001", "reason_confirmed", "no", "--as", "olga")[0] == 0
    code, _, err = cli(
        "deal", "verdict", "D-1001", "--false-refusal", "--new-manager", "Мария Соколова",
        "--violation", "falsified_reason", "--as", "olga",
    )  # fmt: skip
    assert code == 0, err


def test_false_refusal_verdict_survives_reimport(cli: Cli, db: Database, manifest: Path) -> None:
    """The issue's case: a restart gave D-1001 back to the penalised manager with its reason."""
    _false_refusal(cli)
    with db.session() as s:
        penalties = s.scalar(select(func.count()).select_from(PenaltyEntry))
    code, _, err = cli("import", str(manifest))
    assert code == 0
    assert _card(db, "D-1001")[:3] == ("active", "Мария Соколова", None)
    conflict_lines = [line for line in err.splitlines() if "D-1001" in line]
    assert len(conflict_lines) == 1 and conflict_lines[0].startswith("Конфликт с CRM, оставлено решение QC:")
    assert "менеджер: в CRM «Иван Петров», оставлено «Мария Соколова»" in conflict_lines[0]
    [conflict] = _audit(db, "D-1001", policy.IMPORT_CONFLICT)
    assert conflict.actor == policy.IMPORT_ACTOR
    assert conflict.after == {
        "crm": {"status": "conditional_refusal", "manager": "Иван Петров", "refusal_reason": "маленький бюджет"},
        "kept": {"status": "active", "manager": "Мария Соколова", "refusal_reason": None},
    }
    assert _audit(db, "D-1001", policy.IMPORT_UPDATED) == []
    # The same file again: reported again, but the history does not fill with the same conflict.
    code, _, err = cli("import", str(manifest))
    assert code == 0 and "D-1001" in err
    assert len(_audit(db, "D-1001", policy.IMPORT_CONFLICT)) == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PenaltyEntry)) == penalties
    code, out, _ = cli("deal", "show", "D-1001", "--as", "olga")
    assert "Статус: В работе; менеджер: Мария Соколова" in out


def test_reassigned_deal_keeps_its_new_manager(cli: Cli, db: Database, manifest: Path) -> None:
    code, _, err = cli("deal", "reassign", "D-1003", "--new-manager", "Мария Соколова", "--as", "head")
    assert code == 0, err
    assert cli("import", str(manifest))[0] == 0
    assert _card(db, "D-1003")[:2] == ("active", "Мария Соколова")
    [conflict] = _audit(db, "D-1003", policy.IMPORT_CONFLICT)
    assert conflict.after["crm"] == {"manager": "Алексей Смирнов"}


def test_closed_deal_keeps_qc_fields_and_audits_card_changes(cli: Cli, db: Database, manifest: Path) -> None:
    assert cli("deal", "review", "D-1002", "--as", "olga")[0] == 0
    assert cli("deal", "answer", "D-1002", "reason_confirmed", "yes", "--as", "olga")[0] == 0
    assert cli("deal", "verdict", "D-1002", "--confirmed", "--as", "olga")[0] == 0
    changed = edited(manifest, "D-1002", amount="600000", manager="Иван Петров", status="active")
    code, _, err = cli("import", str(changed))
    assert code == 0, err
    status, manager, _reason, amount = _card(db, "D-1002")
    assert (status, manager, amount) == ("closed_lost", "Мария Соколова", Decimal("600000.00"))
    [update] = _audit(db, "D-1002", policy.IMPORT_UPDATED)
    assert update.before == {"amount": "550000.00"} and update.after == {"amount": "600000.00"}
    [conflict] = _audit(db, "D-1002", policy.IMPORT_CONFLICT)
    assert conflict.after["crm"] == {"status": "active", "manager": "Иван Петров"}
    assert "Обновлено из CRM: сделка D-1002" in err and "сумма: 550\u00a0000 → 600\u00a0000" in err


def test_manager_refusal_in_the_app_is_kept(cli: Cli, db: Database, manifest: Path) -> None:
    code, _, err = cli("deal", "refuse", "D-1003", "--reason", "маленький бюджет", "--as", "alexey.smirnov")
    assert code == 0, err
    assert cli("import", str(manifest))[0] == 0
    assert _card(db, "D-1003")[:3] == ("conditional_refusal", "Алексей Смирнов", "маленький бюджет")
    assert len(_audit(db, "D-1003", policy.IMPORT_CONFLICT)) == 1


def test_untouched_deal_follows_the_crm_and_every_change_is_audited(cli: Cli, db: Database, manifest: Path) -> None:
    changed = edited(
        manifest, "D-1003", status="conditional_refusal", refusal_reason="выбрали конкурента",
        manager="Иван Петров", product="Стеллажи паллетные",
    )  # fmt: skip
    code, _, err = cli("import", str(changed))
    assert code == 0, err
    assert _card(db, "D-1003")[:3] == ("conditional_refusal", "Иван Петров", "выбрали конкурента")
    [update] = _audit(db, "D-1003", policy.IMPORT_UPDATED)
    assert update.before == {
        "product": "Складские стеллажи", "status": "active", "manager": "Алексей Смирнов", "refusal_reason": None,
    }  # fmt: skip
    assert update.after["manager"] == "Иван Петров" and update.after["status"] == "conditional_refusal"
    assert _audit(db, "D-1003", policy.IMPORT_CONFLICT) == []


def test_demo_start_imports_its_export_once(db_url: str, capsys, monkeypatch) -> None:
    monkeypatch.setenv("QA_DESK_COMPANY", "ТехноСнаб")  # the demo sets it for its workers: undone after this test
    assert main(["--db", db_url, "demo", "--no-gui"]) == 0
    assert "Сделок: новых 6" in capsys.readouterr().err
    code = main(["--db", db_url, "deal", "reassign", "D-1003", "--new-manager", "Мария Соколова", "--as", "head"])
    assert code == 0
    assert main(["--db", db_url, "demo", "--no-gui"]) == 0
    assert "уже импортирована" in capsys.readouterr().err
    database = Database(db_url)
    try:
        assert _card(database, "D-1003")[1] == "Мария Соколова"
        with database.session() as s:
            runs = s.scalars(select(ImportRun)).all()
            assert [(r.state, r.rows_total, r.rows_failed) for r in runs] == [("done", 14, 0)]
    finally:
        database.dispose()


@pytest.mark.postgres
def test_policy_and_text_limits_on_postgres(pg_db: Database, manifest: Path, capsys) -> None:
    """The same rules on PostgreSQL, where an over-long value would be an error, not a surprise."""

    def run(*argv: str) -> int:
        return main(["--db", pg_db.url, *argv])

    assert run("import", str(manifest)) == 0
    assert run("deal", "reassign", "D-1003", "--new-manager", "Мария Соколова", "--as", "head") == 0
    changed = edited(manifest, "D-1003", deal_title="Т" * 400, client_company="ООО «Новый»")
    capsys.readouterr()
    assert run("import", str(changed)) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "название: длиннее 300 символов" in err
    assert _card(pg_db, "D-1003")[1] == "Мария Соколова"
    with pg_db.session() as s:
        assert repo.get_deal(s, "D-1003").client_company == "ООО «Новый»"
    assert [e.after["crm"] for e in _audit(pg_db, "D-1003", policy.IMPORT_CONFLICT)] == [{"manager": "Алексей Смирнов"}]
