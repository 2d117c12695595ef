"""A typed Bitrix24 REST client over httpx (incoming webhook or OAuth), with ``batch`` and paging.

Why not ``fast-bitrix24`` or the vendor's ``b24pysdk``: see docs/NOTES.md («CRM connectors»).
Limits: https://apidocs.bitrix24.ru/limits.html — a leaky bucket of 50 requests drained at 2 per
second (Enterprise: 250 and 5); an overflow answers ``503 QUERY_LIMIT_EXCEEDED``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from qa_desk.crm import bitrix24_models as m
from qa_desk.crm.clock import Clock, SystemClock
from qa_desk.crm.errors import CrmAuthError, CrmError, CrmResponseError
from qa_desk.crm.oauth import RefreshableToken, token_pair
from qa_desk.crm.ratelimit import LeakyBucket
from qa_desk.crm.transport import HttpConnector, RetryPolicy, Transport
from qa_desk.crm.types import (
    AccountInfo,
    CrmCall,
    CrmDeal,
    CrmReason,
    CrmStage,
    CrmUser,
    PushPlan,
    StageKind,
    validated,
)

NAME = "Битрикс24"
BUCKET, LEAK_PER_S = 50, 2.0
PAGE = 50
BATCH = 50
OAUTH_URL = "https://oauth.bitrix.info"
DEAL_FIELDS = [
    "ID",
    "TITLE",
    "STAGE_ID",
    "DATE_MODIFY",
    "ASSIGNED_BY_ID",
    "OPPORTUNITY",
    "CURRENCY_ID",
    "CONTACT_ID",
]


class Webhook:
    """An incoming webhook: the secret is part of the URL, nothing to refresh."""

    def authorize(self, headers: dict[str, str], params: dict[str, Any]) -> None:
        return None

    def refresh(self, transport: Transport) -> bool:
        return False


class OAuth(RefreshableToken):
    """A Bitrix24 application's tokens: ``auth`` in every call, refreshed at oauth.bitrix.info."""

    def authorize(self, headers: dict[str, str], params: dict[str, Any]) -> None:
        params["auth"] = self.secret.get("access_token", "")

    def refresh(self, transport: Transport) -> bool:
        if self.adopt_newer():
            return True
        if not self.can_refresh:
            return False
        url = f"{str(self.secret.get('oauth_url') or OAUTH_URL).rstrip('/')}/oauth/token/"
        params = {
            "grant_type": "refresh_token",
            "client_id": self.secret.get("client_id"),
            "client_secret": self.secret.get("client_secret"),
            "refresh_token": self.secret["refresh_token"],
        }
        label = "GET /oauth/token/"
        try:
            response = transport.request("GET", url, label=label, params=params, authorized=False)
        except CrmAuthError as exc:
            raise CrmAuthError(f"{NAME}: не удалось обновить токен — подключите приложение заново ({exc})") from None
        tokens = validated(m.Tokens, transport.json(response, label), f"{NAME}: {label}")
        self.save(tokens.access_token, tokens.refresh_token, tokens.expires_in)
        return True


def exchange(secret: dict[str, Any], code: str, *, clock: Clock | None = None) -> dict[str, Any]:
    """An application's first OAuth step (``qa-desk crm connect bitrix24 --code``): the authorization
    code → tokens, at oauth.bitrix.info or, for an on-premise portal, the portal's own ``oauth_url``.
    https://apidocs.bitrix24.ru/settings/oauth/index.html (``grant_type=authorization_code``)."""
    clock = clock or SystemClock()
    base = str(secret.get("oauth_url") or OAUTH_URL).rstrip("/")
    transport = Transport(NAME, base, limiter=LeakyBucket(BUCKET, LEAK_PER_S, clock), clock=clock)
    label = "GET /oauth/token/"
    params = {
        "grant_type": "authorization_code",
        "client_id": secret.get("client_id"),
        "client_secret": secret.get("client_secret"),
        "code": code,
    }
    try:
        response = transport.request("GET", "/oauth/token/", label=label, params=params, authorized=False)
        tokens = validated(m.Tokens, transport.json(response, label), f"{NAME}: {label}")
    finally:
        transport.close()
    found = {"client_endpoint": tokens.client_endpoint} if tokens.client_endpoint else {}
    return {**secret, **found, **token_pair(tokens.access_token, tokens.refresh_token, tokens.expires_in)}


