"""A question asked as a guess, a story or an event, decided by the client's reply (round 15, confirmed.py).

Written before the engine change, in trades and registers unlike H18–H20's (a restaurant's freezers, farm seed
supply, a dental clinic's server, a print shop, a bakery's night shifts, a veterinary clinic's cleaning; blunt
trade talk, a polite office voice, lower-case lines without punctuation as Whisper writes them). The manager
states a guess («небось…», «я так понимаю…», «подозреваю…», «по идее…», «…или я придумываю»), ends a story, or
asks a situation fact; the PAIR decides: a reply that confirms and describes a problem, a role, a date or a sum
makes our line ask that topic, a bare «да» or a reply about something else does not, and a situation question
asks the need only when its reply describes a problem (and never moves the need's answer off a described one)."""

from __future__ import annotations

from qa_desk.analysis import analyze_deal, bant
from tests.analysis_calls import bank_asked, call

# (our line, the client's reply, topics asked on our line: exact, or "-topic" entries: that topic is not asked)
CONFIRMED: list[tuple[str, str, list[str]]] = [
    ("Небось, морозилка опять в самый сезон встала.",
     "Да, в июле обе камеры потекли, продукты списали тысяч на сорок.", ["need"]),
    ("Я так понимаю, закупку у вас всё равно учредитель подписывает.",
     "Да, всё через Антона Сергеевича, без него ни одна бумага не уходит.", ["authority"]),
    ("По идее, вам к посевной уже всё завезти надо.",
     "Ну да, к середине апреля край, иначе сеять нечем.", ["timing"]),
    ("У вас, наверное, тоже курьеры опаздывают, или я придумываю.",
     "Не придумываете, половина заказов на час позже приезжает, клиенты ругаются.", ["need"]),
    ("Вот мне любопытно, как у вас с уборкой в операционных.",
     "Плохо, честно: клининг приходит раз в неделю, СЭС уже делала замечание.", ["need"]),
    ("Сервер-то свой не выдержал, так? Или провайдер подвёл.",
     "Свой, диск посыпался, два дня регистратура стояла.", ["need"]),
    ("Подозреваю, у вас с накладными та же беда, что у соседей.",
     "Та же, теряем по десятку в месяц, потом штрафы платим.", ["need"]),
    ("Вы ж, небось, это с главврачом вместе решаете.",
     "Нет, главврач не лезет, решает заведующая хозяйством, Нина Петровна.", ["authority"]),
    ("Сейчас, по идее, самое время менять, пока склад пустой.",
     "Ну да, в феврале у нас затишье, до марта хотим успеть.", ["timing"]),
    ("Мне кажется, вы в этом году в смету на ремонт уже не влезете.",
     "Не влезем, там осталось тысяч восемьдесят от силы.", ["budget"]),
    ("у вас что-то похожее было или я фантазирую",
     "было в марте весь интернет лёг на три дня касса не работала", ["need"]),
    ("небось к новому году хотите запуститься",
     "да до двадцатого декабря кровь из носа", ["timing"]),
    # not confirmed, or no topic's substance in the reply: our statement followed by «да» asks nothing
    ("Мы, кстати, в прошлом месяце открыли склад в Химках.", "Да, видела рекламу.", []),
    ("У нас доставка бесплатная от десяти коробок.", "Да, хорошо.", []),
    ("Я так понимаю, вы меня сейчас из машины слушаете.", "Да, еду, говорите.", []),
    ("Погода сегодня, конечно, мерзкая.", "Да уж, льёт с утра.", []),
    ("Небось, у вас перед праздниками на складе суета.", "Да нет, спокойно, справляемся.",
     ["-budget", "-authority", "-timing"]),
    ("Я так понимаю, вы нам письмо вчера отправляли.", "Да, отправляла, с реквизитами.", []),
    # situation questions: the need only when the reply describes a problem
    ("А кухня у вас одна или ещё точки есть?", "Две точки, на Ленина и в центре.", ["-need"]),
    ("Вы сами возите или через транспортную компанию?", "Через транспортную, «Деловые линии».", ["-need"]),
    ("Склад у вас отапливаемый?", "Да, отапливаемый.", ["-need"]),
    ("Парковка во дворе у вас есть?",
     "Есть, но зимой её не чистят, фуры застревают, два раза штраф за простой платили.", ["need"]),
    ("Полы в цехе бетонные или плитка?",
     "Плитка, и она вся в трещинах, погрузчик колёса бьёт, ремонтируем каждый месяц.", ["need"]),
    ("Смены у вас по двенадцать часов?",
     "По двенадцать, люди к концу смены еле ходят, брак растёт.", ["need"]),
]


def own_pairs() -> tuple[int, list[str]]:
    """How many of ``CONFIRMED`` the engine gets right, and the misses."""
    misses = []
    for line, reply, want in CONFIRMED:
        got = bank_asked(line, reply=reply)
        ok = all(w[1:] not in got for w in want) if any(w.startswith("-") for w in want) else got == sorted(want)
        if not ok:
            misses.append(f"{line} / {reply}: {got} != {want}")
    return len(CONFIRMED) - len(misses), misses


def test_own_confirmed_pairs() -> None:
    right, misses = own_pairs()
    assert right >= len(CONFIRMED) - 3, misses  # 22 of 24 when written (round 15)


def _need_quote(*turns: tuple[str, str]) -> str | None:
    result = next(q for q in analyze_deal([call(*turns)], bant()).questions if q.id == "need")
    shown = result.primary_answer
    return None if shown is None else shown.quote


def test_situation_reply_keeps_the_described_problem() -> None:
    quote = _need_quote(
        ("manager", "Добрый день, это «ТеплоСервис», Андрей. Удобно говорить?"), ("client", "Да, слушаю."),
        ("manager", "Что у вас сейчас с отоплением не так?"),
        ("client", "Котёл старый, зимой в цехе плюс десять, рабочие мёрзнут."),
        ("manager", "А котёл у вас газовый или дизельный?"), ("client", "Газовый, девяносто восьмого года."))
    assert quote is not None and "Котёл старый" in quote


def test_confirmed_guess_after_a_problem_keeps_it() -> None:
    quote = _need_quote(
        ("manager", "Здравствуйте, типография «Оттиск», Ольга. Минутка есть?"), ("client", "Да, говорите."),
        ("manager", "Вас сейчас в печати что больше всего не устраивает?"),
        ("client", "Сроки срывают, буклеты к выставке привезли на день позже."),
        ("manager", "Я так понимаю, у вас и бумага своя, не наша?"), ("client", "Да, своя, мелованная."))
    assert quote is not None and "Сроки срывают" in quote
