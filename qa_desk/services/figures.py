"""The supervisor's figures as plain data: a period, a table with its bar chart, and the deals behind rows.

Each ``Figure`` has headers, plain rows, the column its bar chart draws and, per row, the deals
the row counts (``DealRef``), so a table drills down to the deals and a deal opens from there.
``to_csv()`` writes what Russian Excel opens.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

Cell = str | int | Decimal
MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Period:
    """From ``start`` to ``end`` inclusive; ``None`` is open on that side."""

    start: date | None = None
    end: date | None = None

    def bounds(self) -> tuple[datetime, datetime]:
        low = datetime.combine(self.start, time.min) if self.start else datetime.min
        high = datetime.combine(self.end + timedelta(days=1), time.min) if self.end else datetime.max
        return low, high

    def contains(self, moment: datetime | None) -> bool:
        low, high = self.bounds()
        return moment is not None and low <= moment < high


def month_label(moment: datetime) -> str:
    """«март 2026»."""
    return f"{MONTHS[moment.month - 1]} {moment.year}"


@dataclass(frozen=True, slots=True)
class DealRef:
    """A deal behind a figure's row, as the drill-down table shows it."""

    deal_id: int
    external_id: str
    title: str
    manager: str
    reason: str
    outcome: str  # «Ложный отказ», «Отказ подтверждён», «ещё не проверен», «штраф 850 ₽»
    when: datetime | None


@dataclass
class Figure:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    chart_column: int = 1  # the numeric column the bar chart draws, labelled by column 0
    deals: list[list[DealRef]] = field(default_factory=list)  # per row: the deals it counts
    stack: tuple[int, ...] = ()  # columns drawn as the parts of each bar (confirmed, false), if any

    def bars(self) -> list[tuple[str, float]]:
        return [(str(r[0]), float(r[self.chart_column])) for r in self.rows]

    def parts(self) -> list[tuple[float, ...]]:
        """Per row, the values of the ``stack`` columns (empty when the bars are plain)."""
        return [tuple(float(r[c]) for c in self.stack) for r in self.rows] if self.stack else []

    def deals_of(self, row: int) -> list[DealRef]:
        return self.deals[row] if 0 <= row < len(self.deals) else []

    def to_csv(self) -> str:
        """Semicolon-separated with decimal commas, as Russian Excel opens it."""
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow(self.headers)
        for row in self.rows:
            writer.writerow([str(c).replace(".", ",") if isinstance(c, Decimal) else c for c in row])
        return out.getvalue()

    def write_csv(self, path: Path | str) -> None:
        Path(path).write_text(self.to_csv(), encoding="utf-8-sig")  # BOM: Excel reads UTF-8


def percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal("0.0")


def number(cell: Cell) -> Decimal:
    """A figure's numeric cell, for sorting largest first."""
    return Decimal(cell) if not isinstance(cell, str) else Decimal(0)


@dataclass
class Tally:
    """Verdicts counted for one row: reviewed, confirmed, false, and the deals behind them."""

    reviewed: int = 0
    confirmed: int = 0
    false: int = 0
    declared: int = 0  # refusals declared in the period (reasons only)
    deals: dict[int, DealRef] = field(default_factory=dict)

    def row(self, label: str, *, declared: bool = False) -> tuple[Cell, ...]:
        head: tuple[Cell, ...] = (label, self.declared) if declared else (label,)
        return (*head, self.reviewed, self.confirmed, self.false, percent(self.false, self.reviewed))


def tally_figure(
    title: str, first: str, tallies: dict[str, Tally], *, declared: bool = False, sort_by_label: bool = False
) -> Figure:
    """Confirmed vs false per key, with the deals behind each row; each bar is the verdicts, split."""
    head = (first, "Отказов") if declared else (first,)
    headers = (*head, "Проверено", "Подтверждено", "Ложных", "Доля ложных, %")
    items = sorted(tallies.items(), key=lambda kv: kv[0]) if sort_by_label else sorted(
        tallies.items(), key=lambda kv: (-kv[1].false, -kv[1].reviewed, -kv[1].declared, kv[0])
    )
    reviewed = len(head)  # a bar: every refusal given (or reviewed), its verdicts inside it
    figure = Figure(title, headers, chart_column=1, stack=(reviewed + 1, reviewed + 2))
    for label, tally in items:
        figure.rows.append(tally.row(label, declared=declared))
        figure.deals.append(sorted(tally.deals.values(), key=lambda d: (d.when or datetime.min, d.external_id)))
    return figure
