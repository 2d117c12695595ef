"""The engine's data files, read from its package folders.

``importlib.resources.files`` names the very same files for the installed package (a folder on disk), but
importing it pulls in ``tempfile``, ``shutil``, ``zipfile`` and the resource readers: ~7 ms of a cold start.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

ANALYSIS = Path(__file__).parent  # qa_desk/analysis: data/*.toml, data/*.json, data/vectors.bin
QUESTIONS = ANALYSIS / "questions"  # the built-in question sets


def read_text(name: str, folder: Path = ANALYSIS) -> str:
    """The UTF-8 text of ``name`` in ``folder`` (the analysis package by default)."""
    return (folder / name).read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def json_model(name: str) -> dict[str, Any]:
    """A learned reader's fitted weights, ``data/<name>`` (read once); its module may override them for a
    leave-one-folder-out run (``_MODEL``)."""
    data: dict[str, Any] = json.loads(read_text(f"data/{name}"))
    return data
