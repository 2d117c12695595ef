"""Round 16 (eng16h) own cases for deciders and refusal checks, written before tuning in trades and registers unlike
the held-out sets' (a car wash, a ski rental, a dance studio, an apiary, a vet pharmacy, a bowling club, a school
canteen, a tyre shop): who decides at deal level and whether the manager's refusal reason is supported,
contradicted or not established.

Deciders: a committee set against the one whose word «по факту / на деле» settles it; the speaker's decision about
a plan («в этом году я решил …») is no claim to decide the purchase; a role given with a bare or vague first name
joined by a later greeting that gives the full name; a later call's mention of the person who already answered
does not move the answer; «не я» denies the speaker; a collective keeps its genitive complement.
Checks: «не сейчас» read against the contract set's own timing question, a volunteered later date, and an urgent
near deadline (contradicted); «нет потребности» read against a lead set's yes/no answer and a negated problem."""

from __future__ import annotations

import pytest
from analysis_calls import call

from qa_desk.analysis import analyze_deal, bant
from qa_desk.analysis.questions import parse_question_set
from qa_desk.domain.transcript import RecordingTranscript

M, C = "manager", "client"
ASK = "Подскажите, а кто у вас окончательно решает по такой покупке?"


def _deal(greeting: str, reply: str, ask: str = ASK, pick_up: str = "Да, слушаю.") -> list[RecordingTranscript]:
    return [call((M, greeting), (C, pick_up), (M, ask), (C, reply))]


# (label, calls, words the decider must hold, words it must not hold); an empty want: no decider at all
DECIDERS: list[tuple[str, list[RecordingTranscript], list[str], list[str]]] = [
    ("in_fact_role_over_board", _deal(
        "Добрый день, автомойка «Пена»? Это «КлинТех».",
        "Формально через правление: я, завхоз и директор. Но по факту как директор скажет, так и будет."),
     ["директор"], ["правлени"]),
    ("in_fact_name_over_council", _deal(
        "Здравствуйте, прокат «Склон»? «СкиСервис» беспокоит.",
        "Вообще у нас совет партнёров, но на деле как Лев Аронович решит, так и сделаем."),
     ["Лев Аронович"], ["совет"]),
    ("committee_plain", _deal(
        "Добрый день, школьная столовая? Компания «ПитСнаб».",
        "Все закупки у нас идут через конкурсную комиссию, без неё никак."),
     ["комисси"], []),
    ("committee_in_fact_speaker_only_prepares", _deal(
        "Добрый день, боулинг «Страйк»?",
        "Решает комиссия, а по факту я им только заключение готовлю."),
     ["комисси"], []),
    ("council_of_founders_kept_whole", _deal(
        "Добрый день, шиномонтаж «Колесо»?",
        "Такие траты у нас выносятся на совет учредителей, сам я не подписываю."),
     ["совет учредителей"], []),
    ("not_me_then_limit", _deal(
        "Алина, здравствуйте, «ВетФарм Опт».",
        "Точно не я. Я заявки подписываю только на расходники, а технику утверждает финансовый директор.",
        pick_up="Да, Алина."),
     ["финансовый директор"], ["Алина"]),
    ("parent_word_settles", _deal(
        "Добрый вечер, пасека «Медовый край»?",
        "Я-то за, но как отец скажет, так и будет, пасека его."),
     ["отец"], []),
    ("self_claim_plain", _deal(
        "Святослав Игоревич, добрый день, «КлинТех».", "Решаю я, мойка моя.", pick_up="Да, я."),
     ["Святослав Игоревич"], []),
    # written after the denial / collective / agreement steps (not among the 26)
    ("denied_then_own_limit", _deal(
        "Денис, добрый день, «ТирМастер».",
        "Нет, не я, конечно. Я заказываю расходники в пределах лимита. Всё крупное — это управляющий.", pick_up="Да."),
     ["управляющий"], ["Денис"]),
    ("members_then_their_board", _deal(
        "Добрый день, кооператив «Пасечник»?",
        "У нас пять пайщиков, и всё, что дороже ста тысяч, выносится на собрание пайщиков."),
     ["собрание пайщиков"], []),
    ("role_adjective_agrees", _deal(
        "Добрый день, ресторан «Волна»?", "Я собираю предложения, а последнее слово за исполнительным директором."),
     ["исполнительный директор"], []),
    ("role_adjective_as_noun_then_name", [  # written after (not among the 26)
        call((M, "Добрый день, клиника «Зубр»?"), (C, "Да."), (M, ASK),
             (C, "Закупки такого размера утверждает финансовый директор, я только собираю счета.")),
        call((M, "Добрый день, снова «ДентОпт». А финансовый уже вышла с больничного?"),
             (C, "Вышла, да. Лариса Петровна её зовут, можете ей напрямую писать."))],
     ["финансовый директор", "Лариса Петровна"], []),
    # a role with a vague first name, its full name given when that person picks up the next call
    ("role_named_in_next_greeting", [
        call((M, "Добрый день, студия танца «Ритм»?"), (C, "Да, администратор слушает."),
             (M, "А кто у вас решает по покупке зеркал и станков?"),
             (C, "Это художественный руководитель, Марина какая-то, я её толком не знаю.")),
        call((M, "Добрый день, я по поводу зеркал для студии."),
             (C, "Да, художественный руководитель, Марина Олеговна, слушаю вас."),
             (M, "Марина Олеговна, вам администратор передавал про нас?"), (C, "Передавал, да."))],
     ["Марина Олеговна"], []),
    ("role_named_by_self_in_next_call", [
        call((M, "Добрый день, шиномонтаж «Колесо»?"), (C, "Да."),
             (M, "Кто у вас решает по закупке станков?"), (C, "Заведующий складом, Тимур, он сам всё выбирает.")),
        call((M, "Алло, добрый день, это «Шинный Мир», по станкам."),
             (C, "Я заведующий складом, Тимур Рашидович. Сам нашёл, сам и подпишу."))],
     ["Тимур Рашидович"], []),
]


