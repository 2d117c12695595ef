"""Round-18 own cases (written before measuring on the sets, in trades unlike theirs: a gym, a florist, a ferry, a
recording studio, a café, a tree nursery): the noun «решение» asks who decides only when the question puts a party
to it (decision_focus.py). «это осознанное решение или руки не дошли?», «временное решение или так и останется?» ask
why things are as they are, or name a solution; «ваше решение», «кто принимает решение», «решение за вами?»,
«решение вы сами принимаете?», «как у вас принимается решение?» ask the decider."""

from __future__ import annotations

import pytest

from qa_desk.analysis import bant
from tests.analysis_calls import asked_after, call

GREETING = "Добрый день, это Ольга, компания «Север»."
REPLY = "Ну, как сказать."

# (line, the authority question must be asked)
CASES = [
    ("А вы сейчас без кондиционеров в зале работаете — это осознанное решение или просто руки не дошли?", False),
    ("Отказ от доставки у вас — это взвешенное решение или так исторически сложилось?", False),
    ("Студия у вас до сих пор без звукоизоляции, это такое решение было или денег не хватило?", False),
    ("Переход на электронные чеки у вас был вынужденным решением?", False),
    ("Цветы у вас только голландские — это принципиальное решение или поставщик так возит?", False),
    ("Паром у вас ходит раз в день, это временное решение или так и останется?", False),
    ("Кофейня без летней веранды — это сознательное решение или аренда не позволяет?", False),
    ("Это было ваше решение или хозяин так захотел?", True),
    ("Кто у вас принимает решение по закупке саженцев?", True),
    ("Решение по студии вы сами принимаете?", True),
    ("А окончательное решение за вами или за управляющим?", True),
    ("Как у вас принимается решение о покупке оборудования?", True),
    ("Решение о закупке нужно согласовывать с учредителем?", True),
    ("Решение у вас кто принимает, вы или совет?", True),
    ("А чьё это было решение — перейти на голландские цветы?", True),
]


@pytest.mark.parametrize(("line", "authority"), CASES)
def test_decision_noun_asks_the_decider_only_with_a_party(line: str, authority: bool) -> None:
    assert ("authority" in asked_after(bant(), GREETING, line, REPLY)) is authority


def test_the_reason_question_still_asks_the_need() -> None:
    from qa_desk.analysis import analyze_deal
    rec = call(("manager", GREETING), ("client", "Да, слушаю."),
               ("manager", "Зал у вас без кондиционеров — это осознанное решение или просто руки не дошли?"),
               ("client", "Руки не дошли, летом люди в обморок падают, жалуются постоянно."))
    deal = analyze_deal([rec], bant())
    asked = {q.id: q for q in deal.questions}
    assert asked["need"].asked and not asked["authority"].asked
