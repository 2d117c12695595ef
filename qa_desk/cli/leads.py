"""``qa-desk leads ...``: lead verification by contract from the command line.

    qa-desk leads check --contract C.toml MANIFEST          import, transcribe, check every lead
    qa-desk leads check --contract C.toml --deals L-1,L-2   check leads already in the database
    qa-desk leads list --contract C [--export out.xlsx]     the verdicts and the summary again
    qa-desk leads show LEAD --contract C                    one lead: each question with quotes
    qa-desk leads confirm LEAD QUESTION --contract C --comment "…"
    qa-desk leads override LEAD QUESTION --contract C (--passed | --failed) --comment "…"
    qa-desk leads contracts                                 registered contracts and versions

``--contract`` is a TOML file (a new version is registered when its text changed) or the name of a
registered contract (its latest version, or ``--version N``). The check is resumable: run it again
after an interruption and the leads already checked with unchanged inputs are skipped.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from qa_desk.cli.deal import NO_USER, USER_ENV

LEADS = ("лид", "лида", "лидов")


def register(subparsers: Any) -> None:
    leads = subparsers.add_parser(
        "leads",
        help="проверка лидов по договору: вердикты, решения проверяющих, выгрузка",
        description="Засчитан ли лид по договору: каждый вопрос договора с цитатами и вердикт по лиду.",
    )
    leads.add_argument("--as", dest="as_user", metavar="ЛОГИН", help=f"от чьего имени действовать (по умолчанию ${USER_ENV})")
    sub = leads.add_subparsers(dest="leads_command", metavar="ДЕЙСТВИЕ", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--as", dest="as_user", metavar="ЛОГИН", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.set_defaults(handler=run, action=name)
        return p

    def contract(p: argparse.ArgumentParser) -> None:
        p.add_argument("--contract", required=True, metavar="C.toml|ИМЯ", help="файл договора или имя зарегистрированного")
        p.add_argument("--version", type=int, metavar="N", help="версия договора (по умолчанию последняя)")

    p = add("check", "проверить лиды по договору (с индикатором хода; прерванную проверку можно продолжить)")
    contract(p)
    p.add_argument("manifest", nargs="?", type=Path, metavar="MANIFEST", help="выгрузка CRM с лидами (CSV или JSON)")
    p.add_argument("--deals", metavar="L1,L2,…", help="лиды, уже загруженные в базу (id в CRM через запятую)")
    p.add_argument("--export", type=Path, metavar="out.csv|out.xlsx", help="выгрузить таблицу лидов")
    p.add_argument("--force", action="store_true", help="проверить заново и неизменившиеся лиды")
    p.add_argument("--no-transcribe", action="store_true", help="не распознавать нераспознанные звонки")
    p = add("list", "вердикты по лидам и сводка")
    contract(p)
    p.add_argument("--deals", metavar="L1,L2,…")
    p.add_argument("--export", type=Path, metavar="out.csv|out.xlsx")
    p = add("show", "один лид: вопросы договора, цитаты, решения")
    contract(p)
    p.add_argument("lead", metavar="ЛИД")
    p = add("confirm", "подтвердить автоматический результат по вопросу (с комментарием)")
    contract(p)
    p.add_argument("lead", metavar="ЛИД")
    p.add_argument("question", metavar="ВОПРОС", help="id вопроса договора, например budget")
    p.add_argument("--comment", required=True)
    p = add("override", "изменить результат по вопросу (с комментарием)")
    contract(p)
    p.add_argument("lead", metavar="ЛИД")
    p.add_argument("question", metavar="ВОПРОС")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--passed", action="store_true", help="вопрос выполнен")
    which.add_argument("--failed", action="store_true", help="вопрос не выполнен")
    p.add_argument("--comment", required=True)
    add("contracts", "зарегистрированные договоры и их версии")


def open_services(args: argparse.Namespace, *, need_user: bool) -> Any:
    from qa_desk.domain.identity import IdentityError
    from qa_desk.services import Services

    services = Services.open(getattr(args, "db", None))
    services.users.sync()
    login = getattr(args, "as_user", None) or os.environ.get(USER_ENV)
    user = services.users.get(login) if login else None
    if user is None and need_user:
        raise IdentityError(NO_USER)
    return services.as_user(user)


def resolve_contract(services: Any, ref: str, version: int | None) -> Any:
    """A contract file is registered (a new version if its text changed); a name is looked up."""
    path = Path(ref)
    if path.suffix.lower() == ".toml" or path.is_file():
        if not path.is_file():
            raise FileNotFoundError(f"Файл договора не найден: {path}")
        info = services.leads.register_file(path)
        return info if version is None else services.leads.contract(info.name, version)
    return services.leads.contract(ref, version)


def run(args: argparse.Namespace) -> int:
    from qa_desk.cli import leads_output as out

    action = args.action
    services = open_services(args, need_user=action in {"check", "confirm", "override"})
    try:
        if action == "contracts":
            out.print_contracts(services)
            return 0
        contract = resolve_contract(services, args.contract, args.version)
        if action == "check":
            return _check(services, contract, args)
        if action == "list":
            refs = _refs(args.deals) if args.deals else None
            out.print_rows(services.leads.leads(contract, refs), services.leads.summary(contract, refs), contract)
            if args.export:
                out.export(services, contract, refs, args.export)
        elif action == "show":
            out.print_detail(services.leads.lead(contract, args.lead))
        else:
            kind = "confirmed" if action == "confirm" else ("passed" if args.passed else "failed")
            detail = services.leads.decide(contract, args.lead, args.question, kind, args.comment)
            print(f"Лид {detail.row.external_id}: решение по «{args.question}» записано; итог — {detail.row.status.label}.")
        return 0
    finally:
        services.close()


def _check(services: Any, contract: Any, args: argparse.Namespace) -> int:
    from qa_desk.cli import leads_output as out

    if bool(args.manifest) == bool(args.deals):
        print("Ошибка: укажите либо выгрузку CRM (MANIFEST), либо --deals", file=sys.stderr)
        return 2
    if args.manifest:
        refs = _import(services, args.manifest)
    else:
        refs = _refs(args.deals)
    deal_ids = services.leads.deal_ids(refs)
    if not args.no_transcribe:
        out.transcribe(services, deal_ids)
    print(f"Договор: {contract.label}", file=sys.stderr)
    run = out.check_with_bar(services, contract, refs, force=args.force)
    out.print_rows(run.rows, run.summary, contract)
    print(f"Проверено сейчас: {len(run.checked)}; без изменений, пропущено: {len(run.skipped)}.", file=sys.stderr)
    if args.export:
        out.export(services, contract, refs, args.export)
    return 0


def _import(services: Any, manifest: Path) -> list[str]:
    from qa_desk.cli import console
    from qa_desk.cli.importer import print_report
    from qa_desk.importing.manifest import read_manifest

    with console.stderr().status("Импорт…"):
        report = services.imports.import_manifest(manifest)
    print_report(report, source=manifest.name)
    return list(dict.fromkeys(row.deal_id for row in read_manifest(manifest).rows))


def _refs(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]
