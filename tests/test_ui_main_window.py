"""The main window on real data, driven offscreen with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AUDIO

from qa_desk.importing.service import import_manifest


@pytest.fixture
def imported_db(db, tmp_path: Path):
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "deal_id,deal_title,manager,status,refusal_reason,recording,call_started_at\n"
        f"A-2,Второй,Мария Соколова,active,,{AUDIO / 'mono_short.wav'},2026-03-02T10:00:00\n"
        f"A-1,Отказ,Иван Петров,conditional_refusal,маленький бюджет,{AUDIO / 'stereo_short.ogg'},2026-03-03T10:00:00\n"
        f"A-1,Отказ,Иван Петров,conditional_refusal,маленький бюджет,{AUDIO / 'stereo_short.mp3'},2026-03-01T10:00:00\n"
        f"A-1,Отказ,Иван Петров,conditional_refusal,маленький бюджет,{AUDIO / 'corrupt.mp3'},2026-03-02T10:00:00\n",
        encoding="utf-8",
    )
    import_manifest(db, manifest)
    return db


def test_refusals_first_and_recordings_in_chronological_order(qtbot, imported_db) -> None:
    from qa_desk.ui.main_window import MainWindow

    window = MainWindow(imported_db)
    qtbot.addWidget(window)
    assert window.deals.item(0, 0).text().startswith("A-1")  # the conditional refusal comes first
    window.select_deal(window.deals.item(0, 0).data(256))
    dates = [window.recordings.item(r, 1).text() for r in range(window.recordings.rowCount())]
    assert dates == ["01.03.2026 10:00", "02.03.2026 10:00", "03.03.2026 10:00"]
    states = [window.recordings.item(r, 4).text() for r in range(3)]
    assert states[0] == "в очереди" and states[1].startswith("ошибка: corrupt.mp3")
    assert "Условный отказ" in window.deal_header.text()
