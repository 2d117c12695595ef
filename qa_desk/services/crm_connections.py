"""CRM connections and their mappings: connect, check, load the CRM's lists, guess, edit.

Every change by a person is authorised (administrator or head of sales), done in one
transaction and audited. Secrets go to ``qa_desk.crm.secrets`` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from qa_desk.crm.clock import Clock
from qa_desk.crm.connector import KINDS, Connector, make_connector
from qa_desk.crm.errors import CrmError
from qa_desk.crm.secrets import SecretStore, default_store
from qa_desk.crm.types import CrmStage, StageKind
from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import OTHER, normalize_reason
from qa_desk.domain.roles import SETTINGS_ROLES, Role
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError
from qa_desk.services.review import default_reasons
from qa_desk.storage import crm as store
from qa_desk.storage import repositories as repo
from qa_desk.storage.crm_models import CrmConnection, CrmMapping
from qa_desk.storage.db import Database
from qa_desk.storage.models import Manager, utcnow

SETTINGS_DENIED = "Подключение к CRM настраивает администратор или руководитель отдела продаж"
NO_CONNECTION = "CRM не подключена: qa-desk crm connect amocrm … или crm connect bitrix24 --webhook …"
STAGE_VALUES = {
    Status.CONDITIONAL_REFUSAL.value: "Условный отказ (проверять)",
    Status.ACTIVE.value: "В работе",
    Status.CLOSED_LOST.value: "Закрыто и не реализовано",
    Status.WON.value: "Успешно реализовано",
    "": "Не учитывать",
}


def _check_settings_role(user: User) -> None:
    if user.role not in SETTINGS_ROLES | {Role.HEAD_OF_SALES}:
        raise TransitionError(SETTINGS_DENIED)


def secret_key(connection_id: int) -> str:
    return f"connection-{connection_id}"


@dataclass(frozen=True, slots=True)
class ConnectionView:
    id: int
    kind: str
    kind_label: str
    title: str
    url: str
    settings: dict[str, Any]
    last_check: str | None
    last_sync: str | None


@dataclass(frozen=True, slots=True)
class MappingRow:
    kind: str
    crm_id: str
    crm_name: str
    group: str | None
    value: str | None
    guessed: bool


def connect(
    db: Database,
    user: User,
    kind: str,
    url: str,
    secret: dict[str, Any],
    *,
    title: str | None = None,
    settings: dict[str, Any] | None = None,
    secrets: SecretStore | None = None,
) -> int:
    """Store (or replace) the connection of this kind; the secret goes to the keyring."""
    _check_settings_role(user)
    if kind not in KINDS:
        raise CrmError(f"Неизвестная CRM «{kind}»: поддерживаются {', '.join(KINDS)}")
    secrets = secrets or default_store()
    with db.session() as session:
        existing = [c for c in store.connections(session) if c.kind == kind]
        conn = existing[0] if existing else CrmConnection(kind=kind, created_by=user.id, settings={})
        before = None if conn.id is None else {"url": conn.url, "title": conn.title}
        conn.url, conn.title, conn.active = url, title or KINDS[kind], True
        conn.settings = {**(conn.settings or {}), **(settings or {})}
        session.add(conn)
        session.flush()
        secrets.put(secret_key(conn.id), secret)
        repo.add_audit(
            session,
            actor=user.id,
            action="crm_connect",
            before=before,
            after={"crm": KINDS[kind], "url": url, "secret": f"сохранён: {secrets.where}"},
        )
        return conn.id


def connection(db: Database, connection_id: int | None = None) -> ConnectionView:
    with db.session() as session:
        conn = (
            session.get(CrmConnection, connection_id) if connection_id else store.active_connection(session)
        )
        if conn is None:
            raise CrmError(NO_CONNECTION)
        return ConnectionView(
            conn.id,
            conn.kind,
            KINDS[conn.kind],
            conn.title,
            conn.url,
            dict(conn.settings or {}),
            conn.last_check_message,
            conn.last_sync_message,
        )


def has_connection(db: Database) -> bool:
    with db.session() as session:
        return store.active_connection(session) is not None


def connector_for(
    db: Database,
    connection_id: int,
    *,
    secrets: SecretStore | None = None,
    clock: Clock | None = None,
    client: httpx.Client | None = None,
) -> Connector:
    """The connection's client, its secret read from the keyring; refreshed tokens are saved back."""
    secrets = secrets or default_store()
    view = connection(db, connection_id)
    secret = secrets.get(secret_key(view.id))
    if not secret:
        raise CrmError(
            f"{view.kind_label}: секрет подключения не найден ({secrets.where}) — подключите CRM заново"
        )

    def save(new_secret: dict[str, Any], key: str = secret_key(view.id)) -> None:
        assert secrets is not None
        secrets.put(key, new_secret)

    return make_connector(
        view.kind, view.url, secret, view.settings, on_secret_change=save, clock=clock, client=client
    )


