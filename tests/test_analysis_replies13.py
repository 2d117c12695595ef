"""Round 13 (eng13h): does the client's reply take up the question's topic, and who decides.

Own check cases, written before tuning in words unlike H15's and the reply bank's (clinics, schools, cafés,
transport; other registers), for the mechanisms of reply_topic.py, budget_said.funds_absent and person.role_at
(a role with the body it heads, a role of two words, a denied say). Each is a two-turn stereo call. The test
asserts the share of them the engine gets (a floor), and the reply bank's figures as floors."""

from __future__ import annotations

from pathlib import Path

from qa_desk.analysis import bant
from qa_desk.analysis.corpus_v7 import decider_matches
from qa_desk.analysis.deal import analyze_deal
from tests.analysis_calls import call

# (topic, question, reply, answered, decider)
OWN: list[tuple[str, str, str, bool, str]] = [
    # reorders: the client sets the order of the talk
    ("timing", "К какому числу вам нужна поставка?", "Давайте сначала договор посмотрим, а про даты потом.", False, ""),
    ("need", "Что у вас сейчас не так с записью пациентов?", "Слушайте, давайте вы сперва пришлёте презентацию.", False, ""),
    ("budget", "Сколько вы готовы потратить на меню?", "Давай сначала ты цены скажешь, потом обсудим.", False, ""),
    # the asked question word said back and denied
    ("timing", "Когда вы планируете открытие второй точки?", "Открывать будем, а когда — пока никто не знает.", False, ""),
    ("authority", "Кто у вас утверждает расписание?", "Утверждают где-то в управлении, а кто — не скажу.", False, ""),
    ("need", "Почему решили сменить перевозчика?", "Сверху сказали сменить, а почему — не объяснили.", False, ""),
    # a condition on the vendor's offer, not a need
    ("need", "Какая задача стоит перед школой?", "Если вы сделаете скидку для бюджетников — подумаем.", False, ""),
    ("need", "Что вам нужно от нового поставщика?", "Если вы будете возить по субботам, нам подойдёт.", False, ""),
    # fine as it is, nothing named
    ("need", "Какие сложности сейчас с доставкой?", "Да вроде всё в порядке, просто интересуемся.", False, ""),
    ("need", "Что не устраивает в нынешней кассе?", "Всё устраивает. Просто директор попросил узнать.", False, ""),
    ("need", "Есть проблемы с кухней?", "Всё нормально, но вытяжка не справляется, когда полный зал.", True, ""),
    # a time tied to an event
    ("timing", "Когда начнёте ремонт кабинета?", "Как только смета пройдёт согласование.", True, ""),
    ("timing", "Когда примете решение по автобусам?", "Как только, так сразу, не торопите.", False, ""),
    # money absent, far from «нет»
    ("budget", "На какую сумму рассчитываете?", "Средств на закупку мебели в этом квартале у школы нет.", True, ""),
    ("budget", "Сколько закладываете на рекламу?", "Бюджета под рекламу на этот год у нас пока нет никакого.", True, ""),
    # deciders: a role with the body it heads, two-word roles, a denied say
    ("authority", "Кто подписывает договоры на питание?", "Подписывает директор школы.", True, "директор школы"),
    ("authority", "Кто у вас решает по закупкам?", "Председатель правления, у нас кооператив.", True, "председатель правления"),
    ("authority", "Кто окончательно утверждает?", "Заведующая отделением, она и утверждает.", True, "заведующая отделением"),
    ("authority", "Вы можете сами согласовать?", "Я тут ничего не решаю. Решает главный врач.", True, "главный врач"),
    ("authority", "Кто принимает решение?", "Исполняющий обязанности директора, Лаптев.", True, "Лаптев"),
    # a replaced decider, a hand-off naming the decider, the patronymic said next, a body, a signer after an adviser
    ("authority", "Кто решает?", "Раньше решал Петров, но его сняли, теперь всё через Кузнецову.", True, "Кузнецова"),
    ("authority", "Кто у вас главный по ремонту?", "Прежний завхоз уволился, теперь всё решает Ильина.", True, "Ильина"),
    ("authority", "Кто согласует закупку?", "Это вам к Григорию Семёновичу, он у нас финансы держит.", True,
     "Григорий Семёнович"),
    ("authority", "Кто подписывает?", "Подпишет Марина. Марина Олеговна Серова, коммерческий директор.", True,
     "Марина Олеговна"),
    ("authority", "Кто у вас решает по кредитам?", "Кредитный комитет, раз в неделю собирается.", True,
     "кредитный комитет"),
    ("authority", "Кто решает?", "Советует главбух, а подписывает генеральный.", True, "генеральный"),
    ("authority", "Кто будет решать?", "Олег посмотрит, но последнее слово за Анной Викторовной.", True,
     "Анна Викторовна"),
    ("authority", "Кто у вас решения принимает?", "Правление банка.", True, "правление"),
    # the mechanisms must not fire: a contrast after the denial, a plan of the work, a topic frame, a pain after «всё»
    ("budget", "Сколько готовы потратить?", "Сколько — точно не скажу, но где-то миллион.", True, ""),
    ("timing", "Когда запуск?", "Когда — пока не знаем. Но до лета точно.", True, ""),
    ("need", "Какая задача?", "Давайте сначала склад автоматизируем, а потом уже кассы.", True, ""),
    ("need", "Зачем вам это?", "Если вы про склад — там пересорт постоянный.", True, ""),
    ("need", "Что не устраивает?", "Всё нормально работает, только отчёты медленно строятся.", True, ""),
    ("budget", "Какой бюджет?", "Нет, денег хватает, не переживайте.", False, ""),
    ("timing", "Когда нужно?", "К сожалению, надо ждать решения.", False, ""),
    ("authority", "Кто решает?", "Решает директор, мы сняли офис в центре.", True, "директор"),
    # plain answers that must stay answered
    ("timing", "Когда нужна техника?", "До конца марта, край.", True, ""),
    ("need", "Зачем вам новая касса?", "Старая не печатает чеки для маркировки, штрафуют.", True, ""),
    ("budget", "Какой бюджет?", "Тысяч двести, не больше.", True, ""),
    ("authority", "Кто решает?", "Хозяйка кафе, Ирина Павловна.", True, "Ирина Павловна"),
]

OWN_FLOOR = 39  # of 40 at eng13h's last commit
BANK = Path(__file__).resolve().parent / "corpus" / "banks" / "replies.toml"


def _right(topic: str, question: str, reply: str, answered: bool, decider: str) -> bool:
    result = analyze_deal([call(("manager", question), ("client", reply))], bant()).question(topic)
    if result is None or not result.asked or result.answered != answered:
        return False
    return not decider or decider_matches(decider, str((result.value or {}).get("text", "")))


def test_own_cases_floor() -> None:
    misses = [case[:3] for case in OWN if not _right(*case)]
    assert len(OWN) - len(misses) >= OWN_FLOOR, misses


def test_reply_bank_floor() -> None:
    from scripts.eval_bank_replies import score_bank

    score = score_bank(BANK)
    assert score.cases == 200
    assert score.not_asked <= 16
    assert score.tp >= 104 and score.fp <= 8 and score.fn <= 3
    assert score.deciders_ok >= 25
