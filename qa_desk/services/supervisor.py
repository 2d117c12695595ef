"""Figures for the head of QC over a period: reasons, verdicts per manager and per month, penalties,
returned deals and reviews; each row drills down to its deals (``services.figures``).

Sources: declared refusal reasons come from the audit log (imported deals with a reason, and
status changes into conditional refusal); verdicts from finished review sessions (the reason is
the one the review checked); penalties from the ledger. Dates are compared with the stored (UTC)
timestamps, both ends included. Managers do not see these figures (colleagues' penalties).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from qa_desk.domain import access
from qa_desk.domain.access import Capability
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict, format_money
from qa_desk.services.base import Service
from qa_desk.services.figures import DealRef, Figure, Period, Tally, month_label, number, tally_figure
from qa_desk.storage.models import Deal
from qa_desk.storage.uow import UnitOfWork

__all__ = ["DealRef", "Figure", "Period", "SupervisorReport", "SupervisorService"]
NOT_REVIEWED = "ещё не проверен"


@dataclass
class SupervisorReport:
    period: Period
    reasons: Figure
    false_refusals: Figure
    months: Figure
    penalties: Figure
    returned: Figure
    reviewers: Figure
    returned_count: int = 0
    returned_amount: Decimal = Decimal("0")
    won_count: int = 0
    won_amount: Decimal = Decimal("0")  # money QC brought back

    def figures(self) -> list[Figure]:
        return [self.reasons, self.false_refusals, self.months, self.penalties, self.returned, self.reviewers]


class SupervisorService(Service):
    def can_view(self) -> Capability:
        """The department's figures: not for managers (they would see colleagues' penalties)."""
        return access.can_see_supervisor(self.actor)

    def report(self, period: Period | None = None) -> SupervisorReport:
        self.can_view().check()
        with self.storage.read() as uow:
            return _Report(uow, period or Period()).build()


class _Report:
    def __init__(self, uow: UnitOfWork, period: Period) -> None:
        self.uow, self.period = uow, period
        self.managers = uow.managers.names()
        self.people = uow.users.names()
        self._deals: dict[int, Deal | None] = {}

    def deal(self, deal_id: int | None) -> Deal | None:
        if deal_id is None:
            return None
        if deal_id not in self._deals:
            self._deals[deal_id] = self.uow.deals.by_id(deal_id)
        return self._deals[deal_id]

    def ref(
        self, deal_id: int | None, manager_id: int | None, reason: str | None, outcome: str, when: datetime | None
    ) -> DealRef | None:
        deal = self.deal(deal_id)
        if deal is None:
            return None
        manager = self.managers.get(manager_id, "—") if manager_id else "—"
        return DealRef(deal.id, deal.external_id, deal.title or "", manager, reason or "—", outcome, when)

    def build(self) -> SupervisorReport:
        low, high = self.period.bounds()
        reasons: dict[str, Tally] = defaultdict(Tally)
        for entry in self.uow.audit.between(low, high, ("import", "status")):
            after = entry.after or {}
            refusal = entry.action == "import" or after.get("status") == Status.CONDITIONAL_REFUSAL
            if refusal and after.get("refusal_reason"):
                reason = str(after["refusal_reason"])
                reasons[reason].declared += 1
                ref = self.ref(entry.deal_id, after.get("manager_id"), reason, NOT_REVIEWED, entry.at)
                if ref is not None:
                    reasons[reason].deals.setdefault(ref.deal_id, ref)

        managers: dict[str, Tally] = defaultdict(Tally)
        months: dict[str, Tally] = defaultdict(Tally)
        reviewers: dict[str, Tally] = defaultdict(Tally)
        empty = Figure("", ())
        result = SupervisorReport(self.period, empty, empty, empty, empty, empty, empty)
        returned: list[tuple[tuple, DealRef]] = []
        finished = self.uow.reviews.finished_between(low, high)
        for review in sorted(finished, key=lambda r: r.finished_at or datetime.min):
            false = review.verdict == Verdict.FALSE_REFUSAL
            outcome = Verdict(review.verdict or Verdict.REFUSAL_CONFIRMED).label
            ref = self.ref(review.deal_id, review.manager_id, review.claimed_reason, outcome, review.finished_at)
            keys = (
                (reasons, review.claimed_reason or "—"),
                (managers, self.managers.get(review.manager_id, "—") if review.manager_id else "—"),
                (months, f"{review.finished_at or datetime.min:%Y-%m}"),
                (reviewers, self.people.get(review.reviewer, review.reviewer)),
            )
            for tallies, key in keys:
                tally = tallies[key]
                tally.reviewed += 1
                tally.false += int(false)
                tally.confirmed += int(not false)
                if ref is not None:
                    tally.deals[ref.deal_id] = ref
            deal = self.deal(review.deal_id)
            if false and deal is not None and ref is not None:
                amount = deal.amount or Decimal("0")
                won = deal.status == Status.WON
                result.returned_count += 1
                result.returned_amount += amount
                result.won_count += int(won)
                result.won_amount += amount if won else Decimal("0")
                to = self.managers.get(review.new_manager_id, "—") if review.new_manager_id else "—"
                returned.append(((deal.external_id, amount, to, Status(deal.status).label), ref))

        result.reasons = tally_figure("Причины отказов", "Причина", reasons, declared=True)
        result.false_refusals = tally_figure("Ложные отказы по менеджерам", "Менеджер", managers)
        by_month = tally_figure("По месяцам", "Месяц", months, sort_by_label=True)
        by_month.rows = [(month_label_of(str(r[0])), *r[1:]) for r in by_month.rows]
        result.months = by_month
        result.penalties = self.penalties(low, high)
        result.returned = Figure(
            "Возвращённые в работу сделки",
            ("Сделка", "Сумма, ₽", "Передана менеджеру", "Статус сейчас"),
            [row for row, _ in returned],
            deals=[[ref] for _, ref in returned],
        )
        result.reviewers = tally_figure("Проверки по контролёрам", "Контролёр", reviewers)
        return result

    def penalties(self, low: datetime, high: datetime) -> Figure:
        rows: dict[str, list] = defaultdict(lambda: [0, Decimal("0"), {}])
        for penalty in self.uow.penalties.between(low, high):
            row = rows[self.managers.get(penalty.manager_id, "—")]
            row[0] += 1
            row[1] += penalty.amount
            outcome = f"штраф {format_money(penalty.amount)}"
            ref = self.ref(penalty.deal_id, penalty.manager_id, None, outcome, penalty.created_at)
            if ref is not None:
                row[2][ref.deal_id] = ref
        items = sorted(rows.items(), key=lambda kv: (-number(kv[1][1]), kv[0]))
        return Figure(
            "Штрафы по менеджерам",
            ("Менеджер", "Нарушений", "Сумма штрафов, ₽"),
            [(name, n, total) for name, (n, total, _refs) in items],
            chart_column=2,
            deals=[list(refs.values()) for _name, (_n, _t, refs) in items],
        )


def month_label_of(key: str) -> str:
    """«2026-03» → «март 2026»."""
    return month_label(datetime.strptime(key, "%Y-%m"))