def check(db: Database, connection_id: int | None = None, *, connector: Connector | None = None) -> str:
    """«Проверить подключение»: one request to the account; the result is remembered and returned."""
    view = connection(db, connection_id)
    own = connector is None
    conn = connector or connector_for(db, view.id)
    try:
        account = conn.check()
        message = f"Подключено: {view.kind_label}, {account.name}"
    except CrmError as exc:
        message = f"Ошибка: {exc}"
    finally:
        if own:
            conn.close()
    with db.session() as session:
        row = session.get(CrmConnection, view.id)
        assert row is not None
        row.last_check_at, row.last_check_message = utcnow(), message
    return message


# --- mappings ---------------------------------------------------------------------------------


def guess_stage(stage: CrmStage) -> str:
    name = stage.name.casefold()
    if "отказ" in name and ("услов" in name or "провер" in name):
        return Status.CONDITIONAL_REFUSAL.value
    if stage.kind is StageKind.LOST:
        return Status.CLOSED_LOST.value
    if stage.kind is StageKind.WON:
        return Status.WON.value
    if "отказ" in name:
        return Status.CONDITIONAL_REFUSAL.value
    return Status.ACTIVE.value


def guess_reason(name: str) -> str:
    reasons = default_reasons()
    exact = reasons.match(name)
    if exact:
        return exact
    key = normalize_reason(name)
    for reason in sorted(reasons.reasons, key=len, reverse=True):
        if normalize_reason(reason) in key:
            return reason
    return OTHER


def load_lists(
    db: Database, user: User, connection_id: int | None = None, *, connector: Connector | None = None
) -> int:
    """Read stages, loss reasons and users from the CRM; new ones get a first guess, edits are kept."""
    _check_settings_role(user)
    view = connection(db, connection_id)
    own = connector is None
    conn = connector or connector_for(db, view.id)
    try:
        stages, reasons, users = conn.stages(), conn.loss_reasons(), conn.users()
        reason_field = getattr(conn, "reason_field", None)
    finally:
        if own:
            conn.close()
    added = 0
    with db.session() as session:
        managers = session.query(Manager).all()
        by_email = {(m.email or "").casefold(): m.id for m in managers if m.email}
        by_name = {m.name.casefold(): m.id for m in managers}
        rows: list[tuple[str, str, str, str | None, str | None]] = []
        rows += [("stage", s.id, s.name, s.pipeline, guess_stage(s)) for s in stages]
        rows += [("reason", r.id, r.name, None, guess_reason(r.name)) for r in reasons]
        for u in users:
            manager = by_email.get((u.email or "").casefold()) or by_name.get(u.name.casefold())
            rows.append(("user", u.id, u.name, u.email, str(manager) if manager else None))
        for kind, crm_id, name, group, guess in rows:
            row = store.mapping(session, view.id, kind, crm_id)
            if row is None:
                session.add(
                    CrmMapping(
                        connection_id=view.id,
                        kind=kind,
                        crm_id=crm_id,
                        crm_name=name,
                        group=group,
                        local_value=guess,
                        guessed=True,
                    )
                )
                added += 1
            else:
                row.crm_name, row.group = name, group
                if row.guessed and row.local_value is None and guess:
                    row.local_value = guess
        if reason_field:
            row_conn = session.get(CrmConnection, view.id)
            assert row_conn is not None
            row_conn.settings = {**(row_conn.settings or {}), "reason_field": reason_field}
    return added


def mapping_rows(db: Database, connection_id: int | None = None, kind: str | None = None) -> list[MappingRow]:
    view = connection(db, connection_id)
    with db.session() as session:
        return [
            MappingRow(r.kind, r.crm_id, r.crm_name, r.group, r.local_value, r.guessed)
            for r in store.mappings(session, view.id, kind)
        ]


def set_mapping(
    db: Database, user: User, kind: str, crm_id: str, value: str | None, connection_id: int | None = None
) -> None:
    """A person's choice for one CRM stage/reason/user; checked, audited, never overwritten by a guess."""
    _check_settings_role(user)
    view = connection(db, connection_id)
    value = (value or "").strip() or None
    with db.session() as session:
        row = store.mapping(session, view.id, kind, crm_id)
        if row is None:
            raise CrmError(
                f"В CRM нет {_KIND_NAMES.get(kind, kind)} с id «{crm_id}» (обновите списки: crm map --load)"
            )
        if kind == "stage" and (value or "") not in STAGE_VALUES:
            raise CrmError(f"Этап можно сопоставить с: {', '.join(v for v in STAGE_VALUES if v)} или пусто")
        if kind == "reason" and value is not None:
            value = default_reasons().validate(value, "из CRM")
        if kind == "user" and value is not None:
            if not value.isdigit() or session.get(Manager, int(value)) is None:
                raise CrmError(f"Менеджер #{value} не найден")
        before = {"value": row.local_value}
        row.local_value, row.guessed, row.updated_by = value, False, user.id
        repo.add_audit(
            session,
            actor=user.id,
            action="crm_mapping",
            before=before,
            after={"value": value},
            comment=f"{view.kind_label}: {_KIND_NAMES.get(kind, kind)} «{row.crm_name}»",
        )


_KIND_NAMES = {"stage": "этапа", "reason": "причины отказа", "user": "пользователя"}
