"""Round-11 amount forms (own wording): a slang hundred thousand opening a spoken range."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.lexicon import Lexicon

LEX = Lexicon(())


def value(reply: str, question: str = "Сколько готовы вкладывать?") -> dict[str, Any] | None:
    return budget_value(LEX.tokens(reply), LEX.tokens(question))


@pytest.mark.parametrize(("reply", "want"), [
    # "сотка" / "сотня" is 100 000; a bare small number after it is the range's upper end, as after "лимон"
    ("Где-то сотка-полторы за квартал, не больше.", {"amount": 150_000, "amount_min": 100_000, "amount_max": 150_000}),
    ("Сотня-две, выше не прыгнем.", {"amount": 200_000, "amount_min": 100_000, "amount_max": 200_000}),
    ("Сотку в месяц потянем.", {"amount": 100_000, "amount_period": "month"}),
    # a figure said in full keeps its units
    ("Сто тысяч два рубля по счёту вышло.", {"amount": 100_002}),
])
def test_slang_hundred_thousand_range(reply: str, want: dict[str, Any]) -> None:
    got = value(reply)
    assert got is not None
    assert {k: got.get(k) for k in want} == want
