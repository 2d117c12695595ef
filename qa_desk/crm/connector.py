"""The one interface the services use, whichever CRM is behind it, and the factory that builds it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, Protocol

import httpx

from qa_desk.crm.clock import Clock
from qa_desk.crm.errors import CrmAuthError
from qa_desk.crm.transport import RetryPolicy, TransportStats
from qa_desk.crm.types import AccountInfo, CrmCall, CrmDeal, CrmReason, CrmStage, CrmUser, PushPlan

KINDS = {"amocrm": "amoCRM (Kommo)", "bitrix24": "Битрикс24"}


class Connector(Protocol):
    kind: str
    name: str
    # True: ``changed_deals`` pages come oldest change first (each page may move the sync's cursor);
    # False: paged by id (the cursor moves only after the last page).
    changes_in_order: bool

    @property
    def stats(self) -> TransportStats: ...

    def check(self) -> AccountInfo: ...

    def stages(self) -> list[CrmStage]: ...

    def loss_reasons(self) -> list[CrmReason]: ...

    def users(self) -> list[CrmUser]: ...

    def changed_deals(self, stage_ids: list[str], since: datetime | None) -> Iterator[list[CrmDeal]]: ...

    def calls(self, deal_ids: list[str]) -> list[CrmCall]: ...

    # Deals with a call logged or changed since ``since``, whether or not the deal itself changed.
    def deals_with_new_calls(self, since: datetime) -> set[str]: ...

    def recording_urls(self, calls: list[CrmCall]) -> dict[str, str]: ...

    def push(self, plan: PushPlan) -> dict[str, Any]: ...

    def close(self) -> None: ...


def make_connector(
    kind: str,
    url: str,
    secret: dict[str, Any],
    settings: dict[str, Any],
    *,
    on_secret_change: Callable[[dict[str, Any]], None] | None = None,
    reload_secret: Callable[[], dict[str, Any] | None] | None = None,
    clock: Clock | None = None,
    client: httpx.Client | None = None,
    retry: RetryPolicy | None = None,
) -> Connector:
    if kind == "amocrm":
        from qa_desk.crm import amocrm

        auth: Any
        if secret.get("token"):
            auth = amocrm.LongLivedToken(str(secret["token"]))
        elif secret.get("access_token") or secret.get("refresh_token"):
            auth = amocrm.OAuthTokens(secret, on_secret_change, reload=reload_secret)
        else:
            raise CrmAuthError("amoCRM: нет токена — подключите интеграцию заново")
        return amocrm.AmoCrmConnector(url, auth, clock=clock, client=client, retry=retry)
    if kind == "bitrix24":
        from qa_desk.crm import bitrix24

        if secret.get("webhook"):
            base, b24auth = str(secret["webhook"]), bitrix24.Webhook()
        elif secret.get("access_token") or secret.get("refresh_token"):
            base = str(secret.get("client_endpoint") or url)
            b24auth = bitrix24.OAuth(secret, on_secret_change, reload=reload_secret)  # type: ignore[assignment]
        else:
            raise CrmAuthError("Битрикс24: нет вебхука — подключите его заново")
        connector = bitrix24.Bitrix24Connector(
            base, b24auth, reason_field=settings.get("reason_field"), clock=clock, client=client, retry=retry
        )
        return connector
    raise ValueError(f"Неизвестная CRM «{kind}»: поддерживаются {', '.join(KINDS)}")
