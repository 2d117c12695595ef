"""``qa-desk transcribe``: transcribe audio files (``--json``: without a database)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from qa_desk.asr.messages import Done, Failed, Finished, Progress
from qa_desk.asr.options import DEFAULT_CHANNEL_MAP, TranscribeOptions
from qa_desk.cli import console

STOP_GRACE_S = 0.3  # after Ctrl-C the worker may finish its batch this long, then it is terminated


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "transcribe", help="распознать записи звонков", description="Распознать записи звонков (faster-whisper)."
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="аудиофайлы (wav, mp3, ogg, flac)")
    parser.add_argument("--json", action="store_true", help="вывести расшифровки в JSON (без базы данных)")
    parser.add_argument("--model", default="base", help="модель: tiny, base, small, medium, large-v3, turbo или папка")
    parser.add_argument("--language", default="ru", help="язык речи или auto (по умолчанию ru)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument(
        "--channel-map",
        default=",".join(DEFAULT_CHANNEL_MAP),
        help="роли по каналам стерео: левый,правый (по умолчанию manager,client)",
    )
    parser.add_argument("--no-cache", action="store_true", help="не брать готовые расшифровки из кэша")
    parser.add_argument(
        "--retry-failed", action="store_true", help="с --deal/--all: повторить и записи, которые уже не удалось прочитать"
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--deal", metavar="ID", help="распознать записи сделки (id в базе или в CRM) и сохранить")
    scope.add_argument("--all", action="store_true", help="распознать все ещё не распознанные записи в базе")
    parser.set_defaults(handler=run)
    return parser


def options_from_args(args: argparse.Namespace) -> TranscribeOptions:
    language = None if args.language in ("auto", "") else args.language
    channel_map = tuple(part.strip() for part in args.channel_map.split(",") if part.strip())
    return TranscribeOptions(
        model=args.model,
        language=language,
        device=args.device,
        channel_map=channel_map,
        use_cache=not args.no_cache,
    )


def run(args: argparse.Namespace) -> int:
    if getattr(args, "deal", None) is not None or getattr(args, "all", False):
        return run_database_mode(args)
    if not args.paths:
        print("transcribe: укажите аудиофайлы (PATH...)", file=sys.stderr)
        return 2
    return run_files(args)


def run_database_mode(args: argparse.Namespace) -> int:
    """``--deal ID | --all``: transcribe the recordings not yet transcribed and store the results."""
    from qa_desk.cli.transcribe_db import run_deals

    return run_deals(args, options_from_args(args), drive_worker)


def run_files(args: argparse.Namespace) -> int:
    """Transcribe ``args.paths`` in a worker process; JSON on stdout, progress and errors on stderr."""
    options = options_from_args(args)
    jobs = [(str(i), path) for i, path in enumerate(args.paths)]
    results: dict[str, dict[str, Any]] = {}

    def done(key: str, transcript: Any) -> None:
        results[key] = transcript.to_json()

    def failed(key: str, error: str) -> None:
        results[key] = {"path": _path_of(jobs, key), "error": error}

    drive_worker(jobs, options, done, failed)
    for key, path in jobs:  # anything the worker never reported
        results.setdefault(key, {"path": path, "error": f"{path}: не распознан"})
    recordings = [results[key] for key, _ in jobs]
    if args.json:
        json.dump({"recordings": recordings}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_text(recordings)
    return 1 if any("error" in r for r in recordings) else 0


def drive_worker(
    jobs: list[tuple[str, str]],
    options: TranscribeOptions,
    on_done: Callable[[str, Any], None],
    on_failed: Callable[[str, str], None],
) -> None:
    """Run the worker with a progress bar on stderr until it has reported every job.

    Ctrl-C or SIGTERM (``KeyboardInterrupt``) and any error in the callbacks stop the worker before
    they propagate, so it never outlives the command.
    """
    from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    from qa_desk.asr.worker import start_worker  # loads numpy: only when transcribing (fast CLI start)

    err = console.stderr()
    handle = start_worker(jobs, options)
    try:
        with Bar(
            TextColumn("{task.fields[name]}", markup=False), BarColumn(), TaskProgressColumn(),
            TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
        ) as bar:
            tasks = {key: bar.add_task("", name=_short(path), total=1.0) for key, path in jobs}
            finished = False
            while not finished:
                for msg in handle.poll(timeout=0.2):
                    if isinstance(msg, Progress):
                        bar.update(tasks[msg.recording_key], completed=msg.fraction)
                    elif isinstance(msg, Done):
                        bar.update(tasks[msg.recording_key], completed=1.0)
                        on_done(msg.recording_key, msg.transcript)
                    elif isinstance(msg, Failed):
                        bar.update(tasks[msg.recording_key], completed=1.0)
                        err.print(console.styled(msg.error, label="ошибка:", style="red"), soft_wrap=True)
                        on_failed(msg.recording_key, msg.error)
                    elif isinstance(msg, Finished):
                        finished = True
    finally:
        with console.shielded():
            handle.join(5 if handle.finished else 0)
            if handle.is_alive():
                handle.cancel(grace_s=STOP_GRACE_S)


def _print_text(recordings: list[dict[str, Any]]) -> None:
    from qa_desk.analysis.russian import clock

    for rec in recordings:
        if "error" in rec:
            continue
        print(f"== {rec['path']} ({rec['duration_s']:.1f} с, каналов: {rec['channels']})")
        for seg in rec["segments"]:
            print(f"[{clock(seg['start'])}] {seg['speaker']}: {seg['text']}")


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1) :]


def _path_of(jobs: list[tuple[str, str]], key: str) -> str:
    return next(path for k, path in jobs if k == key)
