"""Round 14, audio: the client's figure as Whisper writes it, read from ASR-like text (eng14d).

Own cases, written before tuning, in domains unlike the tuning sets (a fitness club, a print shop, a car
service, a coffee roaster, a dental lab, a yacht club, a florist chain, a veterinary clinic). Every line is
as Whisper base writes it: lower case, digits, no «?», a period turned into a comma, a turn cut into
segments mid-phrase, a word garbled next to the figure.
"""

from __future__ import annotations

from typing import Any

from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment

Case = tuple[tuple[tuple[str, str], ...], dict[str, Any] | None]


def _call(*turns: tuple[str, str]) -> RecordingTranscript:
    """A stereo call of ASR segments: consecutive segments of one speaker are one turn cut by pauses."""
    segments = [Segment(float(i * 3), float(i * 3 + 2.5), s, t) for i, (s, t) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 3.0, 2, segments)


def _budget(turns: tuple[tuple[str, str], ...]) -> dict[str, Any] | None:
    result = analyze_deal([_call(*turns)], bant()).question("budget")
    value = result.value if result is not None else None
    return {k: v for k, v in value.items() if k != "currency"} if value else None


M, C = "manager", "client"
OPEN = ((M, "добрый день это алексей из компании спортлайн удобно говорить"), (C, "да слушаю"))

# a period Whisper wrote as a comma: the figure of the clause with the intent, not the whole said before it
RUN_ON: list[Case] = [
    ((*OPEN, (M, "а на тренажеры вы сколько готовы заложить"),
      (C, "ну всего на открытие у нас 5 миллионов, но там аренда ремонт зарплаты, а на тренажеры заложено 800 тысяч")),
     {"amount": 800_000}),
    ((*OPEN, (M, "какой бюджет у вас на печать каталога"),
      (C, "маркетинг на год у нас 3 миллиона, а на каталог выделили 250 тысяч")), {"amount": 250_000}),
    ((*OPEN, (M, "на подъемники сколько вы рассчитываете потратить"),
      (C, "оборот сервиса миллиона 2 в месяц, но на оборудование отложили 600 тысяч не больше")), {"amount": 600_000}),
    ((*OPEN, (M, "сколько на ростер готовы отдать"),
      (C, "кофейня приносит 400 тысяч, а на ростер я готов 900 тысяч максимум")), {"amount": 900_000}),
    # the intent with the first figure: nothing dropped
    ((*OPEN, (M, "сколько готовы на фрезер для лаборатории"),
      (C, "готовы 700 тысяч, а лизинг еще обсуждаем")), {"amount": 700_000}),
]

# a figure said again after a comma is the same figure, not its tail
REPEATED: list[Case] = [
    ((*OPEN, (M, "на покраску яхты какая сумма заложена"),
      (C, "в плане стоит 700 тысяч, 700 это с материалами")), {"amount": 700_000}),
    ((*OPEN, (M, "по деньгам на букеты для сети в месяц сколько"),
      (C, "ну 60 тысяч, 60 в месяц и все")), {"amount": 60_000, "amount_period": "month"}),
    # a compound figure without a comma stays whole
    ((*OPEN, (M, "на ремонт помещения клиники сколько заложено"),
      (C, "заложено 2 миллиона 300 тысяч")), {"amount": 2_300_000}),
]

# "в месяц"/"в год" without its «в» is a period; "лет" after the figure (a garbled neighbour) is a count, not "в год"
PERIOD: list[Case] = [
    ((*OPEN, (M, "сколько вы на рекламу клуба тратите"), (C, "ну где то 45 тысяч месяц")),
     {"amount": 45_000, "amount_period": "month"}),
    ((*OPEN, (M, "на обслуживание катеров какой бюджет"), (C, "300 тысяч год не больше")),
     {"amount": 300_000, "amount_period": "year"}),
    ((*OPEN, (M, "на новую печатную машину сколько выделят"),
      (C, "директор сказал 900 тысяч лет через пять окупится")), {"amount": 900_000}),
    ((*OPEN, (M, "какая сумма на стоматологические установки"),
      (C, "он сказал 500 тысяч лет, но потом посмотрим")), {"amount": 500_000}),
]

