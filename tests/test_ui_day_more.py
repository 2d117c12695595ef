"""The rest of a controller's day in the window: required answers, the penalty within the rule, Russian
wording, the calls table, the supervisor's drill-down, settings, shortcuts and «Сменить пользователя»."""

from __future__ import annotations

from decimal import Decimal

from conftest import AUDIO
from conftest import services_for as S
from PySide6.QtCore import Qt
from test_ui_day import day_db, deal, open_window  # noqa: F401 - the fixture

from qa_desk.domain.statuses import Status


def start_review(win, external: str):  # noqa: ANN001, ANN201
    win.open_deal(deal(win, external))
    win.deal_view.show_review()
    wizard = win.deal_view.wizard
    wizard.start_button.click()
    return wizard


def test_required_answer_takes_the_reviewer_to_its_field(qtbot, day_db) -> None:  # noqa: ANN001, F811
    win = open_window(qtbot, day_db)
    wizard = start_review(win, "A-1")
    wizard.go_to(2)
    assert wizard.next_button.text() == "К вердикту →"
    wizard.next_button.click()  # «Клиент подтвердил причину отказа *» is still empty
    assert wizard.pages.currentIndex() == 2
    assert wizard.error.text() == "Сначала заполните: Клиент подтвердил причину отказа"
    field = wizard.fields["reason_confirmed"]
    assert field.hasFocus() or field.property("required_missing")
    field.setCurrentIndex(field.findData("no"))
    assert wizard.error.text() == "" and not field.property("required_missing")
    wizard.next_button.click()
    assert wizard.pages.currentIndex() == 3
    win.close()


def test_the_penalty_can_be_raised_within_the_companys_rule(qtbot, day_db) -> None:  # noqa: ANN001, F811
    win = open_window(qtbot, day_db)
    wizard = start_review(win, "A-1")
    wizard.go_to(2)
    wizard.fields["reason_confirmed"].setCurrentIndex(wizard.fields["reason_confirmed"].findData("no"))
    wizard.next_button.click()
    wizard.false_radio.setChecked(True)
    wizard.manager_box.setCurrentIndex(wizard.manager_box.findText("Мария Соколова"))
    wizard.violation_box.setCurrentIndex(wizard.violation_box.findData("falsified_reason"))
    box = wizard.verdict_page.penalty_box
    assert box.minimum() == 1.0 and box.value() == 1.0  # the company's rule: at least 1 %
    box.setValue(0.5)
    assert box.value() == 1.0  # cannot go under the rule
    box.setValue(2.5)
    assert "2\u00a0125\u00a0₽</b> (2,5\u00a0% оклада 85\u00a0000\u00a0₽)" in wizard.consequences.text()
    with qtbot.waitSignal(wizard.deal_changed):
        wizard.verdict_button.click()
    violation = next(e for e in S(day_db, "olga").audit.trail("A-1") if e.action == "violation")
    assert violation.after["penalty"] == str(Decimal("2125.00")) and "2,5" in violation.after["penalty_rule"]
    win.close()


def test_wording_agrees_with_the_person(qtbot, day_db) -> None:  # noqa: ANN001, F811
    win = open_window(qtbot, day_db)
    win.open_deal(deal(win, "A-2"))  # Мария Соколова's refusal
    win.deal_view.show_review()
    header = win.deal_view.wizard.header.text()
    assert "Менеджер Мария Соколова перевела сделку в условный отказ с причиной «дорого»" in header
    wizard = win.deal_view.wizard
    wizard.start_button.click()
    text = wizard.pages.widget(0).findChild(type(wizard.header), "script_greeting").text()
    assert "решили пока не покупать стеллажи. У нас записано, что причина — «дорого»." in text
    win.close()


def test_the_calls_table_shows_every_call_with_its_whole_text_on_hover(qtbot, day_db) -> None:  # noqa: ANN001, F811
    win = open_window(qtbot, day_db)
    wizard = start_review(win, "A-1")
    with qtbot.waitSignal(wizard.deal_changed):
        wizard.attach(AUDIO / "silence.wav", None)
    timeline = win.deal_view.timeline
    assert [timeline.item(r, 0).text() for r in range(timeline.rowCount())] == ["1", "2", "3", "КК"]
    assert timeline.height() >= timeline.height_for(4)  # four rows, no scrolling
    assert not timeline.verticalScrollBar().isVisible()
    assert "Проверочный звонок контроля качества" in timeline.item(3, 0).toolTip()
    assert "corrupt.mp3" in timeline.item(1, 4).toolTip()
    with qtbot.waitSignal(wizard.deal_changed, raising=False, timeout=200):
        wizard.attach(AUDIO / "stereo_short.ogg", None)  # a copy of call 3
    assert "эта запись уже есть в сделке A-1 как звонок 3" in wizard.error.text()
    assert timeline.rowCount() == 4
    win.close()


