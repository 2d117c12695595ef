"""The engine's data files, read from its package folders.

``importlib.resources.files`` names the very same files for the installed package (a folder on disk), but
importing it pulls in ``tempfile``, ``shutil``, ``zipfile`` and the resource readers: ~7 ms of a cold start.
"""

from __future__ import annotations

from pathlib import Path

ANALYSIS = Path(__file__).parent  # qa_desk/analysis: data/*.toml, data/*.json, data/vectors.bin
QUESTIONS = ANALYSIS / "questions"  # the built-in question sets


def read_text(name: str, folder: Path = ANALYSIS) -> str:
    """The UTF-8 text of ``name`` in ``folder`` (the analysis package by default)."""
    return (folder / name).read_text(encoding="utf-8")
