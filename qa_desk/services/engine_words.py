"""The engine's word store (``analysis.morph_store``) in the cache folder, for a fast cold start.

A process loads it before its first analysis and writes it once after that analysis; later
analyses in the same process only read the tables in memory.
"""

from __future__ import annotations

from pathlib import Path

from qa_desk import config
from qa_desk.analysis import morph_store

FILE_NAME = "engine-words.json"
_state = {"loaded": False, "saved": False}


def store_path() -> Path:
    return config.cache_dir() / FILE_NAME


def before_analysis() -> None:
    """Load the store once per process (a missing or stale file is ignored)."""
    if not _state["loaded"]:
        _state["loaded"] = True
        morph_store.load(store_path())


def after_analysis() -> None:
    """Write the store once per process, after its first analysis built the engine's vocabulary."""
    if not _state["saved"]:
        _state["saved"] = True
        morph_store.save(store_path())
