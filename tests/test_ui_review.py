"""The callback wizard, audit view, supervisor view and user picker, offscreen on a real SQLite file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import AUDIO, DEMO, ROOT
from conftest import services_for as S
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select
from test_ui_workspace import load_demo

from qa_desk.domain.identity import User
from qa_desk.domain.roles import Role
from qa_desk.domain.statuses import Status
from qa_desk.importing.service import import_manifest
from qa_desk.storage.db import Database
from qa_desk.storage.models import Deal, PenaltyEntry, Recording


@pytest.fixture
def demo_db(db: Database) -> Database:
    import_manifest(db, DEMO / "manifest.csv")
    S(db).users.sync()
    head = S(db).users.get("head")
    S(db, head).managers.set_pay(S(db).managers.find("Иван Петров"), salary="85000")
    return db


def deal_id(db: Database, external: str) -> int:
    with db.session() as s:
        return s.scalar(select(Deal.id).where(Deal.external_id == external))


def make_wizard(qtbot, db: Database, login: str, external: str = "D-1001"):
    from qa_desk.ui.review_wizard import ReviewWizard

    wizard = ReviewWizard(S(db, login), deal_id(db, external))
    qtbot.addWidget(wizard)
    return wizard


def test_walk_the_wizard_and_return_the_deal_to_another_manager(qtbot, demo_db: Database) -> None:
    from qa_desk.ui.audit_view import AuditView
    from qa_desk.ui.supervisor_view import SupervisorView

    wizard = make_wizard(qtbot, demo_db, "olga")
    assert not wizard.start_button.isHidden()
    with qtbot.waitSignal(wizard.deal_changed) as changed:
        wizard.start_button.click()
    assert changed.args == [deal_id(demo_db, "D-1001")]
    assert wizard.state.status is Status.IN_REVIEW and wizard.pages.count() == 4

    greeting = wizard.pages.widget(0).findChild(type(wizard.header), "script_greeting").text()
    assert greeting.startswith("Добрый день! Меня зовут Ольга Контролёрова")
    assert "12 марта" in greeting and "причина — «маленький бюджет»" in greeting  # quoted, read aloud
    assert "решили пока не покупать промышленный чиллер" in greeting  # the product inflected, lowercased
    product = wizard.pages.widget(1).findChild(type(wizard.header), "script_what_would_help").text()
    assert product.endswith("купить у нас промышленный чиллер?")

    wizard.fields["client_answer"].setText("Бюджет есть, просто никто не перезвонил")
    wizard.next_button.click()
    wizard.fields["what_would_help"].setText("Рассрочка")
    wizard.next_button.click()
    wizard.fields["reason_confirmed"].setCurrentIndex(2)  # нет
    wizard.fields["real_budget"].setText("1 500 000")
    wizard.fields["real_timing"].setText("апрель")
    wizard.next_button.click()
    assert wizard.pages.currentIndex() == 3 and wizard.false_radio.isChecked()  # from «нет»

    wizard.submit_verdict()  # no manager chosen yet
    assert "Выберите другого менеджера" in wizard.error.text()
    wizard.manager_box.setCurrentIndex(wizard.manager_box.findText("Мария Соколова"))
    wizard.submit_verdict()
    assert wizard.error.text() == "Укажите вид нарушения менеджера"
    wizard.violation_box.setCurrentIndex(wizard.violation_box.findData("client_dropped"))
    assert (
        wizard.step_label.text() == "Шаг 4 из 4" and wizard.verdict_button.text() == "Вернуть сделку в работу"
    )
    consequences = wizard.consequences.text()
    assert "её поведёт <b>Мария Соколова</b>" in consequences
    assert (
        "<b>Иван Петров</b> получит штраф <b>850\u00a0₽</b> (1\u00a0% оклада 85\u00a0000\u00a0₽)"
        in consequences
    )
    assert "бюджет 1\u00a0500\u00a0000\u00a0₽" in consequences
    with qtbot.waitSignal(wizard.deal_changed):
        wizard.submit_verdict()
    assert wizard.error.text() == ""
    assert wizard.state.finished and "Ложный отказ" in wizard.header.text()
    assert wizard.start_button.isHidden() and wizard.pages.isHidden()

    with demo_db.session() as s:
        deal = s.get(Deal, deal_id(demo_db, "D-1001"))
        assert (deal.status, deal.manager.name) == ("active", "Мария Соколова")
        assert deal.verified_budget == Decimal("1500000.00") and deal.verified_timing == "апрель"
        penalty = s.scalar(select(PenaltyEntry))
        assert (penalty.manager.name, penalty.amount, penalty.kind) == (
            "Иван Петров",
            Decimal("850.00"),
            "client_dropped",
        )

    audit = AuditView(S(demo_db, "olga"), deal_id(demo_db, "D-1001"))
    qtbot.addWidget(audit)
    actions = [e.action for e in audit.entries]
    assert actions == [
        "Импорт из CRM",
        "Смена статуса",
        "Ответы клиента",  # leaving step 1
        "Ответы клиента",  # leaving step 2
        "Ответы клиента",  # step 3, on the way to the verdict
        "Вердикт",
        "Нарушение и штраф",
        "Факты от клиента",
    ]
    assert audit.entries[2].changes == ("Что ответил клиент: «Бюджет есть, просто никто не перезвонил»",)
    assert "Клиент подтвердил причину отказа: нет" in audit.entries[4].changes
    assert audit.entries[5].who == "Ольга Контролёрова"
    assert "менеджер: Иван Петров → Мария Соколова" in audit.entries[5].changes
    assert "штраф: 850\u00a0₽" in audit.entries[6].changes

    view = SupervisorView(S(demo_db, "olga"))
    qtbot.addWidget(view)
    assert view.tabs.count() == 6
    penalties = view.panels[3]
    assert penalties.table.item(0, 0).text() == "Иван Петров"
    assert penalties.table.item(0, 2).text() == "850\u00a0₽"
    assert penalties.chart.bars == [("Иван Петров", 850.0)]
    assert "Возвращено в работу: 1" in view.panels[4].summary.text()
    false_rate = view.panels[1]
    assert [false_rate.table.item(0, c).text() for c in range(5)] == ["Иван Петров", "1", "0", "1", "100,0"]
    assert false_rate.table.item(0, 4).textAlignment() & Qt.AlignmentFlag.AlignRight  # numbers right-aligned
    reviewers = view.panels[5]
    assert reviewers.table.item(0, 0).text() == "Ольга Контролёрова"


def test_bar_chart_paints_and_csv_exports(qtbot, demo_db: Database, tmp_path: Path) -> None:
    from qa_desk.ui.supervisor_view import SupervisorView

    view = SupervisorView(S(demo_db, "head"))
    qtbot.addWidget(view)
    view.resize(900, 600)
    reasons = view.panels[0]
    assert dict(reasons.chart.bars)["маленький бюджет"] == 1.0
    image = reasons.chart.grab()  # runs paintEvent
    assert not image.isNull()
    reasons.export_csv(tmp_path / "reasons.csv")
    lines = (tmp_path / "reasons.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Причина;Отказов;Проверено;Подтверждено;Ложных;Доля ложных, %"
    assert "маленький бюджет;1;0;0;0;0,0" in lines
    view.all_time.setChecked(False)
    view.start_edit.setDate(view.start_edit.date().addYears(-50))
    view.end_edit.setDate(view.start_edit.date().addDays(1))
    assert view.panels[0].table.rowCount() == 0 and view.report.period.end is not None


def test_answers_survive_dropping_the_widget_without_closing(qtbot, demo_db: Database) -> None:
    wizard = make_wizard(qtbot, demo_db, "olga")
    wizard.start()
    wizard.fields["client_answer"].setText("Клиент говорит, что бюджет есть")
    wizard.go_to(2)
    wizard.fields["reason_confirmed"].setCurrentIndex(2)
    wizard.fields["notes"].setPlainText("перезвонить в апреле")
    wizard.deleteLater()  # no close, no save: the widget just disappears
    del wizard

    again = Database(demo_db.url)  # a new connection to the same file, as after a restart
    reopened = make_wizard(qtbot, again, "olga")
    assert reopened.pages.currentIndex() == 2
    assert reopened.fields["client_answer"].text() == "Клиент говорит, что бюджет есть"
    assert reopened.fields["reason_confirmed"].currentData() == "no"
    assert reopened.fields["notes"].toPlainText() == "перезвонить в апреле"
    again.dispose()


def test_answers_survive_sigkill_mid_wizard(qtbot, demo_db: Database) -> None:
    olga = S(demo_db).users.get("olga")
    S(demo_db, olga).review.start("D-1001")
    child = textwrap.dedent(
        f"""
        import os, signal
        from qa_desk.services import Services
        services = Services.open({demo_db.url!r})
        review = services.as_user(services.users.get("olga")).review
        review.save_answer("D-1001", "client_answer", "сказал, что бюджет есть")
        review.save_answer("D-1001", "real_budget", "900 000")
        review.set_step("D-1001", 2)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", child], env=env, cwd=ROOT, timeout=120)
    assert result.returncode == -signal.SIGKILL

    wizard = make_wizard(qtbot, Database(demo_db.url), "olga")
    assert wizard.pages.currentIndex() == 2
    assert wizard.fields["client_answer"].text() == "сказал, что бюджет есть"
    assert wizard.fields["real_budget"].text() == "900 000"


