"""Two reviewers, one deal, two real connections to PostgreSQL: one claim (the open review) wins,
the other reviewer gets core2's conflict naming who has it, and nothing either wrote is lost."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from conftest import services_for as S
from sqlalchemy import text, update

from qa_desk.domain.conflicts import Conflict, ConflictError
from qa_desk.domain.statuses import Status
from qa_desk.importing.service import import_manifest
from qa_desk.services.claims import TAKEOVER_DENIED
from qa_desk.storage.db import Database
from qa_desk.storage.models import ReviewSession, utcnow

RACES = 8  # deals raced for: a lost race must show up, not pass by luck


@pytest.fixture
def deal(pg_db: Database, tmp_path) -> Database:  # noqa: ANN001
    manifest = tmp_path / "m.csv"
    rows = "".join(f"D-{n},Иван Петров,conditional_refusal,маленький бюджет,x{n}.mp3\n" for n in range(1, RACES + 1))
    manifest.write_text("deal_id,manager,status,refusal_reason,recording\n" + rows, encoding="utf-8")
    import_manifest(pg_db, manifest)
    services = S(pg_db)
    services.users.sync()  # olga, head, admin and ivan.petrov
    boss = services.users.get("admin")
    S(pg_db, boss).accounts.add("anna", "Анна Проверкина", "qc")
    return pg_db


def _race(olga, anna, deal_ref: str) -> tuple[str, str]:  # noqa: ANN001
    """Both start the review of one deal at the same moment: (winner, what the loser was told)."""
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def start(name: str, services) -> None:  # noqa: ANN001
        barrier.wait()
        try:
            services.review.start(deal_ref)
            outcome[name] = "won"
        except ConflictError as exc:
            outcome[name] = f"{exc.kind}: {exc}"
        except Exception as exc:  # noqa: BLE001 - any other refusal is reported by the assert
            outcome[name] = exc

    threads = [threading.Thread(target=start, args=a) for a in (("olga", olga), ("anna", anna))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [n for n, v in outcome.items() if v == "won"]
    assert len(winners) == 1, outcome
    return winners[0], str(outcome["anna" if winners[0] == "olga" else "olga"])


def test_two_reviewers_race_for_one_deal(deal: Database, pg_url: str) -> None:
    second = Database(pg_url, migrate=False)  # another workstation: its own engine and connections
    olga, anna = S(deal, "olga"), S(second, "anna")
    for n in range(RACES, 0, -1):  # D-1 last: the rest of the test goes on with it
        winner, message = _race(olga, anna, f"D-{n}")
        loser = "anna" if winner == "olga" else "olga"
        holder = {"olga": "Ольга Контролёрова", "anna": "Анна Проверкина"}[winner]
        assert message.startswith(f"{Conflict.REVIEWING}: Сделку D-{n} уже проверяет {holder} с "), (n, winner, message)
        with deal.session() as s:
            reviews = s.execute(text("SELECT r.reviewer FROM review_session r JOIN deal d ON d.id = r.deal_id WHERE d.external_id = :d"), {"d": f"D-{n}"}).scalars().all()
            moves = s.execute(text("SELECT count(*) FROM audit_log a JOIN deal d ON d.id = a.deal_id WHERE d.external_id = :d AND a.action = 'status'"), {"d": f"D-{n}"}).scalar()
        assert reviews == [winner] and moves == 1, (n, reviews, moves)  # one review, one move into it

    services = {"olga": olga, "anna": anna}
    services[winner].review.save_answer("D-1", "client_answer", "Бюджет есть")
    with pytest.raises(ConflictError, match=f"уже проверяет {holder} с "):
        services[loser].review.save_answer("D-1", "client_answer", "Перезаписать чужое")
    assert f"Сделку D-1 уже проверяет {holder} с " in str(services[loser].review.can_review("D-1").reason)
    state = services[winner].review.state("D-1")
    assert state.answers["client_answer"] == "Бюджет есть" and state.reviewer == winner
    assert S(deal, "olga").claims.live()[state.deal_id].label.startswith(f"проверяет {holder} с ")

    with pytest.raises(Exception, match=TAKEOVER_DENIED):
        services[loser].claims.take_over("D-1")
    head = S(deal, "head")
    head.claims.take_over("D-1", comment="Ольга в отпуске")
    with pytest.raises(ConflictError, match="уже проверяет Пётр"):
        services[winner].review.save_answer("D-1", "notes", "после передачи")
    trail = S(deal, "head").audit.trail("D-1")
    assert any(r.action == "claim_takeover" and r.actor == "head" for r in trail)
    head.review.save_answer("D-1", "reason_confirmed", "yes")
    assert head.review.state("D-1").answers == {"client_answer": "Бюджет есть", "reason_confirmed": "yes"}
    second.dispose()


def test_an_idle_claim_expires_and_a_verdict_frees_it(deal: Database) -> None:
    olga, anna = S(deal, "olga"), S(deal, "anna")
    olga.review.start("D-1")
    olga.review.save_answer("D-1", "client_answer", "Бюджет есть")
    with pytest.raises(ConflictError, match="уже проверяет Ольга Контролёрова"):
        anna.review.start("D-1")
    with pytest.raises(ConflictError, match="уже проверяет Ольга Контролёрова"):  # nor postpone hers
        anna.statuses.change("D-1", Status.CONDITIONAL_REFUSAL, comment="отложить")
    with pytest.raises(Exception, match="никто не проверяет"):
        S(deal, "head").claims.take_over("D-2")
    idle = olga.claims.idle
    with deal.session() as s:  # Ольга left for lunch an hour ago
        s.execute(update(ReviewSession).values(last_activity_at=utcnow() - idle - timedelta(minutes=1)))
    assert anna.claims.current("D-1") is None
    assert anna.review.can_review("D-1")
    state = anna.review.start("D-1")  # taken over, with Ольга's answers kept
    assert state.reviewer == "anna" and state.answers == {"client_answer": "Бюджет есть"}
    anna.review.save_answer("D-1", "reason_confirmed", "yes")
    with pytest.raises(ConflictError, match="уже проверяет Анна Проверкина"):
        olga.review.save_answer("D-1", "notes", "я вернулась")
    takeover = [r for r in anna.audit.trail("D-1") if r.action == "claim_takeover"]
    assert len(takeover) == 1 and takeover[0].actor == "anna"
    anna.review.apply_verdict("D-1", "refusal_confirmed")
    assert anna.review.state("D-1").status is Status.CLOSED_LOST
    assert anna.claims.live() == {}
