"""CRM connections and their mappings: connect, check, load the CRM's lists, guess, edit.

``CrmService`` (``Services.crm``). Every change by a person is authorised (administrator or head
of sales), done in one transaction and audited. Secrets go to ``qa_desk.crm.secrets`` only: the
database keeps the account's address, never a token or a webhook with its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import httpx

from qa_desk.crm.clock import Clock
from qa_desk.crm.connector import KINDS, Connector, make_connector
from qa_desk.crm.errors import CrmError
from qa_desk.crm.secrets import SecretStore, default_store
from qa_desk.crm.transport import RetryPolicy
from qa_desk.crm.types import CrmStage, StageKind
from qa_desk.domain import crm_policy
from qa_desk.domain.access import Capability
from qa_desk.domain.identity import User
from qa_desk.domain.refusal_reasons import OTHER, normalize_reason
from qa_desk.domain.roles import SETTINGS_ROLES, Role
from qa_desk.domain.statuses import Status
from qa_desk.domain.transitions import TransitionError
from qa_desk.services.base import Service
from qa_desk.services.workflow import default_reasons
from qa_desk.storage.crm_models import CrmConnection, CrmMapping
from qa_desk.storage.models import utcnow
from qa_desk.storage.uow import UnitOfWork

SETTINGS_DENIED = "Подключение к CRM настраивает администратор или руководитель отдела продаж"
NO_CONNECTION = "CRM не подключена: qa-desk crm connect amocrm … или crm connect bitrix24 --webhook …"
CRM_SETTINGS_ROLES = SETTINGS_ROLES | {Role.HEAD_OF_SALES}
STAGE_VALUES = {
    Status.CONDITIONAL_REFUSAL.value: "Условный отказ (проверять)",
    Status.ACTIVE.value: "В работе",
    Status.CLOSED_LOST.value: "Закрыто и не реализовано",
    Status.WON.value: "Успешно реализовано",
    "": "Не учитывать",
}
MAPPING_KINDS = {"stage": "этапа", "reason": "причины отказа", "user": "пользователя"}


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


def view_of(conn: CrmConnection) -> ConnectionView:
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


class CrmService(Service):
    """Connections and mappings; builds the connector the sync and the push use."""

    @cached_property
    def secrets(self) -> SecretStore:
        """The keyring (or the user-only file); a test may assign another store."""
        return default_store()

    # --- who may -----------------------------------------------------------------------------------
    def can_configure(self) -> Capability:
        if self.actor is None or self.actor.role not in CRM_SETTINGS_ROLES:
            return Capability(False, SETTINGS_DENIED)
        return Capability(True)

    def _configurer(self) -> User:
        user = self._user()
        if user.role not in CRM_SETTINGS_ROLES:
            raise TransitionError(SETTINGS_DENIED)
        return user

    # --- connections -----------------------------------------------------------------------------
    def connect(
        self,
        kind: str,
        url: str,
        secret: dict[str, Any],
        *,
        title: str | None = None,
        settings: dict[str, Any] | None = None,
    ) -> int:
        """Store (or replace) the connection of this kind; the secret goes to the keyring."""
        user = self._configurer()
        if kind not in KINDS:
            raise CrmError(f"Неизвестная CRM «{kind}»: поддерживаются {', '.join(KINDS)}")
        with self.storage.write() as uow:
            existing = [c for c in uow.crm.connections() if c.kind == kind]
            conn = existing[0] if existing else CrmConnection(kind=kind, created_by=user.id, settings={})
            before = None if conn.id is None else {"url": conn.url, "title": conn.title}
            conn.url, conn.title, conn.active = url, title or KINDS[kind], True
            auth = "oauth" if "client_id" in secret else "key"  # an application's OAuth, or a token/webhook
            conn.settings = {**(conn.settings or {}), **(settings or {}), "auth": auth}
            uow.crm.add(conn)
            self.secrets.put(secret_key(conn.id), secret)
            uow.audit.add(
                actor=user.id,
                action=crm_policy.CRM_CONNECTED,
                before=before,
                after={"crm": KINDS[kind], "url": url, "secret": f"сохранён: {self.secrets.where}"},
            )
            return conn.id

    def connect_app(
        self,
        kind: str,
        url: str,
        client_id: str,
        client_secret: str,
        *,
        code: str | None = None,
        refresh_token: str | None = None,
        redirect_uri: str | None = None,
        oauth_url: str | None = None,
        settings: dict[str, Any] | None = None,
    ) -> int:
        """An application's OAuth 2.0 connection: its authorization code is exchanged once for a token
        pair (amoCRM: https://www.amocrm.ru/developers/content/oauth/step-by-step; Bitrix24:
        https://apidocs.bitrix24.ru/settings/oauth/index.html), or a refresh token already had is kept."""
        from qa_desk.crm import amocrm, bitrix24

        self._configurer()
        if not (url and client_id and client_secret and (code or refresh_token)):
            raise CrmError("Для OAuth укажите адрес, ID приложения, секретный ключ и код авторизации")
        if kind == "amocrm":
            if not redirect_uri:
                raise CrmError("Для OAuth amoCRM укажите адрес перенаправления интеграции")
            secret: dict[str, Any] = {"client_id": client_id, "client_secret": client_secret,
                                      "redirect_uri": redirect_uri, "refresh_token": refresh_token}
            if code:
                secret = amocrm.exchange(url, secret, code)
            return self.connect(kind, url, secret, settings=settings)
        portal = url.rstrip("/") if "://" in url else f"https://{url.rstrip('/')}"
        secret = {"client_id": client_id, "client_secret": client_secret, "refresh_token": refresh_token,
                  "client_endpoint": f"{portal}/rest/"}
        if oauth_url:
            secret["oauth_url"] = oauth_url
        if code:
            secret = bitrix24.exchange(secret, code)
        return self.connect(kind, portal, secret, settings=settings)

    def connection(self, connection_id: int | None = None) -> ConnectionView:
        with self.storage.read() as uow:
            conn = uow.crm.connection(connection_id)
            if conn is None:
                raise CrmError(NO_CONNECTION)
            return view_of(conn)

    def connected(self) -> bool:
        with self.storage.read() as uow:
            return uow.crm.connection() is not None

    def connector(
        self,
        connection_id: int | None = None,
        *,
        clock: Clock | None = None,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
    ) -> Connector:
        """The connection's client, its secret read from the keyring; refreshed tokens are saved back."""
        view = self.connection(connection_id)
        secrets = self.secrets
        secret = secrets.get(secret_key(view.id))
        if not secret:
            raise CrmError(
                f"{view.kind_label}: секрет подключения не найден ({secrets.where}) — подключите CRM заново"
            )

        key = secret_key(view.id)

        def save(new_secret: dict[str, Any]) -> None:
            secrets.put(key, new_secret)

        def reload() -> dict[str, Any] | None:
            return secrets.get(key)

        return make_connector(
            view.kind,
            view.url,
            secret,
            view.settings,
            on_secret_change=save,
            reload_secret=reload,
            clock=clock,
            client=client,
            retry=retry,
        )

    def check(self, connection_id: int | None = None, *, connector: Connector | None = None) -> str:
        """«Проверить подключение»: one request to the account; the result is remembered, audited
        and returned."""
        user = self._user()
        view = self.connection(connection_id)
        conn = connector or self.connector(view.id)
        try:
            account = conn.check()
            message = f"Подключено: {view.kind_label}, {account.name}"
        except CrmError as exc:
            message = f"Ошибка: {exc}"
        finally:
            if connector is None:
                conn.close()
        with self.storage.write() as uow:
            row = uow.crm.connection(view.id)
            if row is not None:
                row.last_check_at, row.last_check_message = utcnow(), message
            uow.audit.add(actor=user.id, action=crm_policy.CRM_CHECKED, comment=message)
        return message

    # --- mappings --------------------------------------------------------------------------------
    def load_lists(self, connection_id: int | None = None, *, connector: Connector | None = None) -> int:
        """Read stages, loss reasons and users from the CRM; new ones get a first guess, a person's
        choices are kept. Returns how many rows are new."""
        user = self._configurer()
        view = self.connection(connection_id)
        conn = connector or self.connector(view.id)
        try:
            stages, reasons, users = conn.stages(), conn.loss_reasons(), conn.users()
            reason_field = getattr(conn, "reason_field", None)
        finally:
            if connector is None:
                conn.close()
        with self.storage.write() as uow:
            added = self._store_lists(uow, view.id, stages, reasons, users)
            row_conn = uow.crm.connection(view.id)
            if reason_field and row_conn is not None:
                row_conn.settings = {**(row_conn.settings or {}), "reason_field": reason_field}
            uow.audit.add(
                actor=user.id,
                action=crm_policy.CRM_LISTS,
                after={"stages": len(stages), "reasons": len(reasons), "users": len(users), "new": added},
                comment=view.kind_label,
            )
        return added

    def _store_lists(self, uow: UnitOfWork, connection_id: int, stages: Any, reasons: Any, users: Any) -> int:
        managers = uow.managers.all()
        by_email = {(m.email or "").casefold(): m.id for m in managers if m.email}
        by_name = {m.name.casefold(): m.id for m in managers}
        rows: list[tuple[str, str, str, str | None, str | None]] = []
        rows += [("stage", s.id, s.name, s.pipeline, guess_stage(s)) for s in stages]
        rows += [("reason", r.id, r.name, None, guess_reason(r.name)) for r in reasons]
        for u in users:
            manager = by_email.get((u.email or "").casefold()) or by_name.get(u.name.casefold())
            rows.append(("user", u.id, u.name, u.email, str(manager) if manager else None))
        added = 0
        for kind, crm_id, name, group, guess in rows:
            row = uow.crm.mapping(connection_id, kind, crm_id)
            if row is None:
                uow.crm.add(
                    CrmMapping(
                        connection_id=connection_id,
                        kind=kind,
                        crm_id=crm_id,
                        crm_name=name,
                        group=group,
                        local_value=guess,
                        guessed=True,
                    )
                )
                added += 1
                continue
            row.crm_name, row.group = name, group
            if row.guessed and row.local_value is None and guess:
                row.local_value = guess
        return added

    def mapping_rows(self, kind: str | None = None, connection_id: int | None = None) -> list[MappingRow]:
        with self.storage.read() as uow:
            conn = uow.crm.connection(connection_id)
            if conn is None:
                raise CrmError(NO_CONNECTION)
            return [
                MappingRow(r.kind, r.crm_id, r.crm_name, r.group, r.local_value, r.guessed)
                for r in uow.crm.mappings(conn.id, kind)
            ]

    def choices(self, kind: str) -> list[tuple[str, str]]:
        """(label, value) pairs a mapping of this kind may take, for the settings page."""
        if kind == "stage":
            return [(label, value) for value, label in STAGE_VALUES.items()]
        if kind == "reason":
            return [(r, r) for r in default_reasons().reasons]
        with self.storage.read() as uow:
            managers = [(m.name, str(m.id)) for m in uow.managers.active()]
        return [("— не сопоставлен —", ""), *managers]

    def set_mapping(self, kind: str, crm_id: str, value: str | None, connection_id: int | None = None) -> None:
        """A person's choice for one CRM stage/reason/user: checked, audited, never overwritten by a guess."""
        user = self._configurer()
        value = (value or "").strip() or None
        with self.storage.write() as uow:
            conn = uow.crm.connection(connection_id)
            if conn is None:
                raise CrmError(NO_CONNECTION)
            row = uow.crm.mapping(conn.id, kind, crm_id)
            if row is None:
                raise CrmError(
                    f"В CRM нет {MAPPING_KINDS.get(kind, kind)} с id «{crm_id}» (обновите списки: crm map --load)"
                )
            if kind == "stage" and (value or "") not in STAGE_VALUES:
                raise CrmError(f"Этап можно сопоставить с: {', '.join(v for v in STAGE_VALUES if v)} или пусто")
            if kind == "reason" and value is not None:
                value = default_reasons().validate(value, "из CRM")
            if kind == "user" and value is not None and (not value.isdigit() or uow.managers.get(int(value)) is None):
                raise CrmError(f"Менеджер #{value} не найден")
            before = {"value": row.local_value}
            row.local_value, row.guessed, row.updated_by = value, False, user.id
            uow.audit.add(
                actor=user.id,
                action=crm_policy.CRM_MAPPING,
                before=before,
                after={"value": value},
                comment=f"{KINDS[conn.kind]}: {MAPPING_KINDS.get(kind, kind)} «{row.crm_name}»",
            )
