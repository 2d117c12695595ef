"""The reviewer's workspace: the review queue, the open deal, search and the supervisor's view.

Pages are added with ``_add_page(widget, title)`` (one line per page). The window fits a
1366×768 laptop: no child asks for more than that as its minimum, and nothing resizes the
window by itself. What a user may not see (the supervisor's figures for a manager) is never built.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
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
from qa_desk.domain.identity import User
from qa_desk.domain.recordings import RecordingState
from qa_desk.domain.russian import count
from qa_desk.services import Services
from qa_desk.services.errors import USER_ERRORS, message
from qa_desk.ui.audit_banner import AuditBanner, with_banner
from qa_desk.ui.crm_pusher import CrmPusher
from qa_desk.ui.crm_settings import CrmSettingsWidget
from qa_desk.ui.crm_sync_view import CrmSyncView
from qa_desk.ui.deal_view import DealView
from qa_desk.ui.leads_view import LeadsView
from qa_desk.ui.menus import SEPARATOR, Item, ShortcutsDialog, build_menus
from qa_desk.ui.queue_view import QueueView
from qa_desk.ui.search_widget import SearchWidget
from qa_desk.ui.supervisor_view import SupervisorView
from qa_desk.ui.transcription import TranscriptionController

QUEUE_TAB, DEAL_TAB = 0, 1
LAPTOP = QSize(1366, 768)


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """A yes/no question; tests replace ``MainWindow.ask``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Отмена", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is accept


