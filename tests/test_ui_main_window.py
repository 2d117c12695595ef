"""The reviewer's workspace on real data, driven offscreen with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AUDIO
from conftest import services_for as S
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from test_ui_workspace import MANIFEST, _deal_id, load_demo

from qa_desk.importing.service import import_manifest

needs_demo = pytest.mark.skipif(not MANIFEST.is_file(), reason="demo data not generated")


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


@pytest.fixture
def window(qtbot, imported_db):
    from qa_desk.ui.main_window import MainWindow

    win = MainWindow(S(imported_db))
    qtbot.addWidget(win)
    win.resize(1400, 880)
    win.show()
    yield win
    win.close()


@pytest.fixture
def demo_window(qtbot, db):
    from qa_desk.ui.main_window import MainWindow

    load_demo(db)
    win = MainWindow(S(db))
    qtbot.addWidget(win)
    win.resize(1400, 880)
    win.show()
    win.open_deal(_deal_id(db, "D-1001"))
    qtbot.waitUntil(lambda: win.deal_view.analysis is not None, timeout=30000)
    yield win
    win.close()


def test_refusals_first_and_recordings_in_chronological_order(window) -> None:
    model = window.queue.model
    assert model.rows[0].external_id == "A-1"  # the conditional refusal comes first
    window.open_deal(model.rows[0].deal_id)
    timeline = window.deal_view.timeline
    dates = [timeline.item(r, 1).text() for r in range(timeline.rowCount())]
    assert dates == ["01.03.2026 10:00", "02.03.2026 10:00", "03.03.2026 10:00"]
    states = [timeline.item(r, 4).text() for r in range(3)]
    assert states[0] in ("не распознана", "в очереди") and states[1].startswith("не проверен: файл повреждён")
    assert "corrupt.mp3" in timeline.item(1, 4).toolTip()  # the whole error is one hover away
    assert window.deal_view.card.values["Статус"].text() == "Условный отказ"
    window.transcriber.cancel()


def test_queue_filters_by_status(window) -> None:
    window.queue.set_filter(status="active")
    assert [r.external_id for r in window.queue.model.rows] == ["A-2"]
    window.queue.reset_filters()
    assert len(window.queue.model.rows) == 2


def seeks(view) -> list[float]:  # noqa: ANN001
    """Positions the player reports from now on; a jump reports where it landed (while playing,
    the position then moves on at the speed of time, so the current position is not compared)."""
    positions: list[float] = []
    view.player.positionChanged.connect(positions.append)
    return positions


def landed_at(positions: list[float], seconds: float) -> bool:
    return any(abs(p - seconds) < 0.05 for p in positions)


@needs_demo
def test_refusal_deal_shows_calls_in_order_and_budget_never_asked(demo_window) -> None:
    view = demo_window.deal_view
    entries = view.timeline.entries
    assert [e.started_at for e in entries] == sorted(e.started_at for e in entries)
    assert [Path(e.path).name for e in entries] == [
        "2026-03-02_alfa_call1.mp3",
        "2026-03-05_14-22-10_alfa.mp3",
        "2026-03-12_alfa_call3.mp3",
    ]
    budget = next(c for c in view.questions.cards if c.property("question_id") == "budget")
    never = budget.findChild(QLabel, "NeverAsked")
    assert never is not None and never.text() == "Не спрашивали ни в одном из 3 звонков"
    assert view.questions.flag_banner is not None
    assert "маленький бюджет" in " ".join(lbl.text() for lbl in view.questions.flag_banner.findChildren(type(never)))
    text = view.transcript.toPlainText()
    assert text.index("Звонок 1 из 3") < text.index("Звонок 2 из 3") < text.index("Звонок 3 из 3")


@needs_demo
def test_clicking_evidence_opens_that_call_at_that_second(demo_window) -> None:
    view = demo_window.deal_view
    href = view.questions.evidence_links()[-1]
    _, rid, seconds = href.split(":")
    landed = seeks(view)
    view.questions.activate(href)
    assert view.player_recording == int(rid)
    assert landed_at(landed, float(seconds))
    assert view.timeline.selected_recording() == int(rid)
    current = view.transcript.current
    assert current is not None and current.recording_id == int(rid)


@needs_demo
def test_words_are_placed_exactly_and_a_click_seeks_there(qtbot, demo_window) -> None:
    view = demo_window.deal_view
    third = view.timeline.entries[2].recording_id
    words = view.transcript.words_of(third)
    assert words and all(view.transcript.word_text(w) == w.text for w in words)
    target = words[len(words) // 2]
    view.transcript.scroll_to(third, target.start_ms / 1000)
    landed = seeks(view)
    qtbot.mouseClick(view.transcript.viewport(), Qt.MouseButton.LeftButton, pos=view.transcript.word_point(target))
    assert view.player_recording == third
    assert landed_at(landed, target.start_ms / 1000)
    assert view.transcript.word_at(third, target.start_ms / 1000) == target


@needs_demo
def test_playback_position_highlights_the_spoken_word(demo_window) -> None:
    view = demo_window.deal_view
    first = view.timeline.entries[0].recording_id
    view.open_at(first, 0.0, play=False)
    word = view.transcript.words_of(first)[5]
    view.player.positionChanged.emit((word.start_ms + 10) / 1000)
    assert view.transcript.current == word
    selections = view.transcript.extraSelections()
    assert selections[-1].cursor.selectedText() == word.text


@needs_demo
def test_f3_walks_through_the_evidence(qtbot, demo_window) -> None:
    view = demo_window.deal_view
    demo_window.tabs.setCurrentWidget(view)
    first = view.evidence[0]
    landed = seeks(view)
    qtbot.keyClick(demo_window, Qt.Key.Key_F3)
    assert view.player_recording == first.recording_id
    assert landed_at(landed, first.start)
    qtbot.keyClick(demo_window, Qt.Key.Key_F3)
    second = view.evidence[1]
    assert view.player_recording == second.recording_id
    qtbot.keyClick(demo_window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert view.player_recording == first.recording_id


@needs_demo
def test_search_finds_an_inflected_form_and_opens_the_call(demo_window) -> None:
    search = demo_window.search
    if search is None:
        pytest.skip("search widget not installed")
    demo_window.deal_view.open_deal(_deal_id(demo_window.services.storage.db, "D-1002"))
    search.set_query("директора")  # the client said «генеральный директор»
    hits = search.hits()
    assert hits, "no hit for an inflected form"
    hit = hits[0]
    view = demo_window.deal_view
    landed = seeks(view)
    search.hitActivated.emit(hit.deal_id, hit.recording_id, hit.seconds)
    assert view.deal_id == hit.deal_id and view.player_recording == hit.recording_id
    assert landed_at(landed, hit.seconds)


@needs_demo
def test_layout_and_last_deal_persist(qtbot, demo_window) -> None:
    from qa_desk.ui.main_window import MainWindow

    deal_id = demo_window.deal_view.deal_id
    demo_window.queue.table.horizontalHeader().resizeSection(2, 321)
    demo_window.save_settings()
    assert int(QSettings().value("deal/last")) == deal_id
    again = MainWindow(demo_window.services)
    qtbot.addWidget(again)
    assert again.deal_view.deal_id == deal_id
    assert again.queue.table.horizontalHeader().sectionSize(2) == 321
    again.transcriber.shutdown()


@pytest.mark.slow
@needs_demo
def test_opening_an_untranscribed_deal_transcribes_it_in_the_background(qtbot, db) -> None:
    from qa_desk.ui.main_window import MainWindow

    import_manifest(db, MANIFEST)
    win = MainWindow(S(db))
    qtbot.addWidget(win)
    progress: list[float] = []
    win.transcriber.progress.connect(lambda _rid, f: progress.append(f))
    deal_id = _deal_id(db, "D-1006")
    win.open_deal(deal_id)
    assert win.transcriber.busy
    assert all(e.state == "processing" for e in win.deal_view.timeline.entries)
    first = win.deal_view.timeline.entries[0].recording_id
    with qtbot.waitSignal(win.transcriber.recording_done, timeout=300000, check_params_cb=lambda rid: rid == first):
        pass
    assert progress and max(progress) == pytest.approx(1.0)
    assert win.deal_view.workspace.calls[0].turns  # the finished call appears while the next is transcribed
    win.transcriber.cancel()
    qtbot.waitUntil(lambda: not win.transcriber.busy, timeout=30000)
    win.deal_view.refresh_timeline()
    states = [e.state for e in win.deal_view.timeline.entries]
    assert states[0] == "done" and states[1] in ("pending", "done")
    win.close()
