"""Round 15's decider cases, written before tuning in trades and wording of their own (a vet clinic, a bakery, a
farm, a dental practice, a school, a print shop, a hotel): the speaker's own claim («Сама.», «Я и есть
заведующая», «подписываю сам, без учредителя»), the speaker who hands the decision on (the name they picked up
with is not the decider), a collective with its whole noun phrase, a name in an oblique case, and a role whose
name is given in a later call (the answer stays pinned where the role was given)."""

from __future__ import annotations

import pytest
from analysis_calls import call

from qa_desk.analysis import analyze_deal, bant
from qa_desk.domain.transcript import RecordingTranscript

ASK = "А кто у вас решает по такой закупке?"


def _deal(greeting: str, pick_up: str, reply: str, ask: str = ASK) -> list[RecordingTranscript]:
    return [call(("manager", greeting), ("client", pick_up), ("manager", ask), ("client", reply))]


# (calls, words the decider must hold, words it must not hold)
CASES: list[tuple[str, list[RecordingTranscript], list[str], list[str]]] = [
    # the speaker's own claim: their name from the greeting
    ("self_bare_fem", _deal("Тамара Ильинична, добрый день, это «ВетСнаб», по кормам.", "Да, слушаю.",
                            "Сама. Муж на подхвате, привозит, грузит, а деньги мои."), ["Тамара Ильинична"], ["муж"]),
    ("self_is_role", _deal("Алевтина Борисовна? Здравствуйте, «Пекарь-Сервис» беспокоит.", "Да, я.",
                           "Я и есть заведующая, других тут нет."), ["Алевтина Борисовна"], []),
    ("self_without_owner", _deal("Глеб Андреевич, добрый день.", "Слушаю.",
                                 "До двухсот тысяч я подписываю сам, без учредителя, это мой лимит."),
     ["Глеб Андреевич"], ["учредител"]),
    ("self_over_clerk", _deal("Вера Павловна, здравствуйте, «Дента-Опт».", "Да.",
                              "Решаю я. Бухгалтер Оксана только платёжки проводит."), ["Вера Павловна"], ["Оксана"]),
    ("self_bare_masc", _deal("Рафаэль Маратович, добрый вечер.", "Добрый.",
                             "Сам. Мастер в цеху толковый, но деньги на мне."), ["Рафаэль Маратович"], ["Мастер"]),
    ("self_owner_named", _deal("Зарина Тимуровна, доброе утро, типография «Оттиск».", "Да, говорите.",
                               "Я хозяйка, я и решаю. Сын помогает с сайтом, и только."), ["Зарина Тимуровна"], ["Сын"]),
    # the speaker hands the decision on: the name they picked up with is not the decider
    ("handoff_tell_you", _deal("Денис, здравствуйте, «АгроТех».", "Денис слушает.",
                               "Я вам сразу скажу: решает хозяин, Артур Вагифович, я только заявки собираю."),
     ["Артур Вагифович"], ["Денис"]),
    ("handoff_helper", _deal("Кира, добрый день.", "Да, Кира.",
                             "Я так, на подхвате. Всё решает Галина Петровна."), ["Галина Петровна"], ["Кира"]),
    ("handoff_reports", _deal("Эдуард Львович, добрый день.", "Слушаю вас.",
                              "Я руководству докладываю, а подписывает директор, Семён Маркович."),
     ["Семён Маркович"], ["Эдуард"]),
    ("handoff_told_boss", _deal("Остап, здравствуйте.", "Да, я.",
                                "Я начальнику уже говорил, Вадим Олегович в курсе, решение за ним."),
     ["Вадим Олегович"], ["Остап"]),
    ("handoff_passes_through", _deal("Лилия Рашидовна, добрый день.", "Да.",
                                     "Все поставщики идут через меня, но выбирает главный агроном, Лыков."),
     ["агроном"], ["Лилия"]),
    ("handoff_wont_sign", _deal("Полина, здравствуйте.", "Полина, слушаю.",
                                "Это главный врач. И я вам сразу скажу, он предоплату не подпишет."),
     ["главный врач"], ["Полина"]),
    # collectives: the whole noun phrase
    ("committee_full", _deal("Добрый день, это «ПринтЛайн».", "Слушаю.",
                             "Это решает тендерный комитет холдинга, не я."), ["тендерный комитет"], []),
    ("commission_full", _deal("Здравствуйте, «ОтельСнаб».", "Да.",
                              "Выносится на закупочную комиссию, она и утверждает."), ["закупочная комиссия"], []),
    ("board_full", _deal("Добрый день, по учебной мебели.", "Слушаю.",
                         "Утверждает попечительский совет школы, раз в квартал."), ["попечительский совет"], []),
    # a name in an oblique case
    ("dative_deputy", _deal("Марк, добрый день.", "Да, Марк.",
                            "Я уже передал заместителю, Игорю Степановичу Рябову, он и решает."),
     ["Игорь Степанович"], ["Марк"]),
    ("to_owner", _deal("Добрый день, «ВетСнаб».", "Слушаю.",
                       "Это к хозяйке, к Людмиле Аркадьевне, она подписывает."), ["Людмила Аркадьевна"], []),
    ("word_is_his", _deal("Здравствуйте, типография «Оттиск».", "Да.",
                          "Последнее слово за Олегом Витальевичем, нашим директором."), ["Олег Витальевич"], []),
    ("with_her", _deal("Добрый день, «Пекарь-Сервис».", "Слушаю.",
                       "Решение у Марины Сергеевны, главного технолога."), ["Марина Сергеевна"], []),
    ("without_his_sign", _deal("Арсений, добрый день.", "Да.",
                               "Без подписи Виталия Германовича у нас ничего не проходит."),
     ["Виталий Германович"], ["Арсений"]),
]


