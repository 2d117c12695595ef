"""The command line's robustness: user text is never console markup, a closed pipe ends quietly,
and recordings are claimed and given back (storage.claims) the way ``transcribe`` relies on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from conftest import AUDIO, DEMO, ROOT
from sqlalchemy import select

from qa_desk.cli import main
from qa_desk.importing.service import import_manifest
from qa_desk.storage import claims
from qa_desk.storage.db import Database
from qa_desk.storage.models import Recording


def _qa_desk(*argv: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "qa_desk", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=ROOT, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize("argv", [("deal", "list"), ("deal", "review", "D-1001", "--as", "olga")])
def test_output_into_a_closed_pipe_ends_quietly(db: Database, argv: tuple[str, ...]) -> None:
    """``qa-desk … | head``: the reader is gone before the command writes."""
    import_manifest(db, DEMO / "manifest.csv")
    proc = _qa_desk("--db", db.url, *argv)
    assert proc.stdout is not None
    proc.stdout.close()
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err and err == ""


def test_markup_in_values_is_printed_as_is(db: Database, tmp_path: Path, capsys) -> None:
    manifest = tmp_path / "m.csv"
    row = "deal_id,deal_title,amount,recording\nD-[/x],{title},{amount},{path}\n"
    path = AUDIO / "[bold]missing[/x].mp3"
    manifest.write_text(row.format(title="[bold]Сделка[/x]", amount="[/x]", path=path), encoding="utf-8")
    assert main(["--db", db.url, "import", str(manifest)]) == 1
    err = capsys.readouterr().err
    assert "строка 2: сумма: «[/x]» — не число" in err and "Запись не читается: x].mp3: файл не найден" in err
    manifest.write_text(row.format(title="[red]Другая", amount="1", path=path), encoding="utf-8")
    assert main(["--db", db.url, "import", str(manifest)]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "сделка D-[/x] (строка 2): название: [bold]Сделка[/x] → [red]Другая" in err


@pytest.mark.slow
def test_transcribe_all_with_markup_in_a_path(db: Database, tmp_path: Path, whisper_base_dir: Path) -> None:
    """The issue's crash: ``[/x]`` in a path raised rich's MarkupError after data was written, and
    every recording of ``--all`` was left 'processing'. The progress bar is on (FORCE_COLOR)."""
    folder = tmp_path / "a["
    folder.mkdir()
    shutil.copy(AUDIO / "mono_short.wav", folder / "x]gone.wav")
    manifest = tmp_path / "m.csv"
    manifest.write_text(f"deal_id,recording\nD-1,{folder / 'x]gone.wav'}\n", encoding="utf-8")
    import_manifest(db, manifest)
    (folder / "x]gone.wav").unlink()
    proc = _qa_desk(
        "--db", db.url, "transcribe", "--all", "--model", str(whisper_base_dir), "--no-cache",
        env={**os.environ, "FORCE_COLOR": "1", "COLUMNS": "200"},
    )  # fmt: skip
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err
    assert "Traceback" not in err and "MarkupError" not in err
    assert "x]gone.wav: файл не найден" in err
    with db.session() as s:
        assert [(r.state, r.error) for r in s.scalars(select(Recording))] == [("failed", "x]gone.wav: файл не найден")]


def test_claims_keep_errors_and_leave_live_owners_alone(db: Database, tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        f"deal_id,recording\nD-1,{AUDIO / 'stereo_short.mp3'}\nD-1,{AUDIO / 'corrupt.mp3'}\n", encoding="utf-8"
    )
    import_manifest(db, manifest)
    with db.session() as s:
        ids = {Path(r.path).name: r.id for r in s.scalars(select(Recording))}
        broken_error = s.get(Recording, ids["corrupt.mp3"]).error
    with db.session() as s:
        assert claims.claim(s, list(ids.values())) == set(ids.values())
    host = claims.this_process().split(":")[0]
    parent = psutil.Process(os.getppid())  # another live process on this computer
    with db.session() as s:
        broken = s.get(Recording, ids["corrupt.mp3"])
        assert broken.state == "processing" and broken.error == broken_error  # the error is kept
        for recording in s.scalars(select(Recording)):
            recording.claimed_by = f"{host}:{parent.pid}:{int(parent.create_time())}"
    with db.session() as s:
        assert claims.recover_orphans(s) == 0  # its owner is alive: the rows stay
        assert claims.claim(s, list(ids.values())) == set()  # and are not taken from it
    with db.session() as s:  # a claim by a process that is gone (pid 1's start time never matches)
        for recording in s.scalars(select(Recording)):
            recording.claimed_by = f"{host}:1:1"
    with db.session() as s:
        assert claims.recover_orphans(s) == 2
    with db.session() as s:
        states = {Path(r.path).name: (r.state, r.error, r.claimed_by) for r in s.scalars(select(Recording))}
    assert states == {"stereo_short.mp3": ("pending", None, None), "corrupt.mp3": ("failed", broken_error, None)}
