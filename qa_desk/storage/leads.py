"""Queries of lead verification: contract versions, the inputs of a lead check, checks and decisions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from qa_desk.domain.ordering import recording_sort_key
from qa_desk.domain.transcript import RecordingTranscript
from qa_desk.domain.transcript import Segment as DomainSegment
from qa_desk.storage import repositories as repo
from qa_desk.storage.leads_models import ContractVersion, LeadCheck, LeadDecision, LeadFinding
from qa_desk.storage.models import Contract, Deal, Recording, Segment, Transcript
from qa_desk.storage.transcripts import latest_transcript_ids


@dataclass(frozen=True, slots=True)
class CallRow:
    """One recording of a lead, as the check needs it (no transcript text)."""

    recording_id: int
    path: str
    state: str
    error: str | None
    started_at: datetime | None
    sha256: str | None
    duration_ms: int | None
    channels: int | None
    transcript_id: int | None
    model: str | None


class LeadRepository:
    """Lead verification's queries inside one unit of work."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- contracts ---------------------------------------------------------------------------------

    def contract_by_name(self, name: str) -> Contract | None:
        return self.session.scalar(select(Contract).where(Contract.name == name))

    def get_or_create_contract(self, name: str) -> Contract:
        return repo.get_or_create_contract(self.session, name)

    def latest_version(self, contract_id: int) -> ContractVersion | None:
        return self.session.scalar(
            select(ContractVersion)
            .where(ContractVersion.contract_id == contract_id)
            .order_by(ContractVersion.version.desc())
            .limit(1)
        )

    def version_of(self, contract_id: int, version: int) -> ContractVersion | None:
        return self.session.scalar(
            select(ContractVersion).where(
                ContractVersion.contract_id == contract_id, ContractVersion.version == version
            )
        )

    def versions(self, contract_id: int) -> Sequence[ContractVersion]:
        return self.session.scalars(
            select(ContractVersion)
            .where(ContractVersion.contract_id == contract_id)
            .order_by(ContractVersion.version)
        ).all()

    def contracts_with_versions(self) -> Sequence[tuple[Contract, int]]:
        """Contracts that have a lead-check version, with their latest version number."""
        rows = self.session.execute(
            select(Contract, func.max(ContractVersion.version))
            .join(ContractVersion, ContractVersion.contract_id == Contract.id)
            .group_by(Contract.id)
            .order_by(Contract.name)
        ).all()
        return [(c, int(v)) for c, v in rows]

    def add_version(
        self, contract: Contract, text: str, sha256: str, by: str, comment: str | None
    ) -> ContractVersion:
        last = self.latest_version(contract.id)
        row = ContractVersion(
            contract_id=contract.id,
            version=(last.version + 1) if last else 1,
            text=text,
            sha256=sha256,
            created_by=by,
            comment=comment,
        )
        self.session.add(row)
        self.session.flush()
        return row

    # --- inputs of a check -------------------------------------------------------------------------

    def deals_by_refs(self, refs: Iterable[str]) -> tuple[list[Deal], list[str]]:
        """Deals by CRM id (or database id); also the refs not found."""
        wanted = [r.strip() for r in refs if r.strip()]
        rows = {
            d.external_id: d for d in self.session.scalars(select(Deal).where(Deal.external_id.in_(wanted)))
        }
        found: list[Deal] = []
        missing: list[str] = []
        for ref in wanted:
            deal = rows.get(ref)
            if deal is None and ref.isdigit():
                deal = self.session.get(Deal, int(ref))
            (found.append(deal) if deal is not None else missing.append(ref))
        return found, missing

    def deal_refs_of_contract(self, contract_id: int, version_id: int) -> list[str]:
        """CRM ids of the deals that name the contract, or were checked under this version."""
        checked = select(LeadCheck.deal_id).where(LeadCheck.contract_version_id == version_id)
        query = select(Deal.external_id).where((Deal.contract_id == contract_id) | Deal.id.in_(checked))
        return list(self.session.scalars(query.order_by(Deal.external_id)))

    def calls_of(self, deal_ids: Sequence[int]) -> dict[int, list[CallRow]]:
        """Each deal's recordings in chronological order, with its latest transcript id and model."""
        recordings = self.session.scalars(
            select(Recording).where(Recording.deal_id.in_(list(deal_ids)))
        ).all()
        latest = latest_transcript_ids(self.session, [r.id for r in recordings])
        models = dict(
            self.session.execute(
                select(Transcript.id, Transcript.model).where(Transcript.id.in_(list(latest.values())))
            ).all()
        )
        out: dict[int, list[CallRow]] = {d: [] for d in deal_ids}
        for r in sorted(recordings, key=lambda r: recording_sort_key(r.call_started_at, r.id)):
            tid = latest.get(r.id)
            out[r.deal_id].append(
                CallRow(
                    r.id,
                    r.path,
                    r.state,
                    r.error,
                    r.call_started_at,
                    r.sha256,
                    r.duration_ms,
                    r.channels,
                    tid,
                    models.get(tid) if tid else None,
                )
            )
        return out

    def transcripts(self, calls: Sequence[CallRow]) -> dict[int, RecordingTranscript]:
        """recording id -> its latest transcript as the engine reads it (segments only, no words)."""
        ids = {c.transcript_id: c for c in calls if c.transcript_id is not None}
        segments: dict[int, list[DomainSegment]] = {tid: [] for tid in ids}
        rows = self.session.execute(
            select(Segment.transcript_id, Segment.start_ms, Segment.end_ms, Segment.speaker, Segment.text)
            .where(Segment.transcript_id.in_(list(ids)))
            .order_by(Segment.transcript_id, Segment.start_ms, Segment.id)
        )
        for tid, start, end, speaker, text in rows:
            segments[tid].append(DomainSegment(start / 1000, end / 1000, speaker, text))
        return {
            c.recording_id: RecordingTranscript(
                c.path, (c.duration_ms or 0) / 1000, c.channels or 1, segments[tid]
            )
            for tid, c in ids.items()
        }

    # --- checks and decisions ----------------------------------------------------------------------

    def check_inputs(self, version_id: int, deal_ids: Sequence[int]) -> dict[int, str]:
        """deal id -> the inputs fingerprint of its stored check under this version."""
        rows = self.session.execute(
            select(LeadCheck.deal_id, LeadCheck.inputs).where(
                LeadCheck.contract_version_id == version_id, LeadCheck.deal_id.in_(list(deal_ids))
            )
        )
        return {int(d): str(i) for d, i in rows}

    def replace_check(self, check: LeadCheck) -> LeadCheck:
        """Store ``check`` as the lead's check under its version (an older one is replaced)."""
        old = self.session.scalar(
            select(LeadCheck).where(
                LeadCheck.deal_id == check.deal_id, LeadCheck.contract_version_id == check.contract_version_id
            )
        )
        if old is not None:
            self.session.delete(old)
            self.session.flush()
        self.session.add(check)
        self.session.flush()
        return check

    def checks(self, version_id: int, deal_ids: Sequence[int] | None = None) -> Sequence[LeadCheck]:
        """Stored checks under a version (optionally of some deals), with findings, by CRM id."""
        query = (
            select(LeadCheck)
            .join(Deal, Deal.id == LeadCheck.deal_id)
            .options(selectinload(LeadCheck.findings))
            .where(LeadCheck.contract_version_id == version_id)
            .order_by(Deal.external_id)
        )
        if deal_ids is not None:
            query = query.where(LeadCheck.deal_id.in_(list(deal_ids)))
        return self.session.scalars(query).all()

    def decisions(self, contract_id: int, deal_ids: Sequence[int] | None = None) -> Sequence[LeadDecision]:
        query = select(LeadDecision).where(LeadDecision.contract_id == contract_id).order_by(LeadDecision.id)
        if deal_ids is not None:
            query = query.where(LeadDecision.deal_id.in_(list(deal_ids)))
        return self.session.scalars(query).all()

    def add_decision(self, **values: object) -> LeadDecision:
        row = LeadDecision(**values)
        self.session.add(row)
        self.session.flush()
        return row

    def finding(self, check_id: int, question_id: str) -> LeadFinding | None:
        return self.session.scalar(
            select(LeadFinding).where(
                LeadFinding.check_id == check_id, LeadFinding.question_id == question_id
            )
        )

    def deals_by_ids(self, deal_ids: Sequence[int]) -> dict[int, Deal]:
        query = select(Deal).options(selectinload(Deal.manager)).where(Deal.id.in_(list(deal_ids)))
        return {d.id: d for d in self.session.scalars(query)}