# A second batch, written after the mechanisms were built (a car service, a kindergarten, a sawmill, a fitness club,
# a pharmacy chain): how the mechanisms do on phrasings they were not built on.
LATER_CASES: list[tuple[str, list[RecordingTranscript], list[str], list[str]]] = [
    ("b_self_ya", _deal("Ильдар Фаридович, добрый день, «АвтоДеталь».", "Да.",
                        "Ну я. Сын на приёмке сидит, а закупки мои."), ["Ильдар Фаридович"], ["Сын"]),
    ("b_self_mne", _deal("Нонна Александровна, здравствуйте.", "Слушаю.",
                         "Садик частный, мой. Воспитатели у меня хорошие, но мне и выбирать."),
     ["Нонна Александровна"], ["Воспитател"]),
    ("b_self_without_board", _deal("Тимофей Ильич, доброе утро.", "Доброе.",
                                   "Такие суммы я согласую сам, без правления."), ["Тимофей Ильич"], ["правлен"]),
    ("b_self_over_helper", _deal("Снежана Олеговна, добрый день.", "Да, здравствуйте.",
                                 "Выбираю я. Администратор Лера только звонки принимает."),
     ["Снежана Олеговна"], ["Лера"]),
    ("b_handoff_third_verb", _deal("Богдан, добрый день.", "Богдан, слушаю.",
                                   "Это к владельцу, Руслану Маратовичу. Он подписывает, я тут по складу."),
     ["Руслан Маратович"], ["Богдан"]),
    ("b_handoff_through_me", _deal("Ярослава, здравствуйте.", "Да.",
                                   "Хозяйка, Ангелина Викторовна, всех поставщиков через меня проверяет, а решает сама."),
     ["Ангелина Викторовна"], ["Ярослава"]),
    ("b_handoff_told", _deal("Гарик, привет.", "Привет.",
                             "Я директору уже показывал, Эмилю Рустамовичу, он и утверждает."),
     ["Эмил"], ["Гарик"]),
    ("b_committee_bare", _deal("Добрый день, «ФармаЛогист».", "Да.",
                               "У нас всё через закупочный комитет сети. Аптеки заявки дают, а утверждает комитет."),
     ["закупочный комитет"], []),
    ("b_without_no", _deal("Добрый день.", "Слушаю.",
                           "Без согласия учредителя у нас ни один договор не подписывается."), ["учредитель"], []),
    ("b_oblique_for", _deal("Добрый день.", "Да.",
                            "Решение за Зинаидой Петровной, нашей управляющей."), ["Зинаида Петровна"], []),
]


