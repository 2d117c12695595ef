"""``qa-desk crm`` against the local fake Bitrix24: connect, map, sync, outbox, with one-line errors."""

from __future__ import annotations

import os

from fakes.crm_fixtures import fake  # noqa: F401
from fakes.crm_seed import seed_b24

from qa_desk.cli import main


def test_crm_commands_end_to_end(db_url, fake, capsys, monkeypatch) -> None:  # noqa: ANN001, F811
    monkeypatch.setenv("QA_DESK_SECRETS", "file")
    monkeypatch.setenv("COLUMNS", "200")
    seed_b24(fake)
    base = ["--db", db_url, "crm"]
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