def test_confirmed_refusal_and_verdict_choices_are_autosaved(qtbot, demo_db: Database) -> None:
    wizard = make_wizard(qtbot, demo_db, "head", "D-1002")
    wizard.start()
    wizard.go_to(3)
    wizard.confirmed_radio.setChecked(True)
    wizard.comment_edit.setText("клиент подтвердил")
    assert S(demo_db, "head").review.state("D-1002").answers == {
        "verdict": "refusal_confirmed",
        "verdict.comment": "клиент подтвердил",
    }
    wizard.submit_verdict()  # «подтвердил ли клиент» is required: the reviewer is taken to it
    assert wizard.error.text() == "Сначала заполните: Клиент подтвердил причину отказа"
    assert wizard.pages.currentIndex() == 2 and wizard.fields["reason_confirmed"].property("required_missing")
    wizard.fields["reason_confirmed"].setCurrentIndex(1)
    assert wizard.error.text() == ""
    wizard.submit_verdict()
    assert wizard.state.status is Status.CLOSED_LOST and wizard.error.text() == ""


def test_manager_cannot_review_and_sees_the_rule(qtbot, demo_db: Database) -> None:
    wizard = make_wizard(qtbot, demo_db, "ivan.petrov")
    assert wizard.start_button.isHidden()
    assert "только контроль качества или руководитель отдела продаж" in wizard.header.text()
    assert "Иван Петров (Менеджер)" in wizard.header.text()
    wizard.start()
    assert (
        wizard.error.text() == "Начать проверку может только контроль качества или руководитель отдела продаж"
    )
    assert wizard.state.status is Status.CONDITIONAL_REFUSAL


