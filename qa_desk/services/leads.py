"""Lead verification by contract: contract versions, the batch check, the leads' verdicts, decisions.

* A contract's text is registered as a new version only when its SHA-256 changes; every check
  names the version it was made under (``contract_version``).
* ``check`` runs lead by lead, each stored in its own transaction, so an interrupted batch goes on
  where it stopped: a lead whose inputs (transcripts, failed calls, engine, contract text) are
  unchanged since its stored check is skipped.
* ``decide`` (confirm or override one finding, with a comment) is one transaction: the decision
  row and its audit entry. Decisions are only added, never replaced by a new check.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from qa_desk.analysis import ENGINE_VERSION, analyze_deal
from qa_desk.leads import (
    CallInfo,
    CallState,
    DecisionKind,
    FindingStatus,
    LeadContract,
    Summary,
    can_decide,
    can_work_leads,
    check_lead,
    judge,
    parse_contract,
    summarize,
)
from qa_desk.leads.contract import engine_toml
from qa_desk.services import engine_words
from qa_desk.services.base import Service
from qa_desk.services.errors import DealNotFoundError, ServiceError
from qa_desk.services.leads_views import (
    ContractInfo,
    LeadDetail,
    LeadRow,
    calls_of,
    contract_info,
    lead_row,
    to_decision,
    verdict_of,
)
from qa_desk.storage.leads import CallRow
from qa_desk.storage.leads_models import LeadCheck, LeadFinding
from qa_desk.storage.uow import UnitOfWork

CHUNK = 25  # leads whose transcripts are read in one query
COMMENT_REQUIRED = "Укажите комментарий к решению: почему пункт засчитан или не засчитан"
CONFIRM_UNSURE = "Спорный пункт нельзя просто подтвердить: укажите, выполнен он или нет"
Progress = Callable[[int, int, str], None]


@dataclass
class CheckRun:
    """What ``check`` did: leads checked now, skipped as unchanged, and all their rows."""

    contract: ContractInfo
    checked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rows: list[LeadRow] = field(default_factory=list)
    summary: Summary | None = None


class LeadService(Service):
    # --- contracts ---------------------------------------------------------------------------
    def can_work(self) -> bool:
        return bool(can_work_leads(self.actor))

    def can_decide(self) -> bool:
        return bool(can_decide(self.actor))

    def register_contract(self, text: str, where: str, comment: str | None = None) -> ContractInfo:
        """The contract's version for ``text``: the latest one when the text is unchanged, else a new one."""
        can_work_leads(self.actor).check()
        user = self._user()
        parsed = parse_contract(text, where)  # ContractError names the file and the question
        with self.storage.write() as uow:
            contract = uow.leads.get_or_create_contract(parsed.name)
            latest = uow.leads.latest_version(contract.id)
            if latest is not None and latest.sha256 == parsed.sha256:
                return contract_info(latest, contract.name, contract.client)
            version = uow.leads.add_version(contract, parsed.text, parsed.sha256, user.id, comment)
            contract.client = parsed.client or contract.client
            contract.questions_toml = engine_toml(parsed)
            uow.audit.add(
                actor=user.id,
                action="contract_version",
                comment=comment,
                before={"contract": contract.name, "version": latest.version} if latest else None,
                after={"contract": contract.name, "version": version.version, "sha256": parsed.sha256},
            )
            return contract_info(version, contract.name, contract.client)

    def register_file(self, path: Path, comment: str | None = None) -> ContractInfo:
        from qa_desk.leads import load_contract

        parsed = load_contract(path)
        return self.register_contract(parsed.text, str(path), comment)

    def contract(self, name: str, version: int | None = None) -> ContractInfo:
        """A registered contract by name (its latest version unless ``version``)."""
        with self.storage.read() as uow:
            contract = uow.leads.contract_by_name(name.strip())
            row = None
            if contract is not None:
                row = (
                    uow.leads.version_of(contract.id, version)
                    if version is not None
                    else uow.leads.latest_version(contract.id)
                )
            if contract is None or row is None:
                known = ", ".join(f"«{c.name}»" for c, _ in uow.leads.contracts_with_versions()) or "нет"
                which = f"«{name}»" + (f" версии {version}" if version is not None else "")
                raise ServiceError(f"Договор {which} не найден; зарегистрированные договоры: {known}")
            return contract_info(row, contract.name, contract.client)

    def contracts(self) -> list[ContractInfo]:
        with self.storage.read() as uow:
            out = []
            for contract, _ in uow.leads.contracts_with_versions():
                latest = uow.leads.latest_version(contract.id)
                if latest is not None:
                    out.append(contract_info(latest, contract.name, contract.client))
            return out

    def versions(self, name: str) -> list[ContractInfo]:
        current = self.contract(name)
        with self.storage.read() as uow:
            return [
                contract_info(v, current.name, current.client)
                for v in uow.leads.versions(current.contract_id)
            ]

    # --- the batch check ---------------------------------------------------------------------
    def lead_refs(self, contract: ContractInfo) -> list[str]:
        """The leads of a contract: deals that name it in the CRM export, or were checked under it."""
        with self.storage.read() as uow:
            return uow.leads.deal_refs_of_contract(contract.contract_id, contract.version_id)

    def deal_ids(self, refs: Sequence[str | int]) -> list[int]:
        with self.storage.read() as uow:
            deals, missing = uow.leads.deals_by_refs(str(r) for r in refs)
            if missing:
                raise DealNotFoundError(f"Не найдены лиды: {', '.join(missing)}")
            return [d.id for d in deals]

    def check(
        self,
        contract: ContractInfo,
        deal_refs: Sequence[str | int],
        *,
        force: bool = False,
        on_progress: Progress | None = None,
    ) -> CheckRun:
        """Check the leads under ``contract``; unchanged leads keep their stored check unless ``force``."""
        can_work_leads(self.actor).check()
        user = self._user()
        parsed = contract.parsed
        deal_ids = self.deal_ids(deal_refs)
        run = CheckRun(contract)
        with self.storage.read() as uow:
            calls = uow.leads.calls_of(deal_ids)
            stored = uow.leads.check_inputs(contract.version_id, deal_ids)
            names = {d.id: d.external_id for d in uow.leads.deals_by_ids(deal_ids).values()}
        done = 0
        for start in range(0, len(deal_ids), CHUNK):
            chunk = deal_ids[start : start + CHUNK]
            todo = [d for d in chunk if force or stored.get(d) != _inputs(parsed, calls[d])]
            with self.storage.read() as uow:
                texts = uow.leads.transcripts([c for d in todo for c in calls[d]])
            for deal_id in chunk:
                done += 1
                if deal_id in todo:
                    self._check_one(contract, parsed, deal_id, calls[deal_id], texts, user.id)
                    run.checked.append(names[deal_id])
                else:
                    run.skipped.append(names[deal_id])
                if on_progress is not None:
                    on_progress(done, len(deal_ids), names[deal_id])
        run.rows = self.leads(contract, deal_ids)
        run.summary = self.summary(contract, deal_ids)
        return run

    def _check_one(
        self,
        contract: ContractInfo,
        parsed: LeadContract,
        deal_id: int,
        rows: list[CallRow],
        texts: dict,
        actor: str,
    ) -> None:
        infos = [_call_info(r, r.recording_id in texts) for r in rows]
        engine_words.before_analysis()
        analysis = analyze_deal(
            [texts[r.recording_id] for r in rows if r.recording_id in texts], parsed.questions
        )
        engine_words.after_analysis()
        findings = check_lead(parsed, analysis.questions, infos)
        verdict = judge(findings, infos)
        check = LeadCheck(
            deal_id=deal_id,
            contract_version_id=contract.version_id,
            verdict=verdict.status.value,
            reason=verdict.reason,
            inputs=_inputs(parsed, rows),
            engine_version=str(ENGINE_VERSION),
            calls=[_call_json(r, info) for r, info in zip(rows, infos, strict=True)],
            checked_by=actor,
        )
        check.findings = [
            LeadFinding(
                position=i,
                question_id=f.question_id,
                status=f.status.value,
                required=f.required,
                confidence=f.confidence,
                data=f.to_json(),
            )
            for i, f in enumerate(findings)
        ]
        with self.storage.write() as uow:
            deal = uow.leads.deals_by_ids([deal_id])[deal_id]
            uow.leads.replace_check(check)
            uow.audit.add(
                actor=actor,
                action="lead_check",
                deal=deal,
                after={"contract": contract.name, "version": contract.version, "lead": verdict.status.label},
                comment=verdict.reason,
            )

    # --- reading ------------------------------------------------------------------------------
    def leads(self, contract: ContractInfo, deal_refs: Sequence[str | int] | None = None) -> list[LeadRow]:
        """The checked leads under the contract's version, with the reviewers' decisions applied."""
        deal_ids = self.deal_ids(deal_refs) if deal_refs is not None else None
        with self.storage.read() as uow:
            checks = uow.leads.checks(contract.version_id, deal_ids)
            decided = _by_deal(uow, contract.contract_id, [c.deal_id for c in checks])
            deals = uow.leads.deals_by_ids([c.deal_id for c in checks])
            return [
                lead_row(
                    deals[c.deal_id],
                    c,
                    verdict_of(c, decided.get(c.deal_id, [])),
                    len(decided.get(c.deal_id, [])),
                )
                for c in checks
            ]

    def lead(self, contract: ContractInfo, deal_ref: str | int) -> LeadDetail:
        deal_id = self.deal_ids([deal_ref])[0]
        with self.storage.read() as uow:
            checks = uow.leads.checks(contract.version_id, [deal_id])
            if not checks:
                raise ServiceError(
                    f"Лид «{deal_ref}» ещё не проверен по договору «{contract.name}» (версия {contract.version})"
                )
            check = checks[0]
            history = _by_deal(uow, contract.contract_id, [deal_id]).get(deal_id, [])
            deal = uow.leads.deals_by_ids([deal_id])[deal_id]
            verdict = verdict_of(check, history)
            return LeadDetail(
                lead_row(deal, check, verdict, len(history)),
                contract,
                calls_of(check),
                verdict,
                check.reason,
                check.engine_version,
                tuple(history),
            )

    def summary(self, contract: ContractInfo, deal_refs: Sequence[str | int] | None = None) -> Summary:
        deal_ids = self.deal_ids(deal_refs) if deal_refs is not None else None
        with self.storage.read() as uow:
            checks = uow.leads.checks(contract.version_id, deal_ids)
            decided = _by_deal(uow, contract.contract_id, [c.deal_id for c in checks])
            return summarize([verdict_of(c, decided.get(c.deal_id, [])) for c in checks])

    # --- a reviewer's decision ---------------------------------------------------------------
    def decide(
        self,
        contract: ContractInfo,
        deal_ref: str | int,
        question_id: str,
        kind: DecisionKind | str,
        comment: str,
    ) -> LeadDetail:
        """Confirm or override one finding of the lead's check (one transaction, audited)."""
        can_decide(self.actor).check()
        user = self._user()
        kind = DecisionKind(kind)
        if not comment or not comment.strip():
            raise ServiceError(COMMENT_REQUIRED)
        detail = self.lead(contract, deal_ref)
        judged = next((j for j in detail.findings if j.finding.question_id == question_id), None)
        if judged is None:
            known = ", ".join(j.finding.question_id for j in detail.findings)
            raise ServiceError(f"В договоре «{contract.name}» нет вопроса «{question_id}»; есть: {known}")
        if kind is DecisionKind.CONFIRMED and judged.finding.status is FindingStatus.UNSURE:
            raise ServiceError(CONFIRM_UNSURE)
        with self.storage.write() as uow:
            deal = uow.leads.deals_by_ids([detail.row.deal_id])[detail.row.deal_id]
            uow.leads.add_decision(
                deal_id=deal.id,
                contract_id=contract.contract_id,
                contract_version_id=contract.version_id,
                question_id=question_id,
                decision=kind.value,
                auto_status=judged.finding.status.value,
                comment=comment.strip(),
                decided_by=user.id,
                decided_by_name=user.display_name,
            )
            uow.audit.add(
                actor=user.id,
                action="lead_decision",
                deal=deal,
                comment=comment.strip(),
                before={"decision": judged.status.label},
                after={"question": judged.finding.title, "decision": kind.label, "contract": contract.name},
            )
        return self.lead(contract, deal_ref)


