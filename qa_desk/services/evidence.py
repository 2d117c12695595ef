"""Evidence packs of checked leads, and checking a pack a client sent back.

``build`` reads the leads' stored checks (with the reviewers' decisions) under one contract
version, builds the ZIP (``qa_desk.evidence``) with the PDF renderer the caller passes, and writes
one audit entry per lead naming the pack and its manifest's SHA-256, in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from qa_desk import __version__
from qa_desk.analysis import ENGINE_VERSION
from qa_desk.evidence import (
    Builder,
    PackInput,
    PackLead,
    PackResult,
    PdfRenderer,
    VerifyReport,
    build_pack,
    verify_pack,
)
from qa_desk.evidence.html import lead_page
from qa_desk.evidence.pack import Progress
from qa_desk.leads import can_work_leads
from qa_desk.services.base import Service
from qa_desk.services.errors import ServiceError
from qa_desk.services.leads import LeadService
from qa_desk.services.leads_views import ContractInfo, LeadDetail


class EvidenceService(Service):
    def can_build(self) -> bool:
        return bool(can_work_leads(self.actor))

    def build(
        self,
        contract: ContractInfo,
        deal_refs: Sequence[str | int],
        out: Path,
        renderer: PdfRenderer,
        *,
        mask_pii: bool = False,
        on_progress: Progress | None = None,
    ) -> PackResult:
        can_work_leads(self.actor).check()
        user = self._user()
        if not deal_refs:
            raise ServiceError("Выберите лиды для пакета доказательств")
        leads = LeadService(self.storage, self.actor, self._settings)
        details = [leads.lead(contract, ref) for ref in dict.fromkeys(deal_refs)]
        pack = PackInput(
            contract=contract.parsed,
            contract_version=contract.version,
            leads=tuple(_pack_lead(d) for d in details),
            built_by=Builder(user.id, user.display_name, user.role.label),
            built_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
            app_version=__version__,
            engine_version=str(ENGINE_VERSION),
            mask_pii=mask_pii,
        )
        result = build_pack(pack, Path(out), renderer, on_progress)
        with self.storage.write() as uow:
            deals = uow.leads.deals_by_ids([d.row.deal_id for d in details])
            for detail in details:
                uow.audit.add(
                    actor=user.id,
                    action="evidence_pack",
                    deal=deals[detail.row.deal_id],
                    after={
                        "contract": contract.name,
                        "version": contract.version,
                        "pack": f"{result.path.name} (SHA-256 манифеста {result.manifest_sha256})",
                    },
                )
        return result

    def preview_html(self, contract: ContractInfo, deal_ref: str | int) -> str:
        """The lead's evidence page as the pack prints it (no clips), for the app's lead view."""
        detail = LeadService(self.storage, self.actor, self._settings).lead(contract, deal_ref)
        user = self.actor
        pack = PackInput(
            contract.parsed,
            contract.version,
            (_pack_lead(detail),),
            Builder(
                user.id if user else "", user.display_name if user else "", user.role.label if user else ""
            ),
            datetime.now(UTC).replace(tzinfo=None, microsecond=0),
            __version__,
            str(ENGINE_VERSION),
        )
        return lead_page(pack, pack.leads[0], {}, web=False)

    def verify(self, pack: Path, recordings: Path | None = None) -> VerifyReport:
        """Anyone may check a pack: it needs no database."""
        return verify_pack(Path(pack), Path(recordings) if recordings is not None else None)


def _pack_lead(detail: LeadDetail) -> PackLead:
    row = detail.row
    calls = detail.calls
    return PackLead(
        row.external_id,
        row.title,
        row.company,
        row.contact,
        row.phone,
        row.manager,
        detail.verdict,
        row.auto_status,
        detail.auto_reason,
        calls,
        row.checked_at,
        row.checked_by,
        detail.engine_version,
    )