def test_recorder_without_microphone_says_so_and_file_can_be_attached(
    qtbot, demo_db: Database, monkeypatch
) -> None:
    from qa_desk.audio import recorder as callback_recorder

    monkeypatch.setattr(callback_recorder, "input_devices", lambda: [])
    monkeypatch.setattr(callback_recorder, "default_input", lambda: None)
    wizard = make_wizard(qtbot, demo_db, "olga")
    wizard.start()
    assert not wizard.record_button.isEnabled() and wizard.record_button.isHidden()
    assert wizard.record_status.text().startswith("Микрофона нет")
    with qtbot.waitSignal(wizard.deal_changed):
        wizard.attach(AUDIO / "mono_short.wav", None)
    with demo_db.session() as s:
        origins = s.scalars(select(Recording.origin).where(Recording.deal_id == wizard.deal_id)).all()
    assert origins.count("callback") == 1


def test_recording_with_a_fake_sound_card(qtbot, demo_db: Database, monkeypatch, tmp_path: Path) -> None:
    import numpy as np
    import soundfile as sf

    from qa_desk.audio import recorder as callback_recorder

    class FakeStream:
        def __init__(self, *, callback, samplerate, **_kw) -> None:
            self.callback, self.rate = callback, samplerate

        def start(self) -> None:
            self.callback(np.full((self.rate, 1), 0.1, dtype="float32"), self.rate, None, None)

        def stop(self) -> None: ...

        def close(self) -> None: ...

    import sounddevice

    monkeypatch.setattr(sounddevice, "InputStream", FakeStream)
    monkeypatch.setattr(callback_recorder, "input_devices", lambda: [(0, "mic"), (1, "line")])
    monkeypatch.setattr(callback_recorder, "default_input", lambda: 0)
    monkeypatch.setenv("QA_DESK_DATA_DIR", str(tmp_path))
    wizard = make_wizard(qtbot, demo_db, "olga")
    wizard.start()
    wizard.line_box.setCurrentIndex(1)
    wizard.toggle_recording()
    assert wizard.record_status.text() == "Идёт запись…"
    wizard.toggle_recording()
    files = list((tmp_path / "callbacks").glob("D-1001_*_callback.wav"))
    assert len(files) == 1 and sf.info(str(files[0])).channels == 2
    assert "прикреплена" in wizard.record_status.text()


