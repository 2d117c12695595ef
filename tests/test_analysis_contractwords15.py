"""Round 15 (eng15a): contract questions asked in the operator's own spoken words, for formal titles and yes/no ids
("Наличие…", "Потребность в…", "Проведение…"), where the spoken line says the act with a verb or an adverb of the
title's own root ("заправляли" for "перезарядка" is no such; "проверяли" for "проверка", "отдельно" for "раздельный").
One set in a trade no corpus folder or bank has (fire-safety servicing), written by the same hand as the mechanism but
BEFORE it was built; the figure n of m is in docs/engine-round15.md, eng15a. Traps name the set's nouns in our own lines."""

from __future__ import annotations

from qa_desk.analysis.questions import QuestionSet, parse_question_set
from tests.analysis_calls import asked_after, case_hits

FIRE = parse_question_set('''
[[question]]
id = "alarm"
title = "Наличие на объекте автоматической пожарной сигнализации (да/нет)"
ask = ["установлена ли на объекте автоматическая пожарная сигнализация"]
answer = "yes_no"

[[question]]
id = "inspection"
title = "Проведение проверок органами государственного пожарного надзора за последний год"
ask = ["проводились ли у вас проверки органами пожарного надзора"]
answer = "yes_no"

[[question]]
id = "provider"
title = "Действующая обслуживающая организация"
ask = ["какая организация сейчас обслуживает ваши системы"]
answer = "text"

[[question]]
id = "area"
title = "Площадь защищаемых помещений, кв. м"
ask = ["какова площадь защищаемых помещений"]
answer = "text"

[[question]]
id = "recharge"
title = "Потребность в перезарядке первичных средств пожаротушения"
ask = ["требуется ли перезарядка огнетушителей"]
answer = "yes_no"

[[question]]
id = "separate_log"
title = "Раздельное ведение журналов эксплуатации по каждому зданию"
ask = ["ведутся ли раздельные журналы эксплуатации по зданиям"]
answer = "yes_no"

[[question]]
id = "limit"
title = "Предельная ежемесячная стоимость технического обслуживания"
ask = ["какую сумму в месяц вы готовы тратить на обслуживание"]
answer = "money"

[[question]]
id = "responsible"
title = "Лицо, ответственное за пожарную безопасность (ФИО, должность)"
ask = ["кто у вас отвечает за пожарную безопасность"]
answer = "person"
''', "fire")

