"""``qa-desk audit verify``: check that the audit log's hash chain is intact.

Prints one line per broken entry and a summary line; exit code 0 when the chain and its
append-only guards are intact, 1 when something is broken, 2 when the check could not run.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser(
        "audit",
        help="журнал изменений: проверка целостности",
        description="Проверка журнала изменений: цепочка подписей (хэшей) записей и защита от изменения.",
    )
    sub = audit.add_subparsers(dest="audit_command", metavar="ДЕЙСТВИЕ", required=True)
    verify = sub.add_parser(
        "verify",
        help="проверить, что записи журнала не изменены и не удалены",
        description="Проверить цепочку подписей журнала: по строке на каждую повреждённую запись; "
        "код выхода 0 — журнал цел, 1 — повреждён.",
    )
    verify.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from qa_desk.services import Services
    from qa_desk.services.errors import USER_ERRORS, message

    try:
        services = Services.open(getattr(args, "db", None))
        report = services.audit.verify_chain()
    except USER_ERRORS as exc:
        print(f"Ошибка: {message(exc)}", file=sys.stderr)
        return 2
    for broken in report.breaks:
        print(broken.message)
    print(report.summary)
    if report.ok and report.head:
        print(f"Последняя запись #{report.last_id}, подпись {report.head}")
    services.close()
    return 0 if report.ok else 1
