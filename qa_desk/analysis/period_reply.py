"""The period of a budget said in the client's next turn ("Тысяч сто." — "Понял." — "Ну это в месяц."), and the
turn between that says it asks something else (deal.py's reply loop; moved out of deal.py in round 19)."""

from __future__ import annotations

from qa_desk.analysis.amounts import said_period
from qa_desk.analysis.figure_finding import MONTH, QUARTER, YEAR, said_figures
from qa_desk.analysis.pairing import Unit, once
from qa_desk.analysis.results import QuestionResult


def add_period(result: QuestionResult, unit: Unit, asked: bool = True) -> bool:
    """The client's next turn names the period of the figure just given: add it (True when added)."""
    last = result.answer_evidence[-1] if result.answer_evidence else None
    if not asked or last is None or not last.value or "amount_period" in last.value or not last.value.get("amount"):
        return False
    if last.recording != unit.recording or once(last.quote):
        return False  # "тысяч пятнадцать за раз, максимум" — "Да куда раз в месяц": the figure is per delivery
    period = said_period([t for s in unit.sentences for t in s.tokens])
    if period is None:
        return False
    last.value = {**last.value, "amount_period": period}
    return True


def asks_other(prev: Unit | None, gap: int) -> bool:
    """The turn between the figure and this one asks something other than its period ("Миллион двести." —
    "А на старые аптеки тоже с ними?" — "Пока да, договор рамочный на год."): this turn answers that."""
    if gap != 2 or prev is None or not any(s.is_question for s in prev.sentences):
        return False
    tokens = [t for s in prev.sentences for t in s.tokens]  # not "Двести пятьдесят, это в месяц или на весь договор?"
    return not said_figures(tokens) and all(t.lemmas.isdisjoint(MONTH | YEAR | QUARTER) for t in tokens)
