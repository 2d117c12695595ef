"""Round 13 (eng13f): contract questions asked in words unlike the set's titles, the own check for the learned
matcher against the rules (scripts/learned_contract.py). Two sets in dry legal wording for domains no corpus folder
has (pest control for a restaurant chain, drip irrigation for a farm) and 20 spoken manager lines with the client's
reply, 4 of them asking nothing; written BEFORE anything was run on them. Figures (docs/engine-round13.md, eng13f): the rules get
10 of 20 (6 of 16 asks, the 4 "none" lines right); the learned matcher, trained on every burned contract folder, is scored on the same lines by
``python scripts/learned_contract.py own``."""

from __future__ import annotations

from qa_desk.analysis.questions import QuestionSet, parse_question_set
from tests.analysis_calls import asked_after, case_hits

PEST = parse_question_set('''
[[question]]
id = "objects"
title = "Количество объектов, подлежащих обработке"
ask = ["каково количество объектов, подлежащих обработке"]
answer = "text"

[[question]]
id = "current"
title = "Действующий исполнитель услуг дезинсекции и дератизации"
ask = ["кто в настоящее время оказывает организации услуги дезинсекции и дератизации"]
answer = "text"

[[question]]
id = "orders"
title = "Наличие предписаний органов санитарного надзора"
ask = ["имеются ли у организации действующие предписания органов санитарного надзора"]
answer = "yes_no"

[[question]]
id = "frequency"
title = "Требуемая периодичность проведения обработок"
ask = ["какова требуемая периодичность проведения обработок"]
answer = "text"
''', "pest")

IRRIGATION = parse_question_set('''
[[question]]
id = "hectares"
title = "Площадь угодий, планируемых к орошению"
ask = ["какова площадь сельскохозяйственных угодий, планируемых к орошению"]
answer = "text"

[[question]]
id = "water"
title = "Источник водозабора"
ask = ["что является источником водозабора для орошения"]
answer = "text"

[[question]]
id = "crops"
title = "Возделываемые сельскохозяйственные культуры"
ask = ["какие сельскохозяйственные культуры возделываются на указанных угодьях"]
answer = "text"

[[question]]
id = "start"
title = "Срок ввода системы орошения в эксплуатацию"
ask = ["в какой срок планируется ввод системы орошения в эксплуатацию"]
answer = "timing"
''', "irrigation")

CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    (PEST, "А точек у вас сколько, где травить надо?", "Четыре кафе и цех.", "objects"),
    (PEST, "Сколько адресов обрабатывать будем?", "Три.", "objects"),
    (PEST, "А кто к вам сейчас ходит, травит?", "«СЭС-Сервис» ходит.", "current"),
    (PEST, "Вы с кем-то уже работаете по тараканам?", "Да, с частником одним.", "current"),
    (PEST, "Проверки замечания вам давали?", "Да, в марте выписали.", "orders"),
    (PEST, "Санэпидемстанция к вам претензии выставляла?", "Было одно, по грызунам.", "orders"),
    (PEST, "Как часто вам надо, раз в месяц?", "Раз в месяц нормально.", "frequency"),
    (PEST, "Обрабатывать сколько раз в год планируете?", "Ежеквартально.", "frequency"),
    (PEST, "Мыши-то бегают у вас?", "Бывает, в подсобке.", None),
    (PEST, "Кухня у вас своя?", "Своя.", None),
    (IRRIGATION, "Сколько гектаров поливать собираетесь?", "Гектаров двести.", "hectares"),
    (IRRIGATION, "Поле-то большое у вас?", "Сто двадцать гектаров.", "hectares"),
    (IRRIGATION, "Воду откуда брать будете?", "Из реки, у нас Хопёр рядом.", "water"),
    (IRRIGATION, "Скважина своя есть или с речки качаете?", "Скважина.", "water"),
    (IRRIGATION, "Что сеете?", "Кукурузу и сою.", "crops"),
    (IRRIGATION, "А под чем поля-то, картошка?", "Картошка, лук.", "crops"),
    (IRRIGATION, "Когда хотите, чтоб полив заработал?", "К маю.", "start"),
    (IRRIGATION, "К сезону успеть надо, к апрелю?", "Да, к апрелю обязательно.", "start"),
    (IRRIGATION, "Трактора у вас свои?", "Свои.", None),
    (IRRIGATION, "Урожай в прошлом году какой был?", "Сорок центнеров.", None),
]


def asked(questions: QuestionSet, line: str, reply: str) -> list[str]:
    return asked_after(questions, "Добрый день, меня зовут Олег, компания «Агро-Сервис», удобно говорить?", line, reply)


def hits() -> tuple[int, int, list[str]]:
    """(cases right, cases, the lines missed) by the rules."""
    return case_hits(CASES, asked)


def test_own_cases_figure_and_no_false_asks() -> None:
    right, _total, missed = hits()
    assert right >= 10, missed  # 10 of 20 at 2b789a9 (docs/engine-round13.md, eng13f); the 4 "none" lines stay unasked
    for questions, line, reply, want in CASES:
        if want is None:
            assert asked(questions, line, reply) == [], line