def _later_call() -> list[RecordingTranscript]:
    first = call(("manager", "Добрый день, «ОтельСнаб», по бельевому обороту."), ("client", "Да, слушаю."),
                 ("manager", "Кто у вас такие договоры утверждает?"), ("client", "Управляющий."),
                 ("manager", "Понял, пришлю ему расчёт."))
    second = call(("manager", "Добрый день, это снова «ОтельСнаб»."), ("client", "Да, помню."),
                  ("manager", "Расчёт дошёл?"),
                  ("client", "Дошёл. Наш управляющий, Тагир Русланович, посмотрел, подписывать будет он."))
    return [first, second]


CASES.append(("name_in_later_call", _later_call(), ["управляющий", "Тагир Русланович"], []))


def _two_calls(first: str, asked_again: str, reply: str) -> list[RecordingTranscript]:
    one = call(("manager", "Добрый день, «СпортСнаб», Никита."), ("client", "Да, слушаю."),
               ("manager", "А кто у вас такие покупки утверждает?"), ("client", first),
               ("manager", "Понял, пришлю расчёт."))
    two = call(("manager", "Добрый день, это снова Никита, «СпортСнаб»."), ("client", "Да, помню."),
               ("manager", asked_again), ("client", reply))
    return [one, two]


LATER_CASES += [
    ("b_role_asked_then_named", _two_calls("Хозяйка, она решает.", "Хозяйке расчёт показали?",
                                           "Показала. Лидия Марковна сказала, что дорого, но подумает."),
     ["Лидия Марковна"], []),
    ("b_role_then_named_in_turn", _two_calls("Директор, конечно.", "Расчёт дошёл?",
                                             "Дошёл. Директор вернулся из отпуска, Геннадий Павлович, посмотрит на неделе."),
     ["Геннадий Павлович"], []),
]


def _authority(calls: list[RecordingTranscript]) -> tuple[str, int | None]:
    result = analyze_deal(calls, bant()).question("authority")
    if result is None or result.value is None:
        return "", None
    shown = result.primary_answer
    return str(result.value.get("text", "")), None if shown is None else shown.recording


def _right(calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> bool:
    got, _ = _authority(calls)
    low = got.lower()
    return all(w.lower() in low for w in want) and not any(b.lower() in low for b in bad)


MISSED: set[str] = set()


@pytest.mark.parametrize(("label", "calls", "want", "bad"), CASES, ids=[c[0] for c in CASES])
def test_decider_case(label: str, calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> None:
    if label in MISSED:
        pytest.xfail("not read yet")
    got, _ = _authority(calls)
    assert _right(calls, want, bad), got


LATER_MISSED: set[str] = set()


@pytest.mark.parametrize(("label", "calls", "want", "bad"), LATER_CASES, ids=[c[0] for c in LATER_CASES])
def test_decider_case_written_after(label: str, calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> None:
    if label in LATER_MISSED:
        pytest.xfail("not read yet")
    got, _ = _authority(calls)
    assert _right(calls, want, bad), got


def test_the_answer_stays_pinned_in_the_call_that_gave_the_role() -> None:
    _, recording = _authority(_later_call())
    assert recording == 0


def test_a_pronoun_in_the_instrumental_stands_for_the_one_named_before() -> None:
    """«за ним» (pymorphy also reads «ним» as «они» in the dative): the person named before it, over the speaker who
    decides a part («Технически решаю я»). Written after the fix, not counted among the own cases."""
    got, _ = _authority(_deal("Добрый день.", "Да.", "По мелочи решаю я. А по крупному — совет, там главный Остап "
                                                     "Ильич. Последнее слово за ним."))
    assert "Остап Ильич" in got
