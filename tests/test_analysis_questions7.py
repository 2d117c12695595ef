"""Issue 14, round 7 (contract questions in the manager's own words): the question word as evidence of
the answer kind, a put-through request that also asks who, a reason's BANT question beside the set's own,
"когда"/"кто" questions confirmed by the reply's shape, ties decided by the reply, "X или Y" in a
phrasing, repair by sound, "у вас … что-то" as a question."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.contract import WEAK_ASK, example, weak_hit
from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.form import is_question
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import QuestionSet, parse_question_set

SUPPLY = parse_question_set(
    """
[[question]]
id = "complaints"
title = "Есть ли претензии к текущему поставщику"
ask = ["есть ли у вас претензии к текущему поставщику"]
answer = "yes_no"

[[question]]
id = "contract_end"
title = "Когда заканчивается действующий договор с поставщиком"
ask = ["когда заканчивается договор с текущим поставщиком"]
answer = "timing"
""",
    "supply.toml",
)

FLEET = parse_question_set(
    """
[[question]]
id = "fleet"
title = "Размер автопарка"
ask = ["сколько единиц транспорта в вашем автопарке"]
answer = "text"

[[question]]
id = "fleet_manager"
title = "Ответственный за автопарк"
ask = ["кто у вас отвечает за автопарк"]
answer = "person"

[[question]]
id = "rollout"
title = "Срок внедрения мониторинга"
ask = ["в какие сроки рассматриваете внедрение системы мониторинга"]
answer = "timing"
""",
    "fleet.toml",
)

PLATFORM = parse_question_set(
    """
[[question]]
id = "current_system"
title = "Какая система электронного обучения используется сейчас"
ask = ["какую систему дистанционного обучения вы используете сейчас"]
answer = "text"

[[question]]
id = "decider"
title = "Кто принимает решение о выборе платформы"
ask = ["кто принимает решение о выборе платформы"]
answer = "person"
""",
    "platform.toml",
)

SCANNER = parse_question_set(
    """
[[question]]
id = "purchase_plan"
title = "Клиника планирует закупку УЗИ-аппарата"
ask = ["планирует ли клиника закупку ультразвукового аппарата"]
answer = "yes_no"

[[question]]
id = "purchase_time"
title = "Срок закупки"
ask = ["в какие сроки планируется закупка", "когда планируется приобретение аппарата"]
answer = "timing"
""",
    "scanner.toml",
)


call = stereo_call


def asked(questions: QuestionSet, *turns: str, reason: str | None = None) -> set[str]:
    analysis = analyze_deal([call("Добрый день, Игорь, компания «Вектор».", "Да, слушаю.", *turns)], questions, reason)
    return {q.id for q in analysis.questions if q.asked and q.id in questions.ids}


def test_question_word_rules_out_a_yes_no_question() -> None:
    """"до какого числа действует договор?" asks a date, not whether there are complaints."""
    assert asked(SUPPLY, "А с нынешним поставщиком договор у вас до какого числа действует?",
                 "До конца года.") == {"contract_end"}


def test_put_through_request_that_also_asks_who() -> None:
    assert "fleet_manager" in asked(FLEET, "А кто у вас за машины отвечает, с кем по технике разговаривать?",
                                    "Механик наш, Олег Петрович.")
    assert "fleet_manager" not in asked(FLEET, "Могу я с кем-то по автопарку поговорить?", "Сейчас переключу.")


def test_sole_person_question_beside_the_authority_a_reason_adds() -> None:
    """"не ЛПР" adds the BANT authority question; the set's own decider question is still asked."""
    assert "decider" in asked(PLATFORM, "Понял. А кто у вас такие вопросы решает?",
                              "Проректор по учебной работе, Сафина.", reason="не ЛПР")


def test_bare_when_question_asks_the_only_timing_question_when_the_reply_gives_a_time() -> None:
    """Words that match no question ("а ставить-то когда реально?"): a weak candidate for the set's only
    timing question, which the reply's shape must confirm."""
    detector = detector_for(FLEET)
    s = detector.sentences("А ставить-то когда реально?")[0]
    assert weak_hit(detector._bags, s.tokens, s.lemmas, detector.lang) == [("rollout", WEAK_ASK)]
    s = detector.sentences("А ставить-то кто будет?")[0]
    assert weak_hit(detector._bags, s.tokens, s.lemmas, detector.lang) == [("fleet_manager", WEAK_ASK)]


def test_tie_is_decided_by_the_reply() -> None:
    """"рассматривается покупка аппарата?" is as near the plan as its date: the reply's shape decides."""
    question = "Скажите, у вас сейчас рассматривается покупка нового аппарата УЗИ?"
    assert asked(SCANNER, question, "Рассматривается, да, старый совсем плох.") == {"purchase_plan"}


def test_nouns_joined_by_or_fill_one_slot_of_a_phrasing() -> None:
    lang = language()
    laundry = example(Lexicon(()).tokens("у вас своя прачечная или аутсорсинг"), lang)
    assert any({"прачечная", "аутсорсинг"} <= slot for slot in laundry.content)
    opening = example(Lexicon(()).tokens("планируете ли вы открытие нового зала или расширение действующего"), lang)
    assert not any({"зал", "расширение"} <= slot for slot in opening.content)


def test_misheard_word_repaired_by_sound() -> None:
    token = Lexicon(["мониторинг"]).tokens("монетерин")[0]
    assert "мониторинг" in token.lemmas


def test_indefinite_about_the_client_asks_without_question_mark() -> None:
    tokens = list(Lexicon(()).tokens("а у вас на обучение в этом году что-то заложено"))
    assert is_question(tokens, frozenset().union(*(t.lemmas for t in tokens)), language())
