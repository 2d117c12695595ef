"""The bad-input corpus: every kind of broken export seen so far, through ``qa-desk import``.

Each case puts one bad row (or a bad file, a bad value, a bad recording) between two good rows.
Expected: a one-line Russian message naming the row or the file, no traceback, the good rows and
their recordings imported, and the exit code telling whether a row failed.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import AUDIO, ROOT
from sqlalchemy import select

from qa_desk.cli import main
from qa_desk.storage.db import Database
from qa_desk.storage.models import Deal, Recording

HEADER = "deal_id,deal_title,amount,currency,manager,manager_email,manager_salary,status,refusal_comment,call_started_at,recording"
GOOD_1 = 'G-1,"Первая",1000,RUB,Иван Петров,ivan@example.com,85000,active,,2026-03-01T10:00:00,calls/good1.mp3'
GOOD_2 = 'G-2,"Вторая",2000,RUB,Мария Соколова,maria@example.com,90000,active,,2026-03-02T10:00:00,calls/good2.wav'


def row(**values: str) -> str:
    fields = {
        "deal_id": "B-1",
        "deal_title": "Третья",
        "amount": "3000",
        "currency": "RUB",
        "manager": "Алексей Смирнов",
        "manager_email": "alexey@example.com",
        "manager_salary": "80000",
        "status": "active",
        "refusal_comment": "",
        "call_started_at": "2026-03-03T10:00:00",
        "recording": "calls/good1.mp3",
    } | values
    return ",".join(fields.values())


@dataclass(frozen=True)
class Case:
    middle: str  # the bad part, between the two good rows (or after them: ``last``)
    code: int  # the exit code
    message: str | None  # a fragment of the one error line (None: nothing is wrong)
    where: str = "строка 3"  # what the message must name
    last: bool = False
    kept: bool = False  # the bad row itself is imported (a value left out, or a failed recording)
    transform: Callable[[str], bytes] | None = None
    check: Callable[[Database], None] | None = None


def _title(expected: str) -> Callable[[Database], None]:
    def check(db: Database) -> None:
        with db.session() as s:
            assert s.scalar(select(Deal.title).where(Deal.external_id == "B-1")) == expected

    return check


def _comment(expected: str) -> Callable[[Database], None]:
    def check(db: Database) -> None:
        with db.session() as s:
            assert s.scalar(select(Deal.refusal_comment).where(Deal.external_id == "B-1")) == expected

    return check


def _failed_recording(db: Database) -> None:
    with db.session() as s:
        deal = s.scalar(select(Deal).where(Deal.external_id == "B-1"))
        assert [(r.state, bool(r.error)) for r in deal.recordings] == [("failed", True)]


CASES: dict[str, Case] = {
    # rows that cannot be imported
    "no_deal_id": Case(row(deal_id=""), 1, "нет обязательного поля «deal_id»"),
    "no_recording": Case(row(recording=""), 1, "нет обязательного поля «recording»"),
    "short_row": Case("B-1,Третья,3000", 1, "3 полей вместо 11"),
    "long_row": Case(row() + ",лишнее", 1, "лишний разделитель"),
    "unclosed_quote": Case(row(deal_title='"Третья'), 1, "незакрытая кавычка"),
    "unclosed_quote_at_end": Case(row(deal_title='"Третья'), 1, "незакрытая кавычка", "строка 4", last=True),
    "stray_quote": Case(row(deal_title='"Тре"тья'), 1, "лишняя кавычка"),
    "nul_byte_in_deal_id": Case(row(deal_id="B-\x001"), 1, "управляющий символ"),
    "huge_field": Case(row(deal_title="я" * 200_000), 1, "слишком длинное поле"),
    "deal_id_too_long": Case(row(deal_id="D" * 150), 1, "id сделки длиннее 100"),
    "deal_id_control_char": Case(row(deal_id="B-1\x07"), 1, "управляющий символ"),
    "recording_control_char": Case(row(recording="calls/go\x01od.mp3"), 1, "путь к записи содержит"),
    # values left out, the row kept
    "amount_negative": Case(row(amount="-1000"), 1, "сумма: отрицательное значение «-1000»", kept=True),
    "amount_1e23": Case(row(amount="1e23"), 1, "сумма: «1e23» — не число", kept=True),
    "amount_infinity": Case(row(amount="Infinity"), 1, "сумма: «Infinity» — не число", kept=True),
    "amount_minus_infinity": Case(row(amount="-Infinity"), 1, "сумма: «-Infinity» — не число", kept=True),
    "amount_nan": Case(row(amount="NaN"), 1, "сумма: «NaN» — не число", kept=True),
    "amount_above_ceiling": Case(row(amount="100000000000000"), 1, "больше допустимого", kept=True),
    "amount_words": Case(row(amount="много"), 1, "сумма: «много» — не число", kept=True),
    "salary_negative": Case(row(manager_salary="-85000"), 1, "оклад: отрицательное значение", kept=True),
    "salary_1e30": Case(row(manager_salary="1e30"), 1, "оклад: «1e30» — не число", kept=True),
    "salary_above_ceiling": Case(row(manager_salary="1000000000"), 1, "оклад: «1000000000» — больше", kept=True),
    "date_before_1990": Case(row(call_started_at="1899-01-01T10:00:00"), 1, "вне допустимого диапазона", kept=True),
    "date_far_future": Case(row(call_started_at="2999-01-01T10:00:00"), 1, "вне допустимого диапазона", kept=True),
    "date_garbage": Case(row(call_started_at="вчера"), 1, "время звонка: «вчера» не разобрано", kept=True),
    "title_too_long": Case(row(deal_title="Т" * 301), 1, "название: длиннее 300 символов", kept=True),
    "manager_too_long": Case(row(manager="М" * 201), 1, "менеджер: длиннее 200 символов", kept=True),
    "unknown_status": Case(row(status="завис"), 1, "неизвестный статус «завис»", kept=True),
    "bad_currency": Case(row(currency="рублей"), 1, "не код валюты", kept=True),
    "bad_email": Case(row(manager_email="ivan"), 1, "«ivan» — не адрес почты", kept=True),
    # odd but valid: imported whole
    "form_feed_in_quotes": Case(row(deal_title='"Тре\x0cтья"'), 0, None, kept=True, check=_title("Тре тья")),
    "u2028_in_quotes": Case(row(deal_title='"Тре\u2028тья"'), 0, None, kept=True, check=_title("Тре тья")),
    "u0085_in_quotes": Case(row(deal_title='"Тре\x85тья"'), 0, None, kept=True, check=_title("Тре тья")),
    "quoted_newline_kept": Case(
        row(refusal_comment='"строка один\nстрока два"'), 0, None, kept=True, check=_comment("строка один\nстрока два")
    ),
    "nul_byte_in_text": Case(row(deal_title="Тре\x00тья"), 0, None, kept=True, check=_title("Третья")),
    "markup_in_title": Case(row(deal_title="[/x] [bold]Третья"), 0, None, kept=True, check=_title("[/x] [bold]Третья")),
    "blank_lines": Case("\n\n" + row(), 0, None, kept=True),
    "trailing_delimiters": Case(row() + ",,", 0, None, kept=True),
    "windows_line_ends": Case(row(), 0, None, kept=True, transform=lambda t: t.replace("\n", "\r\n").encode()),
    "windows_1251": Case(row(), 0, "прочитан как Windows-1251", "m.csv", kept=True, transform=lambda t: t.encode("cp1251")),
    "semicolons": Case(row(), 0, None, kept=True, transform=lambda t: t.replace(",", ";").encode()),
    # recordings that cannot be read: kept as failed with the reason
    "recording_missing": Case(row(recording="calls/missing.mp3"), 0, "missing.mp3: файл не найден", "missing.mp3", kept=True, check=_failed_recording),
    "recording_empty": Case(row(recording="calls/empty.mp3"), 0, "empty.mp3: файл пустой", "empty.mp3", kept=True, check=_failed_recording),
    "recording_corrupt": Case(row(recording="calls/corrupt.mp3"), 0, "corrupt.mp3: ", "corrupt.mp3", kept=True, check=_failed_recording),
    "recording_not_audio": Case(row(recording="calls/not_audio.wav"), 0, "not_audio.wav: ", "not_audio.wav", kept=True, check=_failed_recording),
    "recording_truncated": Case(row(recording="calls/truncated.wav"), 0, "truncated.wav: ", "truncated.wav", kept=True, check=_failed_recording),
    "recording_wrong_format": Case(row(recording="calls/notes.txt"), 0, "не поддерживается", "notes.txt", kept=True, check=_failed_recording),
    "recording_is_folder": Case(row(recording="calls/folder.mp3"), 0, "это папка", "folder.mp3", kept=True, check=_failed_recording),
    "recording_is_device": Case(row(recording="calls/zero.mp3"), 0, "не обычный файл", "zero.mp3", kept=True, check=_failed_recording),
    "recording_markup_in_name": Case(row(recording="calls/[bold]bad.mp3"), 0, "[bold]bad.mp3: ", "[bold]bad.mp3", kept=True, check=_failed_recording),
}


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database file, copied for each case (migrating once keeps the corpus fast)."""
    path = tmp_path_factory.mktemp("template") / "qa.sqlite3"
    Database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def workdir(tmp_path: Path, template_db: Path) -> Path:
    calls = tmp_path / "calls"
    calls.mkdir()
    shutil.copy(AUDIO / "stereo_short.mp3", calls / "good1.mp3")
    shutil.copy(AUDIO / "mono_short.wav", calls / "good2.wav")
    for name in ("empty.mp3", "corrupt.mp3", "not_audio.wav", "truncated.wav"):
        shutil.copy(AUDIO / name, calls / name)
    shutil.copy(AUDIO / "corrupt.mp3", calls / "[bold]bad.mp3")
    (calls / "notes.txt").write_text("не звук", encoding="utf-8")
    (calls / "folder.mp3").mkdir()
    (calls / "zero.mp3").symlink_to("/dev/zero")
    shutil.copy(template_db, tmp_path / "qa.sqlite3")
    return tmp_path


