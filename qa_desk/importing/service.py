"""Import a manifest into the database: deals, managers, contracts and recordings.

Idempotent: a deal is keyed by its CRM id and a recording by its content hash within the deal,
so importing the same export twice adds nothing. Every good row is imported; a bad row is
reported with its line and reason; a missing or unreadable file becomes a *failed* recording
with its reason. What an export may change on an existing deal is decided by
``qa_desk.domain.crm_policy`` (QC's decisions are never undone), and every change is audited.

Rows are written in short batches, each one transaction holding the write lock for a fraction of
a second, so people working in the app at the same time are never locked out; files are read
and hashed before the lock is taken. An interrupted import keeps the batches it finished (running
it again completes it) and stays recorded as 'running' in ``import_run``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from qa_desk.audio import file_sha256
from qa_desk.domain import crm_policy as policy
from qa_desk.domain.russian import count
from qa_desk.importing.deals import RowOutcome, RunState, import_row
from qa_desk.importing.files import FileCheck, check_recording
from qa_desk.importing.manifest import ManifestError, ManifestRow, read_manifest
from qa_desk.storage import imports as store
from qa_desk.storage.db import Database

IMPORT_ACTOR = policy.IMPORT_ACTOR
BATCH_ROWS = 200
BATCH_SECONDS = 0.25  # longest a batch holds the write lock before committing what it has
YIELD_SECONDS = 0.12  # the lock stays free at least this long between batches (see ``_Batches``)


class ImportAborted(ManifestError):
    """The database refused a batch (locked for too long, unreachable); earlier batches are kept."""


@dataclass
class ImportReport:
    deals_created: int = 0
    deals_updated: int = 0
    recordings_added: int = 0
    recordings_skipped: int = 0
    rows_total: int = 0
    failures: list[tuple[Path, str]] = field(default_factory=list)  # recordings kept as failed
    rejected: list[str] = field(default_factory=list)  # rows not imported: «строка 4: …»
    problems: list[str] = field(default_factory=list)  # values left out of imported rows
    conflicts: list[str] = field(default_factory=list)  # QC's value kept over the export's
    changes: list[str] = field(default_factory=list)  # fields of existing deals the export changed
    warnings: list[str] = field(default_factory=list)  # about the file as a whole
    rows_with_problems: int = 0
    run_id: int | None = None

    @property
    def rows_failed(self) -> int:
        """Rows not imported, or imported without some of their values."""
        return len(self.rejected) + self.rows_with_problems

    @property
    def rows_ok(self) -> bool:
        return not self.rejected and not self.problems

    @property
    def ok(self) -> bool:
        """Every row and every recording came in whole."""
        return self.rows_ok and not self.failures

    def summary(self) -> str:
        return (
            f"{count(self.rows_total, _ROWS)}, не импортировано {len(self.rejected)}, "
            f"с пропущенными значениями {self.rows_with_problems}. "
            f"Сделок: новых {self.deals_created}, обновлено {self.deals_updated}. "
            f"Записей: добавлено {self.recordings_added}, уже были {self.recordings_skipped}."
        )

    def messages(self) -> list[tuple[str, str]]:
        """Every line a person should read, as (kind, text): kind is one of ``MESSAGE_KINDS``."""
        lines = [("warning", note) for note in self.warnings]
        lines += [("rejected", f"{line} — строка не импортирована") for line in self.rejected]
        lines += [("problem", f"{line} — значение не импортировано") for line in self.problems]
        lines += [("conflict", line) for line in self.conflicts]
        lines += [("change", line) for line in self.changes]
        lines += [("recording", reason) for _path, reason in self.failures]
        if self.failures:
            lines.append(
                ("note", f"Не удалось прочитать: {count(len(self.failures), _RECORDINGS)}; "
                 "сохранены в сделках со статусом «ошибка».")
            )
        return lines


MESSAGE_KINDS = ("warning", "rejected", "problem", "conflict", "change", "recording", "note")
_ROWS = ("строка", "строки", "строк")
_RECORDINGS = ("запись", "записи", "записей")


def import_manifest(
    db: Database,
    manifest: Path,
    *,
    on_row: Callable[[int, int, ManifestRow], None] | None = None,
    actor: str = IMPORT_ACTOR,
) -> ImportReport:
    """Read ``manifest`` and write its good rows in short batches; see the module's notes."""
    manifest = Path(manifest)
    parsed = read_manifest(manifest)
    report = ImportReport(rows_total=parsed.total, warnings=list(parsed.notes))
    report.rejected.extend(str(problem) for problem in parsed.rejected)
    with db.session() as session:
        report.run_id = store.start_run(
            session, source=manifest.name, sha256=file_sha256(manifest), actor=actor, rows_total=parsed.total
        )
    _Batches(db, parsed.rows, report, actor, on_row).run()
    with db.session() as session:
        store.finish_run(session, report.run_id, imported=len(parsed.rows), failed=report.rows_failed)
    return report