def _authority(calls: list[RecordingTranscript]) -> tuple[str, int | None, bool]:
    result = analyze_deal(calls, bant()).question("authority")
    if result is None or result.value is None:
        return "", None, bool(result and result.answered)
    shown = result.primary_answer
    return str(result.value.get("text", "")), None if shown is None else shown.recording, result.answered


def _decider_right(calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> bool:
    got, _, _ = _authority(calls)
    low = got.lower()
    return all(w.lower() in low for w in want) and not any(b.lower() in low for b in bad)


def _plan_no_self() -> bool:
    """«В этом году я так решил: …» inside the budget reply is a plan, not who decides the purchase."""
    calls = [call((M, "Пётр Саввич, добрый день, «ПасекаСнаб»."), (C, "Да, здравствуйте."),
                  (M, "А сколько вы готовы на новые ульи выделить?"),
                  (C, "В этом году я так решил: сначала омшаник чиню, а на ульи тысяч двести, не больше."))]
    _, _, answered = _authority(calls)
    return not answered


def _plan_then_owner() -> bool:
    """The same plan in call 1, then the next call names the one who signs: that person is the decider."""
    calls = [call((M, "Пётр Саввич, добрый день, «ПасекаСнаб»."), (C, "Да, здравствуйте."),
                  (M, "А сколько вы готовы на новые ульи выделить?"),
                  (C, "В этом году я так решил: сначала омшаник чиню, а на ульи тысяч двести, не больше.")),
             call((M, "Пётр Саввич, снова «ПасекаСнаб», по ульям."),
                  (C, "Да. Я вам не сказал: пасека на сестру записана, Нину Аркадьевну, подпись и решение — её."))]
    got, _, _ = _authority(calls)
    return "нин" in got.lower() and "аркадьевн" in got.lower()


def _first_answer_stays() -> bool:
    """Call 1: «Решаю я» from the one greeted; call 2, someone else: «Святослав Игоревич в курсе, подпишет» — the
    same person, so the answer stays pinned in call 1."""
    calls = [call((M, "Святослав Игоревич, добрый день, «КлинТех»."), (C, "Да, я."), (M, ASK), (C, "Решаю я, мойка моя.")),
             call((M, "Добрый день, «КлинТех», по договору на химию."),
                  (C, "Да, Святослав Игоревич в курсе, договор он подпишет, привозите."))]
    got, recording, _ = _authority(calls)
    return "святослав игоревич" in got.lower() and recording == 0


DEAL_CASES = {"plan_is_no_self_claim": _plan_no_self, "plan_then_owner_named": _plan_then_owner,
              "first_answer_stays": _first_answer_stays}

# --- refusal checks -------------------------------------------------------------------------------------------

_RENTAL = parse_question_set("""
[[question]]
id = "fleet_size"
title = "Сколько комплектов в прокате"
ask = ["сколько комплектов у вас в прокате"]
answer = "text"

[[question]]
id = "start_month"
title = "С какого месяца готовы начать обслуживание"
ask = ["с какого месяца вы готовы начать обслуживание"]
answer = "timing"
""", "rental.toml")

_HIVES = parse_question_set("""
[[question]]
id = "hives"
title = "Сколько ульев на пасеке"
ask = ["сколько ульев у вас на пасеке"]
answer = "text"

[[question]]
id = "replace"
title = "Планируете замену ульев в этом сезоне? (да/нет)"
ask = ["планируете ли вы заменить ульи в этом сезоне"]
answer = "yes_no"
""", "hives.toml")

# (label, reason, turns, expected status, extras: questions, call date)
CHECKS: list[tuple[str, str, list[tuple[str, str]], str, dict[str, object]]] = [
    ("not_now_urgent_deadline", "не сейчас", [
        (M, "Когда вы хотели бы запустить новую кассу на мойке?"),
        (C, "Нам к первому июня край надо, сезон открываем, тянуть нельзя.")], "contradicted", {}),
    ("not_now_volunteered_later", "не сейчас", [
        (M, "Чем вы сейчас ведёте учёт клиентов?"),
        (C, "Тетрадкой. И раньше зимы менять ничего не будем, сейчас сезон, не до того.")], "supported", {}),
    ("not_now_own_timing_later", "не сейчас", [
        (M, "Сколько у вас комплектов в прокате?"), (C, "Около ста двадцати."),
        (M, "А обслуживание вам с какого месяца было бы удобно начинать?"),
        (C, "Не раньше ноября, до этого у нас склад закрыт.")], "supported", {"questions": _RENTAL}),
    ("not_now_own_timing_volunteered", "не сейчас", [
        (M, "Сколько у вас комплектов в прокате?"),
        (C, "Около ста двадцати. Но до декабря мы ничего заключать не будем, сезона нет.")],
     "supported", {"questions": _RENTAL}),
    ("not_now_own_timing_urgent", "не сейчас", [
        (M, "Сколько у вас комплектов в прокате?"), (C, "Около ста двадцати."),
        (M, "А обслуживание вам с какого месяца было бы удобно начинать?"),
        (C, "Да хоть завтра, у нас половина креплений разболтана, срочно надо.")],
     "contradicted", {"questions": _RENTAL}),
    ("not_now_no_postponing", "не сейчас", [  # written after the negated-postpone fix (not among the 26)
        (M, "Как у вас со сроками по новой вытяжке для боулинга?"),
        (C, "Сроки жёсткие: первое июня открытие, переносить никак нельзя, так что поторопитесь.")], "contradicted", {}),
    # written after the deadline / condition / past-season steps (not among the 26)
    ("not_now_deadline_in_two_months", "не сейчас", [
        (M, "Расскажите, зачем вам новая система полива теплиц?"),
        (C, "Старая течёт. Нам к июлю надо, иначе рассада сгорит. Если к июлю не успеете, тогда уже на следующий год.")],
     "contradicted", {}),
    ("not_now_deadline_far", "не сейчас", [
        (M, "Когда вам нужна новая система полива?"), (C, "Нам к октябрю надо, не раньше, сейчас теплицы заняты.")],
     "supported", {}),
    ("not_now_past_season_is_no_date", "не сейчас", [
        (M, "Как у вас с поливом сейчас, справляетесь?"),
        (C, "В прошлом мае насос встал, а в июне поставщик ещё и трубы не те привёз. Сейчас вроде работает.")],
     "unsupported", {}),
    ("not_now_concessive_if", "не сейчас", [  # written after the floor H11 caught it (not among the 26)
        (M, "Вы вообще рассматриваете замену стоек в прокате?"),
        (C, "Если и будем менять, то на следующий год, в этом денег нет.")], "supported", {}),
    ("not_now_never_discussed", "не сейчас", [
        (M, "Сколько машин у вас проходит через мойку в день?"), (C, "Штук сорок, в выходные больше.")],
     "unsupported", {}),
    ("not_now_callback_only", "не сейчас", [
        (M, "Сколько машин у вас проходит через мойку в день?"), (C, "Штук сорок."),
        (M, "Когда вам удобно, чтобы я перезвонил?"), (C, "Давайте в четверг после обеда.")], "unsupported", {}),
    ("no_need_lead_yes", "нет потребности", [
        (M, "Сколько у вас ульев на пасеке?"), (C, "Шестьдесят."),
        (M, "А менять их в этом сезоне не думали?"),
        (C, "Если по весне, то да, это было бы кстати, старые совсем рассохлись.")],
     "contradicted", {"questions": _HIVES}),
    ("no_need_lead_no", "нет потребности", [
        (M, "Сколько у вас ульев на пасеке?"), (C, "Шестьдесят."),
        (M, "А менять их в этом сезоне не думали?"), (C, "Нет, не думали, ульи новые, позапрошлого года.")],
     "supported", {"questions": _HIVES}),
    # written after the yes/no mechanism (not counted in the 26 own cases written before tuning)
    ("no_need_lead_plain_yes", "нет потребности", [
        (M, "Сколько у вас ульев на пасеке?"), (C, "Шестьдесят."),
        (M, "А менять их в этом сезоне планируете?"), (C, "Да, конечно, половину точно, они рассохлись.")],
     "contradicted", {"questions": _HIVES}),
    ("no_need_lead_substance_no_yes_word", "нет потребности", [
        (M, "Сколько у вас ульев на пасеке?"), (C, "Шестьдесят."),
        (M, "А менять их в этом сезоне планируете?"),
        (C, "Мужчина, у меня свой столяр, он сам ульи сколачивает. Мне ничего не нужно.")],
     "supported", {"questions": _HIVES}),
    ("no_need_nothing_breaks", "нет потребности", [
        (M, "Что у вас сейчас с холодильниками для вакцин, что не устраивает?"),
        (C, "Да ничего не ломается, если честно. Работают и работают.")], "supported", {}),
    ("no_need_not_x_but_y", "нет потребности", [
        (M, "Вам сейчас нужен второй кассир на выходные?"),
        (C, "Мне не кассир нужен, мне нужно, чтобы очереди по субботам не было.")], "contradicted", {}),
    ("not_decider_denied", "не ЛПР", [
        (M, "А решение по закупке за вами?"),
        (C, "Точно не я. Я заявки собираю, а утверждает заведующая, Ольга Марковна.")], "supported", {}),
    ("not_decider_self", "не ЛПР", [
        (M, "А кто у вас решает по оборудованию для зала?"),
        (C, "Да я и решаю, клуб мой, других начальников нет.")], "contradicted", {}),
]


def _status(reason: str, turns: list[tuple[str, str]], extra: dict[str, object]) -> str:
    analysis = analyze_deal([call(*turns)], extra.get("questions"), reason,  # type: ignore[arg-type]
                            call_dates=[str(extra.get("date", "2026-05-12 11:00"))])
    return str(analysis.reason_check["status"])


MISSED: set[str] = {  # 15 of 26 right on main; 24 of 26 after round 16 (eng16h). Left: a decider volunteered in a
    # later call by a verbless «подпись и решение — её» (not read as an answer at all), and a conditional yes
    # («Если по весне, то да, это было бы кстати») not read as the yes/no answer
    # Written after and missed: «Лариса Петровна её зовут, можете ей напрямую писать.» is read as a question (its
    # «можете …»), so the name in it is not taken.
    "plan_then_owner_named", "no_need_lead_yes", "role_adjective_as_noun_then_name"}


@pytest.mark.parametrize(("label", "calls", "want", "bad"), DECIDERS, ids=[c[0] for c in DECIDERS])
def test_own_decider_case(label: str, calls: list[RecordingTranscript], want: list[str], bad: list[str]) -> None:
    if label in MISSED:
        pytest.xfail("not read yet")
    assert _decider_right(calls, want, bad), _authority(calls)


@pytest.mark.parametrize("label", sorted(DEAL_CASES))
def test_own_decider_deal(label: str) -> None:
    if label in MISSED:
        pytest.xfail("not read yet")
    assert DEAL_CASES[label]()


@pytest.mark.parametrize(("label", "reason", "turns", "want", "extra"), CHECKS, ids=[c[0] for c in CHECKS])
def test_own_check_case(label: str, reason: str, turns: list[tuple[str, str]], want: str, extra: dict[str, object]) -> None:
    if label in MISSED:
        pytest.xfail("not read yet")
    assert _status(reason, turns, extra) == want
