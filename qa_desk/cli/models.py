"""``qa-desk models``: the Whisper models available and where they are."""

from __future__ import annotations

import argparse
from typing import Any

from qa_desk.asr.models import list_models
from qa_desk.config import models_dir


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "models", help="список моделей распознавания", description="Модели распознавания речи и где они лежат."
    )
    parser.add_argument(
        "--prepare",
        metavar="MODEL",
        nargs="?",
        const="base",
        help="подготовить модель заранее (по умолчанию встроенную base: собрать её в папку моделей)",
    )
    parser.set_defaults(handler=run)
    return parser


def run(args: argparse.Namespace) -> int:
    if args.prepare:
        from qa_desk.asr.models import resolve_model

        path, source = resolve_model(args.prepare)
        print(f"Модель {args.prepare} готова ({source.label}): {path}")
        return 0
    print(f"Папка моделей: {models_dir()}")
    for info in list_models():
        size = f"{info.size_bytes / 1e6:.0f} МБ" if info.size_bytes else "—"
        print(f"  {info.name:<10} {info.source.label:<20} {size:>8}  {info.path or ''}")
    return 0
