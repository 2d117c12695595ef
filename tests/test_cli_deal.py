"""``qa-desk deal`` / ``qa-desk users`` end to end: same checks and messages as the services."""

from __future__ import annotations

import pytest
from conftest import AUDIO, DEMO
from conftest import services_for as S

from qa_desk.cli import main
from qa_desk.domain import transitions as t
from qa_desk.importing.service import import_manifest
from qa_desk.storage.db import Database


@pytest.fixture
def cli(db: Database, capsys, monkeypatch):
    import_manifest(db, DEMO / "manifest.csv")
    monkeypatch.delenv("QA_DESK_USER", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--db", db.url, *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_refused_moves_print_one_russian_line(cli) -> None:
    code, _, err = cli("deal", "status", "D-1001", "closed_lost", "--as", "ivan.petrov")
    assert code == 2 and err.strip() == f"Ошибка: {t.LOST_DENIED}"
    code, _, err = cli("deal", "review", "D-1001")
    assert code == 2 and "--as ЛОГИН" in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("deal", "--as", "nobody", "review", "D-1001")
    assert code == 2 and "Пользователь «nobody» не найден" in err
    code, _, err = cli("deal", "show", "D-9999")
    assert code == 2 and "Сделка «D-9999» не найдена" in err


def test_whole_review_from_the_command_line(cli, monkeypatch, db: Database) -> None:
    assert cli("users", "pay", "Иван Петров", "--salary", "85 000", "--as", "head")[0] == 0
    monkeypatch.setenv("QA_DESK_USER", "olga")
    code, out, _ = cli("deal", "review", "D-1001")
    assert code == 0 and "Меня зовут Ольга Контролёрова" in out and "12 марта" in out
    code, _, err = cli("deal", "verdict", "D-1001", "--confirmed")
    assert code == 2 and t.LOST_REVIEW_UNFINISHED in err
    assert cli("deal", "answer", "D-1001", "reason_confirmed", "no")[0] == 0
    code, _, err = cli("deal", "answer", "D-1001", "budget", "1")
    assert code == 2 and "В скрипте нет поля «budget»" in err
    code, out, err = cli(
        "deal", "verdict", "D-1001", "--false-refusal", "--new-manager", "Мария Соколова",
        "--violation", "falsified_reason", "--budget", "1 500 000",
    )  # fmt: skip
    assert code == 0, err
    assert "Ложный отказ" in out and "штраф 850\u00a0₽" in out
    code, out, _ = cli("deal", "show", "D-1001")
    assert "Статус: В работе; менеджер: Мария Соколова" in out and "1 500 000" in out
    code, out, _ = cli("deal", "audit", "D-1001")
    assert "Вердикт. статус: На проверке → В работе" in out and "Нарушение и штраф" in out
    code, out, _ = cli("deal", "list", "--status", "active")
    assert "D-1001" in out and "D-1003" in out and "D-1002" not in out
    rid_out = cli("deal", "attach", "D-1001", str(AUDIO / "mono_short.wav"))[1]
    assert "прикреплена" in rid_out


def test_manager_refusal_needs_comment_for_other(cli) -> None:
    code, _, err = cli("deal", "refuse", "D-1003", "--reason", "другое", "--as", "alexey.smirnov")
    assert code == 2 and "обязательно добавьте комментарий" in err
    code, out, _ = cli(
        "deal", "refuse", "D-1003", "--reason", "Другое", "--comment", "закрылись", "--as", "alexey.smirnov"
    )
    assert code == 0 and "условный отказ" in out


def test_users_list_and_admin_only_add(cli, db: Database) -> None:
    code, out, _ = cli("users", "list")
    assert code == 0 and "olga" in out and "Ольга Контролёрова" in out and "ivan.petrov" in out
    code, _, err = cli("users", "add", "new.qc", "--name", "Новый Контролёр", "--role", "qc", "--as", "olga")
    assert code == 2 and "только администратор" in err
    assert cli("users", "add", "new.qc", "--name", "Новый Контролёр", "--role", "qc", "--as", "admin")[0] == 0
    code, _, err = cli("users", "pay", "Иван Петров", "--percent", "150", "--as", "admin")
    assert code == 2 and "от 0 до 100" in err
    assert S(db, "admin").managers.active()[1].penalty_label.startswith("1")
