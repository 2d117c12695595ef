"""``qa-desk transcribe --deal ID | --all``: transcribe stored recordings and save the results.

At start, recordings a killed run left 'processing' are given back. The recordings this run
takes are claimed for this process; whatever happens (done, Ctrl-C, SIGTERM, an error), the ones
it did not finish go back to the queue before the command ends, and a recording that had failed
before keeps its error. Recordings that failed (at import or in an earlier run) are skipped and
listed unless ``--retry-failed``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from qa_desk.asr.options import TranscribeOptions
from qa_desk.cli import console
from qa_desk.domain.russian import count
from qa_desk.storage import claims
from qa_desk.storage import recordings as rec_store
from qa_desk.storage import repositories as repo
from qa_desk.storage.db import Database

RECORDINGS = ("запись", "записи", "записей")
Driver = Callable[[list[tuple[str, str]], TranscribeOptions, Callable[[str, Any], None], Callable[[str, str], None]], None]


def run_deals(args: argparse.Namespace, options: TranscribeOptions, drive: Driver) -> int:
    db = Database(args.db)
    try:
        return _run(db, args, options, drive)
    finally:
        db.dispose()


def _run(db: Database, args: argparse.Namespace, options: TranscribeOptions, drive: Driver) -> int:
    model, key = options.model, options.cache_key()
    retry = bool(getattr(args, "retry_failed", False))
    with db.session() as session:
        claims.recover_orphans(session)
    with db.session() as session:
        deal_id: int | None = None
        if args.deal is not None:
            deal = repo.get_deal(session, args.deal)
            if deal is None:
                console.error(f"сделка «{args.deal}» не найдена")
                return 2
            deal_id = deal.id
        todo = rec_store.recordings_to_transcribe(session, deal_id=deal_id, model=model, options_key=key)
        skipped = [r.error or r.path for r in todo if r.state == claims.FAILED and not retry]
        skipped += [r.error or r.path for r in rec_store.unreadable(session, deal_id=deal_id)]
        wanted = [r for r in todo if retry or r.state != claims.FAILED]
        paths = {r.id: r.path for r in wanted}
    with db.session() as session:
        mine = claims.claim(session, list(paths))
    busy = len(paths) - len(mine)
    jobs = [(str(rid), path) for rid, path in paths.items() if rid in mine]

    done: list[str] = []
    failed: list[str] = []

    def on_done(rid: str, transcript: Any) -> None:
        with db.session() as session:
            rec_store.store_result(session, int(rid), transcript, model=model, options_key=key)
        done.append(rid)

    def on_failed(rid: str, error: str) -> None:
        with db.session() as session:
            rec_store.mark_failed(session, int(rid), error)
        failed.append(rid)

    try:
        if jobs:
            drive(jobs, options, on_done, on_failed)
    finally:
        with console.shielded(), db.session() as session:
            claims.release(session, mine)  # what this run did not finish goes back to the queue

    for reason in dict.fromkeys(skipped):
        console.say(reason, label="пропущена (не читается):")
    if skipped and not retry:
        console.say("Повторить попытку для этих записей: --retry-failed")
    if busy:
        console.say(f"Уже распознаются другой программой: {count(busy, RECORDINGS)}.")
    if not jobs:
        console.say("Нечего распознавать: все читаемые записи уже распознаны.")
    else:
        console.say(f"Распознано: {count(len(done), RECORDINGS)}; ошибок: {len(failed) + len(skipped)}.")
    return 1 if failed or skipped else 0
