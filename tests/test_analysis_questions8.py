"""Issue 14, round 8 (contract questions in the manager's own words): quantity questions ("сколько", a
quantity noun in the phrasing), a "сколько" question that matches no words, a reply that opens with a
question, a sentence that bundles two contract questions, vague and appointment times as timing answers.
Own wording, not the held-out sets'."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.contract import WEAK_ASK, weak_hit
from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import QuestionSet, parse_question_set
from qa_desk.analysis.timing import purchase_period

STAFF = parse_question_set(
    """
[[question]]
id = "staff"
title = "Численность сотрудников"
ask = ["какова численность сотрудников предприятия"]
answer = "text"

[[question]]
id = "payroll_clerk"
title = "Есть ли в штате расчётчик"
ask = ["есть ли в штате специалист по расчёту заработной платы"]
answer = "yes_no"

[[question]]
id = "go_live"
title = "Когда планируете переход"
ask = ["когда планируется переход на новую систему"]
answer = "timing"
""",
    "staff.toml",
)

SHOPS = parse_question_set(
    """
[[question]]
id = "shops"
title = "Количество магазинов"
ask = ["сколько у вас магазинов в сети"]
answer = "text"

[[question]]
id = "cashbox"
title = "Текущая кассовая программа"
ask = ["какой кассовой программой вы пользуетесь"]
answer = "text"

[[question]]
id = "leaks"
title = "Бывают ли недостачи"
ask = ["сталкиваетесь ли вы с недостачами на кассе"]
answer = "yes_no"
""",
    "shops.toml",
)

HALL = parse_question_set(
    """
[[question]]
id = "hall_area"
title = "Площадь склада"
ask = ["какова общая площадь склада"]
answer = "text"

[[question]]
id = "loader"
title = "Кто сейчас грузит"
ask = ["кто выполняет погрузку сейчас: свои грузчики или аутсорсинг"]
answer = "text"

[[question]]
id = "decider"
title = "Кто выбирает аутсорсера"
ask = ["кто принимает решение о выборе аутсорсера"]
answer = "person"
""",
    "hall.toml",
)


call = stereo_call


def analysed(questions: QuestionSet, *turns: str) -> tuple[set[str], set[str]]:
    analysis = analyze_deal([call("Добрый день, Ольга, компания «Норма».", "Да, слушаю.", *turns)], questions)
    return ({q.id for q in analysis.questions if q.asked and q.id in questions.ids},
            {q.id for q in analysis.questions if q.answered and q.id in questions.ids})


def test_quantity_noun_in_a_phrasing_is_asked_by_how_many() -> None:
    """"какова численность сотрудников" is asked by "народу сколько", not "есть ли в штате расчётчик"."""
    asked, answered = analysed(STAFF, "А народу у вас сколько в цеху?", "Сто двадцать, с летними сезонниками.")
    assert asked == answered == {"staff"}


def test_how_many_matching_no_words_asks_the_only_quantity_question() -> None:
    detector = detector_for(SHOPS)
    s = detector.sentences("А павильонов у вас сколько, два?")[0]
    assert weak_hit(detector._bags, s.tokens, s.lemmas, detector.lang) == [("shops", WEAK_ASK)]
    asked, _answered = analysed(SHOPS, "А павильонов у вас сколько, два?", "Четыре павильона, и пятый строим.")
    assert asked == {"shops"}
    asked, _answered = analysed(SHOPS, "А павильонов у вас сколько, два?", "А вам это зачем?")
    assert asked == set()


def test_reply_opening_with_a_question_confirms_by_what_follows() -> None:
    """"Недостачи бывают?" — "А у кого не бывает? …": the echo before the details is a yes."""
    asked, answered = analysed(SHOPS, "Ну и по кассе, наверное, недостачи у вас бывают?",
                               "А у кого не бывают? В том месяце на одной точке двадцать тысяч не сошлось.")
    assert asked == answered == {"leaks"}


def test_sentence_bundling_two_contract_questions_asks_both() -> None:
    asked, _answered = analysed(HALL, "Я коротко: склад-то у вас большой, метраж какой, и кто у вас сейчас грузит — "
                                      "свои грузчики или аутсорсинг?", "Свои, бригада из шести человек.")
    assert {"hall_area", "loader"} <= asked


def test_vague_now_is_no_time_of_the_purchase() -> None:
    lang, lex = language(), Lexicon(())
    for text in ("Сроки сейчас озвучить не могу.", "Давайте про это не сейчас.", "Сейчас работаем на старой версии."):
        assert purchase_period(list(lex.tokens(text)), lang, vague=False) is None, text
    assert purchase_period(list(lex.tokens("Прямо сейчас и хотим.")), lang, vague=False) is not None


def test_weekday_with_an_hour_is_an_appointment() -> None:
    lang, lex = language(), Lexicon(())
    for text in ("Давайте во вторник после трёх.", "Ну в среду, часов в десять.", "В пятницу утром, он вернётся."):
        assert purchase_period(list(lex.tokens(text)), lang) is None, text
    assert purchase_period(list(lex.tokens("Запускаемся со следующего вторника.")), lang) is not None