def _run(workdir: Path, manifest: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], Database]:
    url = f"sqlite:///{workdir / 'qa.sqlite3'}"
    code = main(["--db", url, "import", str(manifest)])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error" not in err and "Exception" not in err
    return code, err.splitlines(), Database(url)


def _good_rows_kept(db: Database) -> None:
    with db.session() as s:
        for deal_id in ("G-1", "G-2"):
            deal = s.scalar(select(Deal).where(Deal.external_id == deal_id))
            assert deal is not None, deal_id
            assert [r.state for r in deal.recordings] == ["pending"], deal_id


@pytest.mark.parametrize("kind", list(CASES))
def test_bad_input_is_one_line_and_the_rest_is_kept(kind: str, workdir: Path, capsys) -> None:
    case = CASES[kind]
    rows = [GOOD_1, GOOD_2, case.middle] if case.last else [GOOD_1, case.middle, GOOD_2]
    text = HEADER + "\n" + "\n".join(rows) + "\n"
    manifest = workdir / "m.csv"
    manifest.write_bytes(case.transform(text) if case.transform else text.encode("utf-8"))
    code, lines, db = _run(workdir, manifest, capsys)
    try:
        assert code == case.code, lines
        problems = [line for line in lines if line.startswith(("Ошибка", "Запись не читается", "Предупреждение"))]
        if case.message is None:
            assert problems == []
        else:
            hits = [line for line in problems if case.message in line]
            assert len(hits) == 1, lines
            assert hits[0].count("не импортировано") <= 1, hits[0]  # said once («…, не импортировано — значение не импортировано»)
            assert case.where in hits[0]
        _good_rows_kept(db)
        with db.session() as s:
            imported = s.scalar(select(Deal.id).where(Deal.external_id == "B-1")) is not None
        assert imported == case.kept
        if case.check is not None:
            case.check(db)
    finally:
        db.dispose()


