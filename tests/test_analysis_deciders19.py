"""Round 19 (eng19d) own cases for deciders and amounts, written before the engine was changed, in trades unlike
the held-out sets' (a car wash, a gym, a print shop, a bakery, a pet-food shop, a dance school, a florist, a tyre
shop, a bowling alley).

Deciders: the speaker's own claim («я и решаю», «я утверждаю») against another person in the same reply who only
does a lesser thing («…только кассу ведёт», «X выбирает, я плачу»); a later sentence of the same reply that gives
the final word or the money to a named person («Но последнее слово у неё, у …», «А деньги подписывает …, без её
визы ни один договор не пройдёт») over a list or a hedged self-claim («Технически выбираю я»); the speaker's own role
(«По клубу я сам. Я управляющий клубом…») over a role they say stays out; a role named later in lowercase.
Amounts: a spoken range «ну сто. Сто двадцать — край» kept when a later call repeats its top as the ceiling; a
figure «на весь срок договора» with no period; a head count in reply to «сколько человек» is no money; our own
size read back («Стойка — тысяча двести?» — «Тысяча.») is no budget."""

from __future__ import annotations

from typing import Any

import pytest

from qa_desk.analysis import analyze_deal, bant
from qa_desk.domain.transcript import RecordingTranscript
from tests.analysis_calls import call

M, C = "manager", "client"
ASK = "А кто у вас окончательно решает по такой покупке?"


def _deal(greeting: str, reply: str, ask: str = ASK, pick_up: str = "Да, слушаю.") -> list[RecordingTranscript]:
    return [call((M, greeting), (C, pick_up), (M, ask), (C, reply))]


# (label, calls, words the decider must hold, words it must not hold)
DECIDERS: list[tuple[str, list[RecordingTranscript], list[str], list[str]]] = [
    ("self_claim_over_lesser_role", _deal(
        "Рамиль Ринатович? Добрый день, «АвтоХим».",
        "Какой ещё совет, молодой человек. Я хозяин, я и решаю, администратор только кассу ведёт.",
        ask="И это вы сами решаете, или есть партнёр, с которым надо согласовать?"),
     ["хозяин"], ["администратор"]),
    ("approver_over_chooser_payer", [call(
        (M, "Игорь? Добрый день, «ФитСнаб», по тренажёрам."), (C, "Да, я. Подождите, тут хозяин. Передаю."),
        (C, "Алло. Виктор Семёнович. Что там?"),
        (M, "Виктор Семёнович, «ФитСнаб». Вы по итогу утверждаете, или ещё кто-то в доле"),
        (C, "Я утверждаю. Я хозяин, больше никто. Игорь выбирает, я плачу."))],
     ["Виктор Семёнович"], ["игорь"]),
    ("money_signer_over_hedged_chooser", _deal(
        "Андрей, добрый день! «ПринтМаш», по плоттеру.",
        "Технически выбираю я. А деньги подписывает Ольга Петровна, наш финансовый директор, без её визы ни один "
        "договор не пройдёт.", ask="А финансы у вас такие вещи одобряют, или вы сами выбираете, а они просто платят?"),
     ["Ольга Петровна"], ["андрей"]),
    ("final_word_after_a_list", _deal(
        "Наталья, здравствуйте! «ФитТур», по выезду для тренеров.",
        "Смотри, выбираем втроём: я, Коля — это старший тренер, и бухгалтер. Но последнее слово у неё, у Анны "
        "Сергеевны, потому что деньги её.", ask="А кто у вас в итоге говорит «да»? Вы ведь не одна это выбираете?"),
     ["Анна Сергеевна"], ["коля", "тренер"]),
    ("own_role_over_founder_out", _deal(
        "Павел, добрый вечер! «СпортОфис», по абонементам.",
        "По клубу я сам. Я управляющий клубом, у меня свой бюджет, и внутри него решаю я, учредитель в это не лезет.",
        ask="И подписывать с нами будете вы, или это надо через учредителя?"),
     ["управляющий"], ["учредител"]),
    ("role_named_later_lowercase", [
        call((M, "добрый вечер это олег зоомаркет хвост. вы у нас корм на сайте смотрели"), (C, "да было дело"),
             (M, "а выбирать-то в итоге кто будет, вы или кто-то ещё"),
             (C, "ну мама конечно. я так на разведке. всё будет как она скажет")),
        call((M, "добрый вечер это олег зоомаркет хвост как договаривались"),
             (C, "да олег привет. в общем записывайте тамара ивановна, номер я вам скину. она сама будет говорить"))],
     ["тамара ивановна"], []),
    # must-not: the speaker who decides over one who only signs; a named decider over the speaker who prepares
    ("must_not_self_over_signer", _deal(
        "Лилия Маратовна? Здравствуйте, «ХлебОпт».",
        "Выбираю я, директор только подписывает, что я принесу.", pick_up="Да, я."),
     ["Лилия Маратовна"], ["директор"]),
    ("must_not_named_over_preparer", _deal(
        "Добрый день, школа танцев «Ритм»? «ЗалСтрой».",
        "Решает директор, Игорь Петрович. Я только готовлю сравнение."),
     ["Игорь Петрович"], []),
    ("must_not_own_role_over_owner", _deal(
        "Добрый день, цветочный «Роза»? «ФлораОпт».",
        "Я управляющий, но такие суммы решает владелец, Сергей Иванович."),
     ["Сергей Иванович"], ["управляющий"]),
    ("must_not_chooser_payer_other", _deal(
        "Добрый день, шиномонтаж «Колесо»? «ШинСнаб».",
        "Я выбираю, а платит и утверждает хозяин, Руслан Ахмедович.", pick_up="Да, я."),
     ["Руслан Ахмедович"], []),
]


