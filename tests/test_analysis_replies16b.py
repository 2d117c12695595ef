"""Round 16 (eng16i): whether one client reply answers the question just asked, and which reply turn is the answer.

Own check cases, written before any tuning, in trades and a register unlike the sets' (a bowling alley, a theatre, a
yacht club, a tailoring atelier, a ski resort, a pet shop, a planetarium, a fish farm, a music school, a tattoo studio,
a zoo, an ice rink, a cinema; plain spoken Russian): role disclaimers and refusals to guess that must stay unanswered,
a past date told in a story that is no timing, and real answers the reply gives in a less usual shape (a comparison
with another spend, a figure after a colon, a plan under a condition, a figure two turns after a first "не считал").
Each case is a short stereo call."""

from __future__ import annotations

from typing import Any

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal
from tests.analysis_calls import call

M, C = "manager", "client"
# (topic, turns, want): None = not answered; True = answered; an int = answered with that budget amount
OWN: list[tuple[str, list[tuple[str, str]], Any]] = [
    # role disclaimers: the speaker's own role says who is NOT deciding, not who is
    ("authority", [(M, "Кто у вас решает по закупке новых дорожек?"),
                   (C, "Ой, это вообще не моё дело, я тут инструктор.")], None),
    ("budget", [(M, "Сколько театр может выделить на новый свет?"),
                (C, "Это не мне считать, я завпост, моё дело, чтобы горело.")], None),
    ("authority", [(M, "А кто у вас подписывает договор на обслуживание яхт?"),
                   (C, "Не я подписываю, я только шкипер.")], None),
    ("timing", [(M, "Когда ателье планирует менять оверлоки?"),
                (C, "Так я не решаю такие вещи, я швея.")], None),
    ("need", [(M, "Что у вас сейчас не так с вентиляцией в студии?"),
              (C, "Я тут администратор, я в технике ничего не понимаю.")], None),
    # refusals to guess
    ("timing", [(M, "Когда планируете обновлять прокат лыж?"), (C, "Загадывать не буду, сезон покажет.")], None),
    ("timing", [(M, "Когда будете закупать новые аквариумы?"),
                (C, "Не возьмусь предсказывать. Может, весной, а может, и через год.")], None),
    ("budget", [(M, "Сколько готовы потратить на новый проектор для купола?"),
                (C, "Цифру называть не стану, не хочу гадать.")], None),
    # a past date in a story is no timing
    ("timing", [(M, "Когда думаете менять кресла в зале?"),
                (C, "Да мы их в прошлом марте уже меняли, а в ноябре их опять порезали.")], None),
    ("timing", [(M, "Когда собираетесь закупать корм на сезон?"),
                (C, "Позапрошлой весной взяли много, а летом половина испортилась.")], None),
    # a comparison with another spend gives the figure
    ("budget", [(M, "Сколько вы готовы тратить на обслуживание катка?"),
                (C, "Сколько на заточку коньков уходит, тысяч тридцать в месяц, столько и на это.")], 30_000),
    ("budget", [(M, "Какую сумму заложили на костюмы к спектаклю?"),
                (C, "Не больше, чем на декорации ушло. А на декорации ушло четыреста тысяч.")], 400_000),
    # a figure after a colon
    ("budget", [(M, "Сколько выделено на ремонт раздевалок?"),
                (C, "Директор подписал смету: двести восемьдесят тысяч.")], 280_000),
    ("budget", [(M, "На новые пюпитры деньги есть?"), (C, "Есть, родители собрали: сто двадцать тысяч.")], 120_000),
    # a plan under a condition is a plan
    ("timing", [(M, "Когда планируете ставить новый подъёмник?"),
                (C, "Если грант дадут — к следующей зиме, не раньше.")], True),
    ("timing", [(M, "Когда хотите открывать второй зал?"), (C, "Если всё сложится, то летом, в июле.")], True),
    ("timing", [(M, "Когда будете обновлять прокатные лодки?"),
                (C, "Не раньше, чем банк одобрит кредит, а это месяца через три.")], True),
    # a first "не считал" followed by a real figure: the figure is the answer, not 0
    ("budget", [(M, "Какой бюджет на новые машинки для тату?"), (C, "Да я как-то не считал, честно."),
                (M, "Ну хотя бы примерно?"), (C, "Ну, тысяч семьдесят потяну.")], 70_000),
    ("budget", [(M, "Сколько вы готовы потратить на ремонт вольеров?"), (C, "Я специально не откладывала, вы поймите."),
                (M, "А если по максимуму?"), (C, "Ну тысяч сто пятьдесят наскребём.")], 150_000),
    # a disclaimer beside a named decider, a past date beside a future one: answers
    ("authority", [(M, "Кто решает по закупке инструментов?"),
                   (C, "Я не решаю, это директор школы, Вера Павловна.")], True),
    ("authority", [(M, "Кто у вас подписывает договоры?"), (C, "Подписываю я, я владелица.")], True),
    ("timing", [(M, "Когда планируете закупку экранов?"),
                (C, "В прошлом году не успели, так что в этом, в сентябре точно.")], True),
    ("authority", [(M, "Кто у вас принимает решение по лодкам?"), (C, "Решает правление клуба, я только передаю.")], True),
    ("timing", [(M, "А когда вам нужен новый проектор?"),
                (C, "Мне? Я киномеханик, не мне решать. Спросите у Олега Ивановича.")], None),
    ("budget", [(M, "Сколько готовы вложить в новые тренажёры?"), (C, "Тысяч шестьсот, не больше.")], 600_000),
    ("timing", [(M, "Когда будете менять сети на садках?"), (C, "Прошлой осенью меняли, теперь только через год.")],
     True),
    # added with the polite vocative (after tuning): a name with patronymic closing the sentence names the listener
    ("authority", [(M, "Кто у вас утверждает репертуар и закупки?"),
                   (C, "Это дело внутреннее, Игорь Семёнович. Бумаги шлите на почту.")], None),
    ("authority", [(M, "Кто у вас утверждает закупки?"), (C, "Утверждает наш худрук, Игорь Семёнович.")], True),
]