JSON_CASES: dict[str, tuple[object, str]] = {
    "json_item_not_object": ("просто строка", "запись 2: не объект"),
    "json_nested_value": ({"deal_id": "B-1", "recording": "calls/good1.mp3", "amount": {"x": 1}}, "вложенная структура"),
    "json_nan_amount": ({"deal_id": "B-1", "recording": "calls/good1.mp3", "amount": float("nan")}, "сумма: «nan»"),
    "json_infinite_salary": ({"deal_id": "B-1", "recording": "calls/good1.mp3", "salary": float("inf")}, "оклад: «inf»"),
    "json_no_recording": ({"deal_id": "B-1"}, "запись 2: нет обязательного поля «recording»"),
}


@pytest.mark.parametrize("kind", list(JSON_CASES))
def test_bad_json_rows(kind: str, workdir: Path, capsys) -> None:
    bad, message = JSON_CASES[kind]
    good = [
        {"deal_id": "G-1", "recording": "calls/good1.mp3", "call_started_at": "2026-03-01T10:00:00"},
        {"deal_id": "G-2", "recording": "calls/good2.wav", "call_started_at": "2026-03-02T10:00:00"},
    ]
    manifest = workdir / "m.json"
    manifest.write_text(json.dumps([good[0], bad, good[1]], ensure_ascii=False), encoding="utf-8")
    code, lines, db = _run(workdir, manifest, capsys)
    try:
        assert code == 1
        assert len([line for line in lines if message in line]) == 1, lines
        _good_rows_kept(db)
    finally:
        db.dispose()


