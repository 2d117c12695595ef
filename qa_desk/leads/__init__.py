"""Lead verification by contract (pure): contracts with qualifying rules, findings, verdicts.

No Qt, no SQL. The engine (``qa_desk.analysis``) finds asked/answered with quotes; this package
decides whether each answer qualifies under the contract and whether the lead counts.
"""

from qa_desk.leads.access import DECISION_ROLES, LEAD_WORK_ROLES, can_decide, can_work_leads
from qa_desk.leads.contract import (
    ContractError,
    LeadContract,
    Rule,
    RuleKind,
    contract_hash,
    load_contract,
    parse_contract,
)
from qa_desk.leads.findings import Finding, FindingStatus, Moment
from qa_desk.leads.summary import Summary, summarize
from qa_desk.leads.verdict import (
    CallInfo,
    CallState,
    Decision,
    DecisionKind,
    Judged,
    LeadStatus,
    LeadVerdict,
    check_lead,
    judge,
)

__all__ = [
    "DECISION_ROLES",
    "LEAD_WORK_ROLES",
    "CallInfo",
    "CallState",
    "ContractError",
    "Decision",
    "DecisionKind",
    "Finding",
    "FindingStatus",
    "Judged",
    "LeadContract",
    "LeadStatus",
    "LeadVerdict",
    "Moment",
    "Rule",
    "RuleKind",
    "Summary",
    "can_decide",
    "can_work_leads",
    "check_lead",
    "contract_hash",
    "judge",
    "load_contract",
    "parse_contract",
    "summarize",
]
