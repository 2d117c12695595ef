"""Issue 14, round 5: bundled questions, contract questions confirmed by the reply's shape, connection requests."""

from __future__ import annotations

import pytest
from dialogues import stereo_call

from qa_desk.analysis import analyze_deal, bant
from qa_desk.analysis.form import bundle_parts
from qa_desk.analysis.questions import parse_question_set

CLOUD = parse_question_set(
    """
[[question]]
id = "servers"
title = "Собственная серверная инфраструктура"
ask = ["есть ли у вас собственные серверы или серверная", "где сейчас размещена ваша ИТ-инфраструктура"]
answer = "text"

[[question]]
id = "migration"
title = "Планируется переезд в облако"
ask = ["рассматриваете ли вы переезд в облако в ближайший год"]
answer = "yes_no"

[[question]]
id = "it_budget"
title = "Бюджет на ИТ-инфраструктуру"
ask = ["какой бюджет вы закладываете на ИТ-инфраструктуру"]
answer = "money"
""",
    "cloud.toml",
)


call = stereo_call


def opens(text: str) -> bool:
    return text.split()[0] in ("кто", "когда", "с")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("сколько закладываете, и кто у вас согласует?", ["сколько закладываете", "кто у вас согласует?"]),
        ("под какие работы и с какого числа нужна?", ["под какие работы", "с какого числа нужна?"]),
        ("свинину и баранину берёте?", ["свинину и баранину берёте?"]),
    ],
)
def test_bundle_parts(text: str, parts: list[str]) -> None:
    assert bundle_parts(text, opens) == parts


def test_bundled_question_asks_both() -> None:
    analysis = analyze_deal([call(
        "Добрый день, Игорь, компания Опалубка-Юг.", "Да, слушаю.",
        "А по деньгам вы уже прикидывали, сколько на аренду закладываете, и кто у вас финально подрядчика согласует?",
        "Тысяч триста в месяц, а согласует главный инженер.",
    )], bant())
    assert {q.id for q in analysis.questions if q.asked} >= {"budget", "authority"}


@pytest.mark.parametrize(("reply", "asked"), [
    ("Хотели, но руки не дошли. Сейчас, может, и дойдут.", True),  # the question's own word echoed
    ("Нет, пока не хотели.", True),
    ("А вы вообще кто, продаёте что-то?", False),  # a counter-question confirms nothing
])
def test_weak_contract_question_needs_the_replys_shape(reply: str, asked: bool) -> None:
    analysis = analyze_deal([call(
        "Добрый день, ОблакоЦентр, Олег.", "Да, здравствуйте.",
        # round 12: "не хотели всё вынести в облако?" is now a soft match (a wish is a consideration, eng12a's
        # predicate families), asked whatever the reply; the bare wish stays weak
        "А в облако не хотели?", reply,
    )], CLOUD)
    migration = analysis.question("migration")
    assert migration is not None and migration.asked is asked
    if asked:
        assert migration.asked_evidence[0].confidence < 0.7  # shown as "возможно"


def test_connection_request_asks_no_contract_question() -> None:
    analysis = analyze_deal([call(
        "Добрый день. Подскажите, с кем можно по компьютерам поговорить, по серверам?", "Со мной, я управляющий.",
    )], CLOUD)
    assert not any(q.asked for q in analysis.questions)


@pytest.mark.parametrize(("clarification", "reply", "asked"), [
    ("Ну мы облаком занимаемся, вот и спрашиваю.", "Нет, пока не хотели.", True),  # answered after a clarification
    ("Ну мы облаком занимаемся, вот и спрашиваю.", "Ладно, до свидания.", False),  # the shape still decides
    ("Ну мы облаком занимаемся. А сколько на ИТ закладываете?", "Нет, пока не хотели.", False),  # moved on
])
def test_weak_contract_question_is_held_through_a_counter_question(clarification: str, reply: str, asked: bool) -> None:
    analysis = analyze_deal([call(
        "Добрый день, ОблакоЦентр, Олег.", "Да, здравствуйте.",
        "А в облако не хотели?", "А вы вообще кто, продаёте что-то?",
        clarification, reply,
    )], CLOUD)
    migration = analysis.question("migration")
    assert migration is not None and migration.asked is asked