def webhook_portal(webhook: str) -> str:
    """The portal's address of an incoming webhook (``https://portal.bitrix24.ru/rest/1/code/``)."""
    return webhook.split("/rest/")[0]


def parse_time(value: str | None) -> datetime | None:
    """Bitrix24's ``2024-03-05T14:22:10+03:00`` as naive UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _stage_kind(status: m.Status) -> StageKind:
    semantics = str((status.EXTRA or {}).get("SEMANTICS") or "").lower()
    if semantics == "success" or status.STATUS_ID.endswith("WON"):
        return StageKind.WON
    if semantics in ("failure", "apology") or status.STATUS_ID.endswith("LOSE"):
        return StageKind.LOST
    return StageKind.OPEN


class Bitrix24Connector(HttpConnector):
    kind = "bitrix24"
    name = NAME
    changes_in_order = False

    def __init__(
        self,
        url: str,
        auth: Webhook | OAuth,
        *,
        reason_field: str | None = None,
        clock: Clock | None = None,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        bucket = lambda c: LeakyBucket(BUCKET, LEAK_PER_S, c)  # noqa: E731
        super().__init__(url, auth, bucket, clock=clock, client=client, retry=retry)
        self.page_size = PAGE
        self.reason_field = reason_field

    # --- plumbing --------------------------------------------------------------------------------
    def call(self, method: str, params: dict[str, Any] | None = None, *, idempotent: bool = True) -> m.Envelope:
        """One REST method (every Bitrix24 call is a POST; ``idempotent=False`` for one that adds)."""
        label = method
        response = self.transport.request(
            "POST", f"{method}.json", label=label, json_body=params or {}, idempotent=idempotent
        )
        data = self.transport.json(response, label)
        if isinstance(data, dict) and "error" in data and "result" not in data:
            raise CrmError(f"{NAME}: {method} — {data.get('error_description') or data['error']}")
        return validated(m.Envelope, data, f"{NAME}: {method}")

    def list_all(self, method: str, params: dict[str, Any]) -> Iterator[list[Any]]:
        """Pages of a list method, following ``next`` until it is gone."""
        start = 0
        while True:
            envelope = self.call(method, {**params, "start": start})
            items = envelope.result
            if isinstance(items, dict):  # crm.item.list style: {"items": [...]}
                items = next(iter(items.values()), [])
            if not isinstance(items, list):
                raise CrmResponseError(f"{NAME}: {method} — «result» не список")
            yield items
            if envelope.next is None:
                return
            start = envelope.next

    def batch(self, commands: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
        """Up to 50 commands in one request: (results by key, error text by key)."""
        results: dict[str, Any] = {}
        errors: dict[str, str] = {}
        keys = list(commands)
        for offset in range(0, len(keys), BATCH):
            chunk = {k: commands[k] for k in keys[offset : offset + BATCH]}
            envelope = self.call("batch", {"halt": 0, "cmd": chunk})
            body = envelope.result if isinstance(envelope.result, dict) else {}
            got = body.get("result") or {}
            failed = body.get("result_error") or {}
            if isinstance(got, dict):
                results.update(got)
            if isinstance(failed, dict):
                for key, err in failed.items():
                    errors[key] = str(
                        err.get("error_description") or err.get("error") if isinstance(err, dict) else err
                    )
        return results, errors

    # --- reading ---------------------------------------------------------------------------------
    def check(self) -> AccountInfo:
        profile = validated(m.Profile, self.call("profile").result, f"{NAME}: profile")
        who = " ".join(p for p in (profile.NAME, profile.LAST_NAME) if p) or f"пользователь {profile.ID}"
        return AccountInfo(f"вебхук пользователя {who}", str(profile.ID))

    def stages(self) -> list[CrmStage]:
        cats = validated(
            m.Categories,
            self.call("crm.category.list", {"entityTypeId": 2}).result,
            f"{NAME}: crm.category.list",
        )
        names = {str(c.id): c.name for c in cats.categories}
        stages = []
        for page in self.list_all("crm.status.list", {"order": {"SORT": "ASC"}}):
            for raw in page:
                status = validated(m.Status, raw, f"{NAME}: crm.status.list")
                if not status.ENTITY_ID.startswith("DEAL_STAGE"):
                    continue
                category = status.ENTITY_ID.removeprefix("DEAL_STAGE").lstrip("_") or "0"
                stages.append(
                    CrmStage(status.STATUS_ID, status.NAME, names.get(category, "Общая"), _stage_kind(status))
                )
        return stages

    def reason_field_info(self) -> m.UserField | None:
        fields: list[m.UserField] = []
        for page in self.list_all("crm.deal.userfield.list", {"filter": {"USER_TYPE_ID": "enumeration"}}):
            fields += [validated(m.UserField, raw, f"{NAME}: crm.deal.userfield.list") for raw in page]
        if self.reason_field:
            return next((f for f in fields if f.FIELD_NAME == self.reason_field), None)
        for f in fields:
            labels = f"{f.EDIT_FORM_LABEL} {f.LIST_COLUMN_LABEL} {f.FIELD_NAME}".casefold()
            if "отказ" in labels or "loss" in labels or "reason" in labels:
                self.reason_field = f.FIELD_NAME
                return f
        return None

    def loss_reasons(self) -> list[CrmReason]:
        field = self.reason_field_info()
        return [CrmReason(str(v.ID), v.VALUE) for v in field.LIST] if field else []

    def users(self) -> list[CrmUser]:
        users = []
        for page in self.list_all("user.get", {"filter": {"ACTIVE": True}}):
            for raw in page:
                u = validated(m.User, raw, f"{NAME}: user.get")
                name = " ".join(p for p in (u.NAME, u.LAST_NAME) if p) or f"Пользователь {u.ID}"
                users.append(CrmUser(str(u.ID), name, u.EMAIL or None))
        return users

    def changed_deals(self, stage_ids: list[str], since: datetime | None) -> Iterator[list[CrmDeal]]:
        """Deals in these stages modified since ``since``; keyset on ID (``>ID``, ``start=-1``), so a deal
        that moves between pages never shifts the others (the fast paging the docs recommend)."""
        filt: dict[str, Any] = {"@STAGE_ID": stage_ids}
        if since is not None:
            filt[">=DATE_MODIFY"] = since.replace(tzinfo=UTC).isoformat()
        select = DEAL_FIELDS + ([self.reason_field] if self.reason_field else [])
        last = 0
        while True:
            params = {"order": {"ID": "ASC"}, "filter": {**filt, ">ID": last}, "select": select, "start": -1}
            page = self.call("crm.deal.list", params).result
            if not isinstance(page, list):
                raise CrmResponseError(f"{NAME}: crm.deal.list — «result» не список")
            deals = [self._deal(validated(m.Deal, raw, f"{NAME}: crm.deal.list")) for raw in page]
            if deals:
                yield deals
            if len(page) < self.page_size:
                return
            last = int(deals[-1].id)

    def _deal(self, deal: m.Deal) -> CrmDeal:
        extra = deal.model_extra or {}
        reason = extra.get(self.reason_field) if self.reason_field else None
        try:
            amount = Decimal(str(deal.OPPORTUNITY)) if deal.OPPORTUNITY not in (None, "") else None
        except InvalidOperation:
            amount = None
        updated = parse_time(deal.DATE_MODIFY)
        if updated is None:
            raise CrmResponseError(
                f"{NAME}: crm.deal.list — неверное значение поля «DATE_MODIFY»: {deal.DATE_MODIFY}"
            )
        return CrmDeal(
            id=str(deal.ID),
            title=deal.TITLE or "",
            stage_id=deal.STAGE_ID,
            updated_at=updated,
            responsible_id=str(deal.ASSIGNED_BY_ID) if deal.ASSIGNED_BY_ID else None,
            loss_reason_id=str(reason) if reason not in (None, "", 0, "0") else None,
            amount=amount,
            currency=deal.CURRENCY_ID,
            contact_ids=(str(deal.CONTACT_ID),) if deal.CONTACT_ID else (),
        )

    def calls(self, deal_ids: list[str]) -> list[CrmCall]:
        """Call activities (``TYPE_ID=2``) of these deals (``OWNER_TYPE_ID=2``) with their FILES."""
        ids = [int(i) for i in deal_ids]
        params = {
            "order": {"ID": "ASC"},
            "filter": {"OWNER_TYPE_ID": 2, "@OWNER_ID": ids, "TYPE_ID": 2},
            "select": ["ID", "OWNER_ID", "START_TIME", "DIRECTION", "SUBJECT", "FILES"],
        }
        calls = []
        for page in self.list_all("crm.activity.list", params):
            for raw in page:
                act = validated(m.Activity, raw, f"{NAME}: crm.activity.list")
                for index, f in enumerate(act.FILES or []):
                    calls.append(
                        CrmCall(
                            id=f"{act.ID}" if index == 0 else f"{act.ID}/{f.id}",
                            deal_id=str(act.OWNER_ID),
                            started_at=parse_time(act.START_TIME),
                            direction={"1": "in", "2": "out"}.get(str(act.DIRECTION)),
                            file_id=str(f.id),
                        )
                    )
        return calls

    def deals_with_new_calls(self, since: datetime) -> set[str]:
        """Deals with a call activity added or edited since ``since`` (``>=LAST_UPDATED`` of
        crm.activity.list: https://apidocs.bitrix24.ru/api-reference/crm/timeline/activities/activity-base/crm-activity-list.html)."""
        params = {
            "order": {"ID": "ASC"},
            "filter": {"OWNER_TYPE_ID": 2, "TYPE_ID": 2, ">=LAST_UPDATED": since.replace(tzinfo=UTC).isoformat()},
            "select": ["ID", "OWNER_ID"],
        }
        owners: set[str] = set()
        for page in self.list_all("crm.activity.list", params):
            owners |= {str(validated(m.Activity, raw, f"{NAME}: crm.activity.list").OWNER_ID) for raw in page}
        return owners

    def recording_urls(self, calls: list[CrmCall]) -> dict[str, str]:
        """``disk.file.get`` for every file, 50 per ``batch``; a file that fails is left out."""
        wanted = {f"f{c.file_id}": c for c in calls if c.file_id}
        results, _errors = self.batch({key: f"disk.file.get?id={c.file_id}" for key, c in wanted.items()})
        urls = {}
        for key, call in wanted.items():
            if key in results:
                info = validated(m.DiskFile, results[key], f"{NAME}: disk.file.get")
                urls[call.id] = info.DOWNLOAD_URL
        return urls

    # --- writing ---------------------------------------------------------------------------------
    def push(self, plan: PushPlan) -> dict[str, Any]:
        done: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        if plan.stage_id:
            fields["STAGE_ID"] = plan.stage_id
            if plan.loss_reason_id and self.reason_field:
                fields[self.reason_field] = plan.loss_reason_id
        if plan.responsible_id:
            fields["ASSIGNED_BY_ID"] = int(plan.responsible_id)
        if fields:
            self.call("crm.deal.update", {"id": int(plan.deal_id), "fields": fields})
            done["deal"] = fields
        if plan.note:
            found = self._find_comment(plan.deal_id, plan.marker)
            if found is None:
                comment = {"ENTITY_ID": int(plan.deal_id), "ENTITY_TYPE": "deal", "COMMENT": plan.note}
                found = self.call("crm.timeline.comment.add", {"fields": comment}, idempotent=False).result
            done["note_id"] = found
        return done

    def _find_comment(self, deal_id: str, marker: str) -> Any:
        params = {"filter": {"ENTITY_ID": int(deal_id), "ENTITY_TYPE": "deal"}, "select": ["ID", "COMMENT"]}
        for page in self.list_all("crm.timeline.comment.list", params):
            for raw in page:
                c = validated(m.Comment, raw, f"{NAME}: crm.timeline.comment.list")
                if marker and marker in (c.COMMENT or ""):
                    return c.ID
        return None
