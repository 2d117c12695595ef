"""The pack's pages: the index (contract, leads) and one page per lead, for a browser or for print.

The browser pages are self-contained (inline CSS, no scripts, no fonts from the network) and play
each evidence clip from the pack's ``clips/`` folder. The print variant (``web=False``) is the same
content in the HTML subset Qt's ``QTextDocument`` lays out for the PDF, with the clip's file name
instead of a player.
"""

from __future__ import annotations

from collections.abc import Mapping

from qa_desk.evidence.model import PackCall, PackInput, PackLead
from qa_desk.evidence.text import (
    PRINT_CSS,
    WEB_CSS,
    Writer,
    day_time,
    duration,
    finding_badge,
    lead_badge,
    utc,
    where,
)
from qa_desk.leads import Judged, LeadStatus, Moment
from qa_desk.leads.contract import Rule

Clips = Mapping[tuple[str, str], str]  # (question id, "asked" | "answer" | "evasion") -> path in the pack
TABLE = '<table border="1" cellspacing="0" cellpadding="4" width="100%">'


def _page(title: str, body: str, web: bool, esc: Writer) -> str:
    css = WEB_CSS if web else PRINT_CSS
    return (
        f'<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{css}</style></head><body>{body}</body></html>\n"
    )


def _header(pack: PackInput, esc: Writer) -> str:
    c = pack.contract
    return (
        f'<header><div class="muted">Пакет доказательств · договор «{esc(c.name)}»'
        f"{' · заказчик ' + esc(c.client) if c.client else ''} · версия {pack.contract_version}"
        f' · SHA-256 договора <span class="mono">{c.sha256}</span></div></header>'
    )


def index_page(pack: PackInput, links: Mapping[str, str], web: bool = True) -> str:
    """The contract's questions and the table of leads; ``links``: lead id -> its page in the pack."""
    esc = Writer(pack.mask_pii)
    c = pack.contract
    who = pack.built_by
    models = sorted({call.model for lead in pack.leads for call in lead.calls if call.model})
    counts = {s: sum(lead.verdict.status is s for lead in pack.leads) for s in LeadStatus}
    parts = [
        _header(pack, esc),
        f"<h1>Пакет доказательств по договору «{esc(c.name)}»</h1>",
        TABLE,
        _row("Заказчик", esc(c.client or "—")),
        _row(
            "Версия договора",
            f'{pack.contract_version}, SHA-256 <span class="mono">{c.sha256}</span> (файл contract.toml)',
        ),
        _row("Собран", f"{utc(pack.built_at)}, {esc(who.name)} ({esc(who.login)}, {esc(who.role)})"),
        _row(
            "Программа",
            f"QA Desk {esc(pack.app_version)}, движок вопросов {esc(pack.engine_version)}, "
            f"модель распознавания: {esc(', '.join(models) or '—')}",
        ),
        _row("Персональные данные", "телефоны и e-mail скрыты" if pack.mask_pii else "показаны полностью"),
        _row("Лидов", f"{len(pack.leads)}: " + ", ".join(f"{s.label} — {n}" for s, n in counts.items())),
        "</table>",
        "<h2>Вопросы договора</h2>",
        TABLE + "<tr><th>№</th><th>Вопрос</th><th>Что засчитывается</th><th>Обязательный</th></tr>",
        *(_rule_row(i, rule, esc) for i, rule in enumerate(c.rules, 1)),
        "</table>",
        "<h2>Лиды</h2>",
        TABLE
        + "<tr><th>Лид</th><th>Компания</th><th>Итог</th><th>Автоматически</th><th>Почему</th><th>Решения проверяющих</th></tr>",
        *(_lead_row(lead, links.get(lead.id, ""), esc) for lead in pack.leads),
        "</table>",
        "<h2>Как проверить пакет</h2>",
        '<p>В <span class="mono">manifest.json</span> — SHA-256 каждой исходной записи, каждого фрагмента и каждой '
        "страницы, хеш договора, версии программы и модели, кто и когда собрал пакет, и SHA-256 самого манифеста "
        '(<span class="mono">manifest.json.sha256</span>, проверяется командой <span class="mono">sha256sum -c</span>). '
        'Команда <span class="mono">qa-desk evidence verify ПАКЕТ.zip --recordings ПАПКА_С_ЗАПИСЯМИ</span> '
        "пересчитывает все хеши и проверяет, что каждый фрагмент вырезан из указанного места исходной записи.</p>",
    ]
    return _page(f"Пакет доказательств: {c.name}", "".join(parts), web, esc)


