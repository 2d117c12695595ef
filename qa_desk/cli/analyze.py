"""``qa-desk analyze``: which contract questions were asked and answered across a deal's calls."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from qa_desk.domain.transcript import RecordingTranscript


def register(subparsers: Any) -> None:
    """Add the ``analyze`` sub-command to the ``qa-desk`` parser."""
    parser = subparsers.add_parser(
        "analyze",
        help="проверить вопросы договора (BANT) по звонкам сделки",
        description="Были ли заданы вопросы договора, что ответил клиент и где — по всем звонкам сделки.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="записи звонков сделки в хронологическом порядке")
    parser.add_argument("--transcript", metavar="FILE.json", help="готовая расшифровка {\"recordings\": [...]}")
    parser.add_argument("--questions", metavar="FILE.toml", help="набор вопросов договора (по умолчанию BANT)")
    parser.add_argument("--reason", metavar="TEXT", help="причина отказа из CRM, которую нужно проверить")
    parser.add_argument("--reasons-map", metavar="FILE.toml", help="своя карта «причина отказа → вопросы»")
    parser.add_argument("--json", action="store_true", help="вывести результат в JSON")
    parser.set_defaults(handler=run)


def _load_transcript(path: str) -> list[RecordingTranscript]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: не удалось прочитать файл ({exc.strerror or exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: некорректный JSON: {exc}") from None
    recordings = data.get("recordings") if isinstance(data, dict) else None
    if not isinstance(recordings, list):
        raise ValueError(f"{path}: ожидался объект {{\"recordings\": [...]}}")
    try:
        return [RecordingTranscript.from_json(r) for r in recordings]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: неверный формат расшифровки ({exc})") from None


def _transcribe(paths: list[str]) -> list[RecordingTranscript]:
    from qa_desk.asr.pipeline import TranscribeOptions, Transcriber  # heavy: import only when needed

    transcriber = Transcriber(TranscribeOptions())
    out = []
    for i, path in enumerate(paths, 1):
        print(f"Расшифровка {i}/{len(paths)}: {path}", file=sys.stderr)
        out.append(transcriber.transcribe(path))
    return out


def run(args: argparse.Namespace) -> int:
    """Run the analysis; prints JSON or a Russian summary. Returns the exit code."""
    from qa_desk.analysis import (
        QuestionSetError,
        analyze_deal,
        bant,
        load_question_set,
        load_reason_map,
        summary,
    )

    if bool(args.paths) == bool(args.transcript):
        print("Ошибка: укажите либо файлы записей, либо --transcript FILE.json", file=sys.stderr)
        return 2
    try:
        questions = load_question_set(args.questions) if args.questions else bant()
        reasons = load_reason_map(args.reasons_map) if getattr(args, "reasons_map", None) else None
        recordings = _load_transcript(args.transcript) if args.transcript else _transcribe(args.paths)
    except (QuestionSetError, ValueError) as exc:
        print(f"Ошибка: {exc}", file=sys.stderr)
        return 2
    from qa_desk.services import engine_words

    engine_words.before_analysis()
    analysis = analyze_deal(recordings, questions, args.reason, reasons)
    engine_words.after_analysis()
    if args.json:
        json.dump(analysis.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(summary(analysis))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (``python -m qa_desk.cli.analyze``) for testing without the main CLI."""
    parser = argparse.ArgumentParser(prog="qa-desk")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["analyze", *(sys.argv[1:] if argv is None else argv)])
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
