"""Round 15 (eng15f): the wrong question id. A count or object question must not take a money id («кранов у вас
сколько, десяток?» is no budget, «сколько точек» no monthly spend), sibling ids are told apart by what is asked
(«сколько машинистов» a count, «машинисты застрахованы?» / «на чём ведёте учёт» the existence or the kind), and an
oblique «кто» («к кому это потом идёт», «кому на подпись», «с кем согласовать») asks the decider, while «кто» of a
work verb («кто у вас заправляет») or a switchboard «кто отвечает за …» does not. Two sets in trades no corpus
folder or bank has (construction machinery rental, pest control for cafés) and BANT lines in a third (a bakery),
written BEFORE the mechanisms were built; the figure n of m is in docs/engine-round15.md, eng15f."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.questions import QuestionSet, parse_question_set
from tests.analysis_calls import asked_after, case_hits

MACHINES = parse_question_set('''
[[question]]
id = "fleet"
title = "Количество единиц техники на объекте"
ask = ["сколько единиц техники работает на объекте"]
answer = "text"

[[question]]
id = "operators_insured"
title = "Страхование машинистов"
ask = ["застрахована ли ответственность машинистов"]
answer = "yes_no"

[[question]]
id = "rent_budget"
title = "Ежемесячный бюджет на аренду техники"
ask = ["какую сумму в месяц вы закладываете на аренду техники"]
answer = "money"

[[question]]
id = "accounting"
title = "Система учёта моточасов"
ask = ["какая у вас система учёта моточасов"]
answer = "text"

[[question]]
id = "signer"
title = "Кто подписывает договор аренды"
ask = ["кто у вас подписывает договор аренды"]
answer = "person"
''', "machines")

PESTS = parse_question_set('''
[[question]]
id = "points"
title = "Количество точек общепита"
ask = ["сколько у вас точек"]
answer = "text"

[[question]]
id = "current_contract"
title = "Наличие действующего договора на дезинсекцию"
ask = ["есть ли у вас действующий договор на дезинсекцию"]
answer = "yes_no"

[[question]]
id = "monthly_spend"
title = "Ежемесячные расходы на обработку"
ask = ["сколько вы тратите в месяц на обработку помещений"]
answer = "money"

[[question]]
id = "approver"
title = "Кто согласует выбор подрядчика"
ask = ["кто согласует выбор подрядчика по дезинсекции"]
answer = "person"
''', "pests")

GREETING = "Добрый день, это компания «ТехПарк», по аренде спецтехники. Удобно пару минут?"

CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    # a count is no sum
    (MACHINES, "Кранов у вас сколько на площадке, один, два?", "Два крана.", "fleet"),
    (MACHINES, "А экскаваторов сколько крутится, штук пять?", "Штук шесть.", "fleet"),
    (MACHINES, "По деньгам сколько в месяц на аренду уходит?", "Тысяч четыреста.", "rent_budget"),
    (MACHINES, "Во что вам месяц аренды обходится?", "Около полумиллиона.", "rent_budget"),
    (PESTS, "Кафе у вас сколько, три, четыре?", "Пять кафе.", "points"),
    (PESTS, "А сейчас за обработку сколько платите в месяц?", "Тысяч двенадцать.", "monthly_spend"),
    # siblings: a count against the existence or the kind
    (MACHINES, "А машинисты у вас как, застрахованы?", "Да, всё застраховано.", "operators_insured"),
    (MACHINES, "Вы своих машинистов страхуете как-то?", "Нет, не страхуем.", "operators_insured"),
    (MACHINES, "Машинистов у вас сколько человек?", "Человек восемь.", None),
    (MACHINES, "А моточасы вы на чём считаете, в программе или в тетрадке?", "В экселе.", "accounting"),
    (MACHINES, "А как у вас учёт моточасов ведётся?", "Прорабы в журнал пишут.", "accounting"),
    (PESTS, "А сейчас у вас кто-то обрабатывает по договору, или разово вызываете?", "Разово вызываем.", "current_contract"),
    (PESTS, "Договор на обработку у вас вообще есть сейчас?", "Есть, до лета.", "current_contract"),
    # oblique «кто»: the decider
    (MACHINES, "А договор потом к кому идёт на подпись?", "К генеральному, Сергею Ивановичу.", "signer"),
    (MACHINES, "Кому мне тогда договор прислать, чтобы подписали?", "Главному инженеру.", "signer"),
    (PESTS, "А с кем это согласовать, кроме вас?", "С управляющей, Ириной.", "approver"),
    (PESTS, "А дальше это на согласование кому-то уходит?", "Да, владельцу.", "approver"),
    # «кто» of a work verb, a switchboard «кто отвечает»: not the decider
    (MACHINES, "А заправляет технику у вас кто?", "Сами заправляем.", None),
    (PESTS, "А убирает у вас на кухне кто, свои?", "Свои, две женщины.", None),
]

BANT_CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    (bant(), "Печей у вас сколько, две, три?", "Три печи.", None),
    (bant(), "А точек сколько, десяток наберётся?", "Двенадцать.", None),
    (bant(), "Сколько вы готовы вложить в новую печь?", "Тысяч триста.", "budget"),
    (bant(), "А по деньгам на ремонт цеха какой у вас потолок?", "Миллион, не больше.", "budget"),
    (bant(), "Хлеб в день сколько выпекаете, тонну, две?", "Полторы тонны.", None),
    (bant(), "А кому вы потом это понесёте на подпись?", "Хозяину, Артуру.", "authority"),
]


def _asked(questions: QuestionSet, line: str, reply: str) -> list[str]:
    return asked_after(questions, GREETING, line, reply)


def test_own_sibling_cases() -> None:
    """Written before the mechanisms: 23 of 25 before and after (the engine already had these forms; the misses are a
    count of people the set has no question for and «кто-то обрабатывает по договору» for the contract's existence)."""
    got, _total, missed = case_hits(CASES + BANT_CASES, _asked)
    assert got >= 23, missed


def test_count_is_no_money() -> None:
    for questions, line, reply, _want in CASES[:2] + BANT_CASES[:2] + LATER[:2]:
        assert [i for i in _asked(questions, line, reply) if "budget" in i or "spend" in i] == [], line


# Written after the first mechanisms, before looking at what they get: the sets' failing forms in other trades and
# words (a count put with a guess of hundreds, a sibling yes/no sharing the count question's verb, a dative «кому»).
STAFF = parse_question_set('''
[[question]]
id = "guards"
title = "Количество охранников, которых нужно обучить"
ask = ["сколько охранников нужно обучить", "какая численность охраны подлежит обучению"]
answer = "text"

[[question]]
id = "trained_now"
title = "Наличие действующего обучения охранников"
ask = ["есть ли у ваших охранников действующее обучение"]
answer = "yes_no"

[[question]]
id = "training_budget"
title = "Годовой бюджет на обучение охраны"
ask = ["какой бюджет на обучение охраны вы закладываете на год"]
answer = "money"

[[question]]
id = "approver"
title = "Кто утверждает программу обучения"
ask = ["кто у вас утверждает программу обучения"]
answer = "person"
''', "staff")

LATER: list[tuple[QuestionSet, str, str, str | None]] = [
    (bant(), "Витрин у вас сколько, сотня, полторы?", "Сто сорок.", None),
    (bant(), "А холодильников сколько стоит по залу?", "Штук двадцать.", None),
    (bant(), "А дальше бумага к кому идёт?", "К владельцу, к Олегу.", "authority"),
    (bant(), "Кому моё предложение потом попадёт на стол?", "Финансовому директору.", "authority"),
    (bant(), "А декларации вам кто-то заполнял раньше?", "Бухгалтер заполняла.", None),
    (STAFF, "Охранники у вас сейчас как-то обучены?", "Никак, только лицензия.", "trained_now"),
    (STAFF, "Ваших охранников вы обучаете где-то сверх лицензии?", "Нет, не обучаем.", "trained_now"),
    (STAFF, "Сколько охранников надо будет обучить?", "Человек тридцать.", "guards"),
    (STAFF, "Постов у вас сколько, десяток, два?", "Пятнадцать.", None),
    (STAFF, "А по деньгам на обучение в год сколько готовы выделить?", "Тысяч двести.", "training_budget"),
]


def test_later_sibling_cases() -> None:
    """6 of 10 before the round's mechanisms, 9 after (the miss: «Постов у вас сколько, десяток, два?» takes the set's
    only count question, guards)."""
    got, _total, missed = case_hits(LATER, _asked)
    assert got >= 9, missed
