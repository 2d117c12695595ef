"""CRM secrets (tokens, webhook URLs) in the OS keyring, never in the database or the logs.

Where no keyring backend exists (a headless Linux box without Secret Service), the fallback is
``crm_secrets.json`` in the user data folder, created readable by its owner only (0600).
``QA_DESK_SECRETS=file`` forces the file (tests, CI).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Protocol

SERVICE = "qa-desk-crm"
FILE_NAME = "crm_secrets.json"


class SecretStore(Protocol):
    where: str

    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, value: dict[str, Any]) -> None: ...

    def delete(self, key: str) -> None: ...


class KeyringStore:
    where = "системное хранилище паролей"

    def __init__(self) -> None:
        import keyring

        self._keyring = keyring

    def get(self, key: str) -> dict[str, Any] | None:
        raw = self._keyring.get_password(SERVICE, key)
        return json.loads(raw) if raw else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        self._keyring.set_password(SERVICE, key, json.dumps(value))

    def delete(self, key: str) -> None:
        import keyring.errors

        try:
            self._keyring.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass


class FileStore:
    """A JSON file only its owner can read; rewritten atomically."""

    where = "файл, доступный только владельцу"

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        if not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._load().get(key)
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        data = self._load()
        data[key] = value
        self._write(data)

    def delete(self, key: str) -> None:
        data = self._load()
        if data.pop(key, None) is not None:
            self._write(data)

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken backend means no keyring
        return False
    if isinstance(backend, fail.Keyring):
        return False
    return float(getattr(backend, "priority", 0) or 0) > 0


def default_store() -> SecretStore:
    from qa_desk.config import data_dir

    if os.environ.get("QA_DESK_SECRETS") != "file" and keyring_available():
        return KeyringStore()
    return FileStore(data_dir() / FILE_NAME)