class MainWindow(QMainWindow):
    userSwitched = Signal(object)  # noqa: N815 - the chosen User; the app reopens the window as them

    def __init__(
        self,
        services: Services,
        transcriber: TranscriptionController | None = None,
        *,
        choose_user: Callable[[QWidget], User | None] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.ask = ask
        self._choose_user = choose_user
        self.setWindowTitle("QA Desk — контроль качества звонков")
        self.resize(min(1400, LAPTOP.width()), min(880, LAPTOP.height() - 40))
        self.transcriber = transcriber or TranscriptionController(services, parent=self)
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
        self.supervisor: SupervisorView | None = None
        if services.supervisor.can_view():  # managers never get colleagues' figures
            self.supervisor = SupervisorView(services)
            self.supervisor.dealActivated.connect(self.open_deal)
            self._add_page(self.supervisor, "Руководителю")
        self.leads = LeadsView(services)
        self.leads.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._add_page(self.leads, "Лиды по договору")
        self.crm_settings, self.crm_sync = CrmSettingsWidget(services), CrmSyncView(services)
        if services.crm_sync.can_sync().allowed or services.crm.can_configure().allowed:
            self._add_page(self.crm_settings, "Интеграция с CRM")
            self._add_page(self.crm_sync, "Синхронизация")
        self.crm_settings.synced.connect(self._on_crm_synced)
        self.crm_pusher = CrmPusher(services, self)
        self.crm_pusher.pushed.connect(self._on_crm_pushed)
        self.crm_pusher.problem.connect(lambda text: self.statusBar().showMessage(f"CRM: {text}", 8000))
        self.audit_banner = AuditBanner(services)  # red while the audit log's chain is broken
        self.setCentralWidget(with_banner(self.audit_banner, self.tabs))
        self.audit_banner.check()
        self.player = self.deal_view.player
        if hasattr(self.player, "install_shortcuts"):
            self.player.install_shortcuts(self)

        self._build_status_bar()
        self.actions_by_name = build_menus(self, self._menu_spec())
        self.transcriber.progress.connect(self.deal_view.on_progress)
        self.transcriber.recording_done.connect(self.deal_view.on_recording_finished)
        self.transcriber.recording_failed.connect(lambda rid, _err: self.deal_view.on_recording_finished(rid))
        self.transcriber.queue_changed.connect(self._on_queue_changed)
        self.transcriber.idle.connect(self._on_idle)
        self._restore_settings()
        if services.crm.connected():
            QTimer.singleShot(0, self.crm_pusher.kick)  # verdicts left unsent when the app last closed

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
        user = self.services.actor
        self.user_label = QLabel(f"{user.display_name} · {user.role.label}" if user is not None else "")
        self.user_label.setObjectName("Muted")
        self.queue_bar = QProgressBar()
        self.queue_bar.setMaximumWidth(240)
        self.queue_bar.setFormat("Распознано %v из %m")
        self.queue_bar.hide()
        self.cancel_button = QPushButton("Остановить распознавание")
        self.cancel_button.setToolTip("Нераспознанные звонки вернутся в очередь; продолжить можно из меню «Звонки»")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_transcription)
        bar = self.statusBar()
        bar.addPermanentWidget(self.queue_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.user_label)

    def _menu_spec(self) -> list[tuple[str, list[Item | None]]]:
        std = QKeySequence.StandardKey
        return [
            ("&Файл", [
                Item("Импорт выгрузки CRM…", self.import_manifest, "Ctrl+I"),
                Item("Настройки…", self.show_settings, "Ctrl+,", "settings"),
                SEPARATOR,
                Item("Сменить пользователя…", self.switch_user, "Ctrl+Shift+U", "switch_user"),
                Item("Выход", self.close, std.Quit),
            ]),
            ("&Вид", [
                Item("Очередь проверки", lambda: self.tabs.setCurrentIndex(QUEUE_TAB), "Ctrl+1"),
                Item("Открытая сделка", lambda: self.tabs.setCurrentIndex(DEAL_TAB), "Ctrl+2"),
                Item("Поиск по звонкам", self.focus_search, "Ctrl+F"),
                Item("Панель справа: свернуть / показать", self.deal_view.toggle_side_panel, "Ctrl+B"),
                Item("Обновить", self.refresh, std.Refresh),
            ]),
            ("&Звонки", [
                Item("Следующая цитата", lambda: self._evidence(1), ("F3", "Ctrl+Down")),
                Item("Предыдущая цитата", lambda: self._evidence(-1), ("Shift+F3", "Ctrl+Up")),
                SEPARATOR,
                Item("Распознать звонки открытой сделки", self.transcribe_current),
                Item("Распознать все нераспознанные звонки", self.start_background_transcription),
                Item("Остановить распознавание", self.cancel_transcription),
            ]),
            ("&Справка", [
                Item("Сочетания клавиш", self.show_shortcuts, "F1", "shortcuts"),
                Item("О программе", self._about),
            ]),
        ]  # fmt: skip

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
        self._name_deal_tab()
        if any(e.state.waiting for e in self.deal_view.timeline.entries):
            queued = self.transcriber.enqueue_deal(deal_id)
            if queued:
                self.deal_view.refresh_timeline()
                calls = count(queued, ("звонок", "звонка", "звонков"))
                self.statusBar().showMessage(f"Распознаём {calls} этой сделки в фоне", 6000)
        return True

    def _name_deal_tab(self) -> None:
        card = self.deal_view.workspace.card if self.deal_view.workspace else None
        self.tabs.setTabText(DEAL_TAB, f"Сделка {card.external_id}" if card else "Сделка")

    def open_hit(self, deal_id: int, recording_id: int, seconds: float) -> bool:
        """A search result: the deal at that moment of that call, ready to play (never playing by itself).

        A deal under review in the deal tab is replaced only when the reviewer agrees."""
        view = self.deal_view
        if view.deal_id not in (None, deal_id) and view.reviewing():
            current = view.workspace.card.external_id if view.workspace else ""
            wanted = self.services.deals.card(deal_id).external_id
            text = (
                f"Во вкладке «Сделка» идёт проверка {current}. Открыть вместо неё {wanted}?\n"
                "Ответы проверки сохранены — к ней можно вернуться из очереди."
            )
            if not self.ask(self, "Открыть сделку", text, f"Открыть {wanted}"):
                return False
        if view.deal_id != deal_id and not self.open_deal(deal_id):
            return False
        self.tabs.setCurrentIndex(DEAL_TAB)
        view.open_at(recording_id, seconds, play=False)
        return True

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search.parentWidget())
        self.search.input.setFocus()

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
        self.crm_pusher.kick()  # a verdict's CRM push, already in the outbox, goes out in the background
        self.queue.reload()
        if self.supervisor is not None:
            self.supervisor.refresh()
        if self.deal_view.deal_id == deal_id:
            self.deal_view.reload()  # the card, the calls and the history; the wizard reloaded itself
            self._name_deal_tab()
        entries = self.deal_view.timeline.entries if self.deal_view.deal_id == deal_id else []
        pending = any(e.state == RecordingState.PENDING for e in entries)  # e.g. a newly attached callback
        if pending and self.transcriber.enqueue_deal(deal_id):
            self.deal_view.refresh_timeline()
            self.statusBar().showMessage("Запись проверочного звонка распознаётся в фоне", 6000)

    # --- dialogs ---------------------------------------------------------------------------
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
            text += f"\nНе удалось прочитать файлов: {len(report.failures)} — они отмечены в сделках как ошибки."
        QMessageBox.information(self, "Импорт выгрузки CRM", text)
        self.queue.refresh()
        self.start_background_transcription()

    def _on_crm_synced(self) -> None:
        self.queue.reload()
        self.crm_sync.refresh()
        self.start_background_transcription()

    def _on_crm_pushed(self, report: Any) -> None:
        self.statusBar().showMessage(report.summary(), 8000)
        self.crm_sync.refresh()
        if self.deal_view.deal_id is not None:
            self.deal_view.refresh_review()

    def show_settings(self) -> bool:
        from qa_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return False
        self.transcriber.options = self.services.transcription.options()
        self.deal_view.refresh_review()  # the company's name is said in the script
        return True

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self)
        dialog.show()
        return dialog

    def switch_user(self) -> User | None:
        """«Сменить пользователя»: ask the identity hook who works now; the app reopens the window."""
        try:
            if self._choose_user is not None:
                user = self._choose_user(self)
            else:
                from qa_desk.ui.user_picker import choose_user

                user = choose_user(self.services, self)
        except USER_ERRORS as exc:
            QMessageBox.warning(self, "Сменить пользователя", message(exc))
            return None
        if user is not None and (self.services.actor is None or user.id != self.services.actor.id):
            self.userSwitched.emit(user)
        return user

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

    # --- window state ----------------------------------------------------------------------
    def _state_widgets(self) -> dict[str, Any]:
        return {
            "window/state": self,
            "queue/header": self.queue.table.horizontalHeader(),
            "deal/timeline_header": self.deal_view.timeline.horizontalHeader(),
            "deal/main_split": self.deal_view.main_split,
            "deal/left_split": self.deal_view.left_split,
        }

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
                    self.deal_view.timeline_sized_by_user = True
        try:
            deal_id = int(str(settings.value("deal/last")))
        except ValueError:
            return
        if self.deal_view.open_deal(deal_id):
            self.queue.select_deal(deal_id)
            self._name_deal_tab()
            if str(settings.value("window/tab")) == str(DEAL_TAB):
                self.tabs.setCurrentIndex(DEAL_TAB)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        for key, widget in self._state_widgets().items():
            settings.setValue(key, widget.saveState())
        settings.setValue("window/tab", self.tabs.currentIndex())
        settings.setValue("deal/left_split_by_user", self.deal_view.timeline_sized_by_user)
        if self.deal_view.deal_id is not None:
            settings.setValue("deal/last", self.deal_view.deal_id)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        self.deal_view.stop()
        self.leads.shutdown()
        self.audit_banner.shutdown()
        self.transcriber.shutdown()
        self.crm_pusher.stop()
        self.crm_settings.shutdown()
        self.crm_sync.shutdown()
        super().closeEvent(event)
