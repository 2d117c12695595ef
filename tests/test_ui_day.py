"""A controller's working day in the window, offscreen with pytest-qt, on real SQLite files and real
audio: each defect of issue 11 that can be seen without a screen (see test_ui_day_more.py too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AUDIO
from conftest import services_for as S
from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt
from PySide6.QtWidgets import QLabel, QTableView
from test_review_day import NO_BUDGET, call

from qa_desk.asr.options import TranscribeOptions
from qa_desk.importing.service import import_manifest

LAPTOP = QSize(1366, 768)
WINDOW = QSize(1366, 700)  # a 1366×768 screen less a title bar and a panel


@pytest.fixture
def day_db(db, tmp_path: Path):  # noqa: ANN001, ANN201
    """A refusal with three calls (the second a damaged file), transcribed; an active deal."""
    manifest = tmp_path / "m.csv"
    rows = [
        ("A-1", "Промышленный чиллер", "Иван Петров", "conditional_refusal", "маленький бюджет", "stereo_short.mp3", "01"),
        ("A-1", "Промышленный чиллер", "Иван Петров", "conditional_refusal", "маленький бюджет", "corrupt.mp3", "02"),
        ("A-1", "Промышленный чиллер", "Иван Петров", "conditional_refusal", "маленький бюджет", "stereo_short.ogg", "03"),
        ("A-2", "Стеллажи", "Мария Соколова", "conditional_refusal", "дорого", "mono_short.wav", "04"),
    ]
    manifest.write_text(
        "deal_id,deal_title,product,manager,manager_salary,status,refusal_reason,recording,call_started_at\n"
        + "".join(
            f"{d},{d} {p},{p},{m},85000,{st},{r},{AUDIO / f},2026-03-{day}T10:00:00\n" for d, p, m, st, r, f, day in rows
        ),
        encoding="utf-8",
    )
    import_manifest(db, manifest)
    transcription = S(db).transcription
    options = TranscribeOptions()
    for job in transcription.claim(options, retry_failed=False):
        transcription.store_result(job.recording_id, call(job.path, *NO_BUDGET), options)
    return db


def open_window(qtbot, db, login: str = "olga", size: QSize = WINDOW):  # noqa: ANN001, ANN201
    from qa_desk.ui.main_window import MainWindow

    win = MainWindow(S(db, login))
    qtbot.addWidget(win)
    win.transcriber.enqueue_deal = lambda *_a, **_kw: 0
    win.resize(size)
    win.show()
    return win


def deal(win, external: str) -> int:  # noqa: ANN001
    return win.services.deals.card(external).deal_id


def test_the_window_fits_a_laptop_and_never_resizes_itself(qtbot, day_db) -> None:  # noqa: ANN001
    win = open_window(qtbot, day_db)
    fits = lambda: win.minimumSizeHint().width() <= LAPTOP.width() and win.minimumSizeHint().height() <= WINDOW.height()  # noqa: E731
    assert fits() and win.size() == WINDOW
    win.open_deal(deal(win, "A-1"))
    qtbot.waitUntil(lambda: win.deal_view.analysis is not None, timeout=20000)
    win.deal_view.show_review()
    wizard = win.deal_view.wizard
    wizard.start_button.click()
    wizard.go_to(3)  # the verdict page, the widest the panel gets
    for page in range(win.tabs.count()):
        win.tabs.setCurrentIndex(page)
        QCoreApplication.processEvents()
        assert fits(), win.tabs.tabText(page)
    # what used to widen the window: a growing summary, progress, a long status line, a reload
    win.queue.summary.setText("очень длинная сводка " * 40)
    win.deal_view.now_playing.setText("Звонок 1: " + "очень длинная подпись " * 40)
    win.deal_view.on_progress(win.deal_view.timeline.entries[0].recording_id, 0.5)
    win.statusBar().showMessage("сообщение " * 80)
    win.deal_view.reload()
    QCoreApplication.processEvents()
    assert win.size() == WINDOW and fits()
    assert win.deal_view.transcript.height() >= 150  # the transcript keeps lines to read
    win.tabs.setCurrentWidget(win.deal_view)
    win.deal_view.toggle_side_panel()  # the right panel collapses: the calls get the width
    assert win.deal_view.side.collapsed and win.deal_view.expand_button.isVisible()
    win.deal_view.expand_button.click()
    assert not win.deal_view.side.collapsed
    win.close()


def test_qt_speaks_russian_and_the_calendar_shows_its_last_week(qtbot) -> None:  # noqa: ANN001
    from qa_desk.ui.app import create_application
    from qa_desk.ui.widgets import date_edit

    create_application()
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Перейти к:"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
    edit = date_edit(__import__("datetime").date(2026, 11, 15))
    qtbot.addWidget(edit)
    calendar = edit.calendarWidget()
    assert calendar.locale().standaloneMonthName(11) == "ноябрь"
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    calendar.resize(calendar.minimumSize())
    calendar.show()
    QCoreApplication.processEvents()
    view = calendar.findChild(QTableView)
    last = view.model().rowCount() - 1  # the day names and six weeks
    assert view.rowViewportPosition(last) + view.rowHeight(last) <= view.viewport().height()


def test_the_file_dialog_a_reviewer_sees_is_russian(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    """Seen in a real window: "Look in", "Files of type" and the "Folder" type stayed English
    (qtbase_ru.qm lacks the labels' new accelerators and the icon provider's new context)."""
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QTreeView

    from qa_desk.ui.app import create_application

    create_application()
    (tmp_path / "звонки").mkdir()
    (tmp_path / "звонок.mp3").write_bytes(b"x")
    dialog = QFileDialog(None, "Запись звонка", str(tmp_path), "Аудио (*.mp3)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    tree = dialog.findChild(QTreeView)
    model = tree.model()
    qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == 2, timeout=10000)
    root = tree.rootIndex()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [b.text() or b.toolTip() for b in dialog.findChildren(QAbstractButton)]
    texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    texts += [model.index(r, 2, root).data() for r in range(model.rowCount(root))]  # the «Тип» column
    english = [t for t in texts if t and any("a" <= ch.lower() <= "z" for ch in t.replace("MP3", ""))]
    assert not english
    assert "&Перейти к:" in texts and "&Типы файлов:" in texts and "Папка" in texts


def test_each_card_names_the_call_nobody_could_check(qtbot, day_db) -> None:  # noqa: ANN001
    win = open_window(qtbot, day_db)
    win.open_deal(deal(win, "A-1"))
    view = win.deal_view
    qtbot.waitUntil(lambda: view.analysis is not None, timeout=20000)
    budget = next(c for c in view.questions.cards if c.property("question_id") == "budget")
    assert budget.findChild(QLabel, "NeverAsked").text() == "Не спрашивали ни в одном из 2 проверенных звонков"
    assert budget.findChild(QLabel, "Unchecked").text() == "звонок 2 не проверен: файл повреждён"
    coverage = view.questions.findChild(QLabel, "Coverage").text()
    assert coverage.startswith("Проверено 2 из 3 звонков; звонок 2 не проверен: файл повреждён")
    banner = " ".join(lbl.text() for lbl in view.questions.flag_banner.findChildren(QLabel))
    assert "проверить нельзя" in banner and "не подтверждается" not in banner  # no flag on a silence nobody heard
    assert view.timeline.item(1, 4).text() == "не проверен: файл повреждён"
    view.show_review()
    findings = view.wizard.findings.text()
    assert "Звонок 2 не проверен: файл повреждён" in findings and "не расшифровано" not in findings
    win.close()


def test_search_moves_through_results_with_a_preview_and_never_plays(qtbot, day_db) -> None:  # noqa: ANN001
    win = open_window(qtbot, day_db)
    search = win.search
    opened: list[tuple] = []
    search.hitActivated.connect(lambda *args: opened.append(args))
    win.focus_search()
    search.input.setText("экструзии")  # typed (keyClicks cannot type Cyrillic offscreen)
    qtbot.keyClick(search.input, Qt.Key.Key_Return)  # searches and steps into the results
    assert search.results.count() >= 3 and search.results.currentRow() == 0 and opened == []
    first = search.hits()[0]
    assert f"{first.deal_external_id} · " in search.preview.text() and "<b>экструзии</b>" in search.preview.text()
    qtbot.keyClick(search.results, Qt.Key.Key_Down)
    assert search.results.currentRow() == 1 and opened == []  # moving only previews
    rect = search.results.visualItemRect(search.results.item(0))
    qtbot.mouseClick(search.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert search.results.currentRow() == 0 and opened == []  # a single click selects and previews
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    assert len(opened) == 1
    view = win.deal_view
    assert view.deal_id == first.deal_id and view.player_recording == first.recording_id
    assert not view.player.is_playing()  # opened at the moment, ready — never playing by itself

    view.show_review()
    view.wizard.start_button.click()  # a review under way in the deal tab …
    other = next(h for h in search.hits() if h.deal_id != first.deal_id)
    asked: list[str] = []
    win.ask = lambda _parent, _title, text, _yes: asked.append(text) or False
    assert not win.open_hit(other.deal_id, other.recording_id, other.seconds)  # … is replaced only if agreed
    assert view.deal_id == first.deal_id and "идёт проверка" in asked[0]
    win.ask = lambda *_a: True
    assert win.open_hit(other.deal_id, other.recording_id, other.seconds) and view.deal_id == other.deal_id
    win.close()


def test_playback_goes_on_into_the_next_call(qtbot, day_db) -> None:  # noqa: ANN001
    win = open_window(qtbot, day_db)
    win.open_deal(deal(win, "A-1"))
    view = win.deal_view
    first, damaged, third = view.timeline.entries
    assert view.player.__class__.__name__ == "PlayerWidget"
    view.open_at(first.recording_id, 0.0, play=False)
    opened: list[tuple[int, float, bool]] = []
    open_at = view.open_at

    def spy(recording_id: int, seconds: float, play: bool = True) -> None:
        opened.append((recording_id, seconds, play))
        open_at(recording_id, seconds, play)

    view.open_at = spy  # type: ignore[method-assign]
    view.open_at(first.recording_id, view.player.duration - 0.3, play=True)
    qtbot.waitUntil(lambda: view.player_recording == third.recording_id, timeout=5000)  # the damaged one skipped
    # from its start, playing (the position itself moves with the machine's load: no timing bound here)
    assert opened[-1] == (third.recording_id, 0.0, True) and view.player.is_playing()
    view.player.pause()
    win.close()


def test_managers_see_only_what_they_may(qtbot, day_db) -> None:  # noqa: ANN001
    olga = S(day_db, "olga")
    olga.review.start("A-1")
    olga.review.save_answer("A-1", "reason_confirmed", "no")
    maria = olga.managers.find("Мария Соколова")
    olga.review.apply_verdict("A-1", "false_refusal", new_manager_id=maria, violation="client_dropped")
    win = open_window(qtbot, day_db, "mariya.sokolova")  # the deal is hers now
    assert win.supervisor is None and "Руководителю" not in [win.tabs.tabText(i) for i in range(win.tabs.count())]
    win.open_deal(deal(win, "A-2"))  # her own refusal: she may not review it, and never does
    view = win.deal_view
    assert not view.review_button.isVisible() and not view.side.isTabVisible(1)
    win.open_deal(deal(win, "A-1"))
    view.side_tabs.setCurrentWidget(view.audit_page)
    shown = " ".join(line for e in view.audit.entries for line in e.changes)
    assert "нарушение: Менеджер бросил клиента" in shown
    assert "оклад" not in shown and "штраф" not in shown and "правило" not in shown  # Иван Петров's pay is his
    win.close()


def test_no_stale_flag_in_the_queue_after_the_verdict(qtbot, day_db) -> None:  # noqa: ANN001
    win = open_window(qtbot, day_db)
    a2 = deal(win, "A-2")
    win.open_deal(a2)
    qtbot.waitUntil(lambda: win.deal_view.analysis is not None, timeout=20000)
    win.queue.reload()
    assert next(r for r in win.queue.model.rows if r.deal_id == a2).unsupported
    assert "не подтверждается: 1" in win.queue.summary.text()
    win.deal_view.show_review()
    wizard = win.deal_view.wizard
    wizard.start_button.click()
    wizard.go_to(2)
    wizard.fields["reason_confirmed"].setCurrentIndex(2)  # нет
    wizard.next_button.click()
    wizard.manager_box.setCurrentIndex(wizard.manager_box.findText("Иван Петров"))
    wizard.violation_box.setCurrentIndex(wizard.violation_box.findData("client_dropped"))
    with qtbot.waitSignal(wizard.deal_changed):
        wizard.verdict_button.click()
    row = next(r for r in win.queue.model.rows if r.deal_id == a2)
    assert (row.status, row.unsupported) == ("active", False)
    assert "не подтверждается" not in win.queue.summary.text()
    assert win.queue.model.data(win.queue.model.index(win.queue.model.row_of(a2), 0)) == ""
    win.close()


def test_period_dates_are_visibly_off_until_ticked(qtbot, day_db) -> None:  # noqa: ANN001
    win = open_window(qtbot, day_db)
    since = win.queue.since

    def background() -> str:
        image = since.grab().toImage()
        return image.pixelColor(QPoint(image.width() // 3, image.height() // 2)).name()

    off = background()
    assert not since.isEnabled() and not win.queue.until.isEnabled()
    win.queue.use_period.setChecked(True)
    assert since.isEnabled() and background() != off
    win.close()
