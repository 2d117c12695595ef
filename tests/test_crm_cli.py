"""``qa-desk crm`` against the local fake Bitrix24: connect, map, sync, outbox, with one-line errors."""

from __future__ import annotations

import os

from conftest import services_for
from fakes.crm_fixtures import fake  # noqa: F401
from fakes.crm_seed import seed_b24

from qa_desk.cli import main
from qa_desk.storage.db import Database


def test_crm_commands_end_to_end(db_url, fake, capsys, monkeypatch) -> None:  # noqa: ANN001, F811
    monkeypatch.setenv("QA_DESK_SECRETS", "file")
    monkeypatch.setenv("COLUMNS", "200")
    seed_b24(fake)
    base = ["--db", db_url, "crm"]
    assert main([*base, "--as", "admin", "connect", "bitrix24", "--webhook", fake.webhook_url]) == 2
    assert "Нужен пароль для «admin»" in capsys.readouterr().err  # --as alone is no sign-in
    assert main([*base, "status"]) == 2
    assert "Войдите" in capsys.readouterr().err
    db = Database(db_url)
    services_for(db).auth.mark_demo()  # the demo database: --as picks a user without a password
    db.dispose()
    assert main([*base, "status"]) == 2
    assert "CRM не подключена" in capsys.readouterr().err
    assert main([*base, "--as", "admin", "connect", "bitrix24", "--webhook", fake.webhook_url]) == 0
    out = capsys.readouterr().out
    assert "Подключено: Битрикс24" in out and "secretcode" not in out
    assert main([*base, "--as", "admin", "map", "stage", "UC_REFUSAL", "conditional_refusal"]) == 0
    assert "Условный отказ (проверять)" in capsys.readouterr().out
    assert main([*base, "--as", "olga", "map", "stage", "NEW", "active"]) == 2
    assert "администратор" in capsys.readouterr().err
    assert main([*base, "--as", "olga", "sync"]) == 0
    out = capsys.readouterr().out
    assert "Сделок: новых 3" in out and "Записей: добавлено 6" in out
    assert main([*base, "outbox"]) == 0
    assert "пуста" in capsys.readouterr().out
    data = os.environ["QA_DESK_DATA_DIR"]
    secrets_file = os.path.join(data, "crm_secrets.json")
    assert "secretcode" in open(secrets_file, encoding="utf-8").read()
    assert oct(os.stat(secrets_file).st_mode & 0o777) == "0o600"


def test_bitrix24_application_oauth_connect(db_url, fake, capsys, monkeypatch) -> None:  # noqa: ANN001, F811
    """An application instead of a webhook: the authorization code is exchanged for tokens once
    (https://apidocs.bitrix24.ru/settings/oauth/index.html), the tokens are kept as secrets."""
    monkeypatch.setenv("QA_DESK_SECRETS", "file")
    seed_b24(fake)
    db = Database(db_url)
    services_for(db).auth.mark_demo()
    db.dispose()
    base = ["--db", db_url, "crm", "--as", "admin", "connect", "bitrix24"]
    assert main([*base, "--portal", fake.url, "--client-id", "app"]) == 2
    assert "--webhook или OAuth приложения" in capsys.readouterr().err
    oauth = ["--portal", fake.url, "--client-id", "app", "--client-secret", "csecret", "--oauth-url", fake.url]
    assert main([*base, *oauth, "--code", "b24-auth-code"]) == 0
    out = capsys.readouterr().out
    assert "Подключено: Битрикс24" in out and fake.state.b24_token not in out
    assert main([*base, *oauth, "--code", "b24-auth-code"]) == 2  # a code is good once: one line, no traceback
    err = capsys.readouterr().err
    assert "Битрикс24" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert main(["--db", db_url, "crm", "--as", "olga", "sync"]) == 0
    assert "Сделок: новых 3" in capsys.readouterr().out
    data = os.environ["QA_DESK_DATA_DIR"]
    assert fake.state.b24_token in open(os.path.join(data, "crm_secrets.json"), encoding="utf-8").read()
