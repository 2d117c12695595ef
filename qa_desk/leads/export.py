"""Writing the lead table to CSV (UTF-8 with BOM, «;» for Excel in Russian locales) or XLSX (openpyxl)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from qa_desk.leads.contract import ContractError

FORMATS = (".csv", ".xlsx")


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[object]], sheet: str = "Лиды") -> None:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ContractError(f"{path.name}: выгрузка возможна в {' или '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(headers)
            writer.writerows([["" if v is None else v for v in row] for row in rows])
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(["" if v is None else v for v in row])
    for column, header in zip(ws.columns, headers, strict=False):
        width = max([len(str(header))] + [len(str(c.value or "")) for c in column[1:]])
        ws.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    ws.freeze_panes = "A2"
    book.save(path)
