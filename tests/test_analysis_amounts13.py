"""Round-13 amount forms (own wording, not the bank's): limits that make a range, a scale word said after the
figures, hesitations inside a range, a bare figure scaled near the manager's figure, a figure said again from its
start, a total over parts, an inverted count of months, and the amounts bank as a floor."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis.amount_bank import score_bank
from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.lexicon import Lexicon

LEX = Lexicon(())
OWN: list[tuple[str, str, dict[str, Any] | None]] = [
    # a lower and an upper limit make a range, whatever joins them
    ("Сколько на ремонт кровли заложите?", "Не менее двухсот и не более двухсот шестидесяти тысяч.",
     {"amount": 260_000, "amount_min": 200_000, "amount_max": 260_000}),
    ("На тур для сотрудников сколько готовы?", "Минимум сто восемьдесят, а максимум двести двадцать, в тысячах.",
     {"amount": 220_000, "amount_min": 180_000, "amount_max": 220_000}),
    ("Бюджет на рекламу в метро?", "Как минимум полтора миллиона, но точно не выше двух.",
     {"amount": 2_000_000, "amount_min": 1_500_000, "amount_max": 2_000_000}),
    # the scale word said on its own after the figures
    ("Какая сумма на аренду шатра?", "Сорок пять. В тысячах, конечно.", {"amount": 45_000}),
    ("Сколько на ветеринарный аппарат?", "Девятьсот. Тысяч, да.", {"amount": 900_000}),
    # hesitations inside a range
    ("Сколько на мебель в офис?", "От… э-э… от двухсот до… м-м… двухсот сорока тысяч.",
     {"amount": 240_000, "amount_min": 200_000, "amount_max": 240_000}),
    # a bare figure takes the scale that puts it near the manager's figure
    ("Вы же в пределах двух миллионов?", "Поменьше. Где-то девятьсот.", {"amount": 900_000}),
    ("Около миллиона у вас?", "Чуть меньше, девятьсот.", {"amount": 900_000}),
    ("Вам трёх миллионов хватит?", "Нет, надо два.", {"amount": 2_000_000}),
    # a figure said again from its first word
    ("Сколько на аудит?", "Двести… двести семьдесят тысяч.", {"amount": 270_000}),
    ("Сколько на озеленение?", "Восемьдесят… восемьдесят пять тысяч, не больше.", {"amount": 85_000}),
    # a later figure replaces the earlier one ("сначала …, теперь/сейчас …")
    ("На выставку сколько?", "Раньше планировали миллион, а сейчас уже миллион двести.", {"amount": 1_200_000}),
    # a total over parts
    ("Сколько на кухню для столовой?", "Восемьсот на оборудование, плюс сто на монтаж, в сумме девятьсот тысяч.",
     {"amount": 900_000}),
    ("Сколько на охрану объекта?", "Пятьсот есть, и ещё двести добавят, всего семьсот тысяч.", {"amount": 700_000}),
    ("Сколько на обучение в год?", "Где-то по сто в квартал, то есть четыреста в год.", {"amount": 400_000, "amount_period": "year"}),
    # a correction of the upper end only
    ("Какой диапазон по цене?", "От ста до двухсот… нет, до ста пятидесяти тысяч.",
     {"amount": 150_000, "amount_min": 100_000, "amount_max": 150_000}),
    # a figure likened to today's spend is still the budget
    ("Сколько готовы на охрану в месяц?", "Восемьдесят тысяч, как сейчас и платим.", {"amount": 80_000, "amount_period": "month"}),
    ("Какой бюджет на уборку склада?", "Сорок тысяч в месяц, как сейчас отдаём клинингу.", {"amount": 40_000, "amount_period": "month"}),
    # another cost in a sentence of its own, after the budget word said back
    ("Какой бюджет на ремонт?", "Бюджет… Слушайте, у нас долг по аренде висит на двести тысяч.", None),
    ("Деньги на сайт заложены?", "Деньги? Да у нас штраф от налоговой на триста тысяч.", None),
    # the seller's figure, said by the client ("у вас", "ваш"), with nothing of their own in its clause
    ("Какой бюджет на печать?", "Пятьдесят тысяч — это ведь у вас минимальная партия?", None),
    ("Сколько готовы вложить?", "А у вас какой порог входа? Двести тысяч, верно?", None),
    ("Сколько готовы вложить?", "У вас дорого, у нас всего сто пятьдесят.", {"amount": 150_000}),
    ("Бюджет какой?", "Под ваш проект мы выделили миллион.", {"amount": 1_000_000}),
    ("Бюджет какой?", "Если ваш вариант уложится в пятьсот тысяч, берём.", {"amount": 500_000}),
    # an inverted count is no money
    ("Сколько времени у вас на запуск?", "Недели три, может четыре.", None),
    ("Как долго планируете тестировать?", "Года полтора примерно.", None),
    ("Сколько на подготовку закладываете?", "Дня четыре хватит.", None),
]


@pytest.mark.parametrize(("question", "reply", "want"), OWN)
def test_own_amount_forms(question: str, reply: str, want: dict[str, Any] | None) -> None:
    got = budget_value(LEX.tokens(reply), LEX.tokens(question))
    keys = ("amount", "amount_min", "amount_max", "amount_period")
    assert (None if got is None else {k: got[k] for k in keys if k in got}) == want


def test_amounts_bank_floor() -> None:
    """The outside author's bank (tests/corpus/banks/amounts.toml) through the whole engine: not below today's count."""
    score = score_bank()
    assert score.exact >= 134, score.misses  # 124 on main before round 13e; misses: 20 of them the question not detected
