"""``qa-desk crm …``: connect amoCRM or Bitrix24, map stages/reasons/users, pull deals, push verdicts.

Everything goes through the services (``Services.crm``, ``crm_sync``, ``crm_outbox``), so the
same checks, audit entries and Russian messages as in the app. Secrets given here go to the OS
keyring (or a file only the user can read); pass ``-`` to read one from standard input instead of
the command line. The acting user signs in like every other command (``qa_desk.cli.auth``: a
password or a personal token; ``--as`` alone only on the demo database).
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from qa_desk.cli import console
from qa_desk.cli.auth import add_options as _as_option
from qa_desk.crm.errors import CrmError

READ_ONLY = {"status", "outbox"}  # may run without signing in on the demo database


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
    b24 = add(csub, "bitrix24", "Битрикс24: входящий вебхук или OAuth 2.0 приложения")
    b24.set_defaults(action="connect")
    b24.add_argument("--webhook", help="адрес входящего вебхука https://…/rest/1/код/ («-» — со стандартного ввода)")
    b24.add_argument("--portal", help="OAuth: адрес портала (https://портал.bitrix24.ru)")
    b24.add_argument("--client-id", help="OAuth: код приложения (client_id)")
    b24.add_argument("--client-secret", help="OAuth: ключ приложения (client_secret; «-» — со стандартного ввода)")
    b24.add_argument("--code", help="OAuth: код авторизации (действует 30 секунд)")
    b24.add_argument("--refresh-token", help="OAuth: уже полученный refresh token")
    b24.add_argument(
        "--oauth-url", help="OAuth: сервер авторизации (по умолчанию https://oauth.bitrix.info; коробка — адрес портала)"
    )
    b24.add_argument("--reason-field", help="код поля «Причина отказа» сделки (UF_CRM_…), если не найдено само")
    add(sub, "status", "подключение, соответствия и очередь отправки")
    add(sub, "check", "проверить подключение")
    m = add(sub, "map", "соответствия: этапы, причины отказа, пользователи")
    m.add_argument("--load", action="store_true", help="загрузить списки из CRM (новые получат догадку)")
    m.add_argument("kind_", nargs="?", metavar="ЧТО", choices=["stage", "reason", "user"], help="stage, reason или user")
    m.add_argument("crm_id", nargs="?", metavar="ID_В_CRM")
    m.add_argument(
        "value",
        nargs="?",
        metavar="ЗНАЧЕНИЕ",
        help="этап: conditional_refusal, active, closed_lost, won или пусто; причина из списка; id менеджера",
    )
    add(sub, "sync", "забрать из CRM изменившиеся сделки и записи звонков, затем отправить вердикты")
    add(sub, "push", "отправить в CRM вердикты из очереди")
    o = add(sub, "outbox", "очередь отправки в CRM")
    o.add_argument("--retry", action="store_true", help="отправить ещё раз всё неотправленное")


def _secret(value: str | None) -> str | None:
    """``-``: the next line of standard input (after the password, when ``--password-stdin``)."""
    if value == "-":
        from qa_desk.cli.auth import STDIN

        return STDIN.next("секрет CRM").strip()
    return value


def _open(args: argparse.Namespace) -> Any:
    from qa_desk.cli.auth import open_services

    return open_services(args, need_user=args.action not in READ_ONLY)


def _out() -> Console:
    return Console(highlight=False, markup=False, emoji=False)


def run(args: argparse.Namespace) -> int:
    services = _open(args)
    try:
        return _run(services, args)
    finally:
        services.close()


def _run(services: Any, args: argparse.Namespace) -> int:
    out = _out()
    if args.action == "connect":
        _connect(services, args, out)
        return 0
    if args.action == "check":
        message = services.crm.check()
        out.print(Text(message))
        return 0 if message.startswith("Подключено") else 1
    if args.action == "map":
        if args.load:
            out.print(Text(f"Загружено из CRM; новых строк соответствия: {services.crm.load_lists()}"))
        if args.kind_:
            if not args.crm_id:
                raise CrmError("Укажите ID в CRM и значение: crm map stage ID ЗНАЧЕНИЕ")
            services.crm.set_mapping(args.kind_, args.crm_id, args.value)
        _print_mappings(services, out)
        return 0
    if args.action == "sync":
        with console.stderr().status(console.styled("Синхронизация с CRM…")) as status:
            report = services.crm_sync.sync(on_progress=lambda text: status.update(console.styled(text)))
        out.print(Text(report.summary()))
        out.print(Text(f"Запросов к CRM: {report.requests}, повторов: {report.retries}"))
        for warning in report.warnings:
            console.warning(warning)
        for failure in report.failures:
            console.error(failure)
        failed = _push(services, out)
        return 1 if report.failures or failed else 0
    if args.action == "push":
        return 1 if _push(services, out) else 0
    if args.action == "outbox":
        if args.retry:
            out.print(Text(f"Поставлено на повторную отправку: {services.crm_outbox.retry_now()}"))
        _print_outbox(services, out)
        return 0
    return _status(services, out)


def _status(services: Any, out: Console) -> int:
    view = services.crm.connection()
    out.print(Text(f"{view.kind_label}: {view.url}"))
    out.print(Text(f"Проверка: {view.last_check or 'ещё не проверялось'}"))
    out.print(Text(f"Синхронизация: {view.last_sync or 'ещё не было'}"))
    rows = services.crm.mapping_rows()
    unmapped = sum(1 for r in rows if r.kind != "stage" and not r.value)
    out.print(Text(f"Соответствий: {len(rows)}, не заполнено: {unmapped}"))
    _print_outbox(services, out)
    return 0


def _connect(services: Any, args: argparse.Namespace, out: Console) -> None:
    from qa_desk.crm import amocrm, bitrix24

    if args.kind == "bitrix24":
        settings = {"reason_field": args.reason_field} if args.reason_field else {}
        webhook = _secret(args.webhook)
        if webhook:
            cid = services.crm.connect("bitrix24", bitrix24.webhook_portal(webhook), {"webhook": webhook}, settings=settings)
        else:
            if not (args.portal and args.client_id and args.client_secret and (args.code or args.refresh_token)):
                raise CrmError(
                    "Укажите --webhook или OAuth приложения: --portal, --client-id, --client-secret и --code "
                    "(или --refresh-token)"
                )
            cid = services.crm.connect_app(
                "bitrix24", args.portal, args.client_id, _secret(args.client_secret) or "",
                code=args.code, refresh_token=args.refresh_token, oauth_url=args.oauth_url, settings=settings,
            )
    else:
        url = amocrm.base_url(args.subdomain, args.domain)
        token = _secret(args.token)
        if token:
            cid = services.crm.connect("amocrm", url, {"token": token})
        else:
            if not (args.client_id and args.client_secret and args.redirect_uri and (args.code or args.refresh_token)):
                raise CrmError(
                    "Укажите --token или OAuth: --client-id, --client-secret, --redirect-uri и --code "
                    "(или --refresh-token)"
                )
            cid = services.crm.connect_app(
                "amocrm", url, args.client_id, _secret(args.client_secret) or "",
                code=args.code, refresh_token=args.refresh_token, redirect_uri=args.redirect_uri,
            )
    out.print(Text(services.crm.check(cid)))
    added = services.crm.load_lists(cid)
    out.print(Text(f"Загружены этапы, причины отказа и пользователи CRM ({added}); проверьте соответствия: qa-desk crm map"))


def _push(services: Any, out: Console) -> int:
    result = services.crm_outbox.push()
    out.print(Text(result.summary()))
    for error in result.errors:
        console.say(error, label="Не отправлено:", style="red")
    return result.failed


def _print_mappings(services: Any, out: Console) -> None:
    from qa_desk.services.crm_connections import STAGE_VALUES

    names = {"stage": "Этап", "reason": "Причина отказа", "user": "Пользователь"}
    table = Table("Что", "ID в CRM", "В CRM", "В QA Desk", "")
    for row in services.crm.mapping_rows():
        shown = STAGE_VALUES.get(row.value or "", row.value) if row.kind == "stage" else row.value
        crm_name = row.crm_name + (f" ({row.group})" if row.group else "")
        cells = (names[row.kind], row.crm_id, crm_name, shown or "—", "догадка" if row.guessed else "")
        table.add_row(*(Text(str(c)) for c in cells))
    out.print(table)


def _print_outbox(services: Any, out: Console) -> None:
    rows = services.crm_outbox.rows()
    if not rows:
        out.print(Text("Очередь отправки в CRM пуста."))
        return
    table = Table("№", "Сделка", "В CRM", "Состояние", "Попыток", "Ошибка")
    for r in rows:
        cells = (r.id, r.deal, r.crm_deal_id, r.state_label, r.attempts, r.last_error or "")
        table.add_row(*(Text(str(c)) for c in cells))
    out.print(table)
