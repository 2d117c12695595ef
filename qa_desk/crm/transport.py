"""One HTTP door per CRM: rate limit, retries with backoff honouring ``Retry-After``, token refresh.

Retried: network errors, 429 and 5xx (Bitrix24 answers 503 ``QUERY_LIMIT_EXCEEDED`` when its bucket
overflows). A 401 triggers one token refresh through ``Auth.refresh``; a second 401 is a
``CrmAuthError``. Nothing secret is logged: only the CRM's name, the HTTP method and a label.
"""

from __future__ import annotations

import email.utils
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from qa_desk.crm.clock import Clock, SystemClock
from qa_desk.crm.errors import CrmAuthError, CrmError, CrmResponseError, CrmUnavailableError
from qa_desk.crm.ratelimit import RateLimiter

log = logging.getLogger("qa_desk.crm")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REFUSED_STATUSES = frozenset({429, 503})  # the CRM did not process the request: safe to send again


class Auth(Protocol):
    def authorize(self, headers: dict[str, str], params: dict[str, Any]) -> None: ...

    def refresh(self, transport: Transport) -> bool:
        """Get a new access token; ``False`` when this kind of credential cannot be refreshed."""
        ...


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 6
    base_delay_s: float = 1.0
    max_delay_s: float = 60.0
    # A Retry-After longer than this is not waited out: the sync stops and is retried later.
    max_retry_after_s: float = 300.0


@dataclass
class TransportStats:
    requests: int = 0
    retries: int = 0
    refreshes: int = 0
    waited_s: float = 0.0
    warnings: list[str] = field(default_factory=list)


class Transport:
    def __init__(
        self,
        crm: str,
        base_url: str,
        *,
        limiter: RateLimiter,
        clock: Clock,
        auth: Auth | None = None,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        timeout_s: float = 30.0,
    ) -> None:
        self.crm, self.base_url = crm, base_url.rstrip("/")
        self.limiter, self.clock, self.auth = limiter, clock, auth
        self.retry = retry or RetryPolicy()
        self.client = client or httpx.Client(timeout=httpx.Timeout(timeout_s, connect=10.0))
        self.stats = TransportStats()

    def close(self) -> None:
        self.client.close()

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.base_url}/{path.lstrip('/')}"

    def request(
        self,
        method: str,
        path: str,
        *,
        label: str,
        params: dict[str, Any] | list[tuple[str, Any]] | None = None,
        json_body: Any = None,
        form: dict[str, Any] | None = None,
        authorized: bool = True,
        ok_statuses: frozenset[int] = frozenset(),
        idempotent: bool = True,
    ) -> httpx.Response:
        """Send with limits and retries; a non-2xx answer left after retries is raised as ``CrmError``.

        ``idempotent=False`` (a request that adds something, e.g. a note): retried only when the CRM
        refused it unprocessed (429, 503); after a network error, 500, 502 or 504 it may have been
        applied, so it is not repeated here: the caller (the outbox) looks before it tries again."""
        refreshed = False
        attempt = 0
        while True:
            attempt += 1
            headers: dict[str, str] = {"Accept": "application/json"}
            query: dict[str, Any] = {}
            if authorized and self.auth is not None:
                self.auth.authorize(headers, query)
            merged: Any = params
            if query:
                merged = list(params.items() if isinstance(params, dict) else params or []) + list(
                    query.items()
                )
            self.stats.waited_s += self.limiter.acquire()
            self.stats.requests += 1
            log.debug("%s %s %s (попытка %d)", self.crm, method, label, attempt)
            try:
                response = self.client.request(
                    method, self.url(path), params=merged, json=json_body, data=form, headers=headers
                )
            except httpx.TransportError as exc:
                if not idempotent:
                    raise CrmUnavailableError(f"{self.crm}: {label} — нет ответа (сеть: {type(exc).__name__})") from None
                self._backoff(attempt, None, label, f"сеть: {type(exc).__name__}")
                continue
            status = response.status_code
            if status == 401 and authorized and self.auth is not None and not refreshed:
                refreshed = True
                self.stats.refreshes += 1
                if self.auth.refresh(self):
                    continue
            if status in RETRY_STATUSES and (idempotent or status in REFUSED_STATUSES):
                self._backoff(attempt, response, label, f"HTTP {status}")
                continue
            if status in RETRY_STATUSES:
                raise CrmUnavailableError(f"{self.crm}: {label} — ошибка HTTP {status}; повторите позже")
            if 200 <= status < 300 or status in ok_statuses:
                return response
            raise self._error(response, label)

    def _backoff(self, attempt: int, response: httpx.Response | None, label: str, why: str) -> None:
        if attempt >= self.retry.attempts:
            raise CrmUnavailableError(
                f"{self.crm}: {label} — не отвечает ({why}) после {attempt} попыток; повторите позже"
            )
        delay = min(self.retry.max_delay_s, self.retry.base_delay_s * 2 ** (attempt - 1))
        asked = retry_after(response) if response is not None else None
        if asked is not None:
            if asked > self.retry.max_retry_after_s:
                raise CrmUnavailableError(
                    f"{self.crm}: {label} — CRM просит подождать {asked:.0f} с; синхронизация отложена"
                )
            delay = max(delay, asked)
        self.stats.retries += 1
        self.stats.waited_s += delay
        self.clock.sleep(delay)

    def _error(self, response: httpx.Response, label: str) -> CrmError:
        status = response.status_code
        detail = ""
        try:
            body = response.json()
            if isinstance(body, dict):
                detail = str(
                    body.get("error_description")
                    or body.get("detail")
                    or body.get("title")
                    or body.get("error")
                    or ""
                )
        except (ValueError, UnicodeDecodeError):
            detail = ""
        suffix = f": {detail}" if detail else ""
        if status in (401, 403):
            return CrmAuthError(f"{self.crm}: {label} — доступ запрещён (HTTP {status}){suffix}")
        return CrmError(f"{self.crm}: {label} — ошибка HTTP {status}{suffix}")

    def json(self, response: httpx.Response, label: str) -> Any:
        """The body as JSON; bytes that are not UTF-8 are replaced (with a warning), never a crash."""
        raw = response.content
        if not raw.strip():
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace")
            self.stats.warnings.append(
                f"{self.crm}: {label} — в ответе есть текст не в UTF-8; нечитаемые символы заменены на «\ufffd»"
            )
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise CrmResponseError(f"{self.crm}: {label} — ответ не JSON ({exc.msg})") from None


def retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (a number or an HTTP date), or ``None``."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
        now_header = response.headers.get("Date")
        now = email.utils.parsedate_to_datetime(now_header) if now_header else None
    except (TypeError, ValueError):
        return None
    if now is None:
        from datetime import UTC, datetime

        now = datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


class HttpConnector:
    """What both connectors share: one ``Transport`` (its limiter built on the connector's clock),
    its statistics, and closing it."""

    name = ""

    def __init__(
        self,
        url: str,
        auth: Auth,
        limiter: Callable[[Clock], RateLimiter],
        *,
        clock: Clock | None = None,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.clock = clock or SystemClock()
        self.transport = Transport(
            self.name, url, limiter=limiter(self.clock), clock=self.clock, auth=auth, client=client, retry=retry
        )

    @property
    def stats(self) -> TransportStats:
        return self.transport.stats

    def close(self) -> None:
        self.transport.close()
