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


def setting(key: str, env: str | None = None) -> str:
    """One setting: the environment variable ``env`` wins, else ``key`` in ``settings.toml``, else ""."""
    if env and os.environ.get(env):
        return os.environ[env]
    path = settings_path()
    if path.is_file():
        import tomllib

        try:
            return str(tomllib.loads(path.read_text(encoding="utf-8")).get(key, ""))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            return ""
    return ""


def company_name() -> str:
    """Our company's name, said in the callback script: ``QA_DESK_COMPANY`` or ``settings.toml``."""
    return setting("company", "QA_DESK_COMPANY")


# --- the recording store (see docs/ARCHITECTURE.md, "Recordings") ------------------------------
DEFAULT_RECORDING_CACHE_MB = 2048


def recordings_store() -> str:
    """``database``, ``folder`` or ``files``; "" means the default for the database's dialect."""
    return setting("recordings_store", "QA_DESK_RECORDINGS_STORE").strip().casefold()


def recordings_dir() -> Path | None:
    """The shared folder (an SMB/NFS mount) of the ``folder`` store, as mounted on this host."""
    value = setting("recordings_dir", "QA_DESK_RECORDINGS_DIR").strip()
    return Path(value).expanduser() if value else None


def recording_cache_dir() -> Path:
    path = cache_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def recording_cache_limit_bytes() -> int:
    """The local cache of recordings fetched from the store is kept under this size (LRU)."""
    value = setting("recording_cache_mb", "QA_DESK_RECORDING_CACHE_MB").strip()
    try:
        megabytes = float(value) if value else DEFAULT_RECORDING_CACHE_MB
    except ValueError:
        megabytes = DEFAULT_RECORDING_CACHE_MB
    return max(0, int(megabytes * 1024 * 1024))
