"""Issue 14, round 5 (questions, round 2): either-or about the client, retorts, satisfaction questions,
size words as a count, everyday words for staff."""

from __future__ import annotations

import pytest
from dialogues import stereo_call

from qa_desk.analysis import analyze_deal, bant
from qa_desk.analysis.form import is_question
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import parse_question_set

CANTEEN = parse_question_set(
    """
[[question]]
id = "headcount"
title = "Количество сотрудников, питающихся на площадке"
ask = ["сколько сотрудников ежедневно питаются на территории предприятия"]
answer = "text"

[[question]]
id = "catering_contact"
title = "Ответственный за питание персонала"
ask = ["кто отвечает за организацию питания сотрудников"]
answer = "person"
""",
    "canteen.toml",
)


call = stereo_call


def asks(text: str) -> bool:
    tokens = list(Lexicon(()).tokens(text))
    return is_question(tokens, frozenset().union(*(t.lemmas for t in tokens)), language())


@pytest.mark.parametrize(("text", "question"), [
    ("директор одобрять будет или вы", True),  # an either-or with the client as one side, "?" dropped
    ("а собственник участвует в этом или вы сами", True),
    ("Да какое устраивает.", False),  # a retort
    ("Ну какой бюджет", False),
    ("Да, какой бюджет вы закладываете", True),
])
def test_question_form(text: str, question: bool) -> None:
    assert asks(text) is question


@pytest.mark.parametrize("question", [
    "Вы на какой фанере работаете, всё ли устраивает?",  # the satisfaction part on its own
    "А как вам нынешний поставщик, устраивает?",
])
def test_satisfaction_asks_need(question: str) -> None:
    analysis = analyze_deal([call("Добрый день, Игорь, компания Профмаш.", "Да, слушаю.", question,
                                  "Не очень, простаивают часто.")], bant())
    need = analysis.question("need")
    assert need is not None and need.asked


def test_satisfaction_about_our_offer_is_no_need() -> None:
    analysis = analyze_deal([call("Добрый день, Игорь, компания Профмаш.", "Да, слушаю.",
                                  "Такой вариант вас устроит, если я в четверг перезвоню?", "Да, давайте.")], bant())
    need = analysis.question("need")
    assert need is not None and not need.asked


def test_size_word_asks_a_count_in_everyday_words() -> None:
    analysis = analyze_deal([call("Добрый день, Анна, компания Сытый двор.", "Да.",
                                  "Много же народу у вас в поле?", "В сезон человек двести, зимой сорок.")], CANTEEN)
    headcount = analysis.question("headcount")
    assert headcount is not None and headcount.asked


KITCHEN = parse_question_set(
    """
[[question]]
id = "own_kitchen"
title = "Наличие собственной столовой / пищеблока"
ask = ["есть ли на предприятии собственная столовая или пищеблок"]
answer = "yes_no"

[[question]]
id = "contract_end"
title = "Окончание текущего договора на питание"
ask = ["когда истекает действующий договор на организацию питания"]
answer = "timing"
""",
    "kitchen.toml",
)


def test_statement_question_by_intonation() -> None:
    """"у вас … нет" said to the client asks, with or without "?"."""
    assert asks("Значит, своей столовой у вас нет.")
    analysis = analyze_deal([call("Добрый день, Анна, компания Сытый двор.", "Да.",
                                  "Значит, своей столовой у вас нет.", "Нет, привозят из города.")], KITCHEN)
    kitchen = analysis.question("own_kitchen")
    assert kitchen is not None and kitchen.asked
