"""``qa-desk transcribe --deal ID | --all``: transcribe stored recordings and save the results."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from qa_desk.asr.options import TranscribeOptions
from qa_desk.domain.russian import count
from qa_desk.services import Services
from qa_desk.services.errors import DealNotFoundError

RECORDINGS = ("запись", "записи", "записей")
Driver = Callable[[list[tuple[str, str]], TranscribeOptions, Callable[[str, Any], None], Callable[[str, str], None]], bool]


def run_deals(args: argparse.Namespace, options: TranscribeOptions, drive: Driver) -> int:
    services = Services.open(args.db)
    transcription = services.transcription
    deal_id: int | None = None
    if args.deal is not None:
        try:
            deal_id = transcription.deal_id(args.deal)
        except DealNotFoundError:
            print(f"Ошибка: сделка «{args.deal}» не найдена", file=sys.stderr)
            return 2
    unreadable = [(u.path, u.error) for u in transcription.unreadable(deal_id)]
    claimed = transcription.claim(options, deal_id=deal_id)  # each file through the recording store
    jobs = [(str(j.recording_id), j.path) for j in claimed if j.error is None]
    unreadable += [(f"#{j.recording_id}", j.error) for j in claimed if j.error is not None]

    done: list[str] = []
    failed: list[str] = []

    def on_done(rid: str, transcript: Any) -> None:
        transcription.store_result(int(rid), transcript, options, analyze=False)
        done.append(rid)

    def on_failed(rid: str, error: str) -> None:
        transcription.mark_failed(int(rid), error, analyze=False)
        failed.append(rid)

    interrupted = drive(jobs, options, on_done, on_failed) if jobs else False
    transcription.reset_interrupted()  # anything cancelled goes back to the queue
    services.close()

    for path, error in unreadable:
        print(f"не прочитана при импорте: {error or path}", file=sys.stderr)
    if not jobs:
        print("Нечего распознавать: все читаемые записи уже распознаны.", file=sys.stderr)
    else:
        print(f"Распознано: {count(len(done), RECORDINGS)}; ошибок: {len(failed) + len(unreadable)}.", file=sys.stderr)
    if interrupted:
        return 130
    return 1 if failed or unreadable else 0