def test_user_picker_remembers_the_choice(qtbot, demo_db: Database, tmp_path: Path, monkeypatch) -> None:
    from qa_desk.ui import user_picker

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert user_picker.remembered_identity(S(demo_db), settings) is None

    def fake_exec(dialog) -> int:
        for row in range(dialog.list.count()):
            if dialog.list.item(row).data(256) == "olga":
                dialog.list.setCurrentRow(row)
        return user_picker.QDialog.DialogCode.Accepted

    monkeypatch.setattr(user_picker.UserPickerDialog, "exec", fake_exec)
    chosen = user_picker.choose_identity(S(demo_db), settings=settings)
    assert chosen is not None and chosen.current_user().display_name == "Ольга Контролёрова"
    assert user_picker.remembered_identity(S(demo_db), settings).current_user().id == "olga"
    dialog = user_picker.UserPickerDialog(S(demo_db).users.active(), "head")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == "head"


def test_supervisor_report_is_plain_data(demo_db: Database) -> None:
    assert S(demo_db).supervisor.report().returned_count == 0


# --- the wizard inside the deal view, in the main window ----------------------------------------


def open_window(qtbot, db: Database, login: str = "olga"):
    """The main window as ``login``; transcription requests are recorded, not run."""
    from qa_desk.ui.main_window import MainWindow

    win = MainWindow(S(db, login))
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    win.enqueued = []
    win.transcriber.enqueue_deal = lambda deal=None, **_kw: win.enqueued.append(deal) or 0
    return win


def test_review_inside_the_deal_view_beside_the_transcript(qtbot, db: Database) -> None:
    from qa_desk.ui.deal_view import REVIEW_WIDTH

    load_demo(db)  # D-1001's calls transcribed, so the engine's findings are there
    win = open_window(qtbot, db)
    d1001 = deal_id(db, "D-1001")
    win.open_deal(d1001)
    view = win.deal_view
    qtbot.waitUntil(lambda: view.analysis is not None, timeout=30000)
    assert view.review_button.isVisible() and view.review_button.text() == "Проверить отказ"

    before = view.main_split.sizes()
    view.review_button.click()
    wizard = view.wizard
    assert view.side_tabs.currentWidget() is view.review_page and wizard is not None
    assert view.transcript.isVisible() and view.player.isVisible()  # the calls stay in view
    assert view.main_split.sizes()[1] >= REVIEW_WIDTH - 10 and not view.review_button.isVisible()
    assert "✘ <b>Бюджет</b> — ни разу не спрашивали" in wizard.findings.text()
    assert "Менеджер Иван Петров перевёл сделку в условный отказ" in wizard.header.text()
    assert "маленький бюджет" in wizard.findings.text()  # the engine's flag
    assert (
        wizard.start_button.isVisible() and "Сделка перейдёт в статус «На проверке»" in wizard.header.text()
    )

    with qtbot.waitSignal(wizard.deal_changed):
        wizard.start_button.click()
    assert view.card.values["Статус"].text() == "На проверке"  # deal_changed refreshed the deal view
    assert next(r for r in win.queue.model.rows if r.deal_id == d1001).status == "in_review"  # and the queue
    assert wizard.step_label.text() == "Шаг 1 из 4" and wizard.pages.isVisible()
    script = wizard.pages.widget(0).findChild(QLabel, "script_greeting")
    assert script.isVisible() and script.text().startswith("Добрый день! Меня зовут Ольга Контролёрова")

    wizard.fields["client_answer"].setText("Бюджет есть, никто не перезвонил")
    with qtbot.waitSignal(wizard.deal_changed):
        wizard.attach(AUDIO / "mono_short.wav", None)  # the recorded callback
    assert win.enqueued == [d1001]  # queued for transcription
    assert [e.title for e in view.timeline.entries] == ["Звонок 1", "Звонок 2", "Звонок 3", "Проверочный звонок КК"]
    assert view.timeline.item(3, 0).text() == "КК" and "Проверочный звонок КК" in view.transcript.toPlainText()
    assert "Звонок 4" not in view.transcript.toPlainText()

    wizard.go_to(2)
    wizard.fields["reason_confirmed"].setCurrentIndex(2)  # нет
    wizard.fields["real_budget"].setText("1 500 000")
    wizard.next_button.click()
    wizard.manager_box.setCurrentIndex(wizard.manager_box.findText("Мария Соколова"))
    wizard.violation_box.setCurrentIndex(wizard.violation_box.findData("client_dropped"))
    assert "Иван Петров</b> получит штраф <b>850" in wizard.consequences.text()
    with qtbot.waitSignal(wizard.deal_changed):
        wizard.verdict_button.click()
    assert wizard.error.text() == ""
    assert view.card.values["Менеджер"].text() == "Мария Соколова"
    assert view.card.values["Статус"].text() == "В работе"
    assert win.supervisor.report.returned_count == 1  # the supervisor's figures follow

    view.side_tabs.setCurrentWidget(view.audit_page)
    actions = [e.action for e in view.audit.entries]
    assert actions == [
        "Импорт из CRM",
        "Смена статуса",
        "Запись проверочного звонка",
        "Ответы клиента",  # leaving step 1
        "Ответы клиента",  # step 3, on the way to the verdict
        "Вердикт",
        "Нарушение и штраф",
        "Факты от клиента",
    ]
    answers = view.audit.entries[3].changes
    assert "Что ответил клиент: «Бюджет есть, никто не перезвонил»" in answers
    assert view.audit.isVisible() and view.main_split.sizes() == before  # the panel narrows again
    win.close()


