"""Team features in the window, offscreen: sign-in (first administrator, wrong and right password),
«Сменить пользователя», «Пользователи…», the demo's password-free picker, and on PostgreSQL the
queue on workers and a queue that refreshes when another workstation changes a deal."""

from __future__ import annotations

import pytest
from conftest import services_for as S
from PySide6.QtWidgets import QDialog

from qa_desk.importing.service import import_manifest
from qa_desk.services import auth
from qa_desk.storage.db import Database


def _manifest(tmp_path) -> object:  # noqa: ANN001
    path = tmp_path / "m.csv"
    path.write_text(
        "deal_id,manager,status,refusal_reason,recording\nD-1,Иван Петров,conditional_refusal,маленький бюджет,x.mp3\n",
        encoding="utf-8",
    )
    return path


def test_first_administrator_then_sign_in(qtbot, db: Database) -> None:
    from qa_desk.ui.sign_in import SignInDialog

    services = S(db)
    first = SignInDialog(services, first_admin=True)
    qtbot.addWidget(first)
    first.login.setText("boss")
    first.password.setText("boss-password-1")
    first.repeat.setText("other")
    first.try_sign_in()
    assert first.error.text() == "Пароли не совпадают" and first.user is None
    first.password.setText("boss-password-1")  # a refusal clears the password
    first.repeat.setText("boss-password-1")
    first.try_sign_in()
    assert first.user is not None and first.user.role.value == "admin"
    assert not services.auth.needs_first_admin()

    dialog = SignInDialog(services)
    qtbot.addWidget(dialog)
    dialog.login.setText("boss")
    dialog.password.setText("wrong-password")
    dialog.try_sign_in()
    assert dialog.error.text() == auth.WRONG and dialog.password.text() == "" and dialog.user is None
    dialog.password.setText("boss-password-1")
    dialog.try_sign_in()
    assert dialog.user is not None and dialog.result() == QDialog.DialogCode.Accepted


def test_switch_user_and_users_dialog(qtbot, db: Database, tmp_path, monkeypatch) -> None:
    from qa_desk.ui.accounts_dialog import AccountsDialog
    from qa_desk.ui.main_window import MainWindow

    import_manifest(db, _manifest(tmp_path))
    boss = S(db).auth.create_first_admin("boss", "Босс", "boss-password-1")
    S(db, boss).accounts.add("olga", "Ольга Контролёрова", "qc", password="olga-password-1")
    win = MainWindow(S(db, boss))
    qtbot.addWidget(win)
    texts = [a.text() for a in win.menuBar().actions()[0].menu().actions()]
    assert "Сменить пользователя…" in texts and "Пользователи…" in texts
    dialog = AccountsDialog(win.services, win)
    qtbot.addWidget(dialog)
    logins = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert logins == ["boss", "olga"]
    from qa_desk.ui import sign_in as sign_in_module

    olga = S(db).users.get("olga")
    asked: list[object] = []
    monkeypatch.setattr(sign_in_module, "sign_in", lambda services, parent=None: asked.append(parent) or olga)
    with qtbot.waitSignal(win.userSwitched) as switched:  # «Сменить пользователя» signs the next person in
        next(a for a in win.menuBar().actions()[0].menu().actions() if a.text() == "Сменить пользователя…").trigger()
    assert switched.args[0].id == "olga" and asked == [win]
    win.close()

    qc_window = MainWindow(S(db, "olga"))
    qtbot.addWidget(qc_window)
    assert "Пользователи…" not in [a.text() for a in qc_window.menuBar().actions()[0].menu().actions()]
    qc_window.close()


def test_demo_database_keeps_the_picker(qtbot, db: Database, monkeypatch) -> None:
    from qa_desk.ui import sign_in, user_picker

    S(db).users.sync()
    S(db).auth.mark_demo()
    seen: dict[str, str] = {}

    def fake_exec(dialog) -> int:  # noqa: ANN001
        seen["title"] = dialog.windowTitle()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(user_picker.UserPickerDialog, "exec", fake_exec)
    user = sign_in.sign_in(S(db))
    assert user is not None and seen["title"] == sign_in.DEMO_TITLE


@pytest.mark.postgres
def test_team_window_queues_on_workers_and_refreshes_on_notify(qtbot, pg_db: Database, tmp_path) -> None:
    from qa_desk.ui.main_window import MainWindow
    from qa_desk.ui.team_transcription import TeamTranscriptionController

    import_manifest(pg_db, _manifest(tmp_path))
    S(pg_db).users.sync()
    win = MainWindow(S(pg_db, "olga"))
    qtbot.addWidget(win)
    win.show()
    assert isinstance(win.transcriber, TeamTranscriptionController)
    assert win.change_watcher.changes.pushed
    qtbot.wait(1500)  # the listener has connected
    other = Database(pg_db.url, migrate=False)  # another workstation
    with qtbot.waitSignal(win.change_watcher.changed, timeout=10000):
        S(other, "head").review.start("D-1")
    qtbot.waitUntil(lambda: "проверяет Пётр" in str(win.queue.model.rows[0].status_label), timeout=5000)
    other.dispose()
    win.close()
