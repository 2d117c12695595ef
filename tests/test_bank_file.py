"""A bank with bad input: one line naming the file (and the case), the rest kept; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_desk.analysis import bank_file

FIELDS = {"line": str, "asks": list}


def test_a_good_case_is_kept_with_its_index_and_a_bad_one_is_named(tmp_path: Path) -> None:
    bank = tmp_path / "b.toml"
    bank.write_text('[[case]]\nasks = ["need"]\n[[case]]\nline = "Сроки?"\nasks = "timing"\n'
                    '[[case]]\nline = "Когда?"\nasks = ["timing"]\n', encoding="utf-8")
    said: list[str] = []
    got = list(bank_file.cases(bank, FIELDS, said.append))
    assert [i for i, _ in got] == [2]
    assert said == [f"{bank}: случай #0: нет поля «line», пропущен",
                    f"{bank}: случай #1: неверный тип поля «asks», пропущен"]


@pytest.mark.parametrize(("text", "message"), [
    (None, "нет такого файла"),
    ('[[case]\nline = "a"\n', "ошибка TOML"),
    ("title = 'пусто'\n", "в банке нет ни одного [[case]]"),
])
def test_an_unreadable_bank_is_one_line(tmp_path: Path, text: str | None, message: str) -> None:
    bank = tmp_path / "b.toml"
    if text is not None:
        bank.write_text(text, encoding="utf-8")
    with pytest.raises(bank_file.BankError) as err:
        list(bank_file.cases(bank, FIELDS))
    assert str(err.value).startswith(f"{bank}: {message}")
    assert "\n" not in str(err.value)


def test_a_file_not_in_utf8(tmp_path: Path) -> None:
    bank = tmp_path / "b.toml"
    bank.write_bytes("[[case]]\nline = 'Бюджет?'\n".encode("cp1251"))
    with pytest.raises(bank_file.BankError, match="UTF-8"):
        list(bank_file.cases(bank, FIELDS))
