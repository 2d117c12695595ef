#!/usr/bin/env python3
"""QA Desk's two commands: set everything up, then open the demo or run the tests.

    python3 scripts/dev.py demo    # open the app on the bundled demo deals
    python3 scripts/dev.py test    # run the whole test suite (lint, types, tests)

Each run creates or reuses ``.venv``, installs the Python dependencies with the offline
Whisper model, and the Debian packages the app needs (when run as root; otherwise it
prints the exact ``apt-get install`` line and stops). Stdlib only: it runs before the venv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".qa-desk-installed"
EXTRAS = "model,dev,postgres"

# Debian packages by purpose. The Qt xcb set is what a bare Debian 12 lacks for a real window.
APT_COMMON = ["libportaudio2", "libsndfile1", "fonts-dejavu-core", "libfontconfig1"]
APT_GUI = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libdbus-1-3",
]
# Offscreen tests still load QtGui, which links libEGL/libGL/libxkbcommon; team mode is tested on a real server;
# evidence-pack PDFs are read back with pdftotext (poppler-utils).
APT_TEST = ["libegl1", "libgl1", "libxkbcommon0", "libdbus-1-3", "postgresql", "poppler-utils"]


def log(message: str) -> None:
    print(f"[qa-desk] {message}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def missing_debian_packages(packages: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return []  # not Debian-like: the user installs system libraries their own way
    missing = []
    for name in dict.fromkeys(packages):
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True, check=False
        )
        if "install ok installed" not in result.stdout:
            missing.append(name)
    return missing


def ensure_debian_packages(packages: list[str]) -> None:
    try:
        import ensurepip  # noqa: F401  (Debian ships it in python3-venv)
    except ImportError:
        packages = ["python3-venv", *packages]
    missing = missing_debian_packages(packages)
    if not missing:
        return
    line = "apt-get install -y --no-install-recommends " + " ".join(missing)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        log(f"Устанавливаю пакеты Debian: {' '.join(missing)}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(line.split(), check=True, env=env)
        return
    log("Не хватает системных пакетов. Установите их и запустите команду снова:")
    print(f"    sudo {line}", flush=True)
    raise SystemExit(1)


def requirements_fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        log(f"Создаю виртуальное окружение {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    fingerprint = requirements_fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == fingerprint:
        return python
    log("Устанавливаю зависимости Python (один раз; повторный запуск их переиспользует)")
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "-q", "--upgrade", "pip>=23"], check=True)
    subprocess.run([*pip, "install", "-q", "-e", f".[{EXTRAS}]"], check=True, cwd=ROOT)
    STAMP.write_text(fingerprint)
    return python


def prepare_model(python: Path) -> None:
    """Join the offline base model into the cache once, so the first transcription starts at once."""
    subprocess.run([str(python), "-m", "qa_desk", "models", "--prepare"], check=True, cwd=ROOT)


def run_child(command: list[str], env: dict[str, str] | None = None) -> int:
    """Run ``command`` and return its exit code; Ctrl-C stops it and ends this script with one line.

    In a terminal the child gets the same SIGINT (it prints its own line); when only this script got
    it (``timeout -s INT``, a service manager), it is passed on, then the child is given 10 s.
    """
    child = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        return child.wait()
    except KeyboardInterrupt:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=10)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            child.kill()
            child.wait()
        return 130


def run_demo(python: Path, extra: list[str]) -> int:
    prepare_model(python)
    return run_child([str(python), "-m", "qa_desk", "demo", *extra])


def run_tests(python: Path, extra: list[str]) -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    steps = [
        ("ruff", [str(python), "-m", "ruff", "check", "qa_desk", "tests", "scripts"]),
        ("mypy (all layers but the UI)", [str(python), "-m", "mypy"]),
        ("pytest", [str(python), "-m", "pytest", "-q", "-ra", *extra]),
    ]
    for title, command in steps:
        log(f"Проверка: {title}")
        code = run_child(command, env)
        if code != 0:
            log(f"{title}: код {code}")
            return code
    return 0


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - runs on the system python, before the venv
        log(f"Нужен Python 3.11 или новее, а это {sys.version.split()[0]}")
        return 1
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    action, extra = argv[0], argv[1:]
    ensure_debian_packages(APT_COMMON + (APT_GUI if action == "demo" else APT_TEST))
    try:
        python = ensure_venv()
        return run_demo(python, extra) if action == "demo" else run_tests(python, extra)
    except KeyboardInterrupt:
        log("Прервано.")
        return 130


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
