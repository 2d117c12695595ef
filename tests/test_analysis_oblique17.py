"""BANT questions asked obliquely, decided by the client's reply (round 17, eng17d).

Written before the engine change, in trades and registers unlike H18–H23's (a fitness club's treadmills, a car
wash's compressor, a print shop's lighting, a dance school's sound, a farm's milking line; the "ты" of two
tradesmen, a polite office voice, lower-case lines without punctuation as Whisper writes them). The manager asks
as a guess for the client to correct, as hearsay («вы в заявке писали, что…», «мне передали…»), as a read-back
alternative («то есть … переносится, или …»), as a wish («хорошо бы понимать…»), as a remark inviting a story
(«что там за история?», «рассказывай, с чего вдруг…») or in spoken words («есть из чего платить», «самому можно
подписать, или директора дёргать»). The reply decides: one that corrects, confirms with substance or tells the
story makes the line ask its topic; one that merely acknowledges our remark, offer or read-back does not."""

from __future__ import annotations

from tests.analysis_calls import bank_asked

# (our line, the client's reply, topics asked on our line: exact, or "-topic" entries: that topic is not asked)
OBLIQUE: list[tuple[str, str, list[str]]] = [
    # hearsay
    ("Вы в заявке писали, что компрессор на мойке глохнет. Я из письма не очень понял, что там происходит.",
     "Да он раз в день вырубается, машины в очереди стоят, клиенты разворачиваются и уезжают.", ["need"]),
    ("Мне Олеся с ресепшена передала, что у вас беговые дорожки сыплются.",
     "Ну да, из восьми три стоят, ремни рвутся, люди жалуются администратору.", ["need"]),
    ("Мне в закупках сказали, что решение по оборудованию за вами.",
     "Нет, я только собираю предложения, утверждает генеральный, Сергей Олегович.", ["authority"]),
    ("Вы в анкете отметили, что бюджет пока не определён.",
     "Ну примерно полмиллиона на всё, но это не точно.", ["budget"]),
    # a guess for the client to correct
    ("Вам, я так думаю, это всё не раньше осени понадобится.",
     "Почему, мы хотим к первому мая уже запуститься.", ["timing"]),
    ("Я так понимаю, полы у вас пока моют вручную, поправьте, если не так.",
     "Не совсем, машина есть, но старая, аккумулятор сдох, полдня ездит и встаёт.", ["need"]),
    # a read-back alternative
    ("То есть ремонт зала переносится на весну, или вы в этом сезоне вообще без обновления?",
     "Если кредит одобрят в марте, то в апреле начнём.", ["timing"]),
    ("то есть открытие точки сдвигается на февраль или вы всё-таки в январе стартуете",
     "в январе числа пятнадцатого аренда уже с первого идёт", ["timing"]),
    # a wish
    ("И по деньгам хорошо бы хоть порядок цифр знать, чтобы я вам лишнего не насчитал.",
     "Тысяч триста потянем, не больше.", ["budget"]),
    ("Хотелось бы понять, что у вас сейчас с освещением в цеху, чтобы не гадать.",
     "Лампы мигают, половина перегорела, в цеху темно, люди глаза портят.", ["need"]),
    # a remark inviting a story
    ("Коллега вскользь упомянул проверку. Что там за история?",
     "Пришли пожарные, нашли, что вентиляция не по нормам, выписали предписание и штраф.", ["need"]),
    ("Рассказывай, с чего вдруг решил зал переделывать.",
     "Да старые тренажёры разваливаются, один на клиенте сломался, чуть до суда не дошло.", ["need"]),
    # spoken words
    ("А на ремонт у вас есть из чего платить, хоть какой-то запас, или всё на зарплаты уходит?",
     "Запас есть, тысяч четыреста отложили.", ["budget"]),
    ("Ты такую сумму сам можешь подписать, или надо директора дёргать?",
     "Не, такие суммы только Виктор Палыч подписывает, владелец.", ["authority"]),
    # our remarks, offers and read-backs the client merely acknowledges: nothing asked
    ("Мне коллега передала, что вы ищете подрядчика на вентиляцию.", "Да, всё верно.", []),
    ("То есть на следующей неделе я вам присылаю расчёт, или лучше сразу договор?", "Давайте сначала расчёт.", []),
    ("Хорошо бы нам до пятницы с вами встретиться на объекте.", "Давайте, в четверг удобно.", []),
    ("А если мы вам сначала один зал оборудуем, на пробу?", "Можно, почему бы и нет.", []),
    ("Вы писали, что вам нужен счёт на юрлицо.", "Да, на ООО, реквизиты я скинула.", []),
    ("Ну, хорошо бы, конечно, чтобы погода не подвела на монтаже.", "Да уж, в прошлом году весь август лило.", []),
    ("То есть оплату вы делаете после подписания акта, правильно?", "Да, по акту, как обычно.", []),
    ("Я так понимаю, вы сейчас за рулём, могу перезвонить.", "Да, давайте через час.", []),
    ("Вы говорили, что зал у вас метров на двести.", "Да, двести с небольшим.", []),
    ("Что там за история с парковкой у вас, мне охранник на входе рассказывал?", "Да ерунда, уже всё решили.", []),
]


def own_pairs() -> tuple[int, list[str]]:
    """How many of ``OBLIQUE`` the engine gets right, and the misses."""
    misses = []
    for line, reply, want in OBLIQUE:
        got = bank_asked(line, reply=reply)
        ok = all(w[1:] not in got for w in want) if any(w.startswith("-") for w in want) else got == sorted(want)
        if not ok:
            misses.append(f"{line} / {reply}: {got} != {want}")
    return len(OBLIQUE) - len(misses), misses


def test_own_oblique_pairs() -> None:
    right, misses = own_pairs()
    assert right >= len(OBLIQUE) - 4, misses
