"""The callback wizard's wording: what a review is, why it cannot be started, what the calls showed."""

from __future__ import annotations

from html import escape
from typing import Any

from qa_desk.analysis.report import format_value
from qa_desk.domain.findings import UNCHECKED, UncheckedCall
from qa_desk.domain.identity import User
from qa_desk.domain.statuses import Status
from qa_desk.domain.verdicts import Verdict
from qa_desk.services.review import ReviewState
from qa_desk.services.wording import past
from qa_desk.ui import style

PLAN = (
    "<ol style='margin-left:-20px'>"
    "<li>Сделка перейдёт в статус «На проверке».</li>"
    "<li>Вы звоните клиенту и читаете текст скрипта — он уже заполнен данными сделки. "
    "Ответы клиента записываете в поля под текстом.</li>"
    "<li>Последний шаг — вердикт: <b>отказ подтверждён</b> (сделка закрывается как проигранная) "
    "или <b>ложный отказ</b> (сделка возвращается в работу другому менеджеру, "
    "текущему менеджеру — штраф).</li></ol>"
    f"<p style='color:{style.MUTED}'>Всё сохраняется сразу, по мере ввода: можно прерваться и продолжить "
    "позже. Ответы клиента попадают в историю сделки при переходе к следующему шагу, вердикт — сразу.</p>"
)


def summary_html(s: ReviewState, denied: str | None, user: User | None) -> str:
    """The wizard's text while no review of the acting user is open: what the review is, or why not."""
    manager = escape(s.manager_name or "—")
    reason = f" с причиной «{escape(s.refusal_reason)}»" if s.refusal_reason else ""
    if s.finished and s.verdict:
        outcome = (
            f"сделку ведёт {manager}"
            if s.status is Status.ACTIVE
            else f"статус сделки «{s.status.label}»"
        )
        return (
            f"<h3>Проверка завершена: {Verdict(s.verdict).label}</h3>"
            f"<p>Теперь {outcome}. Кто, что и когда решил — во вкладке «История».</p>"
        )
    if s.status is Status.IN_REVIEW and denied is not None:
        who = s.reviewer_name or s.reviewer or "другой сотрудник"
        return f"<h3>Сделка на проверке</h3><p>Проверяет {escape(who)}.</p><p>{escape(denied)}</p>"
    if s.status is Status.IN_REVIEW:
        return (
            "<h3>Проверка не закончена</h3><p>Сделка на проверке. Продолжите: сохранённые ответы "
            "на месте.</p>" + PLAN
        )
    if s.status is Status.CONDITIONAL_REFUSAL:
        moved = past("перевёл", s.manager_name or "")
        text = (
            f"<h3>Проверка отказа</h3><p>Менеджер {manager} {moved} сделку в условный отказ{reason}.</p>"
            if moved
            else f"<h3>Проверка отказа</h3><p>Сделка в условном отказе{reason}; менеджер — {manager}.</p>"
        )
        if denied is not None:
            who = f"Вы вошли как {escape(user.display_name)} ({user.role.label})." if user else ""
            return text + f"<p style='color:{style.WARNING}'><b>{escape(denied)}</b><br>{who}</p>"
        return text + "<p>Проверьте его звонком клиенту:</p>" + PLAN
    return (
        f"<h3>Проверять нечего</h3><p>Сделка в статусе «{s.status.label}». Проверка нужна, когда "
        "менеджер переводит сделку в условный отказ.</p>"
    )


def findings_html(
    analysis: Any, *, compact: bool = False, unchecked: list[UncheckedCall] | None = None, waiting: int = 0
) -> str:
    """«✘ Бюджет — ни разу не спрашивали» and the engine's flags, in a few lines (only flags if compact).

    A call nobody could check is named as such, never counted as «not yet transcribed»."""
    unchecked = unchecked or []
    head = f"<span style='color:{style.MUTED}'>Что показал анализ звонков менеджера</span>"
    if analysis is None:
        if unchecked and not waiting:
            return head + "<br>" + escape("; ".join(c.text for c in unchecked).capitalize())
        return head + "<br>Анализ звонков ещё не готов — он появится, как только звонки будут распознаны."
    lines = [
        f"<span style='color:{style.WARNING if f.get('code') == UNCHECKED else style.DANGER}'>"
        f"<b>{escape(str(f.get('message', '')))}</b></span>"
        for f in analysis.flags
    ]
    if compact:
        return head + "<br>" + ("<br>".join(lines) or "Звонки не противоречат причине отказа.")
    never = "не спрашивали в проверенных звонках" if unchecked else "ни разу не спрашивали"
    for q in analysis.questions:
        title = escape(str(q.get("title", q.get("id"))))
        if q.get("answered"):
            value = escape(format_value(q.get("value")))
            lines.append(f"<span style='color:{style.SUCCESS}'>✔</span> {title}: {value}")
        elif q.get("asked"):
            lines.append(
                f"<span style='color:{style.WARNING}'>?</span> <b>{title}</b> — спросили, ответа нет: уточните"
            )
        else:
            lines.append(f"<span style='color:{style.DANGER}'>✘ <b>{title}</b> — {never}: спросите</span>")
    if unchecked:
        gaps = escape("; ".join(c.text for c in unchecked))
        lines.append(f"<span style='color:{style.WARNING}'><i>{gaps[:1].upper() + gaps[1:]}</i></span>")
    if waiting:
        lines.append(f"<i>Ещё распознаётся: {waiting} — вывод предварительный</i>")
    return head + "<br>" + "<br>".join(lines)