def lead_page(pack: PackInput, lead: PackLead, clips: Clips, web: bool = True, index_link: str = "") -> str:
    esc = Writer(pack.mask_pii)
    verdict = lead.verdict
    decided = [j for j in verdict.findings if j.decision is not None]
    parts = [
        _header(pack, esc),
        f'<p class="muted"><a href="{index_link}">← ко всем лидам</a></p>' if web and index_link else "",
        f"<h1>Лид {esc(lead.id)} — {esc(lead.title)}</h1>",
        TABLE,
        _row("Компания", esc(lead.company or "—")),
        _row("Контакт", esc(lead.contact or "—")),
        _row("Телефон", esc(lead.phone or "—")),
        _row("Менеджер (оператор)", esc(lead.manager or "—")),
        _row(
            "Проверен",
            f"{utc(lead.checked_at)}, {esc(lead.checked_by)}; движок вопросов {esc(lead.engine_version)}",
        ),
        "</table>",
        f'<p class="verdict">Итог: {lead_badge(verdict.status)} — {esc(verdict.reason)}</p>',
    ]
    if decided or lead.auto_status is not verdict.status:
        parts.append(
            f'<p class="auto">Автоматическая проверка: {lead_badge(lead.auto_status)} — {esc(lead.auto_reason)}. '
            f"Итог учитывает решения проверяющих ({len(decided)}).</p>"
        )
    parts += ["<h2>Звонки</h2>", _calls_table(lead.calls, esc), "<h2>Вопросы договора</h2>"]
    rules = {r.question_id: r for r in pack.contract.rules}
    for number, judged in enumerate(verdict.findings, 1):
        parts.append(_question(number, judged, rules.get(judged.finding.question_id), lead, clips, web, esc))
    return _page(f"Лид {lead.id}", "".join(parts), web, esc)


def _question(
    number: int, judged: Judged, rule: Rule | None, lead: PackLead, clips: Clips, web: bool, esc: Writer
) -> str:
    f = judged.finding
    qid = f.question_id
    parts = [
        '<div class="question">',
        f"<h3>{number}. {esc(f.title)} — {finding_badge(judged.status)}</h3>",
        f'<p class="muted">Условие договора: {esc(rule.describe() if rule else f.rule)}</p>',
        f'<p class="auto"><b>Автоматическая проверка:</b> {finding_badge(f.status)} — {esc(f.reason)}. '
        f"Значение: {esc(f.value_text)}"
        + (f"; уверенность движка {f.confidence:.2f}" if f.confidence is not None else "")
        + "</p>",
    ]
    if judged.decision is not None:
        d = judged.decision
        stale = (
            f" Решение принято, когда автоматическая проверка давала «{d.auto_status.label}»."
            if judged.stale
            else ""
        )
        parts.append(
            f'<p class="human"><b>Решение проверяющего:</b> {esc(d.kind.label)} ({finding_badge(d.status())}) — '
            f"{esc(d.by_name)} ({esc(d.by_login)}), {utc(d.at)}. Комментарий: «{esc(d.comment)}».{stale}</p>"
        )
    for kind, label, moment in (
        ("asked", "Вопрос менеджера", f.asked),
        ("answer", "Ответ клиента", f.answer),
        ("evasion", "Уклонение клиента", f.evasion if f.answer is None else None),
    ):
        if moment is not None:
            parts.append(_quote(label, moment, lead, clips.get((qid, kind)), web, esc))
    if f.asked is None and f.answer is None:
        parts.append('<p class="muted">Цитаты нет: вопрос не найден ни в одном распознанном звонке.</p>')
    parts.append("</div>")
    return "".join(parts)


def _quote(label: str, moment: Moment, lead: PackLead, clip: str | None, web: bool, esc: Writer) -> str:
    text = (
        f'<p class="quote"><b>{label}:</b> <span class="q">«{esc(moment.quote)}»</span><br>'
        f'<span class="muted">{esc(where(moment, lead.calls))}</span>'
    )
    if clip and web:
        text += (
            f'<br><audio controls preload="none" src="{clip}"></audio> <span class="muted mono">{clip}</span>'
        )
    elif clip:
        text += f'<br><span class="muted">Фрагмент записи: <span class="mono">{clip}</span></span>'
    return text + "</p>"


def _calls_table(calls: tuple[PackCall, ...], esc: Writer) -> str:
    rows = [
        TABLE
        + "<tr><th>№</th><th>Дата и время</th><th>Файл</th><th>Длительность</th><th>SHA-256 оригинала</th><th>Состояние</th></tr>"
    ]
    for call in calls:
        state = call.state.label
        if call.error:
            state += f": {call.error}"
        rows.append(
            f"<tr><td>{call.number}</td><td>{day_time(call.started_at)}</td><td>{esc(call.name)}</td>"
            f'<td>{duration(call.duration_s)}</td><td class="mono">{call.sha256 or "—"}</td><td>{esc(state)}</td></tr>'
        )
    return "".join(rows) + "</table>"


def _row(label: str, value: str) -> str:
    return f'<tr><th width="22%">{label}</th><td>{value}</td></tr>'


def _rule_row(number: int, rule: Rule, esc: Writer) -> str:
    required = "да" if rule.required else "нет"
    return f"<tr><td>{number}</td><td>{esc(rule.title)}</td><td>{esc(rule.describe())}</td><td>{required}</td></tr>"


def _lead_row(lead: PackLead, link: str, esc: Writer) -> str:
    decided = sum(j.decision is not None for j in lead.verdict.findings)
    name = f'<a href="{link}">{esc(lead.id)}</a>' if link else esc(lead.id)
    return (
        f"<tr><td>{name}</td><td>{esc(lead.company)}</td><td>{lead_badge(lead.verdict.status)}</td>"
        f"<td>{lead_badge(lead.auto_status)}</td><td>{esc(lead.verdict.reason)}</td><td>{decided or '—'}</td></tr>"
    )
