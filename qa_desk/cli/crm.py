"""``qa-desk crm …``: connect amoCRM or Bitrix24, map stages/reasons/users, pull deals, push verdicts.

Secrets given here go to the OS keyring (or a file only the user can read); pass ``-`` to read
one from standard input instead of the command line. Actions run as ``--as LOGIN``/``$QA_DESK_USER``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from qa_desk.cli.deal import NO_USER, USER_ENV, _as_option
from qa_desk.crm.errors import CrmError


def register(subparsers: Any) -> None:
    crm = subparsers.add_parser(
        "crm",
        help="интеграция с CRM: amoCRM (Kommo) и Битрикс24",
        description="Сделки с условным отказом и записи звонков из CRM; вердикты — обратно в CRM.",
    )
    _as_option(crm, top=True)
    sub = crm.add_subparsers(dest="crm_command", metavar="ДЕЙСТВИЕ", required=True)

    def add(parent: Any, name: str, help_text: str) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        _as_option(p)
        p.set_defaults(handler=run, action=name)
        return p

    connect = sub.add_parser("connect", help="подключить CRM")
    csub = connect.add_subparsers(dest="kind", metavar="CRM", required=True)
    amo = add(csub, "amocrm", "amoCRM / Kommo: долгосрочный токен или OAuth 2.0")
    amo.set_defaults(action="connect")
    amo.add_argument("--subdomain", required=True, help="поддомен аккаунта (mycompany) или полный адрес")
    amo.add_argument("--domain", default="amocrm.ru", help="amocrm.ru (по умолчанию) или kommo.com")
    amo.add_argument("--token", help="долгосрочный токен интеграции («-» — прочитать со стандартного ввода)")
    amo.add_argument("--client-id", help="OAuth: ID интеграции")
    amo.add_argument("--client-secret", help="OAuth: секретный ключ («-» — со стандартного ввода)")
    amo.add_argument("--redirect-uri", help="OAuth: адрес перенаправления интеграции")
    amo.add_argument("--code", help="OAuth: код авторизации (действует 20 минут)")
    amo.add_argument("--refresh-token", help="OAuth: уже полученный refresh token")
    b24 = add(csub, "bitrix24", "Битрикс24: входящий вебхук")
    b24.set_defaults(action="connect")
    b24.add_argument("--webhook", required=True, help="адрес входящего вебхука https://…/rest/1/код/ («-» — со стандартного ввода)")
    b24.add_argument("--reason-field", help="код поля «Причина отказа» сделки (UF_CRM_…), если не найдено само")
    add(sub, "status", "подключение, соответствия и очередь отправки")
    add(sub, "check", "проверить подключение")
    m = add(sub, "map", "соответствия: этапы, причины отказа, пользователи")
    m.add_argument("--load", action="store_true", help="загрузить списки из CRM (новые получат догадку)")
    m.add_argument("kind_", nargs="?", metavar="ЧТО", choices=["stage", "reason", "user"], help="stage, reason или user")
    m.add_argument("crm_id", nargs="?", metavar="ID_В_CRM")
    m.add_argument("value", nargs="?", metavar="ЗНАЧЕНИЕ",
                   help="этап: conditional_refusal, active, closed_lost, won или пусто; причина из списка; id менеджера")
    add(sub, "sync", "забрать из CRM изменившиеся сделки и записи звонков")
    add(sub, "push", "отправить в CRM вердикты из очереди")
    o = add(sub, "outbox", "очередь отправки в CRM")
    o.add_argument("--retry", action="store_true", help="отправить ещё раз всё неотправленное")


def _secret(value: str | None) -> str | None:
    if value == "-":
        return sys.stdin.readline().strip()
    return value


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from qa_desk.domain.identity import IdentityError
    from qa_desk.services import identity
    from qa_desk.storage.db import Database

    db = Database(getattr(args, "db", None))
    identity.sync_users(db)
    import os

    login = getattr(args, "as_user", None) or os.environ.get(USER_ENV)
    user = identity.get_user(db, login) if login else None
    if user is None and args.action not in {"status", "outbox"}:
        raise IdentityError(NO_USER)
    return db, user


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from qa_desk.services import crm_connections as conns
    from qa_desk.services import crm_outbox, crm_sync

    out = Console(highlight=False)
    db, user = _open(args)
    if args.action == "connect":
        _connect(db, user, args, out)
        return 0
    if args.action == "check":
        message = conns.check(db)
        out.print(message)
        return 0 if message.startswith("Подключено") else 1
    if args.action == "map":
        if args.load:
            added = conns.load_lists(db, user)
            out.print(f"Загружено из CRM; новых строк соответствия: {added}")
        if args.kind_:
            if not args.crm_id:
                raise CrmError("Укажите ID в CRM и значение: crm map stage ID ЗНАЧЕНИЕ")
            conns.set_mapping(db, user, args.kind_, args.crm_id, args.value)
        _print_mappings(db, out)
        return 0
    if args.action == "sync":
        with out.status("Синхронизация с CRM…") as status:
            report = crm_sync.sync(db, user, on_progress=lambda text: status.update(text))
        out.print(report.summary())
        out.print(f"Запросов к CRM: {report.requests}, повторов: {report.retries}")
        for warning in report.warnings:
            out.print(f"[yellow]Предупреждение:[/] {warning}")
        for failure in report.failures:
            out.print(f"[red]Ошибка:[/] {failure}")
        pushed = _push(db, out)
        return 1 if report.failures or pushed else 0
    if args.action == "push":
        return 1 if _push(db, out) else 0
    if args.action == "outbox":
        if args.retry:
            if user is None:
                raise CrmError(NO_USER)
            out.print(f"Поставлено на повторную отправку: {crm_outbox.retry_now(db, user)}")
        _print_outbox(db, out)
        return 0
    if args.action == "status":
        view = conns.connection(db)
        out.print(f"{view.kind_label}: {view.url}")
        out.print(f"Проверка: {view.last_check or 'ещё не проверялось'}")
        out.print(f"Синхронизация: {view.last_sync or 'ещё не было'}")
        rows = conns.mapping_rows(db)
        unmapped = sum(1 for r in rows if r.kind != "stage" and not r.value)
        out.print(f"Соответствий: {len(rows)}, не заполнено: {unmapped}")
        _print_outbox(db, out)
        return 0
    raise CrmError(args.action)


def _connect(db: Any, user: Any, args: argparse.Namespace, out: Any) -> None:
    from qa_desk.crm import amocrm
    from qa_desk.services import crm_connections as conns

    if args.kind == "bitrix24":
        webhook = _secret(args.webhook) or ""
        base = webhook.split("/rest/")[0] if "/rest/" in webhook else webhook
        settings = {"reason_field": args.reason_field} if args.reason_field else {}
        cid = conns.connect(db, user, "bitrix24", base, {"webhook": webhook}, settings=settings)
    else:
        url = amocrm.base_url(args.subdomain, args.domain)
        token = _secret(args.token)
        if token:
            secret: dict[str, Any] = {"token": token}
        else:
            if not (args.client_id and args.client_secret and args.redirect_uri and (args.code or args.refresh_token)):
                raise CrmError("Укажите --token или OAuth: --client-id, --client-secret, --redirect-uri и --code (или --refresh-token)")
            secret = {"client_id": args.client_id, "client_secret": _secret(args.client_secret), "redirect_uri": args.redirect_uri,
                      "refresh_token": args.refresh_token}
            if args.code:
                secret = _exchange(url, secret, args.code)
        cid = conns.connect(db, user, "amocrm", url, secret)
    out.print(conns.check(db, cid))
    added = conns.load_lists(db, user, cid)
    out.print(f"Загружены этапы, причины отказа и пользователи CRM ({added}); проверьте соответствия: qa-desk crm map")


def _exchange(url: str, secret: dict[str, Any], code: str) -> dict[str, Any]:
    from qa_desk.crm import amocrm
    from qa_desk.crm.clock import SystemClock
    from qa_desk.crm.ratelimit import SlidingWindow
    from qa_desk.crm.transport import Transport

    clock = SystemClock()
    transport = Transport("amoCRM", url, limiter=SlidingWindow(7, 1.0, clock), clock=clock)
    try:
        return amocrm.exchange_code(transport, secret, code)
    finally:
        transport.close()


def _push(db: Any, out: Any) -> int:
    from qa_desk.services import crm_connections as conns
    from qa_desk.services import crm_outbox

    view = conns.connection(db)
    connector = conns.connector_for(db, view.id)
    try:
        result = crm_outbox.push(db, connector)
    finally:
        connector.close()
    out.print(f"Отправлено в CRM: {result.sent}, не отправлено: {result.failed} (останутся в очереди)")
    for error in result.errors or []:
        out.print(f"[red]Не отправлено:[/] {error}")
    return result.failed


def _print_mappings(db: Any, out: Any) -> None:
    from rich.table import Table

    from qa_desk.services import crm_connections as conns

    names = {"stage": "Этап", "reason": "Причина отказа", "user": "Пользователь"}
    table = Table("Что", "ID в CRM", "В CRM", "В QA Desk", "")
    for row in conns.mapping_rows(db):
        shown = conns.STAGE_VALUES.get(row.value or "", row.value) if row.kind == "stage" else row.value
        table.add_row(names[row.kind], row.crm_id, f"{row.crm_name}" + (f" ({row.group})" if row.group else ""),
                      shown or "—", "догадка" if row.guessed else "")
    out.print(table)


def _print_outbox(db: Any, out: Any) -> None:
    from rich.table import Table

    from qa_desk.services import crm_outbox

    rows = crm_outbox.outbox_rows(db)
    if not rows:
        out.print("Очередь отправки в CRM пуста.")
        return
    table = Table("№", "Сделка", "В CRM", "Состояние", "Попыток", "Ошибка")
    for r in rows:
        table.add_row(str(r.id), r.deal, r.crm_deal_id, r.state_label, str(r.attempts), r.last_error or "")
    out.print(table)
