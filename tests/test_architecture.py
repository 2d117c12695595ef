"""The layering rules of docs/ARCHITECTURE.md, checked on the source: the UI talks to services only,
services and storage own every session, and no file of the app grows past one sitting."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "qa_desk"
MAX_LINES = 430  # "about 400": readable in one sitting


def _imports(path: Path) -> set[str]:
    """Every module a file imports (at module level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _files(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def _forbidden(folder: str, prefixes: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}: {name}"
        for path in _files(folder)
        for name in sorted(_imports(path))
        if name.startswith(prefixes)
    ]


def test_ui_never_imports_storage_or_sqlalchemy() -> None:
    assert _forbidden("ui", ("qa_desk.storage", "sqlalchemy", "alembic")) == []


def test_cli_never_imports_storage_or_sqlalchemy() -> None:
    assert _forbidden("cli", ("qa_desk.storage", "sqlalchemy", "alembic")) == []


def test_no_session_is_opened_in_the_ui() -> None:
    found = subprocess.run(
        ["grep", "-rn", "session()", str(PACKAGE / "ui")], capture_output=True, text=True, check=False
    )
    assert found.returncode == 1 and found.stdout == "", found.stdout


def test_sessions_are_opened_only_in_services_and_storage() -> None:
    """``db.session()``/``Session(`` appear only where transactions are owned."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in {"storage", "importing"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".session()" in line or "sessionmaker(" in line
    ]
    assert offenders == []


def test_domain_and_analysis_stay_pure() -> None:
    assert _forbidden("domain", ("qa_desk.storage", "qa_desk.services", "qa_desk.ui", "sqlalchemy", "PySide6")) == []
    assert _forbidden("analysis", ("qa_desk.storage", "qa_desk.services", "qa_desk.ui", "sqlalchemy", "PySide6")) == []


def test_crm_clients_stay_isolated() -> None:
    """``qa_desk/crm`` speaks HTTP only: the services decide what to store."""
    forbidden = ("qa_desk.storage", "qa_desk.services", "qa_desk.ui", "qa_desk.importing", "sqlalchemy", "PySide6")
    assert _forbidden("crm", forbidden) == []


def test_qt_only_in_the_ui() -> None:
    for folder in ("domain", "analysis", "audio", "asr", "storage", "services", "importing", "cli", "crm"):
        assert _forbidden(folder, ("PySide6",)) == [], folder


def test_no_file_is_over_about_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
