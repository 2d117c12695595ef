"""``qa-desk transcribe --deal ID | --all``: transcribe stored recordings and save the results.

At start, recordings a killed run left 'processing' are given back. The recordings this run
takes are claimed for this process (one another live process is transcribing is left to it);
whatever happens (done, Ctrl-C, SIGTERM, an error), the ones it did not finish go back to the
queue before the command ends, and a recording that had failed before keeps its error.
Recordings that failed (at import or in an earlier run) are listed and skipped unless
``--retry-failed``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from qa_desk.asr.options import TranscribeOptions
from qa_desk.cli import console
from qa_desk.domain.russian import count
from qa_desk.services import Services
from qa_desk.services.errors import DealNotFoundError

RECORDINGS = ("запись", "записи", "записей")
Driver = Callable[[list[tuple[str, str]], TranscribeOptions, Callable[[str, Any], None], Callable[[str, str], None]], None]


def run_deals(args: argparse.Namespace, options: TranscribeOptions, drive: Driver) -> int:
    services = Services.open(args.db)
    try:
        return _run(services, args, options, drive)
    finally:
        services.close()


def _run(services: Services, args: argparse.Namespace, options: TranscribeOptions, drive: Driver) -> int:
    transcription = services.transcription
    retry = bool(getattr(args, "retry_failed", False))
    transcription.reset_interrupted()  # rows of a run that was killed
    deal_id: int | None = None
    if args.deal is not None:
        try:
            deal_id = transcription.deal_id(args.deal)
        except DealNotFoundError:
            console.error(f"сделка «{args.deal}» не найдена")
            return 2
    skipped = transcription.unreadable(deal_id) if retry else transcription.failed(deal_id)
    claimed = transcription.claim(options, deal_id=deal_id, retry_failed=retry)
    jobs = [(str(job.recording_id), job.path) for job in claimed]

    done: list[str] = []
    failed: list[str] = []

    def on_done(rid: str, transcript: Any) -> None:
        transcription.store_result(int(rid), transcript, options, analyze=False)
        done.append(rid)

    def on_failed(rid: str, error: str) -> None:
        transcription.mark_failed(int(rid), error, analyze=False)
        failed.append(rid)

    try:
        if jobs:
            drive(jobs, options, on_done, on_failed)
    finally:
        with console.shielded():  # what this run did not finish goes back to the queue
            transcription.reset_interrupted([job.recording_id for job in claimed])

    for item in skipped:
        console.say(item.error or item.path, label="пропущена (не читается):")
    if skipped and not retry:
        console.say("Повторить попытку для этих записей: --retry-failed")
    if not jobs:
        console.say("Нечего распознавать: все читаемые записи уже распознаны.")
    else:
        console.say(f"Распознано: {count(len(done), RECORDINGS)}; ошибок: {len(failed) + len(skipped)}.")
    return 1 if failed or skipped else 0
