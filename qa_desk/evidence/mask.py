"""Masking personal data in a pack's text: phone numbers and e-mail addresses.

A phone keeps its last two digits («+7 *** ***-**-01»), an e-mail its first letter and domain
(«i***@example.com»), so a reader can still tell two contacts apart. Only text is masked: the audio
clips are the original sound.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-])[\w.+-]*@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
# A phone: an optional +, then 10-15 digits with spaces, dashes or brackets between them (no dots:
# «05.03.2026 14:00» is a date).
_PHONE = re.compile(r"(?<![\w+])(?<!\d\.)\+?\d(?:[\s()-]{0,2}\d){9,14}(?!\w)(?!\.\d)")


def mask_pii(text: str) -> str:
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    return _PHONE.sub(_mask_phone, text)


def _mask_phone(match: re.Match[str]) -> str:
    raw = match.group(0)
    total = sum(ch.isdigit() for ch in raw)
    seen = 0
    out = []
    for ch in raw:
        if ch.isdigit():
            seen += 1
            keep = seen == 1 and raw.startswith("+") or seen > total - 2
            out.append(ch if keep else "*")
        else:
            out.append(ch)
    return "".join(out)
