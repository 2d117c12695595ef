"""``qa-desk transcribe --deal/--all`` on a real database with the real model."""

from __future__ import annotations

from pathlib import Path

from conftest import AUDIO
from sqlalchemy import select

from qa_desk.cli import main
from qa_desk.storage.db import Database
from qa_desk.storage.models import Recording
from qa_desk.storage.transcripts import latest_transcript


def test_transcribe_deal_stores_transcripts_and_reports_failures(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'qa.sqlite3'}"
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "deal_id,recording,call_started_at\n"
        f"D-1,{AUDIO / 'stereo_short.mp3'},2026-03-01T10:00:00\n"
        f"D-1,{AUDIO / 'corrupt.mp3'},2026-03-02T10:00:00\n"
        f"D-2,{AUDIO / 'mono_short.wav'},2026-03-02T10:00:00\n",
        encoding="utf-8",
    )
    assert main(["--db", url, "import", str(manifest)]) == 0
    assert main(["--db", url, "transcribe", "--deal", "D-1"]) == 1  # one recording is broken
    err = capsys.readouterr().err
    assert "corrupt.mp3" in err and "Распознано: 1 запись" in err and "Traceback" not in err

    db = Database(url)
    with db.session() as s:
        recs = {Path(r.path).name: r for r in s.scalars(select(Recording))}
        assert recs["stereo_short.mp3"].state == "done"
        assert recs["corrupt.mp3"].state == "failed" and "corrupt.mp3" in recs["corrupt.mp3"].error
        assert recs["mono_short.wav"].state == "pending"  # another deal: untouched
        segments = latest_transcript(s, recs["stereo_short.mp3"].id).segments
        assert [seg.speaker for seg in segments][:3] == ["manager", "client", "manager"]
    db.dispose()

    assert main(["--db", url, "transcribe", "--all"]) == 1  # the broken one still fails
    err = capsys.readouterr().err
    assert "Распознано: 1 запись" in err  # only the mono call of D-2 was new work
