"""The authorisation matrix on a team database: every role against every read and write action,
through the same services the window and the command line use. A refusal is one Russian line and
changes nothing; an allowed action does what it says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import AUDIO
from conftest import services_for as S

from qa_desk.domain.statuses import Status
from qa_desk.importing.service import import_manifest
from qa_desk.services.errors import USER_ERRORS
from qa_desk.storage.db import Database

# Who acts: the deal's own manager, another manager, QC, the head of sales, the administrator, and a
# QC login held by the deals' own manager (the same person: must never review his own deals).
ROLES = ("own_manager", "other_manager", "qc", "head", "admin", "qc_same_person")
LOGINS = {
    "own_manager": "ivan.petrov",
    "other_manager": "maria.sokolova",
    "qc": "olga",
    "head": "head",
    "admin": "admin",
    "qc_same_person": "ivan.qc",
}
MANIFEST = """deal_id,manager,manager_email,manager_salary,status,refusal_reason,recording
R-1,Иван Петров,ivan.petrov@example.com,85000,conditional_refusal,маленький бюджет,none1.mp3
R-2,Иван Петров,ivan.petrov@example.com,85000,conditional_refusal,маленький бюджет,none2.mp3
R-3,Иван Петров,ivan.petrov@example.com,85000,conditional_refusal,маленький бюджет,none3.mp3
A-1,Иван Петров,ivan.petrov@example.com,85000,active,,none4.mp3
A-2,Иван Петров,ivan.petrov@example.com,85000,active,,none5.mp3
A-3,Иван Петров,ivan.petrov@example.com,85000,active,,none6.mp3
M-1,Мария Соколова,maria.sokolova@example.com,70000,active,,none7.mp3
"""


@pytest.fixture(scope="module")
def team(pg_fresh: Callable[[], str], tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = Database(pg_fresh())
    folder = tmp_path_factory.mktemp("matrix")
    (folder / "m.csv").write_text(MANIFEST, encoding="utf-8")
    import_manifest(db, folder / "m.csv")
    S(db).users.sync()
    S(db, "admin").accounts.add("ivan.qc", "Иван Петров", "qc", same_person_as="ivan.petrov")
    S(db, "olga").review.start("R-3")  # a review held by QC, for the take-over
    users = {role: S(db).users.get(login) for role, login in LOGINS.items()}
    yield db, users
    db.dispose()


def _as(team: Any, role: str) -> Any:
    db, users = team
    return S(db, users[role])


def _ivan(services: Any) -> int:
    return services.managers.find("Иван Петров")


def _maria(services: Any) -> int:
    return services.managers.find("Мария Соколова")


# --- reads --------------------------------------------------------------------------------------
READS: dict[str, tuple[Callable[[Any], object], set[str]]] = {
    "queue": (lambda s: s.queue.rows(), set(ROLES)),
    "open deal": (lambda s: s.deals.open(s.deals.card("R-1").deal_id), set(ROLES)),
    "deal history": (lambda s: s.audit.trail("R-1"), set(ROLES)),
    "supervisor figures": (lambda s: s.supervisor.report(), {"qc", "head", "admin", "qc_same_person"}),
    "salary of Иван": (
        lambda s: s.managers.get(_ivan(s)).pay_visible or (_ for _ in ()).throw(PermissionError("скрыто")),
        {"own_manager", "qc", "head", "admin", "qc_same_person"},
    ),
    "logins": (lambda s: s.accounts.all(), {"admin"}),
    "tokens": (lambda s: s.accounts.tokens(), {"admin"}),
}


@pytest.mark.parametrize("action", list(READS))
def test_reads(team: Any, action: str) -> None:
    read, allowed = READS[action]
    result = {role: _attempt(lambda role=role: read(_as(team, role))) for role in ROLES}
    assert {r for r, ok in result.items() if ok is True} == allowed, result


# --- writes -------------------------------------------------------------------------------------
# Each write is tried by every role on the same target; refusals come first (they change nothing),
# then each allowed role acts on a target of its own, so one success cannot hide another's refusal.
WRITES: dict[str, tuple[Callable[[Any, str], object], dict[str, str]]] = {
    # name: (action(services, target), {allowed role: its own target}); the first target is for refusals
    "request refusal": (
        lambda s, d: s.statuses.request_refusal(d, "маленький бюджет"), {"own_manager": "A-1"}),
    "mark won": (lambda s, d: s.statuses.change(d, Status.WON), {"own_manager": "A-2", "head": "A-3"}),
    "start review": (lambda s, d: s.review.start(d), {"qc": "R-1", "head": "R-2"}),
    "answer in the script": (
        lambda s, d: s.review.save_answer(d, "client_answer", "Бюджет есть"), {"qc": "R-1", "head": "R-2"}),
    "attach callback": (
        lambda s, d: s.review.attach_callback(d, AUDIO / CALLBACKS.get(d, "mono_short.wav")), {"qc": "R-1", "head": "R-2"}),
    "take a review over": (lambda s, d: s.claims.take_over(d), {"head": "R-3"}),
    "verdict": (lambda s, d: _verdict(s, d), {"qc": "R-1"}),
    "reassign": (lambda s, d: s.statuses.reassign(d, _ivan(s)), {"head": "M-1"}),
    "set pay": (lambda s, d: s.managers.set_pay(_maria(s), salary="71000"), {"head": "-", "admin": "-"}),
    "add login": (lambda s, d: s.accounts.add(d, "Новый Сотрудник", "qc", new_person=True), {"admin": "new.one"}),
    "set role": (lambda s, d: s.accounts.set_role("maria.sokolova", "manager"), {"admin": "-"}),
    "reset password": (lambda s, d: s.accounts.reset_password("olga", "olga-new-password"), {"admin": "-"}),
    "disable login": (lambda s, d: s.accounts.set_active("new.one", False), {"admin": "-"}),
    "issue token": (lambda s, d: s.accounts.issue_token("olga"), {"admin": "-"}),
}
CALLBACKS = {"R-1": "mono_short.wav", "R-2": "stereo_short.ogg"}  # a copy of an attached call is refused
REFUSAL_TARGET = {"start review": "R-3", "answer in the script": "R-1", "attach callback": "R-2", "mark won": "A-3",
                  "request refusal": "A-1", "take a review over": "R-3", "verdict": "R-1", "reassign": "M-1",
                  "add login": "new.two"}


def _verdict(services: Any, deal: str) -> object:
    services.review.save_answer(deal, "reason_confirmed", "yes")
    return services.review.apply_verdict(deal, "refusal_confirmed")


def _attempt(call: Callable[[], object]) -> bool | str:
    try:
        call()
    except (*USER_ERRORS, PermissionError) as exc:
        text = str(exc.args[0] if isinstance(exc, KeyError) else exc)
        assert text and "\n" not in text and "Traceback" not in text
        return text
    return True


def test_writes(team: Any) -> None:
    denied_as_expected: dict[str, dict[str, bool | str]] = {}
    for action, (write, allowed) in WRITES.items():
        refusal_target = REFUSAL_TARGET.get(action, "-")
        outcome = {
            role: _attempt(lambda role=role, write=write, t=refusal_target: write(_as(team, role), t))
            for role in ROLES
            if role not in allowed
        }
        denied_as_expected[action] = outcome
        assert all(result is not True for result in outcome.values()), (action, outcome)
        for role, target in allowed.items():
            result = _attempt(lambda role=role, target=target, write=write: write(_as(team, role), target))
            assert result is True, (action, role, result)
    # a few refusals that must say exactly why
    assert "собственной сделке" in str(denied_as_expected["start review"]["qc_same_person"])
    assert "только её менеджер" in str(denied_as_expected["request refusal"]["qc"])
    assert "только администратор" in str(denied_as_expected["add login"]["head"])
    assert "руководитель отдела продаж" in str(denied_as_expected["take a review over"]["qc"])


def test_refusals_leave_no_trace(team: Any, tmp_path: Path) -> None:
    db, _ = team
    before = S(db, "admin").audit.trail("M-1")
    for role in ("own_manager", "qc", "admin"):
        assert _attempt(lambda role=role: _as(team, role).statuses.reassign("M-1", _ivan(_as(team, role)))) is not True
    assert S(db, "admin").audit.trail("M-1") == before
