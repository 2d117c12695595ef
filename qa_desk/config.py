"""Where QA Desk keeps its files, and the settings read from the environment.

``QA_DESK_DATA_DIR`` and ``QA_DESK_CACHE_DIR`` override the platformdirs locations
(tests and the demo use them to stay out of the user's real profile).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "qa-desk"
APP_AUTHOR = "QA Desk"


def data_dir() -> Path:
    path = Path(os.environ.get("QA_DESK_DATA_DIR") or user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    path = Path(os.environ.get("QA_DESK_CACHE_DIR") or user_cache_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def models_dir() -> Path:
    path = cache_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """``QA_DESK_DB`` wins; otherwise a SQLite file in the user's data directory."""
    env = os.environ.get("QA_DESK_DB")
    if env:
        return env
    return f"sqlite:///{data_dir() / 'qa_desk.sqlite3'}"


def settings_path() -> Path:
    return data_dir() / "settings.toml"


def company_name() -> str:
    """Our company's name, said in the callback script: ``QA_DESK_COMPANY`` or ``settings.toml``."""
    env = os.environ.get("QA_DESK_COMPANY")
    if env:
        return env
    path = settings_path()
    if path.is_file():
        import tomllib

        try:
            return str(tomllib.loads(path.read_text(encoding="utf-8")).get("company", ""))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            return ""
    return ""
