"""A bank with bad input: one line naming the file (and the case), the rest kept; never a traceback."""

from __future__ import annotations

import sys
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


CONTRACT_BANK = """
[[set]]
name = "cleaning"
[[set.question]]
id = "area"
title = "Площадь помещений, кв. м"
ask = ["какая площадь помещений требует уборки"]
answer = "text"
[[set.question]]
id = "spend"
title = "Бюджет на уборку в месяц"
ask = ["какой бюджет на уборку в месяц"]
answer = "money"

[[case]]
set = "cleaning"
line = "Сколько вы сейчас тратите на уборку в месяц?"
asks = ["spend"]

[[case]]
set = "cleaning"
line = "У нас уборка стоит сорок рублей за метр."
asks = []

[[case]]
set = "laundry"
line = "А стирка у вас своя?"
asks = []

[[case]]
set = "cleaning"
line = "Окна моете сами?"
asks = ["windows"]
"""


def test_the_contract_bank_scorer_runs_the_engine_with_each_cases_own_set(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import eval_bank_contract as bank

    path = tmp_path / "contract.toml"
    path.write_text(CONTRACT_BANK, encoding="utf-8")
    sets = bank.load_sets(path)
    cases = bank.load_cases(path, sets)  # a case of an unknown set, or with an unknown id: named, left out
    assert [c.index for _, c in cases] == [0, 1]
    misses: list[str] = []
    score = bank.score(cases, sets, False, misses)["cleaning"]
    assert (score.counts.tp, score.counts.fp, score.traps_fired) == (1, 0, 0), misses


def test_a_contract_bank_with_a_broken_set_is_one_line(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import eval_bank_contract as bank

    path = tmp_path / "contract.toml"
    path.write_text('[[set]]\nname = "x"\n[[case]]\nset = "x"\nline = "a"\nasks = []\n', encoding="utf-8")
    with pytest.raises(bank_file.BankError) as err:
        bank.load_sets(path)
    assert "набор «x»" in str(err.value) and "\n" not in str(err.value)