# A second batch, written after the mechanisms were built and never tuned on (a hostel, a bicycle rental, a
# stained-glass workshop, a window-cleaning firm, a karaoke bar, a dance school, a bath house, a photo studio).
FRESH: list[tuple[str, list[tuple[str, str]], Any]] = [
    ("authority", [(M, "Кто у вас утверждает закупку велосипедов?"), (C, "Да я-то при чём, я механик.")], None),
    ("authority", [(M, "Кто подписывает договор на мойку окон?"), (C, "Это не мне подписывать, я завхоз.")], None),
    ("need", [(M, "Что сейчас не устраивает в освещении зала?"),
              (C, "Я звукорежиссёр, я в свете совсем не разбираюсь.")], None),
    ("timing", [(M, "Когда планируете менять караоке-систему?"),
                (C, "Обещать ничего не буду. Может, к Новому году, а может, и нет.")], None),
    ("timing", [(M, "Когда хотите обновить фотофоны?"),
                (C, "Сказать не могу, это от владельца зависит. Может, летом.")], None),
    ("timing", [(M, "Когда планируете закупку новых матрасов?"),
                (C, "В позапрошлом году закупали, а в мае клопы, пришлось всё выкинуть.")], None),
    ("budget", [(M, "Сколько готовы тратить на химчистку ковров?"),
                (C, "Сколько на стирку белья уходит, тысяч пятнадцать в месяц, столько и на ковры.")], 15_000),
    ("budget", [(M, "Какой бюджет на новые костюмы для танцоров?"),
                (C, "Не больше, чем на аренду зала. А за зал мы платим сто двадцать тысяч.")], 120_000),
    ("budget", [(M, "На ремонт парной деньги выделены?"), (C, "Выделены: триста тысяч, больше не дадут.")], 300_000),
    ("timing", [(M, "Когда будете брать вторую лодку?"), (C, "Если сезон будет хороший — следующим летом.")], True),
    ("budget", [(M, "Сколько готовы вложить в новую печь для фьюзинга?"), (C, "Вообще не планировала тратиться."),
                (M, "А если очень понравится?"), (C, "Ну тысяч девяносто найду.")], 90_000),
    ("timing", [(M, "Когда планируете замену кресел?"),
                (C, "Прошлым летом хотели, не вышло, поэтому теперь осенью.")], True),
    ("authority", [(M, "Кто решает по закупке?"),
                   (C, "Не я, я только администратор, решает хозяйка, Зоя Павловна.")], True),
]


def _right(topic: str, turns: list[tuple[str, str]], want: Any) -> bool:
    result = analyze_deal([call(*turns)], bant()).question(topic)
    if result is None:
        return False
    if want is None:
        return not result.answered
    if want is True:
        return result.answered
    return result.answered and (result.value or {}).get("amount") == want


OWN_FLOOR = 28  # of 28 at eng16i's last commit (18 on main; 17 before one question that main never read as asked
# was reworded: "Сколько отложили на ремонт вольеров?")
FRESH_FLOOR = 9  # of 13 at eng16i's last commit, written after the mechanisms and not tuned on (4 on main)


def test_own_cases_floor() -> None:
    misses = [case[:2] for case in OWN if not _right(*case)]
    assert len(OWN) - len(misses) >= OWN_FLOOR, misses


def test_fresh_cases_floor() -> None:
    misses = [case[:2] for case in FRESH if not _right(*case)]
    assert len(FRESH) - len(misses) >= FRESH_FLOOR, misses


if __name__ == "__main__":
    for case in OWN + FRESH:
        print("ok  " if _right(*case) else "MISS", case[0], case[1][-1][1])
