"""QA Desk's settings: one typed ``Settings`` object read from ``settings.toml`` and the environment.

``settings.toml`` lives in the data folder; the environment wins over the file:
``QA_DESK_DATA_DIR`` (the data folder itself, so not in the file), ``QA_DESK_CACHE_DIR``,
``QA_DESK_DB``, ``QA_DESK_COMPANY``, ``QA_DESK_MODEL``. Tests and the demo use them to stay out of
the user's real profile. Window layout and the last chosen user are UI state, kept by Qt
(``QSettings``), not settings.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "qa-desk"
APP_AUTHOR = "QA Desk"
SPEAKERS = ("manager", "client", "unknown")
# field -> environment variable that overrides it
ENV: dict[str, str] = {
    "company": "QA_DESK_COMPANY",
    "model": "QA_DESK_MODEL",
    "cache_dir": "QA_DESK_CACHE_DIR",
    "db_url": "QA_DESK_DB",
}


class SettingsError(ValueError):
    """A setting out of range or a malformed ``settings.toml``; the message is Russian."""


def data_dir() -> Path:
    path = Path(os.environ.get("QA_DESK_DATA_DIR") or user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def settings_path() -> Path:
    return data_dir() / "settings.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an administrator configures. Folders are absolute once loaded."""

    company: str = ""  # our company's name, said in the callback script
    channel_map: tuple[str, ...] = ("manager", "client")  # speaker per channel of a stereo call
    model: str = "base"  # the Whisper model transcribing calls
    penalty_percent: Decimal = Decimal("1")  # a violation's penalty, % of salary, unless a manager has their own
    penalty_min_percent: Decimal = Decimal("1")  # the company's floor for a manager's own percent
    cache_dir: Path | None = None  # models and cached transcripts
    callbacks_dir: Path | None = None  # QC callback recordings made in the app
    db_url: str = ""  # SQLAlchemy URL; empty: SQLite in the data folder

    def __post_init__(self) -> None:
        for name in ("penalty_percent", "penalty_min_percent"):
            object.__setattr__(self, name, _percent(getattr(self, name), name))
        if self.penalty_percent < self.penalty_min_percent:
            raise SettingsError(
                f"Штраф по умолчанию ({self.penalty_percent} %) меньше минимального по правилам компании "
                f"({self.penalty_min_percent} %)"
            )
        channel_map = tuple(str(s).strip() for s in self.channel_map)
        if not 1 <= len(channel_map) <= 2 or any(s not in SPEAKERS for s in channel_map):
            raise SettingsError(
                "Каналы записи: один или два из manager (менеджер), client (клиент), unknown (неизвестно)"
            )
        object.__setattr__(self, "channel_map", channel_map)
        if not self.model.strip():
            raise SettingsError("Не указана модель распознавания")

    @property
    def data_dir(self) -> Path:
        return data_dir()

    @property
    def resolved_db_url(self) -> str:
        return self.db_url or f"sqlite:///{data_dir() / 'qa_desk.sqlite3'}"

    @property
    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or Path(user_cache_dir(APP_NAME, APP_AUTHOR))

    @property
    def resolved_callbacks_dir(self) -> Path:
        return self.callbacks_dir or data_dir() / "callbacks"


def _percent(value: Any, name: str) -> Decimal:
    try:
        percent = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        raise SettingsError(f"{name}: нужно число от 0 до 100, а не «{value}»") from None
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise SettingsError(f"{name}: нужно число от 0 до 100, а не «{value}»")
    return percent


def _from_toml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: не удалось прочитать настройки ({exc})") from None
    known = {f.name for f in fields(Settings)} | {"db"}
    values = {("db_url" if k == "db" else k): v for k, v in raw.items() if k in known}
    for key in ("cache_dir", "callbacks_dir"):
        if values.get(key):
            values[key] = Path(str(values[key])).expanduser()
    if "channel_map" in values:
        values["channel_map"] = tuple(values["channel_map"])
    return values


def overridden() -> dict[str, str]:
    """Settings the environment decides now: field name -> variable name."""
    return {name: var for name, var in ENV.items() if os.environ.get(var)}


def load_settings(path: Path | None = None) -> Settings:
    """``settings.toml`` (if any) with the environment's overrides applied."""
    values = _from_toml(path or settings_path())
    for name, var in overridden().items():
        value = os.environ[var]
        values[name] = Path(value) if name == "cache_dir" else value
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the file's settings (values the environment overrides keep their file value)."""
    path = path or settings_path()
    stored = replace(load_settings_file(path), **{f.name: getattr(settings, f.name) for f in fields(Settings)
                                                   if f.name not in overridden()})
    lines = [
        f"company = {_toml_str(stored.company)}",
        "channel_map = [" + ", ".join(_toml_str(s) for s in stored.channel_map) + "]",
        f"model = {_toml_str(stored.model)}",
        f'penalty_percent = "{stored.penalty_percent}"',
        f'penalty_min_percent = "{stored.penalty_min_percent}"',
    ]
    for key in ("cache_dir", "callbacks_dir"):
        value = getattr(stored, key)
        if value:
            lines.append(f"{key} = {_toml_str(str(value))}")
    if stored.db_url:
        lines.append(f"db = {_toml_str(stored.db_url)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_settings_file(path: Path | None = None) -> Settings:
    """The file alone, without the environment (what ``save_settings`` starts from)."""
    return Settings(**_from_toml(path or settings_path()))


def _toml_str(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


# --- the folders and values other modules ask for ---------------------------------------------


def cache_dir() -> Path:
    path = load_settings().resolved_cache_dir
    path.mkdir(parents=True, exist_ok=True)
    return path


def models_dir() -> Path:
    path = cache_dir() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """``QA_DESK_DB`` wins, then ``db`` in ``settings.toml``; otherwise a SQLite file in the data folder."""
    return load_settings().resolved_db_url
