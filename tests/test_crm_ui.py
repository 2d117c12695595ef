"""The «Интеграция с CRM» page and the «Синхронизация» view, offscreen, against the local fake."""

from __future__ import annotations

from fakes.crm_fixtures import fake, users  # noqa: F401
from fakes.crm_seed import seed_b24
from PySide6.QtWidgets import QComboBox

from qa_desk.domain.identity import LocalIdentity
from qa_desk.services import crm_connections as conns


def test_settings_page_checks_edits_mappings_and_sync_view(qtbot, db, fake, users, monkeypatch) -> None:  # noqa: ANN001, F811
    from qa_desk.ui.crm_settings import CrmSettingsWidget
    from qa_desk.ui.crm_sync_view import CrmSyncView

    monkeypatch.setenv("QA_DESK_SECRETS", "file")
    seed_b24(fake)
    conns.connect(db, users["admin"], "bitrix24", fake.url, {"webhook": fake.webhook_url})
    conns.load_lists(db, users["admin"])
    identity = LocalIdentity(users.values(), "admin")
    page = CrmSettingsWidget(db, identity)
    qtbot.addWidget(page)
    stages = page.tables["stage"]
    names = [stages.item(i, 0).text() for i in range(stages.rowCount())]
    assert any(n.startswith("Условный отказ") for n in names)
    refusal = next(i for i, n in enumerate(names) if n.startswith("Условный отказ"))
    assert stages.cellWidget(refusal, 2).currentText() == "Условный отказ (проверять)"

    page.check_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Подключено"), timeout=10000)

    combo = stages.cellWidget(0, 2)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(""))
    page.save_button.click()
    assert page.status.text() == "Сохранено соответствий: 1"
    assert [r.value for r in conns.mapping_rows(db, kind="stage")][0] is None

    view = CrmSyncView(db, identity)
    qtbot.addWidget(view)
    assert "Битрикс24" in view.summary.text() and view.table.rowCount() == 0


def test_main_window_has_the_crm_pages(qtbot, db) -> None:  # noqa: ANN001
    from qa_desk.ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert "Интеграция с CRM" in titles and "Синхронизация" in titles
    assert "не подключена" in win.crm_settings.status.text()
    win.close()
