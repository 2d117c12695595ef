"""Refusal checks and deciders over whole mini-deals (round 17, the «flags»).

Written before the engine change, in trades and a register unlike H18–H23's (a veterinary clinic's ultrasound, a
yacht club's winter storage, a bakery's oven service, a driving school's cars, a school canteen, a print shop): each
case is one or two calls, the CRM's refusal reason and the verdict the calls give (supported / unsupported /
contradicted / not_checkable), or the decider the card must show. The cases exercise what a check must see per reason:
a «не надо» followed by a problem described in other words or in reply to our need question, a «просто» that is no
downtime, a date the client wants soon said without being asked, a date put off, a competitor chosen or not, a call
nobody took, a price objection, the one who decides, and which mention of a decider is the answer (a later «в это не
лезет» or «он сказал …» is no answer)."""

from __future__ import annotations

from qa_desk.analysis import analyze_deal, bant
from qa_desk.domain.transcript import RecordingTranscript
from tests.analysis_calls import call

HI = ("manager", "Добрый день, это Артём, компания «ВетТехника», удобно говорить?")


def _deal(calls: list[list[tuple[str, str]]], reason: str, dates: list[str] | None = None) -> tuple[str | None, str]:
    recordings: list[RecordingTranscript] = [call(*turns) for turns in calls]
    analysis = analyze_deal(recordings, bant(), reason, call_dates=dates or [])
    authority = analysis.question("authority")
    decider = str(((authority.value if authority else None) or {}).get("text", ""))
    return (analysis.reason_check or {}).get("status"), decider


# (calls, reason, call dates, the verdict wanted, a decider wanted: words it must hold, or None)
CASES: list[tuple[list[list[tuple[str, str]]], str, list[str], str, str | None]] = [
    # no need, then a problem in other words: contradicted
    ([[HI, ("client", "Слушаю. Только нам, наверное, ничего не нужно, аппарат у нас есть."),
       ("manager", "А как он вообще, справляется?"),
       ("client", "Справляется... Датчик треснул в январе, картинка рябит, собак на снимки в соседнюю клинику возим.")]],
     "нет потребности", [], "contradicted", None),
    # no need, and the rest is small talk with «просто»: supported
    ([[HI, ("client", "Да, говорите."), ("manager", "Хотели предложить вам обслуживание УЗИ-аппаратов."),
       ("client", "Нам это не нужно, у нас договор с заводом, они приезжают сами. Просто позвоните через год, может быть.")]],
     "нет потребности", [], "supported", None),
    # «просто» is no downtime: a share-out that pleases everyone says no problem
    ([[HI, ("client", "Слушаю вас."), ("manager", "Вы в этом году зимнее хранение яхт где планируете?"),
       ("client", "Нигде, яхты остаются на воде, нам хранение не нужно. Мы просто поставим их у своего пирса, и все довольны.")]],
     "нет потребности", [], "supported", None),
    # asked for the problem, the client describes one: contradicted (a reason «нет потребности»)
    ([[HI, ("client", "Да."), ("manager", "Что у вас сейчас с печами, какие сложности?"),
       ("client", "Конвекционная греет неравномерно, половина багетов подгорает, тесто выбрасываем каждый день.")]],
     "нет потребности", [], "contradicted", None),
    # a date soon said unasked: «не сейчас» contradicted
    ([[HI, ("client", "Да, удобно. Только вы не затягивайте, нам машины к апрелю нужны, группы набраны."),
       ("manager", "Сколько машин вы рассматриваете?"), ("client", "Три, на механике.")]],
     "не сейчас", ["2026-03-10 11:00"], "contradicted", None),
    # a date put off: supported
    ([[HI, ("client", "Да."), ("manager", "Когда вы хотели бы обновить автопарк?"),
       ("client", "Не раньше следующего года, сейчас денег нет, до осени точно ничего.")]],
     "не сейчас", ["2026-03-10 11:00"], "supported", None),
    # timing never said: unsupported
    ([[HI, ("client", "Да."), ("manager", "Сколько у вас инструкторов?"), ("client", "Семь человек, и два автодрома.")]],
     "не сейчас", ["2026-03-10 11:00"], "unsupported", None),
    # a competitor chosen: supported
    ([[HI, ("client", "Да, здравствуйте. Мы уже определились, в понедельник подписали с «Пекарь-Сервисом».")]],
     "выбрали конкурента", [], "supported", None),
    # nobody chosen: contradicted
    ([[HI, ("client", "Да. Мы пока ни с кем не договаривались, смотрим варианты, пришлите своё предложение.")]],
     "выбрали конкурента", [], "contradicted", None),
    # the call reached a live client: «не дозвонились» contradicted
    ([[HI, ("client", "Да, удобно. Что вы хотели?"), ("manager", "Мы обслуживаем пищеблоки школ."),
       ("client", "Понятно, пришлите на почту, я гляну.")]],
     "не дозвонились", [], "contradicted", None),
    # «дорого» said of our price: supported
    ([[HI, ("client", "Да."), ("manager", "Обслуживание трёх печей выйдет сорок восемь тысяч в месяц."),
       ("client", "Ого. Это дорого для нас, мы на такое не пойдём.")]],
     "дорого", [], "supported", None),
    # «другое»: not checkable
    ([[HI, ("client", "Да."), ("manager", "Вам удобно в четверг?"), ("client", "Давайте в четверг.")]],
     "другое", [], "not_checkable", None),
    # the speaker decides: «не ЛПР» contradicted
    ([[HI, ("client", "Да, слушаю."), ("manager", "Кто у вас решает по закупке оборудования?"),
       ("client", "Я и решаю, клиника моя, я главврач.")]],
     "не ЛПР", [], "contradicted", None),
    # another person decides: «не ЛПР» supported, the decider named
    ([[HI, ("client", "Да."), ("manager", "А кто у вас принимает решение по ремонту печей?"),
       ("client", "Это к хозяину, к Виктору Павловичу, я тут только пеку.")]],
     "не ЛПР", [], "supported", "Виктор Павлович"),
    # a later call's «в это не лезет» is no answer: the first reply stands
    ([[HI, ("client", "Да."), ("manager", "А решение по хранению кто принимает?"),
       ("client", "Командор клуба, Сергей Иванович Лавров.")],
      [HI, ("client", "Да, помню."), ("manager", "Может, с вашим партнёром по клубу тогда поговорить?"),
       ("client", "Партнёр в это не лезет, у него свой бизнес, ему не до яхт.")]],
     "нет потребности", [], "unsupported", "Сергей Иванович"),
    # a later call's «он сказал, что …» reports words, it does not say who decides
    ([[HI, ("client", "Да."), ("manager", "Кто у вас утверждает закупку машин?"),
       ("client", "Утверждает директор автошколы, Олег Романович, только он.")],
      [HI, ("client", "Алло."), ("manager", "А бухгалтер ваш что думает про лизинг?"),
       ("client", "Не знаю. Бухгалтер сказал, что дорого выходит.")]],
     "не сейчас", [], "unsupported", "Олег Романович"),
    # a later call that says the decider changed does replace the answer
    ([[HI, ("client", "Да."), ("manager", "Кто у вас подписывает договоры на питание?"),
       ("client", "Подписывает директор школы, Нина Петровна.")],
      [HI, ("client", "Да, слушаю."), ("manager", "Договор Нина Петровна подпишет?"),
       ("client", "Нина Петровна ушла на пенсию, теперь всё подписывает новый директор, Игорь Олегович.")]],
     "другое", [], "not_checkable", "Игорь Олегович"),
    # a self-claim with the role confirmed: the role shown with the speaker
    ([[("manager", "Добрый день, Лариса Викторовна? Это Артём, «ПринтСервис»."),
       ("client", "Да, я. Заведующая типографией, да."), ("manager", "Кто у вас решает по обслуживанию машин?"),
       ("client", "Решаю я, договоры тоже я подписываю.")]],
     "не ЛПР", [], "contradicted", "Лариса Викторовна"),
    # no budget said as none: supported
    ([[HI, ("client", "Да."), ("manager", "Какой бюджет вы закладываете на обслуживание?"),
       ("client", "Никакого, денег на это нет вообще, нам бы зарплаты закрыть.")]],
     "нет бюджета", [], "supported", None),
    # a budget named: «нет бюджета» contradicted
    ([[HI, ("client", "Да."), ("manager", "Какой бюджет вы закладываете на обслуживание?"),
       ("client", "Тысяч тридцать в месяц готовы, больше никак.")]],
     "нет бюджета", [], "contradicted", None),
]

