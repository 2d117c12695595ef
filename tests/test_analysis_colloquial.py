"""Issue 14, round 9: contract questions asked in office slang, brands, agent nouns and verbs of use
(colloquial.py, data/colloquial.toml). Own wording, not the held-out sets'."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.colloquial import standard
from qa_desk.analysis.lexicon import Lexicon, Token
from qa_desk.analysis.questions import QuestionSet, parse_question_set

OFFICE = parse_question_set(
    """
[[question]]
id = "seats"
title = "Количество пользователей"
ask = ["сколько пользователей будет работать в программе"]
answer = "text"

[[question]]
id = "admin"
title = "Есть ли штатный ИТ-специалист"
ask = ["есть ли у вас штатный ИТ-специалист"]
answer = "yes_no"

[[question]]
id = "crm_now"
title = "Используется ли CRM-система"
ask = ["используете ли вы сейчас CRM-систему"]
answer = "yes_no"

[[question]]
id = "contract_end"
title = "Когда заканчивается договор с оператором"
ask = ["когда заканчивается договор с текущим оператором связи"]
answer = "timing"
""",
    "office.toml",
)


def analysed(questions: QuestionSet, *turns: str) -> tuple[set[str], set[str]]:
    analysis = analyze_deal([stereo_call("Добрый день, Олег, компания «Связь-Про».", "Да, слушаю.", *turns)], questions)
    return ({q.id for q in analysis.questions if q.asked and q.id in questions.ids},
            {q.id for q in analysis.questions if q.answered and q.id in questions.ids})


def _token(text: str) -> Token:
    return next(t for t in Lexicon(()).tokens(text) if t.is_word)


def test_slang_and_agent_nouns_read_as_standard_words() -> None:
    none = frozenset[str]()
    assert "пользователь" in standard(_token("юзеров"), none)
    assert "сервер" in standard(_token("сервака"), none)
    assert {"айти", "специалист"} <= standard(_token("айтишника"), none)
    assert "использовать" in standard(_token("крутится"), none)
    assert "crm" in standard(_token("амоСРМ"), none)


def test_price_question_keeps_its_stand_verb() -> None:
    lemmas = frozenset({"сколько", "стоить", "стоять"})
    assert "использовать" not in standard(_token("стоит"), lemmas)
    assert "использовать" in standard(_token("стоит"), frozenset({"у", "вы", "стоять", "стоить"}))


def test_slang_question_asks_the_contract_question() -> None:
    asked, answered = analysed(OFFICE, "А юзеров у вас сколько планируется?", "Человек двадцать, не больше.")
    assert asked == answered == {"seats"}
    asked, answered = analysed(OFFICE, "А сисадмин у вас свой, в штате?", "Да, свой, сидит у нас на втором этаже.")
    assert asked == answered == {"admin"}
    asked, _answered = analysed(OFFICE, "А клиентов вы в чём ведёте, амоСРМ или Битрикс какой-нибудь стоит?",
                                "Битрикс, облачный.")
    assert asked == {"crm_now"}
