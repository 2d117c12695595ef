"""A fake amoCRM + Bitrix24 on 127.0.0.1: a real HTTP server in a thread, with documented shapes.

Only the subset QA Desk uses, each endpoint citing the page it follows. Faults are injected per
test: ``fail(path_part, status, retry_after=…)`` answers the next matching request with that
status; ``expire_token()`` makes the current access token answer 401 until refreshed;
``missing``/``truncated`` file names answer 404 / a cut-off body; ``after_page`` runs a callback
between pages (a deal moving stage while the client pages).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

MSK = timezone(timedelta(hours=3))
RAW_MARK = "@@RAW@@"  # replaced by bytes that are not UTF-8 (cp1251) in the encoded answer
RAW_BYTES = "Сделка в cp1251".encode("cp1251")


@dataclass
class Request:
    method: str
    path: str
    query: list[tuple[str, str]]
    body: Any
    at: float

    def q(self, key: str) -> list[str]:
        return [v for k, v in self.query if k == key]


@dataclass
class State:
    # amoCRM
    amo_token: str = "amo-access-1"
    amo_refresh: str = "amo-refresh-1"
    pipelines: list[dict[str, Any]] = field(default_factory=list)
    loss_reasons: list[dict[str, Any]] = field(default_factory=list)
    amo_users: list[dict[str, Any]] = field(default_factory=list)
    leads: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: list[dict[str, Any]] = field(default_factory=list)
    contact_notes: list[dict[str, Any]] = field(default_factory=list)
    contacts: dict[int, list[int]] = field(default_factory=dict)  # lead id -> its contacts (default: id + 500)
    # Bitrix24
    webhook: str = "/rest/1/secretcode/"
    b24_token: str = "b24-access-1"
    b24_refresh: str = "b24-refresh-1"
    b24_code: str = "b24-auth-code"  # the application's authorization code, good once
    b24_page: int = 50
    categories: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[dict[str, Any]] = field(default_factory=list)
    userfields: list[dict[str, Any]] = field(default_factory=list)
    b24_users: list[dict[str, Any]] = field(default_factory=list)
    deals: dict[int, dict[str, Any]] = field(default_factory=dict)
    activities: list[dict[str, Any]] = field(default_factory=list)
    disk: dict[int, str] = field(default_factory=dict)  # file id -> file name under /files/
    comments: list[dict[str, Any]] = field(default_factory=list)
    # files and faults
    files: dict[str, bytes] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    truncated: set[str] = field(default_factory=set)
    faults: list[tuple[str, int, dict[str, str], str | None]] = field(default_factory=list)
    after_page: Callable[[str, int], None] | None = None
    requests: list[Request] = field(default_factory=list)


class FakeCrm:
    def __init__(self) -> None:
        self.state = State()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def webhook_url(self) -> str:
        return self.url + self.state.webhook

    def start(self) -> FakeCrm:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- test helpers ----------------------------------------------------------------------------
    def fail(
        self, path_part: str, status: int, *, retry_after: str | None = None, times: int = 1, method: str | None = None
    ) -> None:
        headers = {"Retry-After": retry_after} if retry_after else {}
        for _ in range(times):
            self.state.faults.append((path_part, status, headers, method))

    def expire_token(self) -> None:
        self.state.amo_token += "-expired"
        self.state.b24_token += "-expired"

    def add_file(self, name: str, source: Path | bytes) -> str:
        self.state.files[name] = source if isinstance(source, bytes) else Path(source).read_bytes()
        return f"{self.url}/files/{name}"

    def requests(self, method: str | None = None, part: str = "") -> list[Request]:
        return [r for r in self.state.requests if (method is None or r.method == method) and part in r.path]


def _handler(fake: FakeCrm) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: without TCP_NODELAY every answer would wait ~40 ms
        # for the client's delayed ACK (Nagle), a cost of this fake, not of the CRM or the client.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence
            return None

        def do_GET(self) -> None:  # noqa: N802
            self._dispatch("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._dispatch("POST")

        def do_PATCH(self) -> None:  # noqa: N802
            self._dispatch("PATCH")

        def _dispatch(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body: Any = None
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = dict(parse_qsl(raw.decode()))
            query = parse_qsl(parts.query, keep_blank_values=True)
            with fake.lock:
                fake.state.requests.append(Request(method, parts.path, query, body, time.monotonic()))
                for i, (part, status, headers, only) in enumerate(fake.state.faults):
                    if part in parts.path and only in (None, method):
                        del fake.state.faults[i]
                        return self._send(status, {"error": "FAULT", "error_description": "injected"}, headers)
                try:
                    from fakes import crm_routes

                    status, payload, headers = crm_routes.route(fake, method, parts.path, query, body, self.headers)
                except crm_routes.Raw as raw_file:
                    return self._send_file(raw_file)
            self._send(status, payload, headers)

        def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
            data = data.replace(RAW_MARK.encode(), RAW_BYTES)
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if payload is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _send_file(self, raw: Any) -> None:
            self.send_response(200)
            self.send_header("Content-Type", raw.content_type)
            self.send_header("Content-Length", str(len(raw.data)))
            self.end_headers()
            if raw.truncated:
                self.wfile.write(raw.data[: len(raw.data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(raw.data)

    return Handler


def epoch(when: datetime) -> int:
    return int(when.replace(tzinfo=UTC).timestamp())


def b24_time(when: datetime) -> str:
    return when.replace(tzinfo=UTC).astimezone(MSK).isoformat()
