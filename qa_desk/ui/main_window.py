"""The reviewer's workspace: the review queue, the open deal, search and the supervisor's view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qa_desk import __version__
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.russian import count
from qa_desk.services import Services
from qa_desk.ui import team
from qa_desk.ui.deal_view import DealView
from qa_desk.ui.queue_view import QueueView
from qa_desk.ui.search_widget import SearchWidget
from qa_desk.ui.supervisor_view import SupervisorView
from qa_desk.ui.transcription import TranscriptionController

QUEUE_TAB, DEAL_TAB = 0, 1


class MainWindow(QMainWindow):
    def __init__(self, services: Services, transcriber: TranscriptionController | None = None) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle("QA Desk — контроль качества звонков")
        self.resize(1400, 880)
        self.transcriber = transcriber or team.make_transcriber(services, self)  # workers on PostgreSQL
        services.transcription.reset_interrupted()

        self.queue = QueueView(services)
        self.queue.dealActivated.connect(self.open_deal)
        self.deal_view = DealView(services)
        self.deal_view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.deal_view.dealChanged.connect(self.on_deal_changed)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.queue, "Очередь проверки")
        self.tabs.addTab(self.deal_view, "Сделка")
        self.search = SearchWidget(services)
        self.search.hitActivated.connect(self.open_hit)
        self._add_page(self.search, "Поиск по звонкам")
        self.supervisor = SupervisorView(services)
        if services.supervisor.can_view():  # managers do not see colleagues' figures
            self._add_page(self.supervisor, "Руководителю")
        self.setCentralWidget(self.tabs)
        self.player = self.deal_view.player
        if hasattr(self.player, "install_shortcuts"):
            self.player.install_shortcuts(self)

        self._build_status_bar()
        self._build_menus()
        self.transcriber.progress.connect(self._on_progress)
        self.transcriber.recording_done.connect(self._on_recording_finished)
        self.transcriber.recording_failed.connect(lambda rid, _err: self._on_recording_finished(rid))
        self.transcriber.queue_changed.connect(self._on_queue_changed)
        self.transcriber.idle.connect(self._on_idle)
        self._restore_settings()
        team.install(self)  # sign out, users, the queue refreshed by other workstations' changes

    # --- construction ----------------------------------------------------------------------
    def _add_page(self, widget: QWidget, title: str) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(title)
        heading.setObjectName("Title")
        layout.addWidget(heading)
        layout.addWidget(widget, 1)
        self.tabs.addTab(page, title)

    def _build_status_bar(self) -> None:
        self.user_label = QLabel(self._user_text())
        self.user_label.setObjectName("Muted")
        self.queue_bar = QProgressBar()
        self.queue_bar.setMaximumWidth(240)
        self.queue_bar.setFormat("Распознано %v из %m")
        self.queue_bar.hide()
        self.cancel_button = QPushButton("Остановить распознавание")
        self.cancel_button.setToolTip(
            "Нераспознанные звонки вернутся в очередь; продолжить можно из меню «Звонки»"
        )
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_transcription)
        bar = self.statusBar()
        bar.addPermanentWidget(self.queue_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.user_label)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&Файл")
        self._action(file_menu, "Импорт выгрузки CRM…", self.import_manifest, "Ctrl+I")
        file_menu.addSeparator()
        self._action(file_menu, "Выход", self.close, QKeySequence.StandardKey.Quit)
        view_menu = menu.addMenu("&Вид")
        self._action(view_menu, "Очередь проверки", lambda: self.tabs.setCurrentIndex(QUEUE_TAB), "Ctrl+1")
        self._action(view_menu, "Открытая сделка", lambda: self.tabs.setCurrentIndex(DEAL_TAB), "Ctrl+2")
        self._action(view_menu, "Поиск по звонкам", self.focus_search, "Ctrl+F")
        self._action(view_menu, "Обновить", self.refresh, QKeySequence.StandardKey.Refresh)
        calls = menu.addMenu("&Звонки")
        nxt = self._action(calls, "Следующая цитата", lambda: self._evidence(1))
        nxt.setShortcuts([QKeySequence("F3"), QKeySequence("Ctrl+Down")])
        prev = self._action(calls, "Предыдущая цитата", lambda: self._evidence(-1))
        prev.setShortcuts([QKeySequence("Shift+F3"), QKeySequence("Ctrl+Up")])
        calls.addSeparator()
        self._action(calls, "Распознать звонки открытой сделки", self.transcribe_current)
        self._action(calls, "Распознать все нераспознанные звонки", self.start_background_transcription)
        self._action(calls, "Остановить распознавание", self.cancel_transcription)
        help_menu = menu.addMenu("&Справка")
        self._action(help_menu, "О программе", self._about)

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _user_text(self) -> str:
        user = self.services.actor
        return f"{user.display_name} · {user.role.label}" if user is not None else ""

    # --- navigation ------------------------------------------------------------------------
    @property
    def deals(self) -> Any:
        return self.queue.table

    def open_deal(self, deal_id: int) -> bool:
        """Show a deal; its untranscribed calls are queued for background transcription."""
        if not self.deal_view.open_deal(deal_id):
            self.statusBar().showMessage("Сделка не найдена", 5000)
            return False
        self.queue.select_deal(deal_id)
        self.tabs.setCurrentIndex(DEAL_TAB)
        card = self.deal_view.workspace.card if self.deal_view.workspace else None
        self.tabs.setTabText(DEAL_TAB, f"Сделка {card.external_id}" if card else "Сделка")
        if any(e.state.waiting for e in self.deal_view.timeline.entries):
            queued = self.transcriber.enqueue_deal(deal_id)
            if queued:
                self.deal_view.refresh_timeline()
                self.statusBar().showMessage(
                    f"Распознаём {count(queued, ('звонок', 'звонка', 'звонков'))} этой сделки в фоне", 6000
                )
        return True

    def open_hit(self, deal_id: int, recording_id: int, seconds: float) -> None:
        """A search result: open its deal at that moment of that call and play."""
        if self.deal_view.deal_id != deal_id and not self.open_deal(deal_id):
            return
        self.tabs.setCurrentIndex(DEAL_TAB)
        self.deal_view.open_at(recording_id, seconds, play=True)

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search.parentWidget())
        self.search.setFocus()

    def _evidence(self, step: int) -> None:
        if self.tabs.currentIndex() == DEAL_TAB:
            self.deal_view.next_evidence(step)

    def refresh(self) -> None:
        self.queue.refresh()
        self.deal_view.reload()
        self.deal_view.refresh_review()

    def start_review(self, deal_id: int) -> None:
        """Open the deal with its callback wizard shown beside the transcript."""
        if self.deal_view.deal_id == deal_id or self.open_deal(deal_id):
            self.tabs.setCurrentIndex(DEAL_TAB)
            self.deal_view.show_review()

    def on_deal_changed(self, deal_id: int) -> None:
        """The review moved the deal or attached a callback: refresh every view of it."""
        self.queue.reload()
        self.supervisor.refresh()
        if self.deal_view.deal_id == deal_id:
            self.deal_view.reload()  # the card, the calls and the history; the wizard reloaded itself
        entries = self.deal_view.timeline.entries if self.deal_view.deal_id == deal_id else []
        pending = any(e.state == RecordingState.PENDING for e in entries)  # e.g. a newly attached callback
        if pending and self.transcriber.enqueue_deal(deal_id):
            self.deal_view.refresh_timeline()
            self.statusBar().showMessage("Запись проверочного звонка распознаётся в фоне", 6000)

    def import_manifest(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Импорт выгрузки CRM", str(Path.home()), "Выгрузка CRM (*.csv *.json);;Все файлы (*)"
        )
        if not path:
            return
        try:
            report = self.services.imports.import_manifest(Path(path))
        except Exception as exc:  # noqa: BLE001 - show any import problem to the user
            QMessageBox.critical(self, "Импорт выгрузки CRM", f"Не удалось импортировать файл:\n{exc}")
            return
        text = (
            f"Новых сделок: {report.deals_created}, обновлено: {report.deals_updated}, "
            f"новых записей: {report.recordings_added}."
        )
        if report.failures:
            text += (
                f"\nНе удалось прочитать файлов: {len(report.failures)} — они отмечены в сделках как ошибки."
            )
        QMessageBox.information(self, "Импорт выгрузки CRM", text)
        self.queue.refresh()
        self.start_background_transcription()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "О программе",
            f"<b>QA Desk {__version__}</b><br>Контроль качества звонков отдела продаж.<br>"
            "Записи распознаются на этом компьютере и никуда не передаются.",
        )

    # --- transcription ---------------------------------------------------------------------
    def start_background_transcription(self) -> None:
        """Queue everything not yet transcribed; the UI keeps working meanwhile."""
        QTimer.singleShot(0, lambda: self.transcriber.enqueue_deal(None))

    def transcribe_current(self) -> None:
        if self.deal_view.deal_id is not None:
            self.transcriber.enqueue_deal(self.deal_view.deal_id)

    def cancel_transcription(self) -> None:
        self.transcriber.cancel()
        self.deal_view.refresh_timeline()
        self.queue.reload()
        self.statusBar().showMessage("Распознавание остановлено: оставшиеся звонки вернулись в очередь", 6000)

    def _on_progress(self, rid: int, fraction: float) -> None:
        self.deal_view.on_progress(rid, fraction)

    def _on_recording_finished(self, rid: int) -> None:
        self.deal_view.on_recording_finished(rid)

    def _on_queue_changed(self, done: int, total: int) -> None:
        self.queue_bar.setMaximum(max(total, 1))
        self.queue_bar.setValue(done)
        self.queue_bar.setVisible(total > 0 and done < total)
        self.cancel_button.setVisible(total > 0 and done < total)
        if done and done <= total:
            self.queue.reload()

    def _on_idle(self) -> None:
        self.queue_bar.hide()
        self.cancel_button.hide()
        self.queue.reload()
        self.deal_view.refresh_timeline()

    # --- settings --------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, widget in self._state_widgets().items():
            value = settings.value(key)
            if key == "deal/left_split" and str(settings.value("deal/left_split_by_user")) != "true":
                continue  # sized to the deal's calls unless the reviewer dragged it
            if isinstance(value, QByteArray):
                widget.restoreState(value)
                if key == "deal/left_split":
                    self.deal_view._timeline_sized_by_user = True  # noqa: SLF001
        last = settings.value("deal/last")
        if last not in (None, ""):
            try:
                deal_id = int(last)  # type: ignore[call-overload]
            except (TypeError, ValueError):
                return
            if self.deal_view.open_deal(deal_id):
                self.queue.select_deal(deal_id)
                self.tabs.setTabText(DEAL_TAB, f"Сделка {self.deal_view.workspace.card.external_id}")  # type: ignore[union-attr]
                if settings.value("window/tab") == DEAL_TAB or str(settings.value("window/tab")) == "1":
                    self.tabs.setCurrentIndex(DEAL_TAB)

    def _state_widgets(self) -> dict[str, Any]:
        return {
            "window/state": self,
            "queue/header": self.queue.table.horizontalHeader(),
            "deal/timeline_header": self.deal_view.timeline.horizontalHeader(),
            "deal/main_split": self.deal_view.main_split,
            "deal/left_split": self.deal_view.left_split,
        }

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        for key, widget in self._state_widgets().items():
            settings.setValue(key, widget.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        settings.setValue("deal/left_split_by_user", self.deal_view._timeline_sized_by_user)  # noqa: SLF001
        if self.deal_view.deal_id is not None:
            settings.setValue("deal/last", self.deal_view.deal_id)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        self.deal_view.stop()
        self.transcriber.shutdown()
        self.change_watcher.stop()
        super().closeEvent(event)
