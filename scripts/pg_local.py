"""A throwaway PostgreSQL server in a temporary folder on a free loopback port (Debian's binaries).

Used by the tests (``tests/conftest_pg.py``) and by ``scripts/load_team.py``. As root, the server
runs as the ``postgres`` user (initdb refuses root). Stdlib only.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

# Settings for a server whose data is thrown away (tests): a crash may lose it, nothing else changes.
THROWAWAY = ("-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off")


def pg_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    found = candidates[0] if candidates else shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(extra: tuple[str, ...] = ()) -> tuple[str, Callable[[], None]]:
    """Start a server; returns its SQLAlchemy URL (user ``postgres``, trust auth) and a stop function."""
    bindir = pg_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL не установлен: apt-get install postgresql")
    tmp = Path(tempfile.mkdtemp(prefix="qa-desk-pg-"))
    data = tmp / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(tmp, "postgres")
        tmp.chmod(0o700)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        check=True,
        capture_output=True,
    )
    options = " ".join([f"-p {port}", f"-k {tmp}", "-c listen_addresses=127.0.0.1", *extra])
    subprocess.run(
        [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"), "-o", options, "-w", "start"],
        check=True,
        capture_output=True,
    )

    def stop() -> None:  # the data goes with it: no shutdown checkpoint needed
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", stop
