"""Two reviewers, one deal, two real connections to PostgreSQL: one claim wins, the other reviewer
is told who has it, and nothing either wrote is lost or overwritten."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from conftest import services_for as S
from sqlalchemy import update

from qa_desk.domain.statuses import Status
from qa_desk.importing.service import import_manifest
from qa_desk.services.claims import TAKEOVER_DENIED, ClaimTaken
from qa_desk.storage.db import Database
from qa_desk.storage.models import utcnow
from qa_desk.storage.team_models import DealClaim


@pytest.fixture
def deal(pg_db: Database, tmp_path) -> Database:  # noqa: ANN001
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "deal_id,manager,status,refusal_reason,recording\nD-1,Иван Петров,conditional_refusal,маленький бюджет,x.mp3\n",
        encoding="utf-8",
    )
    import_manifest(pg_db, manifest)
    services = S(pg_db)
    services.users.sync()  # olga, head, admin and ivan.petrov
    boss = services.users.get("admin")
    S(pg_db, boss).accounts.add("anna", "Анна Проверкина", "qc")
    return pg_db


def test_two_reviewers_race_for_one_deal(deal: Database, pg_url: str) -> None:
    second = Database(pg_url, migrate=False)  # another workstation: its own engine and connections
    olga, anna = S(deal, "olga"), S(second, "anna")
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def start(name: str, services) -> None:  # noqa: ANN001
        barrier.wait()
        try:
            services.review.start("D-1")
            outcome[name] = "won"
        except ClaimTaken as exc:
            outcome[name] = str(exc)
        except Exception as exc:  # noqa: BLE001 - any other refusal is reported by the assert below
            outcome[name] = exc

    threads = [threading.Thread(target=start, args=a) for a in (("olga", olga), ("anna", anna))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winner = next(n for n, v in outcome.items() if v == "won")
    loser = "anna" if winner == "olga" else "olga"
    holder = {"olga": "Ольга", "anna": "Анна"}[winner]
    assert isinstance(outcome[loser], str) and f"Сделку уже проверяет {holder} с " in outcome[loser], outcome

    services = {"olga": olga, "anna": anna}
    services[winner].review.save_answer("D-1", "client_answer", "Бюджет есть")
    with pytest.raises(ClaimTaken, match=f"проверяет {holder}"):
        services[loser].review.save_answer("D-1", "client_answer", "Перезаписать чужое")
    state = services[winner].review.state("D-1")
    assert state.answers["client_answer"] == "Бюджет есть" and state.reviewer == winner
    assert S(deal, "olga").claims.live()[state.deal_id].label.startswith(f"проверяет {holder} с ")

    with pytest.raises(Exception, match=TAKEOVER_DENIED):
        services[loser].claims.take_over("D-1")
    head = S(deal, "head")
    head.claims.take_over("D-1", comment="Ольга в отпуске")
    with pytest.raises(ClaimTaken, match="проверяет Пётр"):
        services[winner].review.save_answer("D-1", "notes", "после передачи")
    trail = S(deal, "head").audit.trail("D-1")
    assert any(r.action == "claim_takeover" and r.actor == "head" for r in trail)
    head.review.save_answer("D-1", "reason_confirmed", "yes")
    assert head.review.state("D-1").answers == {"client_answer": "Бюджет есть", "reason_confirmed": "yes"}
    second.dispose()


def test_an_idle_claim_expires_and_a_verdict_frees_it(deal: Database) -> None:
    olga, anna = S(deal, "olga"), S(deal, "anna")
    olga.review.start("D-1")
    with pytest.raises(ClaimTaken):
        anna.review.start("D-1")
    idle = olga.claims.idle
    with deal.session() as s:  # Ольга left for lunch an hour ago
        s.execute(update(DealClaim).values(last_activity_at=utcnow() - idle - timedelta(minutes=1)))
    assert anna.claims.current("D-1") is None
    anna.review.start("D-1")
    anna.review.save_answer("D-1", "reason_confirmed", "yes")
    with pytest.raises(ClaimTaken, match="проверяет Анна"):
        olga.review.save_answer("D-1", "notes", "я вернулась")
    anna.review.apply_verdict("D-1", "refusal_confirmed")
    assert anna.review.state("D-1").status is Status.CLOSED_LOST
    assert anna.claims.live() == {}
