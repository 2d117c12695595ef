"""Round 15 (eng15c): the reply's act and which reply the card shows.

Own check cases, written before tuning in trades and a register unlike the sets' (a school canteen, a car wash, a
dental clinic, a hotel laundry, a printing house, a riding stable, a bakery; plain spoken Russian): non-answers
that must stay unanswered (a dodge, a hand-off, a switchboard request, a counter-question, hyperbole as a sum),
real answers that must be taken (reported speech, a self-correction, a past spend "и сейчас так же"), the first
substantive reply kept over the reply to our pushback or read-back (a correction still replaces it), and an
answer volunteered inside another reply. Each case is a short stereo call."""

from __future__ import annotations

from typing import Any

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal
from tests.analysis_calls import call

M, C = "manager", "client"
# (topic, turns, want): want None = not answered; True = answered; an int = the budget's amount; a str = the card's
# quote opens with it
OWN: list[tuple[str, list[tuple[str, str]], Any]] = [
    # (1) non-answers
    ("timing", [(M, "Когда думаете менять посудомойку в столовой?"), (C, "Ой, давайте не сейчас, у нас обед.")], None),
    ("timing", [(M, "Когда планируете расширять мойку на второй бокс?"), (C, "Да кто его знает. Может, скоро.")], None),
    ("budget", [(M, "Сколько клиника готова вложить в новый томограф?"), (C, "Я не готова это комментировать.")], None),
    ("timing", [(M, "К какому сроку нужна новая гладильная машина?"),
                (C, "Хотелось бы вчера. А по факту понятия не имею.")], None),
    ("budget", [(M, "Какую сумму типография готова выделить на новый резак?"),
                (C, "Это вам лучше с Тамарой Львовной поговорить, она финансы ведёт.")], None),
    ("need", [(M, "Что у вас сейчас не так с кормами для лошадей?"),
              (C, "Девушка, мне бы кого-нибудь из отдела доставки, соедините.")], None),
    ("need", [(M, "Какие у вас сложности с тестомесами?"),
              (C, "А вы сами-то как думаете? Вы мне лучше скажите, сколько ваши стоят.")], None),
    ("budget", [(M, "Сколько вы готовы потратить на уборку конюшни в месяц?"), (C, "Толку от этой уборки никакого.")], 0),
    ("budget", [(M, "А на новую печь какие деньги рассматриваете?"), (C, "За такие деньги — точно нет.")], 0),
    # (1) real answers
    ("budget", [(M, "Какой бюджет на оборудование столовой?"),
                (C, "Директор сказал, что больше трёхсот тысяч не выделит.")], 300_000),
    ("budget", [(M, "Сколько готовы потратить на химию для мойки?"),
                (C, "Четыреста… нет, вру, четыреста пятьдесят тысяч.")], 450_000),
    ("budget", [(M, "Сколько закладываете на обновление кресел?"),
                (C, "В прошлом году двести тысяч ушло. Вот и сейчас примерно так же.")], 200_000),
    ("budget", [(M, "Какие деньги есть на ремонт прачечной?"),
                (C, "Сто двадцать, точнее сто тридцать тысяч.")], 130_000),
    ("budget", [(M, "Сколько готовы отдать за новую вывеску?"),
                (C, "Бухгалтер говорит, до конца квартала тысяч восемьдесят можно потратить.")], 80_000),
    # (2) the first substantive reply stays; a correction replaces it
    ("budget", [(M, "Сколько у вас заложено на новые сёдла?"), (C, "Денег на это нет совсем."),
                (M, "Как совсем нет?"), (C, "Ну вот так, ноль, в этом году ни рубля.")], "Денег на это нет"),
    ("budget", [(M, "На тестомес какой бюджет?"), (C, "Тысяч сто пятьдесят."),
                (M, "Сто пятьдесят, правильно понимаю?"), (C, "Да, сто пятьдесят.")], "Тысяч сто пятьдесят"),
    ("budget", [(M, "На плитку для мойки сколько заложили?"), (C, "Тысяч двести."),
                (M, "Двести, верно?"), (C, "Нет, двести пятьдесят, я ошибся.")], 250_000),
    ("timing", [(M, "Когда хотите поменять кассу в столовой?"), (C, "К первому сентября, к учебному году."),
                (M, "Правильно я понимаю, что созвониться лучше в августе?"), (C, "Да, в августе.")], "К первому сентября"),
    ("timing", [(M, "Когда планируете закупку красок?"), (C, "В марте."),
                (M, "А почему не раньше?"), (C, "Раньше склад не освободится.")], "В марте"),
    # (3) volunteered inside another reply
    ("timing", [(M, "Какой бюджет на кондиционеры в процедурных?"),
                (C, "Тысяч триста, но раньше мая мы всё равно ничего ставить не будем.")], True),
    ("authority", [(M, "Как вы обычно финансируете такие покупки, кредит или свои?"),
                   (C, "Свои, кредитов не берём. Решаю тут я, я хозяйка.")], True),
    # added after the first mechanisms (own wording, not from the sets): a date denied by "ни … ни", a name in address
    # mid-sentence, a hold before the date, "нечем платить", a date as the earliest, a figure said again
    ("timing", [(M, "Когда будете менять шторы в номерах?"), (C, "Ни в этом сезоне, ни в следующем, не до того.")], None),
    ("authority", [(M, "Кто подписывает договоры на корма?"),
                   (C, "Это, Олег, вопрос не телефонный, я не буду обсуждать.")], None),
    ("timing", [(M, "Когда закупаете новые сёдла?"), (C, "Сейчас посмотрю в плане… В апреле.")], "В апреле"),
    ("budget", [(M, "Сколько выделено на ремонт прачечной?"), (C, "Нечем нам платить за ремонт, всё в долгах.")],
     "Нечем нам платить"),
    ("timing", [(M, "Какой бюджет на новые кресла?"), (C, "Тысяч двести, но не раньше осени, кабинет раньше не закроем.")],
     True),
    ("budget", [(M, "Бюджет на новые печи какой?"), (C, "Полмиллиона, как в прошлом году."), (M, "Как, всего полмиллиона?"),
                (C, "Да, пятьсот тысяч, больше никак.")], "Полмиллиона"),
    # added after tuning on H18/H20 (own wording): a word on the person who told us, a date inside "не знаю, … ли"
    ("need", [(M, "Ваш технолог говорил, что тесто на линии рвётся. Что там у вас?"), (C, "Тимур всё путает.")], None),
    ("timing", [(M, "Когда планируете менять сушилки в прачечной?"),
                (C, "Я не знаю, останемся ли мы в этом здании к осени, нас могут выселить.")], None),
    # plain answers in the same frames stay answered
    ("timing", [(M, "Когда думаете менять посудомойку?"), (C, "В июле, на каникулах.")], True),
    ("need", [(M, "Что у вас не так с кормами?"), (C, "Поставщик овса дважды сорвал поставку, лошади на сене.")], True),
    ("budget", [(M, "Сколько готовы потратить на уборку?"), (C, "Тысяч сорок в месяц.")], 40_000),
]


def _right(topic: str, turns: list[tuple[str, str]], want: Any) -> bool:
    result = analyze_deal([call(*turns)], bant()).question(topic)
    if result is None:
        return False
    if want is None:
        return not result.answered
    if want == 0 and isinstance(want, int) and not isinstance(want, bool):
        return not result.answered or (result.value or {}).get("amount") != 0
    if want is True:
        return result.answered
    if isinstance(want, int):
        return result.answered and (result.value or {}).get("amount") == want
    shown = result.primary_answer
    return shown is not None and shown.quote.startswith(want)


OWN_FLOOR = 31  # of 32 at eng15c's last commit (19 on main): "Это, Олег, вопрос…" names the listener as decider


def test_own_cases_floor() -> None:
    misses = [case[:2] for case in OWN if not _right(*case)]
    assert len(OWN) - len(misses) >= OWN_FLOOR, misses