def _got(calls: list[RecordingTranscript]) -> str:
    result = analyze_deal(calls, bant()).question("authority")
    return "" if result is None or result.value is None else str(result.value.get("text", ""))


def _right(calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> bool:
    low = _got(calls).lower()
    return all(w.lower() in low for w in want) and not any(b.lower() in low for b in bad)


_Q = "А по деньгам вы на какую сумму рассчитываете?"

# (calls, (the budget read, its period), or None where nothing of theirs was said)
AMOUNTS: list[tuple[str, list[RecordingTranscript], Any]] = [
    ("range_top_repeated_later", [
        call((M, "По деньгам. Вы на вторую мойку уже какую-то сумму отложили, или от первой отталкиваетесь"),
             (C, "От первой. Там вышло два восемьсот. Тут думаю… ну три. Три с половиной миллиона — прям край."),
             (M, "Три, три с половиной. Под ключ у нас от пяти.")),
        call((M, "Рамиль, «АвтоХим». Расчёт смотрели?"), (C, "Смотрел. Четыре двести. Не тянем."),
             (M, "Можно часть оборудования с выставки."), (C, "Я ж сказал. Три с половиной — потолок."))],
     ((3_000_000, 3_500_000), None)),
    ("whole_term_no_period", [call(
        (M, "По деньгам: цену контракта я видел, но не понял, это сумма на весь срок или на год"),
        (C, "Начальная цена контракта два миллиона четыреста тысяч рублей. Это на весь срок исполнения, двадцать "
            "четыре месяца, так в документации."))],
     (2_400_000, None)),
    ("head_count_no_money", [call(
        (M, "Выезд для тренеров — сколько человек?"), (C, "Двадцать, плюс я и старший, итого двадцать два."),
        (M, "А по деньгам финансы что-то под выезд отвели?"),
        (C, "Сказали, восемьсот тысяч максимум, это потолок."))],
     (800_000, None)),
    ("our_size_no_budget", [call(
        (M, "Вы под какую сумму примерно смотрите, чтоб я лишнего не слал."),
        (C, "Про деньги я сейчас не готов, сначала посмотрю, что предложите."),
        (M, "Хорошо. Стойка пристенная — тысяча двести?"), (C, "Тысяча. Больше не встанет, там витрина."))],
     None),
    ("must_not_year_kept", [call((M, _Q), (C, "Полтора миллиона в год, больше не выделят."))],
     (1_500_000, "year")),
    ("must_not_plain_range", [call((M, _Q), (C, "Ну, тысяч сто. Сто двадцать — это край."))],
     ((100_000, 120_000), None)),
]


def _budget(calls: list[RecordingTranscript]) -> Any:
    budget = next(q for q in analyze_deal(calls, bant()).questions if q.id == "budget")
    got = budget.value if isinstance(budget.value, dict) else None
    if not got or ("amount" not in got and "amount_min" not in got):
        return None
    value = (got["amount_min"], got["amount_max"]) if "amount_min" in got else got.get("amount")
    return value, got.get("amount_period")


# Kept as written, failing for the reason given (not tuned away):
_OPEN: dict[str, str] = {
    # the later call gives the name with no word of the role near it («в общем записывайте тамара ивановна»); only a
    # name given right after a client turn that mentions the role («я с мамой поговорила» — «и что она» — …) is read
    "role_named_later_lowercase": "the later name is not tied to the role",
}


@pytest.mark.parametrize(("label", "calls", "want", "bad"), [
    pytest.param(*c, marks=pytest.mark.xfail(reason=_OPEN[c[0]], strict=True)) if c[0] in _OPEN else c for c in DECIDERS],
    ids=[c[0] for c in DECIDERS])
def test_decider19(label: str, calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> None:
    assert _right(calls, want, bad), f"{label}: {_got(calls)!r}"


@pytest.mark.parametrize(("label", "calls", "want"), [
    pytest.param(*c, marks=pytest.mark.xfail(reason=_OPEN[c[0]], strict=True)) if c[0] in _OPEN else c for c in AMOUNTS],
    ids=[c[0] for c in AMOUNTS])
def test_amount19(label: str, calls: list[RecordingTranscript], want: Any) -> None:
    assert _budget(calls) == want, f"{label}: {_budget(calls)!r}"


def test_decider19_count() -> None:
    """The own cases right as a figure (the helper's notes report it before → after: 7 → 15 of 16)."""
    ok = sum(_right(calls, want, bad) for _, calls, want, bad in DECIDERS) + sum(
        _budget(calls) == want for _, calls, want in AMOUNTS)
    assert ok >= len(DECIDERS) + len(AMOUNTS) - len(_OPEN)


def test_decider19_role_named_after_mention() -> None:
    """Written after: the role named in the next call right after a turn that mentions it («я с мамой поговорила» —
    «и что она» — «в общем записывайте тамара ивановна»)."""
    calls = [
        call((M, "добрый вечер это олег зоомаркет хвост. вы у нас корм на сайте смотрели"), (C, "да было дело"),
             (M, "а выбирать-то в итоге кто будет, вы или кто-то ещё"),
             (C, "ну мама конечно. я так на разведке. всё будет как она скажет")),
        call((M, "добрый вечер это олег зоомаркет хвост как договаривались"), (C, "да олег привет. я с мамой поговорила"),
             (M, "и что она"), (C, "в общем записывайте тамара ивановна, номер я вам скину. она сама будет говорить"))]
    assert "тамара ивановна" in _got(calls).lower()


def test_decider19_stays_out_means_speaker() -> None:
    """Written after (H23 D4/05, H25 F3/02): a person said to stay out («Жена в это не лезет», «бухгалтер тут ни при
    чём») is no decider; alone, the speaker is; a name given next to it still wins."""
    alone = _deal("Дина Руслановна? Здравствуйте, «ЗооКорм».", "А к кому ещё. Муж в это не лезет, у него своя "
                  "шиномонтажка, ему не до кормов.", ask="Мне сказали, что такие вещи у вас решаете вы?", pick_up="Да, я.")
    named = _deal("Добрый день, пекарня «Каравай»? «ХлебОпт».", "Нет, бухгалтер тут ни при чём. Всё Артур Ильич, я без "
                  "него даже муку не заказываю.", ask="Всё решает Артур Ильич, да? Или бухгалтер подключается?")
    denied = _deal("Добрый день, автомойка «Блеск»? «АвтоХим».", "Бухгалтер не решает, решает директор, Пётр Ильич.")
    assert "дина руслановна" in _got(alone).lower()
    assert "артур ильич" in _got(named).lower()
    assert "пётр ильич" in _got(denied).lower()


def test_amount19_withdrawn_later() -> None:
    """Written after (H25 F1/10, H18 V2/04): a later call that says the money is gone («Денег нет, короче. Ноль.»)
    withdraws the figure given before; the same call's «денег нет» before a figure does not."""
    calls = [call((M, "По деньгам ты как — свои, кредит, инвестор?"),
                  (C, "Инвестор. Восемьсот тысяч на пекарню даёт, обсудили.")),
             call((M, "Проект прислал, видел?"), (C, "Видел. Инвестор вышел, всё заморозил. Денег нет, короче. Ноль."))]
    assert _budget(calls) == (0, None)
