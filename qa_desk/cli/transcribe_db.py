"""``qa-desk transcribe --deal ID | --all``: transcribe stored recordings and save the results."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from qa_desk.asr.options import TranscribeOptions
from qa_desk.domain.russian import count
from qa_desk.services.recordings import RecordingAudio, claim_for_local_transcription
from qa_desk.storage import recordings as rec_store
from qa_desk.storage import repositories as repo
from qa_desk.storage.db import Database

RECORDINGS = ("запись", "записи", "записей")
Driver = Callable[[list[tuple[str, str]], TranscribeOptions, Callable[[str, Any], None], Callable[[str, str], None]], bool]


def run_deals(args: argparse.Namespace, options: TranscribeOptions, drive: Driver) -> int:
    db = Database(args.db)
    model, key = options.model, options.cache_key()
    with db.session() as session:
        deal_id: int | None = None
        if args.deal is not None:
            deal = repo.get_deal(session, args.deal)
            if deal is None:
                print(f"Ошибка: сделка «{args.deal}» не найдена", file=sys.stderr)
                return 2
            deal_id = deal.id
        unreadable = [(r.path, r.error or "") for r in rec_store.unreadable(session, deal_id=deal_id)]
    # Each file through the recording store (hash-checked; fetched when this host lacks it).
    claimed, unavailable = claim_for_local_transcription(
        db, RecordingAudio(db), deal_id=deal_id, model=model, options_key=key, retry_failed=True
    )
    jobs = [(str(rid), path) for rid, path in claimed]
    unreadable += [(f"#{rid}", error) for rid, error in unavailable]

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

    interrupted = drive(jobs, options, on_done, on_failed) if jobs else False
    with db.session() as session:
        rec_store.reset_interrupted(session)  # anything cancelled goes back to the queue
    db.dispose()

    for path, error in unreadable:
        print(f"не прочитана при импорте: {error or path}", file=sys.stderr)
    if not jobs:
        print("Нечего распознавать: все читаемые записи уже распознаны.", file=sys.stderr)
    else:
        print(f"Распознано: {count(len(done), RECORDINGS)}; ошибок: {len(failed) + len(unreadable)}.", file=sys.stderr)
    if interrupted:
        return 130
    return 1 if failed or unreadable else 0
