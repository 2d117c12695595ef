"""A deal's audit trail as the acting user may read it, its wording in Russian, and the chain check.

Pay figures (salary, penalty, penalty rule) are left out of the entries a manager reads unless
they are about that manager (``access.redact_pay``). ``verify_chain`` walks the whole log's hash
chain (``domain.audit_chain``) and says which entries are broken; the window runs it on start
(a red banner when broken) and so does ``qa-desk audit verify``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from qa_desk.domain import crm_policy
from qa_desk.domain.access import redact_pay
from qa_desk.domain.audit_chain import ChainReport, check
from qa_desk.domain.callback_script import FieldKind
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import MoneyError, Verdict, ViolationKind, format_money, parse_money
from qa_desk.services.base import Service, require_deal
from qa_desk.services.workflow import default_script

SYSTEM_ACTORS = {"import": "выгрузка CRM", crm_policy.IMPORT_ACTOR: "выгрузка CRM"}
YES_NO = {"yes": "да", "no": "нет"}

ACTION_LABELS = {
    "import": "Импорт из CRM",
    "status": "Смена статуса",
    "verdict": "Вердикт",
    "violation": "Нарушение и штраф",
    "facts": "Факты от клиента",
    "reassign": "Передача другому менеджеру",
    "manager_pay": "Оклад и штраф менеджера",
    "settings": "Настройки",
    **crm_policy.IMPORT_ACTION_LABELS,
    **crm_policy.CRM_ACTION_LABELS,
    "answers": "Ответы клиента",
    "callback": "Запись проверочного звонка",
    "user_add": "Новый пользователь",
    "contract_version": "Новая версия договора",
    "lead_check": "Проверка лида по договору",
    "lead_decision": "Решение проверяющего по лиду",
    "evidence_pack": "Пакет доказательств",
}
_KEY_LABELS = {
    "status": "статус",
    "manager": "менеджер",
    "refusal_reason": "причина отказа",
    "verdict": "вердикт",
    "kind": "нарушение",
    "penalty": "штраф, ₽",
    "penalty_rule": "правило",
    "salary": "оклад, ₽",
    "budget": "бюджет, ₽",
    "timing": "сроки",
    "notes": "заметки",
    **{k: v for k, v in crm_policy.FIELD_LABELS.items() if k not in ("status", "manager", "refusal_reason")},
    "contract": "договор",
    "version": "версия",
    "lead": "лид",
    "question": "вопрос",
    "decision": "решение",
    "pack": "пакет",
}


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime  # naive UTC, as stored
    actor: str  # login (or the importer's name)
    action: str
    before: dict | None
    after: dict | None
    comment: str | None
    actor_name: str = ""  # the person's display name

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def change(self) -> str:
        if self.action == "answers":
            return describe_answers(self.before, self.after)
        if self.action == "callback":
            return describe_callback(self.after)
        return describe_change(self.before, self.after)


def _shown(key: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    try:
        if key == "status":
            return Status(str(value)).label
        if key == "verdict":
            return Verdict(str(value)).label
        if key == "kind":
            return ViolationKind(str(value)).label
    except ValueError:
        pass
    if key in crm_policy.FIELD_LABELS:
        return crm_policy.shown(key, value)
    return str(value)


def describe_change(before: dict | None, after: dict | None) -> str:
    """«статус: Условный отказ → На проверке; менеджер: …» for the audit views (ids left out)."""
    before, after = before or {}, after or {}
    parts = []
    for key in [k for k in _KEY_LABELS if k in before or k in after]:
        old, new = before.get(key), after.get(key)
        if key in before and old != new:
            parts.append(f"{_KEY_LABELS[key]}: {_shown(key, old)} → {_shown(key, new)}")
        elif key not in before and new not in (None, ""):
            parts.append(f"{_KEY_LABELS[key]}: {_shown(key, new)}")
    return "; ".join(parts)


def _answer(kind: FieldKind | None, value: object) -> str:
    if value is None or value == "":
        return "—"
    if kind is FieldKind.YES_NO and value in YES_NO:
        return YES_NO[str(value)]
    if kind is FieldKind.MONEY:
        try:
            return format_money(parse_money(str(value)))
        except MoneyError:
            pass
    return f"«{value}»"


def describe_answers(before: dict | None, after: dict | None) -> str:
    """«Что ответил клиент: «Нет, бюджет есть…»; Клиент подтвердил причину отказа: нет → да»."""
    fields = {f.id: f for f in default_script().fields()}
    old = (before or {}).get("answers") or {}
    parts = []
    for field_id, value in ((after or {}).get("answers") or {}).items():
        field = fields.get(field_id)
        label = field.label.removesuffix(", ₽") if field else field_id
        kind = field.kind if field else None
        was = old.get(field_id)
        shown = _answer(kind, value)
        parts.append(f"{label}: {_answer(kind, was)} → {shown}" if was not in (None, "") else f"{label}: {shown}")
    return "; ".join(parts)


def describe_callback(after: dict | None) -> str:
    """«файл: D-1001_…_callback.wav; длительность 0:45»."""
    after = after or {}
    parts = [f"файл: {after.get('file', '—')}"]
    if isinstance(after.get("duration_ms"), int):
        seconds = int(after["duration_ms"]) // 1000
        parts.append(f"длительность {seconds // 60}:{seconds % 60:02d}")
    if after.get("error"):
        parts.append(f"не читается: {after['error']}")
    return "; ".join(parts)


def _about_manager(before: dict | None, after: dict | None) -> int | None:
    """Whose pay an entry shows: the penalised manager of a violation, or a pay change's manager."""
    for values in (after, before):
        if values and isinstance(values.get("manager_id"), int):
            return int(values["manager_id"])
    return None


class AuditService(Service):
    def trail(self, deal_ref: int | str) -> list[AuditRow]:
        """The deal's audit entries, oldest first, with what the acting user may not see left out."""
        with self.storage.read() as uow:
            deal = require_deal(uow, deal_ref)
            names = uow.users.names() | SYSTEM_ACTORS
            rows = []
            for r in uow.audit.for_deal(deal.id):
                whose = _about_manager(r.before, r.after)
                rows.append(
                    AuditRow(
                        r.at,
                        r.actor,
                        r.action,
                        redact_pay(self.actor, r.before, whose),
                        redact_pay(self.actor, r.after, whose),
                        r.comment,
                        names.get(r.actor, r.actor),
                    )
                )
            return rows

    def verify_chain(self) -> ChainReport:
        """Check the whole audit log's hash chain and its append-only guards (anyone may ask).

        Reads in batches in one reading transaction; ``ChainReport.ok``, ``.summary`` (one Russian
        line), ``.breaks`` (``ChainBreak.message``: one line per broken entry), ``.head`` (the
        newest hash, to note down as an anchor)."""
        with self.storage.read() as uow:
            report = ChainReport(guards_missing=uow.audit.guards_missing())
            return check(uow.audit.chain(), report)