def _by_deal(uow: UnitOfWork, contract_id: int, deal_ids: list[int]) -> dict[int, list]:
    out: dict[int, list] = {}
    for row in uow.leads.decisions(contract_id, deal_ids):
        out.setdefault(row.deal_id, []).append(to_decision(row))
    return out


def _call_info(row: CallRow, transcribed: bool) -> CallInfo:
    if transcribed:
        state = CallState.TRANSCRIBED
    else:
        state = CallState.FAILED if row.state == "failed" else CallState.PENDING
    return CallInfo(
        row.recording_id,
        state,
        row.started_at,
        row.error if state is CallState.FAILED else None,
        Path(row.path).name,
    )


def _call_json(row: CallRow, info: CallInfo) -> dict:
    return {
        **info.to_json(),
        "path": row.path,
        "sha256": row.sha256,
        "channels": row.channels,
        "model": row.model,
        "duration_s": (row.duration_ms or 0) / 1000 if row.duration_ms else None,
    }


def _inputs(contract: LeadContract, rows: list[CallRow]) -> str:
    """What a check is computed from: the contract's text, the engine, each call's transcript or state."""
    parts = [
        contract.sha256,
        str(ENGINE_VERSION),
        [(r.recording_id, r.transcript_id, r.state, r.sha256) for r in rows],
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()
