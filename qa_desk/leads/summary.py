"""The batch's summary table: verdict counts and, per question, how often it failed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from qa_desk.leads.findings import FindingStatus
from qa_desk.leads.verdict import LeadStatus, LeadVerdict


@dataclass(frozen=True, slots=True)
class QuestionFigures:
    question_id: str
    title: str
    leads: int
    failed: int
    unsure: int

    @property
    def failure_rate(self) -> float:
        return self.failed / self.leads if self.leads else 0.0


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    counts: dict[LeadStatus, int] = field(default_factory=dict)
    questions: tuple[QuestionFigures, ...] = ()


def summarize(verdicts: Sequence[LeadVerdict]) -> Summary:
    counts = {status: sum(v.status is status for v in verdicts) for status in LeadStatus}
    order: dict[str, str] = {}
    failed: dict[str, int] = {}
    unsure: dict[str, int] = {}
    seen: dict[str, int] = {}
    for verdict in verdicts:
        for judged in verdict.findings:
            qid = judged.finding.question_id
            order.setdefault(qid, judged.finding.title)
            seen[qid] = seen.get(qid, 0) + 1
            failed[qid] = failed.get(qid, 0) + (judged.status is FindingStatus.FAILED)
            unsure[qid] = unsure.get(qid, 0) + (judged.status is FindingStatus.UNSURE)
    figures = tuple(QuestionFigures(q, t, seen[q], failed[q], unsure[q]) for q, t in order.items())
    return Summary(len(verdicts), counts, figures)
