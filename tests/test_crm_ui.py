"""The «Интеграция с CRM» page, the «Синхронизация» view and the background push, offscreen,
against the local fake CRM, through real services."""

from __future__ import annotations

from fakes.crm_fixtures import acting, clock, connect, downloads, fake, false_refusal, secrets, sync  # noqa: F401
from fakes.crm_seed import seed_b24
from PySide6.QtWidgets import QComboBox


def test_settings_page_checks_edits_mappings_syncs_and_sync_view(qtbot, db, fake, acting) -> None:  # noqa: ANN001, F811
    from qa_desk.ui.crm_settings import CrmSettingsWidget
    from qa_desk.ui.crm_sync_view import CrmSyncView

    seed_b24(fake)
    admin = acting("admin")
    admin.crm.connect("bitrix24", fake.url, {"webhook": fake.webhook_url})
    admin.crm.load_lists()
    page = CrmSettingsWidget(admin)
    qtbot.addWidget(page)
    stages = page.tables["stage"]
    names = [stages.item(i, 0).text() for i in range(stages.rowCount())]
    refusal = next(i for i, n in enumerate(names) if n.startswith("Условный отказ"))
    assert stages.cellWidget(refusal, 2).currentText() == "Условный отказ (проверять)"

    page.check_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Подключено"), timeout=10000)

    combo = stages.cellWidget(0, 2)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(""))
    page.save_button.click()
    assert page.status.text() == "Сохранено соответствий: 1"
    assert [r.value for r in admin.crm.mapping_rows(kind="stage")][0] is None

    with qtbot.waitSignal(page.synced, timeout=20000):
        page.sync_button.click()
    assert "Сделок: новых 3" in page.status.text()

    view = CrmSyncView(admin)
    qtbot.addWidget(view)
    assert "Битрикс24" in view.summary.text() and view.table.rowCount() == 0
    page.shutdown()
    view.shutdown()


def test_a_bitrix24_application_connects_with_oauth_from_the_page(qtbot, db, fake, acting) -> None:  # noqa: ANN001, F811
    """The page's «приложение OAuth 2.0» mode: the one-time code is exchanged for tokens
    (https://apidocs.bitrix24.ru/settings/oauth/index.html); the key and the code are not left in the form."""
    from qa_desk.ui.crm_settings import KINDS, CrmSettingsWidget

    seed_b24(fake)
    admin = acting("admin")
    page = CrmSettingsWidget(admin)
    qtbot.addWidget(page)
    page.kind.setCurrentIndex([k for k, _ in KINDS].index("bitrix24-app"))
    assert page.address_label.text() == "Адрес портала" and not page.client_id.isHidden()
    page.address.setText(fake.url)
    page.client_id.setText("app")
    page.client_secret.setText("csecret")
    page.extra.setText(fake.url)
    page.code.setText("not-the-code")
    page.connect_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Ошибка"), timeout=10000)
    status = page.status.text()  # one line naming the CRM and its answer
    assert "Битрикс24: GET /oauth/token/" in status and "\n" not in status and "Traceback" not in status
    assert not admin.crm.connected()
    page.client_secret.setText("csecret")
    page.code.setText("b24-auth-code")
    page.connect_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("Подключено"), timeout=10000)
    assert page.client_secret.text() == "" and page.code.text() == ""
    assert admin.crm.connection().settings["auth"] == "oauth"
    page.refresh()
    assert page.kind.currentData() == "bitrix24-app"
    assert admin.crm.secrets.get("connection-1")["access_token"] == fake.state.b24_token
    page.shutdown()


def test_a_manager_cannot_change_the_crm_settings(qtbot, db, fake, acting) -> None:  # noqa: ANN001, F811
    from qa_desk.domain.roles import Role
    from qa_desk.ui.crm_settings import CrmSettingsWidget

    acting("admin").users.add("ivan", "Иван Петров", Role.MANAGER, manager_name="Иван Петров")
    page = CrmSettingsWidget(acting("ivan"))
    qtbot.addWidget(page)
    assert not page.connect_button.isEnabled() and "администратор" in page.connect_button.toolTip()
    assert not page.sync_button.isEnabled()
    page.shutdown()


def test_verdict_is_pushed_in_the_background_and_shown(qtbot, db, fake, acting, clock, downloads, tmp_path) -> None:  # noqa: ANN001, F811
    from qa_desk.ui.crm_pusher import CrmPusher
    from qa_desk.ui.main_window import MainWindow

    connector = connect(acting, fake, "amocrm", clock)
    olga = acting("olga")
    sync(olga, connector, downloads, tmp_path)
    false_refusal(acting, "101")  # the outbox row is committed with the verdict
    win = MainWindow(olga)
    qtbot.addWidget(win)
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert "Интеграция с CRM" in titles and "Синхронизация" in titles
    pusher = win.crm_pusher
    assert isinstance(pusher, CrmPusher)
    with qtbot.waitSignal(pusher.pushed, timeout=20000) as pushed:
        pusher.kick()  # what a verdict in the window does (``on_deal_changed``); start-up kicks too
    assert pushed.args[0].sent == 1
    assert len(fake.requests("POST", "/notes")) == 1 and olga.crm_outbox.waiting() == 0
    assert "отправлено" in [win.crm_sync.table.item(0, 3).text()]
    win.close()
    assert not pusher.running