def test_supervisor_drills_down_to_the_deals_and_opens_one(qtbot, day_db) -> None:  # noqa: ANN001, F811
    olga = S(day_db, "olga")
    olga.review.start("A-1")
    olga.review.save_answer("A-1", "reason_confirmed", "yes")
    olga.review.apply_verdict("A-1", "refusal_confirmed")
    win = open_window(qtbot, day_db)
    supervisor = win.supervisor
    supervisor.refresh()
    reasons = supervisor.panels[0]
    row = next(r for r in range(reasons.table.rowCount()) if reasons.table.item(r, 0).text() == "маленький бюджет")
    assert [reasons.table.item(row, c).text() for c in range(1, 6)] == ["1", "1", "1", "0", "0,0"]
    assert reasons.table.item(row, 2).textAlignment() & Qt.AlignmentFlag.AlignRight
    reasons.table.selectRow(row)
    assert reasons.deals.rowCount() == 1 and reasons.deals.item(0, 0).text() == "A-1"
    assert reasons.deals.item(0, 4).text() == "Отказ подтверждён"
    with qtbot.waitSignal(supervisor.dealActivated):
        reasons.deals.cellDoubleClicked.emit(0, 0)
    assert win.deal_view.deal_id == deal(win, "A-1") and win.tabs.currentWidget() is win.deal_view
    assert win.deal_view.workspace.card.status == Status.CLOSED_LOST.value
    months = supervisor.panels[2]
    assert months.table.rowCount() == 1 and months.table.item(0, 1).text() == "1"
    win.close()


def test_settings_shortcuts_and_switching_user(qtbot, day_db, monkeypatch, tmp_path) -> None:  # noqa: ANN001, F811
    from qa_desk.ui.app import open_window as app_window
    from qa_desk.ui.menus import shortcut_rows
    from qa_desk.ui.settings_dialog import SettingsDialog

    win = open_window(qtbot, day_db)
    rows = {action: keys for _group, action, keys in shortcut_rows(win)}  # key names as the system says them
    assert rows["Следующая цитата"].startswith("F3, Ctrl+") and rows["Поиск по звонкам"] == "Ctrl+F"
    assert "Воспроизвести / пауза" in rows and "Сочетания клавиш" in rows  # the player's keys too
    assert win.show_shortcuts().table.rowCount() == len(rows)

    monkeypatch.setenv("QA_DESK_DATA_DIR", str(tmp_path / "profile"))  # settings.toml of this test only
    qc = SettingsDialog(win.services, win)  # a controller reads the settings; only an administrator saves
    assert not qc.save_button.isEnabled() and "администратор" in qc.save_button.toolTip()
    admin = SettingsDialog(S(day_db, "admin"), win)
    admin.company.setText("ООО «ТехноСнаб»")
    admin.penalty.setValue(2.0)
    assert admin.save()
    current = S(day_db).settings.current()
    assert current.company == "ООО «ТехноСнаб»" and current.penalty_percent == Decimal("2")
    admin.minimum.setValue(3.0)  # the default under the company's minimum is refused, in Russian
    assert not admin.save() and "меньше минимального" in admin.error.text()

    head = S(day_db).users.get("head")
    win._choose_user = lambda _parent: head  # the identity hook (the user picker, or team sign-in)
    with qtbot.waitSignal(win.userSwitched) as switched:
        win.actions_by_name["switch_user"].trigger()
    assert switched.args == [head]
    replacement = app_window(win.services, head)
    qtbot.addWidget(replacement)
    assert replacement.services.actor == head and replacement.user_label.text().startswith("Пётр Руководителев")
    replacement.transcriber.shutdown()
    win.close()


def test_unsure_findings_read_possibly_and_a_later_answer_says_so(qtbot) -> None:  # noqa: ANN001
    """The engine's confidence and ``later_call`` (engine version 4), read where present."""
    from datetime import datetime

    from PySide6.QtWidgets import QLabel

    from qa_desk.domain.recordings import RecordingState
    from qa_desk.domain.workspace import StoredAnalysis, TimelineEntry
    from qa_desk.ui.questions_panel import QuestionsPanel

    entries = [
        TimelineEntry(10 + i, i + 1, f"c{i}.mp3", datetime(2026, 3, i + 1, 10), "manifest", 30000, 2, RecordingState.DONE, None)
        for i in range(2)
    ]
    answer = {"recording": 1, "start": 3.0, "end": 5.0, "speaker": "client", "quote": "около миллиона",
              "confidence": 0.5, "later_call": True}  # fmt: skip
    question = {"id": "budget", "title": "Бюджет", "answer_kind": "money", "asked": True, "answered": True,
                "value": {"text": "около миллиона"}, "confidence": 0.5,
                "asked_evidence": [{"recording": 0, "start": 1.0, "end": 2.0, "speaker": "manager", "quote": "Бюджет?"}],
                "answer_evidence": [answer]}  # fmt: skip
    flag = {"code": "refusal_reason_unsupported", "message": "…", "confidence": 0.6}
    panel = QuestionsPanel()
    qtbot.addWidget(panel)
    panel.show_analysis(StoredAnalysis({"questions": [question], "flags": [flag]}, [10, 11]), entries, "дорого")
    [card] = panel.cards
    assert card.findChild(QLabel, "Badge").text() == "возможно, ответ получен"
    lines = " ".join(label.text() for label in card.findChildren(QLabel, "Evidence"))
    assert "Возможно, ответ в более позднем звонке: звонок 2" in lines
    head = panel.flag_banner.findChildren(QLabel)[0].text()
    assert "возможно, не подтверждается звонками" in head
