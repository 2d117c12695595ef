"""Issue 14, round 10: contract questions by meaning, the question's head first (contract.wh_classes,
colloquial.constructions, families.toml ``thesaurus``). Own wording, not the held-out sets'."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.colloquial import constructions
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import QuestionSet, parse_question_set

WASTE = parse_question_set(
    """
[[question]]
id = "contractor"
title = "Текущий подрядчик по вывозу отходов"
ask = ["укажите текущего подрядчика по вывозу отходов"]
answer = "text"

[[question]]
id = "funds"
title = "Наличие утверждённого бюджета на услуги"
ask = ["имеется ли утверждённый бюджет на вывоз отходов"]
answer = "yes_no"

[[question]]
id = "decider"
title = "Кто принимает решение"
ask = ["кто принимает решение о выборе подрядчика"]
answer = "person"

[[question]]
id = "deadline"
title = "Срок принятия решения"
ask = ["в какие сроки планируется принятие решения о смене подрядчика"]
answer = "timing"
""",
    "waste.toml",
)

PRINT = parse_question_set(
    """
[[question]]
id = "devices"
title = "Какое оборудование используется сейчас"
ask = ["какое оборудование вы сейчас используете"]
answer = "text"

[[question]]
id = "rent"
title = "Рассматривается ли аренда оборудования"
ask = ["рассматриваете ли вы аренду оборудования"]
answer = "yes_no"

[[question]]
id = "tender"
title = "Закупка через тендер"
ask = ["проводится ли закупка через тендер"]
answer = "yes_no"
""",
    "print.toml",
)


def asked(questions: QuestionSet, question: str, reply: str) -> set[str]:
    analysis = analyze_deal([stereo_call("Добрый день, Ольга, компания «ЭкоВывоз».", "Да, слушаю.", question, reply)],
                            questions)
    return {q.id for q in analysis.questions if q.asked and q.id in questions.ids}


def test_who_decides_asks_the_person_not_the_thing_decided_on() -> None:
    assert "contractor" not in asked(WASTE, "А кто у вас подрядчиков по мусору выбирает?", "Завхоз, Игорь Петрович.")


def test_money_words_ask_the_budget_not_the_time() -> None:
    got = asked(WASTE, "А деньги на вывоз у вас на следующий год уже заложены?", "Да, заложены.")
    assert "funds" in got and "deadline" not in got


def test_with_whom_asks_the_counterparty() -> None:
    assert "contractor" in asked(WASTE, "А вы сейчас с кем вывозите?", "С «ЧистоГрадом», третий год.")


def test_trade_synonyms_and_constructions() -> None:
    assert "tender" in asked(PRINT, "А закупаете через торги?", "Да, через площадку.")
    assert "rent" in asked(PRINT, "А в аренду не думали брать?", "Думали, но дорого выходит.")
    assert "devices" in asked(PRINT, "Вы сейчас на чём печатаете?", "На старых Кэнонах.")


def test_constructions_need_their_verb() -> None:
    tokens = list(Lexicon(()).tokens("А с кем мне лучше поговорить?"))
    assert not constructions(tokens)  # a request to be put through names no counterparty
    tokens = list(Lexicon(()).tokens("А с кем сейчас работаете?"))
    assert any("поставщик" in means for means in constructions(tokens).values())