# a word Whisper garbled between the two ends of a range does not break it
GARBLED_RANGE: list[Case] = [
    ((*OPEN, (M, "на кофейное оборудование сколько закладываете"),
      (C, "полтора миллиона, ну, мокзимум 2, если повезет")),
     {"amount": 2_000_000, "amount_min": 1_500_000, "amount_max": 2_000_000}),
    ((*OPEN, (M, "на вывеску и оформление точек сколько готовы"),
      (C, "300 тысяч, ну, прейдел 350")), {"amount": 350_000, "amount_min": 300_000, "amount_max": 350_000}),
    # a known word between is no joiner: two figures of different things
    ((*OPEN, (M, "сколько на рентген для клиники готовы"),
      (C, "800 тысяч, кабинет 2 года ждали")), {"amount": 800_000}),
]

# a figure cut across two segments of one turn
SPLIT: list[Case] = [
    ((*OPEN, (M, "а по деньгам на продвижение в месяц"), (M, "сколько вы готовы выделять"),
      (C, "ну где то 120"), (C, "тысяч в месяц больше не дадут")), {"amount": 120_000, "amount_period": "month"}),
    ((*OPEN, (M, "на кормовую программу для клиники какой бюджет"), (C, "мы закладывали"),
      (C, "полтора миллиона на год")), {"amount": 1_500_000, "amount_period": "year"}),
]

ALL = RUN_ON + REPEATED + PERIOD + GARBLED_RANGE + SPLIT


def hits(cases: list[Case]) -> tuple[int, list[str]]:
    missed = [f"{turns[-1][1]} -> {_budget(turns)}" for turns, want in cases if _budget(turns) != want]
    return len(cases) - len(missed), missed


def test_run_on_sentence_takes_the_figure_with_intent() -> None:
    assert hits(RUN_ON) == (len(RUN_ON), [])


def test_figure_repeated_after_a_comma_is_one_figure() -> None:
    assert hits(REPEATED) == (len(REPEATED), [])


def test_period_without_its_preposition_but_no_count_of_years() -> None:
    assert hits(PERIOD) == (len(PERIOD), [])


def test_garbled_word_inside_a_range() -> None:
    assert hits(GARBLED_RANGE) == (len(GARBLED_RANGE), [])


def test_figure_split_across_segments() -> None:
    assert hits(SPLIT) == (len(SPLIT), [])


def _timed(qid: str, *segments: tuple[float, float, str, str]) -> dict[str, Any] | None:
    rec = RecordingTranscript("call.mp3", segments[-1][1], 2, [Segment(a, b, s, t) for a, b, s, t in segments])
    result = analyze_deal([rec], bant()).question(qid)
    if result is None or result.primary_answer is None:
        return None
    return {"quote": result.primary_answer.quote, "amount": (result.value or {}).get("amount")}


def test_a_greeting_said_over_the_question_does_not_answer_it() -> None:
    # the client's channel carries "доброе утро" while the manager is still asking; the reply comes after
    got = _timed("need", (0.0, 3.0, M, "добрый день это ольга студия флористики"), (3.2, 4.0, C, "да слушаю"),
                 (4.5, 12.0, M, "расскажите что у вас сейчас с оформлением залов творится и почему"),
                 (11.0, 11.8, C, "доброе утро"), (11.9, 13.0, M, "вдруг нового подрядчика ищете"),
                 (13.6, 19.0, C, "прежний флорист срывает сроки и цветы вянут к вечеру гости жалуются"))
    assert got is not None and "прежний флорист" in got["quote"]


def test_a_quick_reply_over_the_end_of_the_question_stays_its_reply() -> None:
    # the client answers as the question ends; the manager's next words start after the reply
    got = _timed("budget", (0.0, 3.0, M, "добрый день это ольга студия флористики"), (3.2, 4.0, C, "да слушаю"),
                 (4.5, 9.0, M, "на оформление зала сколько готовы выделить"),
                 (8.6, 10.0, C, "тысяч 200"), (10.4, 14.0, M, "понятно а сроки какие"), (14.5, 16.0, C, "к маю"))
    assert got is not None and got["amount"] == 200_000


if __name__ == "__main__":
    for name, group in (("run-on", RUN_ON), ("repeated", REPEATED), ("period", PERIOD),
                        ("garbled range", GARBLED_RANGE), ("split", SPLIT)):
        n, missed = hits(group)
        print(f"{name}: {n}/{len(group)}", *missed, sep="\n  ")