# Written AFTER the change (a regression check of the mechanisms, not independent evidence): the thing needed said
# before «нужно/нужна», a date in a condition or of a telling by others, a negated imperative of delay.
AFTER: list[tuple[list[list[tuple[str, str]]], str, list[str], str, str | None]] = [
    ([[HI, ("client", "Да. Нам, в принципе, ничего особо не надо."), ("manager", "А с холодом в зале как?"),
       ("client", "Витрина новая нам, конечно, нужна, старая морозит через раз.")]],
     "нет потребности", [], "contradicted", None),
    ([[HI, ("client", "Да."), ("manager", "Когда вы планируете закупку?"),
       ("client", "Если до апреля закажем, то скидка будет, а так не знаю.")]],
     "не сейчас", ["2026-03-10 11:00"], "unsupported", None),
    ([[HI, ("client", "Да."), ("manager", "Когда решится с финансированием?"),
       ("client", "В департаменте говорят, в апреле скажут.")]],
     "не сейчас", ["2026-03-10 11:00"], "unsupported", None),
    ([[HI, ("client", "Да, только не откладывайте, у нас проверка на носу, нам к маю всё надо."),
       ("manager", "Понял, пришлю сегодня.")]],
     "не сейчас", ["2026-03-10 11:00"], "contradicted", None),
    ([[("manager", "Вера Павловна, добрый день, это Артём, «ВетТехника». Мне сказали, вы у них главный ветврач?"),
       ("client", "Главный ветврач, да. Слушаю."), ("manager", "Кто у вас решает по покупке оборудования?"),
       ("client", "Решаю я, и счета подписываю тоже я.")]],
     "не ЛПР", [], "contradicted", "главный ветврач Вера Павловна"),
]


def hits(cases: list[tuple[list[list[tuple[str, str]]], str, list[str], str, str | None]] | None = None,
         ) -> tuple[int, list[str]]:
    """How many of CASES the engine gets right (the verdict, and the decider where one is wanted), and the misses."""
    missed = []
    cases = CASES if cases is None else cases
    for k, (calls, reason, dates, status, decider) in enumerate(cases):
        got, shown = _deal(calls, reason, dates)
        if got != status or decider is not None and not set(decider.lower().split()) <= set(shown.lower().split()):
            missed.append(f"{k}: {reason}: {got} / «{shown}», want {status} / «{decider}»")
    return len(cases) - len(missed), missed


def test_own_flag_cases() -> None:
    right, missed = hits()
    assert right >= 18, missed  # 16 of 20 before round 17's change, 18 after


def test_after_cases() -> None:
    right, missed = hits(AFTER)
    assert right == len(AFTER), missed


if __name__ == "__main__":
    for group in (CASES, AFTER):
        n, m = hits(group)
        print(n, len(group))
        print("\n".join(m))