def import_once(db: Database, manifest: Path, *, actor: str = IMPORT_ACTOR) -> ImportReport | None:
    """Import ``manifest`` unless a file with the same content was imported completely before
    (the demo's start-up: the reviewer's work is kept either way, this spares the work and the
    noise). Returns None when nothing was done."""
    with db.session() as session:
        if store.finished_runs(session, file_sha256(manifest)):
            return None
    return import_manifest(db, manifest, actor=actor)


class _Batches:
    """Writes the rows in transactions of at most ``BATCH_ROWS`` rows and ``BATCH_SECONDS``.

    Between two batches the lock stays free for ``YIELD_SECONDS`` at least: SQLite has no queue of
    waiting writers (each polls, at most every 100 ms), so a batch taken again at once would starve
    them until their busy timeout ran out."""

    def __init__(
        self,
        db: Database,
        rows: list[ManifestRow],
        report: ImportReport,
        actor: str,
        on_row: Callable[[int, int, ManifestRow], None] | None,
    ) -> None:
        self.db, self.rows, self.report, self.actor, self.on_row = db, rows, report, actor, on_row
        self.state, self.checks = RunState(), _FileChecks()
        self.released = 0.0

    def run(self) -> None:
        done = 0
        while done < len(self.rows):
            done += self._batch(done)

    def _batch(self, start: int) -> int:
        """Write rows from ``start`` in one transaction; returns how many were written."""
        batch = self.rows[start : start + BATCH_ROWS]
        for row in batch:  # the slow part (reading and hashing files) happens before the lock
            self.checks.get(row.recording)
        time.sleep(max(0.0, self.released + YIELD_SECONDS - time.monotonic()))
        written, pending = 0, _Pending()
        try:
            with self.db.session() as session:
                store.begin_write(session)
                started = time.monotonic()
                for row in batch:
                    if self.on_row:
                        self.on_row(start + written + 1, len(self.rows), row)
                    check = self.checks.get(row.recording)
                    pending.add(row, import_row(session, row, check, self.state, self.actor), check)
                    written += 1
                    if time.monotonic() - started > BATCH_SECONDS:
                        break
        except SQLAlchemyError as exc:
            where = batch[min(written, len(batch) - 1)].where
            raise ImportAborted(
                f"импорт прерван ({where}): база данных не приняла запись ({_one_line(exc)}); "
                f"строки до {batch[0].where} сохранены, повторный импорт продолжит с того же места"
            ) from None
        finally:
            self.released = time.monotonic()
        pending.commit_into(self.report)
        return written


class _FileChecks:
    """File checks of this run by path (many rows may name one file)."""

    def __init__(self) -> None:
        self._done: dict[Path, FileCheck] = {}

    def get(self, path: Path) -> FileCheck:
        if path not in self._done:
            self._done[path] = check_recording(path)
        return self._done[path]


class _Pending:
    """A batch's part of the report, added only once the batch is committed."""

    def __init__(self) -> None:
        self.part = ImportReport()

    def add(self, row: ManifestRow, outcome: RowOutcome, check: FileCheck) -> None:
        part = self.part
        part.deals_created += outcome.deal_created
        part.deals_updated += outcome.deal_updated
        part.problems.extend(f"{row.where}: {problem}" for problem in row.problems)
        part.rows_with_problems += bool(row.problems)
        if outcome.conflict:
            part.conflicts.append(f"сделка {row.deal_id} ({row.where}): {outcome.conflict}")
        if outcome.changes:
            part.changes.append(f"сделка {row.deal_id} ({row.where}): {outcome.changes}")
        if outcome.recording_added:
            part.recordings_added += 1
        else:
            part.recordings_skipped += 1
        if check.error is not None:
            part.failures.append((check.path, check.error))

    def commit_into(self, report: ImportReport) -> None:
        part = self.part
        report.deals_created += part.deals_created
        report.deals_updated += part.deals_updated
        report.recordings_added += part.recordings_added
        report.recordings_skipped += part.recordings_skipped
        report.problems.extend(part.problems)
        report.rows_with_problems += part.rows_with_problems
        report.conflicts.extend(part.conflicts)
        report.changes.extend(part.changes)
        report.failures.extend(part.failures)


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return " ".join(text.split())[:200]

