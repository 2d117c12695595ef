"""``qa-desk deal ...`` and ``qa-desk users ...``: the refusal-verification workflow from a script.

The same service calls as the UI, so the same checks and the same Russian messages. The acting
user is ``--as LOGIN`` or ``$QA_DESK_USER``; default users are seeded on first use (see
``qa_desk.services.users``). Any refused action prints one line and exits with code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

USER_ENV = "QA_DESK_USER"
NO_USER = (
    f"Укажите, от чьего имени действовать: --as ЛОГИН или переменная {USER_ENV} (логины: qa-desk users list)"
)
STATUS_HELP = "active, conditional_refusal, in_review, closed_lost, won"
VIOLATION_HELP = "falsified_reason (неверная причина), client_dropped (бросил клиента), other (другое)"


def _as_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="ЛОГИН",
        default=None if top else argparse.SUPPRESS,
        help=f"от чьего имени действовать (по умолчанию ${USER_ENV})",
    )


def register(subparsers: Any) -> None:
    """Add ``deal`` and ``users`` to the ``qa-desk`` parser."""
    deal = subparsers.add_parser(
        "deal",
        help="сделки: условный отказ, проверка, вердикт, журнал",
        description="Проверка условных отказов из командной строки, с теми же правилами, что и в программе.",
    )
    _as_option(deal, top=True)
    sub = deal.add_subparsers(dest="deal_command", metavar="ДЕЙСТВИЕ", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _as_option(p)
        p.set_defaults(handler=run, action=name)
        return p

    p = add("list", "список сделок")
    p.add_argument("--status", help=STATUS_HELP)
    add("show", "карточка сделки, проверка и ответы").add_argument("deal", metavar="ID")
    p = add("refuse", "перевести сделку в условный отказ (менеджер сделки)")
    p.add_argument("deal", metavar="ID")
    p.add_argument("--reason", required=True, help="причина из списка причин отказа")
    p.add_argument("--comment", help="комментарий (обязателен для причины «другое»)")
    add("review", "начать (или продолжить) проверку и показать скрипт звонка").add_argument(
        "deal", metavar="ID"
    )
    p = add("answer", "записать ответ клиента в поле скрипта")
    p.add_argument("deal", metavar="ID")
    p.add_argument("field", metavar="ПОЛЕ", help="id поля скрипта, например reason_confirmed, real_budget")
    p.add_argument("value", metavar="ЗНАЧЕНИЕ", help="для да/нет: yes или no; пустая строка стирает ответ")
    p = add("verdict", "вынести вердикт по проверке")
    p.add_argument("deal", metavar="ID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--confirmed", action="store_true", help="отказ подтверждён: сделка закрывается")
    which.add_argument("--false-refusal", action="store_true", help="ложный отказ: вернуть другому менеджеру")
    p.add_argument("--new-manager", metavar="ИМЯ", help="кому вернуть сделку (имя или логин)")
    p.add_argument("--violation", help=VIOLATION_HELP)
    p.add_argument("--reason", help="проверенная причина отказа (по умолчанию — указанная менеджером)")
    p.add_argument("--budget", help="реальный бюджет клиента, ₽")
    p.add_argument("--timing", help="реальные сроки покупки")
    p.add_argument("--comment", help="комментарий (обязателен для нарушения other)")
    p = add("status", "сменить статус сделки")
    p.add_argument("deal", metavar="ID")
    p.add_argument("status", metavar="СТАТУС", help=STATUS_HELP)
    p.add_argument("--reason")
    p.add_argument("--comment")
    p.add_argument("--new-manager", metavar="ИМЯ")
    p.add_argument("--violation", help=VIOLATION_HELP)
    p = add("reassign", "передать сделку в работе другому менеджеру (руководитель отдела продаж)")
    p.add_argument("deal", metavar="ID")
    p.add_argument("--new-manager", metavar="ИМЯ", required=True)
    p.add_argument("--comment")
    p = add("attach", "прикрепить запись проверочного звонка к сделке")
    p.add_argument("deal", metavar="ID")
    p.add_argument("file", type=Path)
    p.add_argument("--started-at", help="начало звонка, ISO 8601 (по умолчанию сейчас)")
    add("audit", "журнал изменений сделки").add_argument("deal", metavar="ID")

    users = subparsers.add_parser("users", help="пользователи и оклады менеджеров")
    _as_option(users, top=True)
    usub = users.add_subparsers(dest="users_command", metavar="ДЕЙСТВИЕ", required=True)

    def uadd(name: str, help_text: str) -> argparse.ArgumentParser:
        p = usub.add_parser(name, help=help_text, description=help_text)
        _as_option(p)
        p.set_defaults(handler=run_users, action=name)
        return p

    uadd("list", "пользователи и их роли")
    p = uadd("add", "добавить пользователя (администратор)")
    p.add_argument("login")
    p.add_argument("--name", required=True, help="имя и фамилия")
    p.add_argument("--role", required=True, help="manager, qc, head_of_sales, admin")
    p.add_argument("--manager", metavar="ИМЯ", help="для менеджера: имя в сделках (по умолчанию --name)")
    p = uadd("pay", "оклад и штраф менеджера (администратор или руководитель отдела продаж)")
    p.add_argument("manager", metavar="МЕНЕДЖЕР", help="имя или логин")
    p.add_argument("--salary", help="оклад, ₽")
    rule = p.add_mutually_exclusive_group()
    rule.add_argument("--percent", help="штраф в процентах оклада (по умолчанию 1)")
    rule.add_argument("--fixed", help="фиксированный штраф, ₽")


def _guarded(handler: Any, args: argparse.Namespace) -> int:
    from qa_desk.services.errors import USER_ERRORS, message

    try:
        return handler(args)
    except USER_ERRORS as exc:
        print(f"Ошибка: {message(exc)}", file=sys.stderr)
        return 2


def _open(args: argparse.Namespace):  # noqa: ANN202 - Services of the acting user (or of nobody)
    from qa_desk.domain.identity import IdentityError
    from qa_desk.services import Services

    services = Services.open(getattr(args, "db", None))
    services.users.sync()
    login = getattr(args, "as_user", None) or os.environ.get(USER_ENV)
    user = services.users.get(login) if login else None
    if user is None and args.action not in {"list", "show", "audit"}:
        raise IdentityError(NO_USER)
    return services.as_user(user)


def run(args: argparse.Namespace) -> int:
    return _guarded(_run_deal, args)


def run_users(args: argparse.Namespace) -> int:
    return _guarded(_run_users, args)


def _manager(services: Any, name: str | None) -> int | None:
    return services.managers.find(name) if name else None


def _status(text: str) -> Any:
    from qa_desk.domain.statuses import Status

    for status in Status:
        if text.strip().casefold() in (status.value, status.label.casefold()):
            return status
    raise KeyError(f"Неизвестный статус «{text}»: {STATUS_HELP}")


def _run_deal(args: argparse.Namespace) -> int:
    from qa_desk.domain.verdicts import Verdict

    services = _open(args)
    review, action = services.review, args.action
    if action == "list":
        print_deals(services, _status(args.status) if args.status else None)
    elif action in {"show", "review"}:
        state = review.start(args.deal) if action == "review" else review.state(args.deal)
        print_review(state, script=action == "review")
    elif action == "refuse":
        services.statuses.request_refusal(args.deal, args.reason, args.comment)
        print(f"Сделка {args.deal}: условный отказ, причина «{args.reason}».")
    elif action == "answer":
        review.save_answer(args.deal, args.field, args.value)
        print(f"Сделка {args.deal}: ответ «{args.field}» сохранён.")
    elif action == "verdict":
        answers = {f: v for f, v in (("real_budget", args.budget), ("real_timing", args.timing)) if v is not None}
        verdict = Verdict.REFUSAL_CONFIRMED if args.confirmed else Verdict.FALSE_REFUSAL
        plan = review.apply_verdict(  # the answers and the verdict: one transaction
            args.deal,
            verdict,
            new_manager_id=_manager(services, args.new_manager),
            violation=args.violation,
            reason=args.reason,
            comment=args.comment,
            answers=answers,
        )
        _print_plan(plan)
    elif action == "status":
        target = services.statuses.change(
            args.deal,
            _status(args.status),
            reason=args.reason,
            comment=args.comment,
            new_manager_id=_manager(services, args.new_manager),
            violation=args.violation,
        )
        print(f"Сделка {args.deal}: статус «{target.label}».")
    elif action == "reassign":
        services.statuses.reassign(args.deal, _manager(services, args.new_manager), args.comment)
        print(f"Сделка {args.deal} передана менеджеру {args.new_manager}.")
    elif action == "attach":
        started = datetime.fromisoformat(args.started_at) if args.started_at else None
        if not args.file.is_file():
            raise KeyError(f"Файл не найден: {args.file}")
        rid = review.attach_callback(args.deal, args.file, started)
        print(f"Запись #{rid} прикреплена; расшифровать: qa-desk transcribe --deal {args.deal}")
    elif action == "audit":
        print_audit(services.audit.trail(args.deal))
    return 0


def _print_plan(plan: Any) -> None:
    from qa_desk.domain.verdicts import format_money

    print(f"Вердикт: {plan.verdict.label}. Статус сделки: «{plan.target.label}».")
    if plan.violation is not None:
        v = plan.violation
        print(f"Нарушение: {v.kind.label}; штраф {format_money(v.penalty)} ({v.rule.label}).")


def _run_users(args: argparse.Namespace) -> int:
    from qa_desk.domain.roles import Role

    services = _open(args)
    if args.action == "list":
        for u in services.users.active():
            print(f"{u.id:<20} {u.role.label:<28} {u.display_name}")
        for m in services.managers.active():
            if not m.pay_visible:
                print(f"  менеджер {m.name}")
                continue
            salary = "оклад не указан" if m.salary is None else f"оклад {m.salary}"
            print(f"  менеджер {m.name}: {salary}, штраф {m.penalty_label}")
        return 0
    if services.actor is None:
        from qa_desk.domain.identity import IdentityError

        raise IdentityError(NO_USER)
    if args.action == "add":
        try:
            role = Role(args.role)
        except ValueError:
            raise KeyError(f"Неизвестная роль «{args.role}»: manager, qc, head_of_sales, admin") from None
        added = services.users.add(args.login, args.name, role, args.manager)
        print(f"Пользователь {added.id} ({added.role.label}) добавлен.")
    elif args.action == "pay":
        services.managers.set_pay(
            _manager(services, args.manager), salary=args.salary, percent=args.percent, fixed=args.fixed
        )
        print(f"Менеджер {args.manager}: сохранено.")
    return 0


# --- output ----------------------------------------------------------------------------------------


def print_deals(services: Any, status: Any = None) -> None:
    for card in services.deals.cards(status.value if status else None):
        reason = f" — «{card.refusal_reason}»" if card.refusal_reason else ""
        print(f"{card.external_id:<10} {card.status_label:<22} {card.manager or '—':<20} {card.title}{reason}")


def print_review(state: Any, *, script: bool) -> None:
    from qa_desk.domain.callback_script import FieldKind

    print(f"Сделка {state.external_id}: {state.title}")
    print(f"Статус: {state.status.label}; менеджер: {state.manager_name or '—'}")
    if state.refusal_reason:
        print(f"Причина отказа: {state.refusal_reason}")
    if state.review_id is None:
        return
    done = "завершена" if state.finished else "идёт"
    print(f"Проверка #{state.review_id} ({done}), проверяющий: {state.reviewer}")
    for number, step in enumerate(state.steps, start=1):
        print(f"\nШаг {number}. {step.title}")
        if script:
            print(step.text.strip())
        for f in step.fields:
            value = state.answers.get(f.id)
            if value is not None and f.kind is FieldKind.YES_NO:
                value = {"yes": "да", "no": "нет"}.get(value, value)
            mark = " *" if f.required else ""
            print(f"  [{f.id}] {f.label}{mark}: {value if value is not None else '—'}")
    if state.missing and not state.finished:
        print("\nНе заполнены обязательные поля: " + ", ".join(f.id for f in state.missing))


def print_audit(rows: Any) -> None:
    for row in rows:
        comment = f" — {row.comment}" if row.comment else ""
        print(f"{row.at:%d.%m.%Y %H:%M:%S} {row.actor}: {row.action_label}. {row.change}{comment}")
