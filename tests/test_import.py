"""Manifest import: idempotency, chronological order and its fallbacks, bad files kept as failed."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import AUDIO
from sqlalchemy import func, select

from qa_desk.cli import main
from qa_desk.importing.manifest import ManifestError, read_manifest
from qa_desk.importing.service import import_manifest
from qa_desk.storage import repositories as repo
from qa_desk.storage.models import AuditEntry, Deal, Recording

HEADER = "deal_id,deal_title,client_company,manager,status,refusal_reason,contract,amount,recording,call_started_at\n"


def _deal_row(recording: str, started: str = "", deal: str = "D-1") -> str:
    return f'{deal},Чиллер,ООО «Альфа»,Иван Петров,conditional_refusal,маленький бюджет,BANT,"50000",{recording},{started}\n'


@pytest.fixture
def calls(tmp_path: Path) -> Path:
    """Copies of the test clips in a folder, under names a CRM export would give."""
    folder = tmp_path / "calls"
    folder.mkdir()
    shutil.copy(AUDIO / "stereo_short.mp3", folder / "first.mp3")
    shutil.copy(AUDIO / "mono_short.wav", folder / "2026-03-02_09-15-00_second.wav")
    shutil.copy(AUDIO / "stereo_short.ogg", folder / "third.ogg")
    os.utime(folder / "third.ogg", (datetime(2026, 3, 4, 12).timestamp(),) * 2)
    shutil.copy(AUDIO / "corrupt.mp3", folder / "broken.mp3")
    shutil.copy(AUDIO / "empty.mp3", folder / "empty.mp3")
    return folder


@pytest.fixture
def manifest(tmp_path: Path, calls: Path) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(
        HEADER
        + _deal_row("calls/third.ogg")  # time from the file's modification time: 4 March
        + _deal_row("calls/first.mp3", "2026-03-01T10:00:00")  # time from the manifest: 1 March
        + _deal_row("calls/2026-03-02_09-15-00_second.wav")  # time from the file name: 2 March
        + _deal_row("calls/broken.mp3", "2026-03-05T10:00:00")
        + _deal_row("calls/empty.mp3", "2026-03-06T10:00:00")
        + _deal_row("calls/missing.mp3", "2026-03-07T10:00:00"),
        encoding="utf-8",
    )
    return path


def test_import_orders_calls_chronologically_with_fallbacks(db, manifest: Path) -> None:
    report = import_manifest(db, manifest)
    assert report.deals_created == 1 and report.recordings_added == 6
    with db.session() as s:
        deal = repo.get_deal(s, "D-1")
        ordered = repo.ordered_recordings(deal)
        names = [Path(r.path).name for r in ordered]
        sources = [r.started_at_source for r in ordered]
    assert names[:3] == ["first.mp3", "2026-03-02_09-15-00_second.wav", "third.ogg"]
    assert sources[:3] == ["manifest", "filename", "mtime"]
    assert deal.status == "conditional_refusal" and deal.refusal_reason == "маленький бюджет"
    assert deal.manager.name == "Иван Петров" and deal.contract.name == "BANT"


def test_bad_files_become_failed_recordings_with_reasons(db, manifest: Path) -> None:
    report = import_manifest(db, manifest)
    reasons = {path.name: reason for path, reason in report.failures}
    assert set(reasons) == {"broken.mp3", "empty.mp3", "missing.mp3"}
    assert "пустой" in reasons["empty.mp3"]
    assert "не найден" in reasons["missing.mp3"]
    with db.session() as s:
        states = {Path(r.path).name: (r.state, r.error) for r in s.scalars(select(Recording))}
    assert states["first.mp3"][0] == "pending" and states["first.mp3"][1] is None
    assert all(states[name][0] == "failed" and states[name][1] for name in reasons)


def test_reimport_creates_no_duplicates(db, manifest: Path) -> None:
    import_manifest(db, manifest)
    again = import_manifest(db, manifest)
    assert again.deals_created == 0 and again.recordings_added == 0 and again.recordings_skipped == 6
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Deal)) == 1
        assert s.scalar(select(func.count()).select_from(Recording)) == 6
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 1  # the import itself


def test_same_content_under_another_name_is_the_same_recording(db, tmp_path: Path, calls: Path) -> None:
    shutil.copy(calls / "first.mp3", calls / "copy_of_first.mp3")
    path = tmp_path / "m.csv"
    path.write_text(HEADER + _deal_row("calls/first.mp3") + _deal_row("calls/copy_of_first.mp3"), encoding="utf-8")
    report = import_manifest(db, path)
    assert report.recordings_added == 1 and report.recordings_skipped == 1


def test_reviewer_status_survives_reimport(db, manifest: Path) -> None:
    import_manifest(db, manifest)
    assert main(["--db", db.url, "deal", "review", "D-1", "--as", "olga"]) == 0
    import_manifest(db, manifest)
    with db.session() as s:
        assert repo.get_deal(s, "D-1").status == "in_review"


def test_json_manifest(db, tmp_path: Path, calls: Path) -> None:
    rows = [
        {"deal_id": "J-7", "deal_title": "JSON", "manager": "Мария Соколова", "recording": "calls/first.mp3",
         "call_started_at": "05.03.2026 14:22"},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    report = import_manifest(db, path)
    assert report.recordings_added == 1
    with db.session() as s:
        rec = repo.ordered_recordings(repo.get_deal(s, "J-7"))[0]
        assert rec.call_started_at == datetime(2026, 3, 5, 14, 22) and rec.channels == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "пустой"),
        ("deal_title\nx\n", "нет обязательных полей"),
        ("[{\"deal_id\": 1", "неверный JSON"),
    ],
)
def test_broken_manifest_is_one_readable_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / ("m.json" if content.startswith("[") else "m.csv")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(path)


def test_cli_import_reports_and_keeps_going(manifest: Path, db_url: str, capsys) -> None:
    assert main(["--db", db_url, "import", str(manifest)]) == 0
    err = capsys.readouterr().err
    assert "broken.mp3" in err and "missing.mp3" in err
    assert "Traceback" not in err
    assert main(["--db", db_url, "import", str(manifest), "--strict"]) == 1


def test_cli_missing_manifest_is_one_line(db_url: str, tmp_path: Path, capsys) -> None:
    assert main(["--db", db_url, "import", str(tmp_path / "nope.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Ошибка:") and "не найден" in err and "Traceback" not in err


def test_a_file_fixed_after_import_is_picked_up_on_reimport(db, manifest: Path, calls: Path) -> None:
    import_manifest(db, manifest)
    shutil.copy(AUDIO / "long_call.mp3", calls / "missing.mp3")
    report = import_manifest(db, manifest)
    assert {p.name for p, _ in report.failures} == {"broken.mp3", "empty.mp3"}
    with db.session() as s:
        rec = s.scalar(select(Recording).where(Recording.path.endswith("missing.mp3")))
        assert rec.state == "pending" and rec.error is None and rec.sha256
        assert s.scalar(select(func.count()).select_from(Recording)) == 6
