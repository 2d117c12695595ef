"""Wording shared by the pack's pages: dates, moments, speakers, verdict colours, escaping, masking."""

from __future__ import annotations

import html
from datetime import datetime

from qa_desk.analysis.russian import clock
from qa_desk.evidence.mask import mask_pii
from qa_desk.evidence.model import PackCall
from qa_desk.leads import FindingStatus, LeadStatus, Moment

SPEAKERS = {"manager": "менеджер", "client": "клиент", "unknown": "говорящий"}
LEAD_COLOURS = {
    LeadStatus.QUALIFIED: "#1b7f3b",
    LeadStatus.REJECTED: "#b3261e",
    LeadStatus.DISPUTED: "#a15c00",
}
FINDING_COLOURS = {
    FindingStatus.PASSED: "#1b7f3b",
    FindingStatus.FAILED: "#b3261e",
    FindingStatus.UNSURE: "#a15c00",
}


class Writer:
    """Escapes text for HTML, masking phones and e-mails when the pack asks for it."""

    def __init__(self, mask: bool) -> None:
        self.mask = mask

    def __call__(self, text: object) -> str:
        value = "" if text is None else str(text)
        return html.escape(mask_pii(value) if self.mask else value, quote=True)


def day_time(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y %H:%M") if moment else "время звонка неизвестно"


def utc(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y %H:%M UTC")


def duration(seconds: float | None) -> str:
    return clock(seconds) if seconds else "—"


def where(moment: Moment, calls: tuple[PackCall, ...]) -> str:
    """«звонок 1, 02.03.2026 10:05, на 00:28, говорит клиент»."""
    call = calls[moment.call] if 0 <= moment.call < len(calls) else None
    when = day_time(call.started_at) if call else "звонок неизвестен"
    speaker = SPEAKERS.get(moment.speaker, moment.speaker)
    return f"звонок {moment.call + 1}, {when}, на {clock(moment.start)}, говорит {speaker}"


def badge(label: str, colour: str) -> str:
    return f'<span class="badge" style="color:{colour};font-weight:bold">{html.escape(label)}</span>'


def lead_badge(status: LeadStatus) -> str:
    return badge(status.label, LEAD_COLOURS[status])


def finding_badge(status: FindingStatus) -> str:
    return badge(status.label, FINDING_COLOURS[status])


WEB_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:1040px;color:#1d1d1f;line-height:1.45}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:22px 0 8px}h3{font-size:15px;margin:14px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #d0d4da;padding:5px 8px;
text-align:left;vertical-align:top;font-size:13px}th{background:#f2f4f7}.muted{color:#5f6670;font-size:12px}
.mono{font-family:"DejaVu Sans Mono",monospace;font-size:11px;word-break:break-all}
.question{border:1px solid #d0d4da;border-radius:6px;padding:10px 14px;margin:14px 0}
.auto{background:#f5f7fa;border-left:4px solid #7a8594;padding:6px 10px;margin:6px 0}
.human{background:#fff7e0;border-left:4px solid #c98a00;padding:6px 10px;margin:6px 0}
.quote{margin:6px 0 2px}.q{font-style:italic}audio{height:32px;vertical-align:middle;margin:4px 0}
.verdict{font-size:17px;margin:8px 0}header{border-bottom:2px solid #1d1d1f;padding-bottom:6px;margin-bottom:14px}
"""

PRINT_CSS = """
body{font-family:"DejaVu Sans";font-size:9pt;color:#1d1d1f}h1{font-size:15pt}h2{font-size:12pt}h3{font-size:10pt}
th{background-color:#f2f4f7;font-weight:bold}.muted{color:#5f6670;font-size:8pt}.mono{font-family:"DejaVu Sans Mono";font-size:7pt}
.auto{background-color:#f5f7fa}.human{background-color:#fff7e0}
"""
