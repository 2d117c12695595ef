"""What ``qa-desk leads`` prints (tables with rich) and the long steps it drives with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar
from rich.table import Table
from rich.text import Text

from qa_desk.analysis.russian import clock
from qa_desk.domain.russian import count

STYLES = {"qualified": "green", "rejected": "red", "disputed": "yellow"}
SPEAKERS = {"manager": "менеджер", "client": "клиент", "unknown": "говорящий"}


def print_contracts(services: Any) -> None:
    contracts = services.leads.contracts()
    if not contracts:
        print("Договоров для проверки лидов нет: qa-desk leads check --contract ФАЙЛ.toml …")
    for info in contracts:
        print(f"{info.name} — заказчик {info.client or '—'}")
        for v in services.leads.versions(info.name):
            comment = f" — {v.comment}" if v.comment else ""
            print(f"  версия {v.version}: SHA-256 {v.sha256}, {v.created_at:%d.%m.%Y %H:%M} UTC, {v.created_by}{comment}")


def check_with_bar(services: Any, contract: Any, refs: list[str], *, force: bool) -> Any:
    console = Console(stderr=True, markup=False, highlight=False, emoji=False)
    with Bar(TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
             console=console, transient=True) as bar:
        task = bar.add_task("Проверка лидов", total=len(refs))

        def step(done: int, total: int, lead: str) -> None:
            bar.update(task, completed=done, total=total, description=f"Проверка лидов: {lead}")

        return services.leads.check(contract, refs, force=force, on_progress=step)


def transcribe(services: Any, deal_ids: list[int]) -> None:
    """Transcribe the leads' calls that have no transcript yet (resumable like ``qa-desk transcribe``)."""
    from qa_desk.cli.transcribe import drive_worker

    transcription = services.transcription
    options = transcription.options()
    jobs = [
        (str(j.recording_id), j.path)
        for d in deal_ids
        for j in transcription.claim(options, deal_id=d, retry_failed=False)  # a damaged file stays failed
    ]
    if not jobs:
        return
    print(f"Распознаём {count(len(jobs), ('звонок', 'звонка', 'звонков'))} лидов…", file=sys.stderr)

    def done(rid: str, transcript: Any) -> None:
        transcription.store_result(int(rid), transcript, options, analyze=False)

    def failed(rid: str, error: str) -> None:
        transcription.mark_failed(int(rid), error, analyze=False)

    try:
        if drive_worker(jobs, options, done, failed):
            raise KeyboardInterrupt
    finally:
        transcription.reset_interrupted()


def print_rows(rows: list[Any], summary: Any, contract: Any) -> None:
    console = Console(markup=False, highlight=False, emoji=False)
    table = Table(title=f"Лиды по договору «{contract.name}», версия {contract.version}", show_lines=False)
    for column in ("Лид", "Компания", "Итог", "Почему"):
        table.add_column(column, overflow="fold")
    for row in rows:
        style = STYLES.get(row.status.value, "")
        mark = " *" if row.decisions else ""
        table.add_row(row.external_id, row.company, Text(row.status.label, style=style) + Text(mark), row.reason)
    console.print(table)
    if any(r.decisions for r in rows):
        console.print("* — с учётом решений проверяющих")
    if summary is None or not summary.total:
        return
    counts = ", ".join(f"{s.label}: {n}" for s, n in summary.counts.items())
    console.print(f"Всего {count(summary.total, ('лид', 'лида', 'лидов'))}: {counts}")
    figures = Table(title="Вопросы договора: сколько лидов не прошли")
    for column in ("Вопрос", "Не выполнено", "Спорно", "Доля отказов"):
        figures.add_column(column)
    for q in summary.questions:
        figures.add_row(q.title, str(q.failed), str(q.unsure), f"{q.failure_rate:.0%}")
    console.print(figures)


def print_detail(detail: Any) -> None:
    row = detail.row
    print(f"Лид {row.external_id}: {row.title} — {row.company}; контакт {row.contact or '—'} {row.phone}")
    print(f"Договор: {detail.contract.label}")
    print(f"Итог: {row.status.label} — {row.reason}")
    if row.status is not row.auto_status or detail.history:
        print(f"Автоматически: {row.auto_status.label} — {detail.auto_reason}")
    for call in detail.calls:
        when = f"{call.started_at:%d.%m.%Y %H:%M}" if call.started_at else "—"
        state = call.state.label + (f": {call.error}" if call.error else "")
        print(f"  звонок {call.index + 1}: {when} {call.name} [{state}]")
    for judged in detail.findings:
        f = judged.finding
        optional = "" if f.required else " (необязательный)"
        print(f"\n[{f.question_id}] {f.title}{optional}: {judged.status.label}")
        print(f"  автоматически: {f.status.label} — {f.reason}")
        for label, moment in (("вопрос", f.asked), ("ответ", f.answer), ("уклонение", f.evasion)):
            if moment is not None:
                who = SPEAKERS.get(moment.speaker, moment.speaker)
                print(f"  {label}: звонок {moment.call + 1}, {clock(moment.start)}, {who} — «{moment.quote}»")
        if judged.decision is not None:
            d = judged.decision
            print(f"  решение проверяющего: {d.kind.label} — {d.by_name} ({d.by_login}), {d.at:%d.%m.%Y %H:%M} UTC: «{d.comment}»")


def export(services: Any, contract: Any, refs: list[str] | None, path: Path) -> None:
    from qa_desk.leads.export import write_table

    rows = services.leads.leads(contract, refs)
    titles = [title for title, _ in rows[0].answers] if rows else []
    headers = ["Лид", "Название", "Компания", "Контакт", "Телефон", "Итог", "Автоматически", "Почему",
               *titles, "Решений проверяющих", "Проверен (UTC)", "Проверил", "Договор", "Версия", "SHA-256 договора"]
    table = [
        [r.external_id, r.title, r.company, r.contact, r.phone, r.status.label, r.auto_status.label, r.reason,
         *[text for _, text in r.answers], r.decisions, f"{r.checked_at:%Y-%m-%d %H:%M}", r.checked_by,
         contract.name, contract.version, contract.sha256]
        for r in rows
    ]
    write_table(path, headers, table)
    print(f"Выгружено: {path} ({count(len(rows), ('лид', 'лида', 'лидов'))})", file=sys.stderr)