def test_reopening_a_deal_in_review_resumes_the_wizard(qtbot, demo_db: Database) -> None:
    olga = S(demo_db).users.get("olga")
    S(demo_db, olga).review.start("D-1001")
    win = open_window(qtbot, demo_db)
    win.open_deal(deal_id(demo_db, "D-1001"))
    wizard = win.deal_view.wizard
    assert wizard is not None and win.deal_view.side_tabs.currentWidget() is win.deal_view.review_page
    wizard.fields["client_answer"].setText("клиент говорит, что бюджет есть")
    wizard.go_to(1)
    wizard.fields["what_would_help"].setText("рассрочка")
    win.deleteLater()  # dropped without closing: nothing is saved on close
    del win, wizard

    again = Database(demo_db.url)  # as after a restart
    reopened = open_window(qtbot, again)
    reopened.open_deal(deal_id(again, "D-1001"))
    wizard = reopened.deal_view.wizard
    assert (
        wizard is not None and reopened.deal_view.side_tabs.currentWidget() is reopened.deal_view.review_page
    )
    assert wizard.pages.currentIndex() == 1 and wizard.step_label.text() == "Шаг 2 из 4"
    assert wizard.fields["client_answer"].text() == "клиент говорит, что бюджет есть"
    assert wizard.fields["what_would_help"].text() == "рассрочка"
    reopened.close()
    again.dispose()


def test_a_manager_sees_why_they_cannot_review(qtbot, demo_db: Database) -> None:
    win = open_window(qtbot, demo_db, "maria.sokolova")
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert "Руководителю" not in titles and "Поиск по звонкам" in titles  # no colleagues' penalties
    assert win.supervisor is None  # never built, not just hidden
    win.open_deal(deal_id(demo_db, "D-1001"))
    view = win.deal_view
    assert not view.review_button.isVisible()  # a manager never reviews: no button, no review tab
    assert not view.side_tabs.isTabVisible(view.side_tabs.indexOf(view.review_page))
    view.side_tabs.setCurrentWidget(view.audit_page)
    history = " ".join(line for e in view.audit.entries for line in e.changes)
    assert "оклад" not in history and "85" not in history  # Иван Петров's salary is not Мария's to see
    win.close()


def test_a_reviewer_who_may_not_review_this_deal_sees_why(qtbot, demo_db: Database) -> None:
    from qa_desk.domain.transitions import SELF_REVIEW
    from qa_desk.ui.main_window import MainWindow

    ivan = User("qc.ivan", "Иван Петров", Role.QC, S(demo_db).managers.find("Иван Петров"))
    win = MainWindow(S(demo_db).as_user(ivan))  # a controller who also leads deals
    qtbot.addWidget(win)
    win.transcriber.enqueue_deal = lambda *_a, **_kw: 0
    win.show()
    win.open_deal(deal_id(demo_db, "D-1001"))  # his own deal
    view = win.deal_view
    assert view.review_button.isVisible() and not view.review_button.isEnabled()
    assert view.review_note.isVisible() and view.review_note.text() == SELF_REVIEW  # said where it is seen
    win.close()