WHOLE_FILE: dict[str, tuple[bytes | None, str]] = {
    "empty": (b"", "манифест пустой"),
    "header_only": (HEADER.encode() + b"\n", "нет ни одной строки"),
    "no_required_columns": (b"deal_title\nx\n", "нет обязательных полей: deal_id, recording"),
    "broken_json": (b'[{"deal_id": 1', "неверный JSON"),
    "json_not_a_list": (b'{"rows": 5}', "должен быть списком объектов"),
    "binary": (bytes(range(256)) * 4, "не текстовый файл"),
    "missing": (None, "не найден"),
}


@pytest.mark.parametrize("kind", list(WHOLE_FILE))
def test_unreadable_manifest_is_one_line_naming_the_file(kind: str, workdir: Path, capsys) -> None:
    content, message = WHOLE_FILE[kind]
    manifest = workdir / ("m.json" if content and content.startswith((b"[", b"{")) else "m.csv")
    if content is not None:
        manifest.write_bytes(content)
    code, lines, db = _run(workdir, manifest, capsys)
    db.dispose()
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("Ошибка: ") and manifest.name in lines[0] and message in lines[0]


def test_manifest_that_is_a_folder(workdir: Path, capsys) -> None:
    code, lines, db = _run(workdir, workdir / "calls", capsys)
    db.dispose()
    assert code == 2 and len(lines) == 1 and "это не файл манифеста" in lines[0]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can work in (pytest's own temp folders are private)."""
    path = Path(tempfile.mkdtemp(prefix="qa-desk-perm-"))
    path.chmod(0o777)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def reachable_checkout() -> Iterator[None]:
    """``nobody`` must reach the interpreter and the sources: a checkout cloned into a private
    folder (``mktemp -d`` makes it 0700) is opened for traversal (o+x) while the test runs."""
    opened = []
    if os.geteuid() == 0:
        for folder in (ROOT, *ROOT.parents):
            mode = stat.S_IMODE(folder.stat().st_mode)
            if not mode & stat.S_IXOTH:
                folder.chmod(mode | stat.S_IXOTH)
                opened.append((folder, mode))
    yield
    for folder, mode in opened:
        folder.chmod(mode)


@pytest.mark.usefixtures("reachable_checkout")
def test_recording_without_read_permission_as_a_real_user(shared_dir: Path) -> None:
    """Run as a user who may not read one recording (``nobody`` when the tests run as root): the
    file is kept as a failed recording with the reason, the other rows are imported."""
    calls = shared_dir / "calls"
    calls.mkdir()
    shutil.copy(AUDIO / "stereo_short.mp3", calls / "good1.mp3")
    shutil.copy(AUDIO / "mono_short.wav", calls / "good2.wav")
    shutil.copy(AUDIO / "mono_short.wav", calls / "secret.wav")
    (calls / "secret.wav").chmod(0)
    manifest = shared_dir / "m.csv"
    manifest.write_text("\n".join([HEADER, GOOD_1, row(recording="calls/secret.wav"), GOOD_2]) + "\n", encoding="utf-8")
    for item in (calls, *calls.iterdir(), manifest):
        if item.name != "secret.wav":
            item.chmod(0o777 if item.is_dir() else 0o666)
    url = f"sqlite:///{shared_dir / 'qa.sqlite3'}"
    command = [sys.executable, "-m", "qa_desk", "--db", url, "import", str(manifest)]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "nobody", "--", *command]
    env = {**os.environ, "HOME": str(shared_dir), "QA_DESK_DATA_DIR": str(shared_dir / "data"),
           "QA_DESK_CACHE_DIR": str(shared_dir / "cache"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=shared_dir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if "secret.wav" in line] == [
        "Запись не читается: secret.wav: нет прав на чтение файла"
    ]
    db = Database(url)
    try:
        _good_rows_kept(db)
        with db.session() as s:
            secret = s.scalar(select(Recording).where(Recording.path.endswith("secret.wav")))
            assert secret.state == "failed" and secret.error == "secret.wav: нет прав на чтение файла"
    finally:
        db.dispose()
