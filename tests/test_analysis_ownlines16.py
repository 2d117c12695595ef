"""Round 16 (eng16c): our own lines that ask nothing, and replies that date another event.

Own check cases, written before tuning in trades and a register unlike the sets' (a vet clinic, a florist, a ski
school, a pool service, a bakery, a barber shop, a car wash, a skating rink; plain spoken Russian): our callbacks
and «когда лучше застать» ask no timing; read-backs, generic remarks about other firms, payback and «в будущем»
remarks ask nothing; small talk and congratulations ask no need; «с кем работаете» asks no decider; the client's
own callback or «в этом году я решил», «раньше времени» date no purchase; a later remark of ours does not displace
the first substantive reply. Plain questions in the same trades stay asked and answered. Each case is a short
stereo call."""

from __future__ import annotations

from typing import Any

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal
from tests.analysis_calls import call

M, C = "manager", "client"
NOT_ASKED = "not asked"
# (topic, turns, want): NOT_ASKED; None = not answered; True = answered; a str = the card's quote opens with it
OWN: list[tuple[str, list[tuple[str, str]], Any]] = [
    # our callbacks and contact times
    ("timing", [(M, "Понял вас. Я наберу вас ближе к осени, когда будете считать сезон."), (C, "Хорошо, наберите.")],
     NOT_ASKED),
    ("timing", [(M, "А когда вашего завхоза лучше застать?"), (C, "Завтра с утра, до десяти.")], NOT_ASKED),
    ("timing", [(M, "Когда вам удобнее перезвонить?"), (C, "После обеда в четверг.")], NOT_ASKED),
    # read-backs, generic remarks, payback, «в будущем»
    ("timing", [(M, "Сколько готовы потратить на корма в месяц?"), (C, "Тысяч сто, не больше."),
                (M, "То есть сто — это потолок, и до весны его никто менять не станет."), (C, "Да, так.")], NOT_ASKED),
    ("timing", [(M, "Обычно ветклиники закупают такие аппараты весной, перед сезоном прививок."),
                (C, "Ну у нас по-другому.")], NOT_ASKED),
    ("timing", [(M, "Такая печь обычно окупается за полтора года."), (C, "Я двадцать лет пеку, знаю.")], NOT_ASKED),
    ("timing", [(M, "Возможно, в будущем, когда откроете второй цех, это станет актуальным."), (C, "Может быть.")],
     NOT_ASKED),
    # the client dates another event
    ("timing", [(M, "Что скажете по нашему предложению на корма?"), (C, "Я в понедельник вернусь из отпуска, посмотрю.")],
     None),
    ("timing", [(M, "Что вас не устраивает в нынешних ножницах?"),
                (C, "В этом году я так решил: лучше один раз вложиться в нормальный инструмент.")], None),
    ("timing", [(M, "Кто у вас принимает решение по закупке?"),
                (C, "Хозяин, но он не любит, когда его раньше времени дёргают.")], None),
    ("timing", [(M, "Когда планируете обновить тренажёры?"), (C, "Я вам сам перезвоню в пятницу, сейчас не могу.")], None),
    # small talk, congratulations, competitors
    ("need", [(M, "Как погода у вас, снег уже выпал?"), (C, "Да, навалило по колено.")], NOT_ASKED),
    ("need", [(M, "Поздравляю с открытием второго зала, это ведь большой шаг."), (C, "Больше нервов, чем радости.")],
     NOT_ASKED),
    ("authority", [(M, "А с кем вы сейчас работаете по химии, если не секрет?"), (C, "С «Аква-Сервисом».")], None),
    # a later remark of ours does not displace the first substantive reply
    ("authority", [(M, "Кто у вас решает по закупке инвентаря?"), (C, "Директор школы, Павел Андреевич."),
                   (M, "Понимаю, с ним непросто договориться."), (C, "Ладно, я ему передам.")], "Директор школы"),
    ("need", [(M, "Что вас не устраивает в нынешнем поставщике цветов?"),
              (C, "Привозят вялые розы, половину выкидываем."), (M, "Я понимаю, это обидно."), (C, "Ну да, обидно.")],
     "Привозят"),
    # plain questions stay asked and answered
    ("timing", [(M, "Когда планируете закупить новые коньки?"), (C, "К декабрю, до открытия катка.")], "К декабрю"),
    ("authority", [(M, "Кто у вас подписывает договоры?"), (C, "Я сама подписываю.")], True),
    ("timing", [(M, "Когда думаете менять кресла?"), (C, "В этом году, летом.")], True),
    ("timing", [(M, "Я вам наберу через неделю, а закупку когда планируете?"), (C, "В мае.")], True),
    ("timing", [(M, "Когда планируете ремонт бассейна?"), (C, "В июне, когда сезон закончится.")], True),
]


def _right(topic: str, turns: list[tuple[str, str]], want: Any) -> bool:
    result = analyze_deal([call(*turns)], bant()).question(topic)
    if want == NOT_ASKED:
        return result is None or not result.asked
    if result is None:
        return want is None
    if want is None:
        return not result.answered
    if want is True:
        return result.answered
    shown = result.primary_answer
    return shown is not None and shown.quote.startswith(want)


OWN_FLOOR = 20  # of 21 at eng16c (15 on main): «В этом году я так решил: …» still dates timing


def test_own_cases_floor() -> None:
    misses = [case[:2] for case in OWN if not _right(*case)]
    assert len(OWN) - len(misses) >= OWN_FLOOR, misses


if __name__ == "__main__":
    for case in OWN:
        print("ok  " if _right(*case) else "MISS", case[0], case[1][0][1][:60], "|", case[1][1][1][:40])