CASES: list[tuple[QuestionSet, str, str, str | None]] = [
    (FIRE, "Сигнализация пожарная у вас вообще стоит?", "Стоит, старая.", "alarm"),
    (FIRE, "Датчики дыма по потолку висят у вас, сирена есть?", "Висят, да.", "alarm"),
    (FIRE, "А сигналку пожарную вам уже смонтировали или голые стены?", "Смонтировали.", "alarm"),
    (FIRE, "Пожарные к вам в этом году приходили проверять?", "Приходили в марте.", "inspection"),
    (FIRE, "Вас инспектор не проверял в прошлом году?", "Проверял, штраф выписал.", "inspection"),
    (FIRE, "Надзор к вам заглядывал с проверкой, нет?", "Нет, пока бог миловал.", "inspection"),
    (FIRE, "А сейчас кто вам всё это обслуживает?", "Фирма одна, «Пламя».", "provider"),
    (FIRE, "Вы с какой конторой сейчас работаете по обслуживанию?", "С «Гарантом».", "provider"),
    (FIRE, "Квадратов у вас сколько всего?", "Тысяча двести.", "area"),
    (FIRE, "Здание большое, метров сколько по площади?", "Метров восемьсот.", "area"),
    (FIRE, "Огнетушители давно перезаряжали?", "Года два назад.", "recharge"),
    (FIRE, "Огнетушители перезарядить не пора вам?", "Пора, наверное.", "recharge"),
    (FIRE, "Журналы вы по каждому корпусу отдельно ведёте или всё в одной тетради?", "В одной.", "separate_log"),
    (FIRE, "По зданиям записи отдельно ведутся?", "Отдельно.", "separate_log"),
    (FIRE, "Сколько в месяц готовы отдавать за обслуживание?", "Тысяч пятнадцать.", "limit"),
    (FIRE, "В какую сумму в месяц хотите уложиться за обслуживание?", "Тысяч в двадцать.", "limit"),
    (FIRE, "Кто у вас за пожарку отвечает по приказу?", "Завхоз, Пётр Ильич.", "responsible"),
    (FIRE, "Ответственный по пожарной безопасности у вас кто?", "Я и есть.", "responsible"),
    # a neutral reply: the line alone must ask
    (FIRE, "Проверяющие из МЧС давно у вас были?", "Угу.", "inspection"),
    (FIRE, "Огнетушители у вас перезаряжены?", "Угу.", "recharge"),
    (FIRE, "Пожарную сигнализацию вам уже установили?", "Угу.", "alarm"),
    # the act in a word of the title's root under another prefix or suffix, the object in everyday words
    (FIRE, "Вы по корпусам-то отдельно всё записываете?", "Угу.", "separate_log"),
    (FIRE, "Баллоны свои давно заряжали?", "Угу.", "recharge"),
    (FIRE, "Надзорные к вам наведывались в этом году?", "Угу.", "inspection"),
    (FIRE, "Если задымится, у вас там сработает что-нибудь, пищалка какая?", "Угу.", "alarm"),
    (FIRE, "Обслуживанием кто у вас сейчас занимается, своя служба?", "Угу.", "provider"),
    # traps: our own lines with the set's nouns and acts
    (FIRE, "Мы обслуживаем сигнализацию по всему району, двенадцать лет на рынке.", "Угу.", None),
    (FIRE, "Огнетушители мы перезаряжаем сами, привезём обменный фонд.", "Хорошо.", None),
    (FIRE, "Журналы мы заведём отдельно на каждое здание, это входит в договор.", "Понятно.", None),
    (FIRE, "Я вам завтра перезвоню после обеда, удобно?", "Удобно.", None),
]


def asked(questions: QuestionSet, line: str, reply: str) -> list[str]:
    return asked_after(questions, "Добрый день, компания «Огнезащита», удобно говорить?", line, reply)


def own_figure() -> tuple[int, int, list[str]]:
    return case_hits(CASES, asked)


def test_own_cases_figure_and_no_false_asks() -> None:
    right, total, missed = own_figure()
    assert right >= 28, missed
    for questions, line, reply, want in CASES:
        if want is None:
            assert asked(questions, line, reply) == [], line


def test_a_stem_under_prefixes_of_one_meaning() -> None:
    from qa_desk.analysis.cognates import _shared
    assert _shared("отдельно", "раздельный")  # apart: раз- / от-
    assert _shared("заряжать", "перезарядка")  # пере- again, д / ж
    assert not _shared("принимать", "понимать")  # при- / по- mean other things
    assert not _shared("договор", "разговор")
    assert not _shared("подписать", "написать")


def test_a_core_word_asks_its_question_when_the_reply_confirms() -> None:
    assert asked(FIRE, "Баллоны свои давно заряжали?", "Да, в прошлом году.") == ["recharge"]
    assert asked(FIRE, "Баллоны свои давно заряжали?", "А вы кто?") == []  # no answer's shape: no ask


def test_a_plain_yes_no_asks_no_count() -> None:
    from qa_desk.analysis.contract_core import plain_yes_no
    from qa_desk.analysis.language import language
    from tests.analysis_calls import tokens_of
    words = language().question_words
    assert plain_yes_no(tokens_of("Люди у вас как-то застрахованы?"), frozenset(), words)
    assert not plain_yes_no(tokens_of("Третий год, четвёртый?"), frozenset(), words)
    assert not plain_yes_no(tokens_of("Какой у вас парк?"), frozenset(), words)
