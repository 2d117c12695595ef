"""Who is transcribing a recording: a 'processing' row names the process that claimed it.

A process that dies (killed, crashed, the machine switched off) leaves its rows 'processing'; the
next start of the app or of ``qa-desk transcribe`` gives them back (``recover_orphans``) without
touching rows that a live process on this or another computer is working on. A row goes back to
'pending', or to 'failed' with its error kept when it had failed before (a file that failed at
import is never turned into a pending one with its error cleared).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Collection
from datetime import timedelta
from functools import lru_cache

import psutil
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from qa_desk.domain.recordings import RecordingState
from qa_desk.storage.models import Recording, utcnow

PENDING, PROCESSING, FAILED = RecordingState.PENDING, RecordingState.PROCESSING, RecordingState.FAILED
# A claim by another computer older than this is taken as abandoned (its owner cannot be asked).
FOREIGN_CLAIM_EXPIRES = timedelta(hours=12)


@lru_cache(maxsize=1)
def _host() -> str:
    return socket.gethostname()[:60] or "?"


def this_process() -> str:
    """«host:pid:start» of the current process (the start time tells a reused pid apart)."""
    return f"{_host()}:{os.getpid()}:{int(psutil.Process().create_time())}"


def owner_alive(owner: str | None) -> bool | None:
    """Whether the claiming process still runs; None when it is on another computer."""
    if not owner:
        return False
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return False
    host, pid, started = parts[0], int(parts[1]), int(parts[2])
    if host != _host():
        return None
    try:
        return abs(psutil.Process(pid).create_time() - started) < 2
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return False


def claim(session: Session, recording_ids: Collection[int]) -> set[int]:
    """Mark recordings 'processing' for this process; returns those it got (a row another live
    process holds is left to it). The error of a row that failed before is kept until a result
    replaces it."""
    if not recording_ids:
        return set()
    me = this_process()
    ids = list(recording_ids)
    held = {rid for rid, owner in _processing(session, ids) if owner != me and owner_alive(owner) is not False}
    wanted = [rid for rid in ids if rid not in held]
    if wanted:
        free = or_(Recording.state != PROCESSING, Recording.claimed_by.is_(None), Recording.claimed_by == me)
        session.execute(
            update(Recording)
            .where(Recording.id.in_(wanted), free)
            .values(state=PROCESSING, claimed_by=me, claimed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    mine = select(Recording.id).where(Recording.id.in_(ids), Recording.claimed_by == me)
    session.expire_all()
    return set(session.scalars(mine))


def release(session: Session, recording_ids: Collection[int]) -> int:
    """Give back rows of a cancelled or finished run that are still 'processing'."""
    if not recording_ids:
        return 0
    rows = session.scalars(
        select(Recording).where(Recording.id.in_(list(recording_ids)), Recording.state == PROCESSING)
    ).all()
    for recording in rows:
        _give_back(recording)
    return len(rows)


def recover_orphans(session: Session) -> int:
    """Give back the 'processing' rows whose process is gone; returns how many. Meant for a start:
    rows this very process claimed earlier count as interrupted too."""
    now, me = utcnow(), this_process()
    count = 0
    for recording in session.scalars(select(Recording).where(Recording.state == PROCESSING)):
        alive = recording.claimed_by != me and owner_alive(recording.claimed_by)
        if alive is None:
            alive = recording.claimed_at is not None and now - recording.claimed_at < FOREIGN_CLAIM_EXPIRES
        if not alive:
            _give_back(recording)
            count += 1
    return count


def _processing(session: Session, ids: list[int]) -> list[tuple[int, str | None]]:
    query = select(Recording.id, Recording.claimed_by).where(
        and_(Recording.id.in_(ids), Recording.state == PROCESSING)
    )
    return [(rid, owner) for rid, owner in session.execute(query)]


def _give_back(recording: Recording) -> None:
    recording.state = FAILED if recording.error else PENDING
    recording.claimed_by = None
    recording.claimed_at = None
