"""Figures for the head of QC over a period: reasons, false refusals, penalties, returns, reviews.

Each figure is a ``Figure`` (headers + plain rows) with ``to_csv()`` and the column its bar chart
shows. Sources: refusal reasons come from the audit log (imported deals with a reason, and
status changes into conditional refusal); the rest from finished review sessions and the
penalty ledger. Dates are compared with the stored (UTC) timestamps, both ends included.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from qa_desk.domain import access
from qa_desk.domain.access import Capability
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict
from qa_desk.services.base import Service
from qa_desk.storage.uow import UnitOfWork

Cell = str | int | Decimal


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


@dataclass
class Figure:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    chart_column: int = 1  # the numeric column the bar chart draws, labelled by column 0

    def bars(self) -> list[tuple[str, float]]:
        return [(str(r[0]), float(r[self.chart_column])) for r in self.rows]

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


@dataclass
class SupervisorReport:
    period: Period
    reasons: Figure
    false_refusals: Figure
    penalties: Figure
    returned: Figure
    reviewers: Figure
    returned_count: int = 0
    returned_amount: Decimal = Decimal("0")
    won_count: int = 0
    won_amount: Decimal = Decimal("0")  # money QC brought back

    def figures(self) -> list[Figure]:
        return [self.reasons, self.false_refusals, self.penalties, self.returned, self.reviewers]


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal("0.0")


class SupervisorService(Service):
    def can_view(self) -> Capability:
        """The department's figures: not for managers (they would see colleagues' penalties)."""
        return access.can_see_supervisor(self.actor)

    def report(self, period: Period | None = None) -> SupervisorReport:
        self.can_view().check()
        with self.storage.read() as uow:
            return _report(uow, period or Period())


def _report(uow: UnitOfWork, period: Period) -> SupervisorReport:
    low, high = period.bounds()
    managers = uow.managers.names()
    people = uow.users.names()

    reasons: Counter[str] = Counter()
    for entry in uow.audit.between(low, high, ("import", "status")):
        after = entry.after or {}
        refusal = entry.action == "import" or after.get("status") == Status.CONDITIONAL_REFUSAL
        if refusal and after.get("refusal_reason"):
            reasons[str(after["refusal_reason"])] += 1

    by_manager: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_reviewer: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    returned_rows: list[tuple[Cell, ...]] = []
    empty = Figure("", ())
    result = SupervisorReport(period, empty, empty, empty, empty, empty)
    for review in uow.reviews.finished_between(low, high):
        false = review.verdict == Verdict.FALSE_REFUSAL
        name = managers.get(review.manager_id, "—") if review.manager_id else "—"
        by_manager[name][0] += 1
        by_manager[name][1] += int(false)
        who = people.get(review.reviewer, review.reviewer)
        by_reviewer[who][0] += 1
        by_reviewer[who][1 if not false else 2] += 1
        if false:
            deal = uow.deals.by_id(review.deal_id)
            amount = (deal.amount or Decimal("0")) if deal else Decimal("0")
            won = deal is not None and deal.status == Status.WON
            result.returned_count += 1
            result.returned_amount += amount
            result.won_count += int(won)
            result.won_amount += amount if won else Decimal("0")
            status = Status(deal.status).label if deal else "—"
            to = managers.get(review.new_manager_id, "—") if review.new_manager_id else "—"
            returned_rows.append((deal.external_id if deal else "—", amount, to, status))

    penalties: dict[str, list] = defaultdict(lambda: [0, Decimal("0")])
    for penalty in uow.penalties.between(low, high):
        row = penalties[managers.get(penalty.manager_id, "—")]
        row[0] += 1
        row[1] += penalty.amount

    result.reasons = Figure(
        "Причины отказов", ("Причина", "Отказов"), [(r, n) for r, n in reasons.most_common()]
    )
    result.false_refusals = Figure(
        "Ложные отказы по менеджерам",
        ("Менеджер", "Проверено отказов", "Ложных", "Доля ложных, %"),
        sorted(((m, t, f, _percent(f, t)) for m, (t, f) in by_manager.items()), key=lambda r: (-_number(r[3]), str(r[0]))),
        chart_column=3,
    )
    result.penalties = Figure(
        "Штрафы по менеджерам",
        ("Менеджер", "Нарушений", "Сумма штрафов, ₽"),
        sorted(((m, n, s) for m, (n, s) in penalties.items()), key=lambda r: (-_number(r[2]), str(r[0]))),
        chart_column=2,
    )
    result.returned = Figure(
        "Возвращённые в работу сделки",
        ("Сделка", "Сумма, ₽", "Передана менеджеру", "Статус сейчас"),
        returned_rows,
    )
    result.reviewers = Figure(
        "Проверки по контролёрам",
        ("Контролёр", "Проверок", "Отказ подтверждён", "Ложный отказ"),
        sorted(((w, t, c, f) for w, (t, c, f) in by_reviewer.items()), key=lambda r: (-_number(r[1]), str(r[0]))),
    )
    return result


def _number(cell: Cell) -> Decimal:
    """A figure's numeric cell, for sorting largest first."""
    return Decimal(cell) if not isinstance(cell, str) else Decimal(0)
