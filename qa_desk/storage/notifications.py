"""Change notices between workstations: PostgreSQL ``LISTEN qa_desk_deals`` (sent by triggers of
migration 0008 when a deal or its review's holder changes), and a cheap change marker for polling."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from qa_desk.storage.models import AuditEntry, Transcript

CHANNEL = "qa_desk_deals"


def marker(session: Session) -> tuple[object, ...]:
    """Changes whenever a workflow write (all are audited, a review's start or take-over too) or a
    transcript is committed."""
    return (
        session.scalar(select(func.max(AuditEntry.id))),
        session.scalar(select(func.max(Transcript.id))),
    )


def listen(url: str, on_notice: Callable[[str], None], stop: threading.Event, reconnect_s: float = 5.0) -> None:
    """Call ``on_notice(deal id)`` for every notice until ``stop`` is set; reconnects after errors."""
    import psycopg

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    while not stop.is_set():
        try:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                while not stop.is_set():
                    for notice in conn.notifies(timeout=1.0):
                        on_notice(notice.payload)
        except psycopg.Error:
            stop.wait(reconnect_s)
