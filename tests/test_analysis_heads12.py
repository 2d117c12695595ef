"""Issue 14, round 12: the interrogative's head and its object decide the id (heads.py), a party's say asked as a
yes/no, a question whose topic stands in the sentence before it, deciders said of the speaker. Own wording, not
the held-out sets'."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal, bant, detector_for
from qa_desk.analysis.heads import denies_say, doer_who, elliptic, frame_words, party_asked, person_head
from qa_desk.analysis.person import DECIDE_VERBS, ROLE_NOUNS
from qa_desk.analysis.questions import QuestionSet, parse_question_set

GUARD = parse_question_set(
    """
[[question]]
id = "has_guard"
title = "У объекта есть действующий охранный подрядчик"
ask = ["пользуется ли предприятие услугами частной охранной организации"]
answer = "yes_no"

[[question]]
id = "posts"
title = "Количество постов охраны"
ask = ["сколько постов охраны требуется на объекте"]
answer = "text"

[[question]]
id = "guard_lpr"
title = "ФИО и должность ЛПР"
ask = ["кто принимает решение о выборе охранной организации"]
answer = "person"
""",
    "guard.toml",
)

FARM = parse_question_set(
    """
[[question]]
id = "herd"
title = "Поголовье стада"
ask = ["сколько голов крупного рогатого скота в хозяйстве"]
answer = "text"

[[question]]
id = "feed_age"
title = "Возраст и состав кормовой техники"
ask = ["какая кормовая техника сейчас в работе и какого она года"]
answer = "text"
""",
    "farm.toml",
)


def _analysis(questions: QuestionSet, *turns: str) -> object:
    return analyze_deal([stereo_call("Добрый день, Сергей, «Щит-Сервис».", "Да, слушаю.", *turns)], questions)


def asked(questions: QuestionSet, question: str, reply: str) -> set[str]:
    analysis = analyze_deal([stereo_call("Добрый день, Сергей, «Щит-Сервис».", "Да, слушаю.", question, reply)],
                            questions)
    return {q.id for q in analysis.questions if q.asked and q.id in questions.ids}


def _tokens(text: str) -> list:
    return [t for s in detector_for(bant()).sentences(text) for t in s.tokens]


def test_who_does_the_work_asks_the_provider_not_the_decider() -> None:
    got = asked(GUARD, "А охраняет вас сейчас кто?", "Свои ребята, трое.")
    assert "has_guard" in got and "guard_lpr" not in got
    got = asked(GUARD, "А кто у вас этим занимается сейчас, штатные охранники или фирма со стороны?", "Фирма, «Барс».")
    assert "has_guard" in got and "guard_lpr" not in got


def test_who_decides_still_asks_the_decider() -> None:
    assert "guard_lpr" in asked(GUARD, "А кто у вас выбирает охранную фирму?", "Заместитель директора, Ковалёв.")
    assert "guard_lpr" in asked(GUARD, "А кто у вас этим занимается?", "Заместитель директора, Ковалёв.")


def test_doer_who_reads_the_head_verb() -> None:
    lang = detector_for(bant()).lang
    assert doer_who(_tokens("А моет у вас полы кто?"), lang) is not None
    assert doer_who(_tokens("Кто у вас закупает моющие средства?"), lang) is None  # buying: a person
    assert doer_who(_tokens("Кто у вас будет курировать проект?"), lang) is None  # in charge, no options offered
    assert doer_who(_tokens("Если проект пойдёт, кто его будет курировать?"), lang) is None  # not "пойдёт"
    assert doer_who(_tokens("Кто утверждает, а кто моет?"), lang) is None  # a deciding word asks who decides


def test_a_request_frame_does_not_steer_the_id() -> None:
    got = asked(FARM, "А так, в двух словах, может, скажете, сколько у хозяйства коров?", "Тысяча двести голов.")
    assert "herd" in got and "feed_age" not in got
    lang = detector_for(bant()).lang
    tokens = _tokens("А по технике, в целом, подскажете, сколько у вас кормораздатчиков?")
    kept = [t.text for k, t in enumerate(tokens) if k not in frame_words(tokens, lang)]
    assert "технике" in kept and "целом" not in kept  # a topic phrase names the matter; a manner phrase does not
    tokens = _tokens("Мы ставим системы кормления, скажите, сколько у вас ферм?")
    assert not frame_words(tokens, lang)  # a statement of its own before the request is kept
    tokens = _tokens("Ремонт, скажем, где делаете?")
    assert not frame_words(tokens, lang)  # "скажем" is a parenthesis, not a request


def test_a_decider_read_without_a_person_head_needs_a_named_reply() -> None:
    lang = detector_for(bant()).lang
    assert not person_head(_tokens("А дальше склад расширять будете?"), lang, ROLE_NOUNS)
    assert person_head(_tokens("А это потом кто-то может пересмотреть?"), lang, ROLE_NOUNS)
    assert person_head(_tokens("А выбор подрядчика где происходит?"), lang, ROLE_NOUNS)


def test_a_party_asked_about_by_yes_no_is_the_decider_question() -> None:
    analysis = analyze_deal([stereo_call("Добрый день, Анна, «ТехноЛайн».", "Да.", "Я верно понял, что подписываете это вы?",
                                         "Нет, подписывает финансовый директор.")])
    assert analysis.question("authority").asked
    analysis = analyze_deal([stereo_call("Добрый день.", "Да.", "Скажите, заапрувите это вы?", "Нет, шеф.")])
    assert analysis.question("authority").asked
    lang = detector_for(bant()).lang
    assert party_asked(_tokens("Такие закупки у вас согласует бухгалтерия, а не вы?"), lang, ROLE_NOUNS, DECIDE_VERBS)
    assert party_asked(_tokens("Эти вопросы у вас решает правление, а не вы сами?"), lang, ROLE_NOUNS, DECIDE_VERBS)
    assert not party_asked(_tokens("А вы уже подписали?"), lang, ROLE_NOUNS, DECIDE_VERBS)  # what happened
    assert not party_asked(_tokens("Это вы готовили?"), lang, ROLE_NOUNS, DECIDE_VERBS)
    assert not party_asked(_tokens("Решаете это вы."), lang, ROLE_NOUNS, DECIDE_VERBS)  # no "?"


def test_a_question_with_no_matter_of_its_own_reads_the_statement_before() -> None:
    analysis = analyze_deal([stereo_call("Добрый день.", "Да.", "Для договора потребуется чья-то виза. Чья конкретно?",
                                         "Главного инженера, Рустама Ильдаровича.")])
    assert analysis.question("authority").asked
    lang = detector_for(bant()).lang
    assert elliptic(_tokens("Какой именно?"), lang)
    assert elliptic(_tokens("А на это что-то есть?"), lang)
    assert not elliptic(_tokens("Интересно?"), lang)  # no question word, no demonstrative
    assert not elliptic(_tokens("Сколько стоит доставка?"), lang)


def _decider(*turns: str) -> str:
    analysis = analyze_deal([stereo_call(*turns)])
    value = analysis.question("authority").value
    return str(value.get("text", "")) if value else ""


def test_deciders_said_of_the_speaker() -> None:
    got = _decider("Добрый день, «ЭкоПак».", "Да.", "Выбирать будете вы или с кем-то советуетесь?",
                   "Технолог у меня образцы смотрит, Дина, но последнее слово моё. Я директор.")
    assert "Дина" not in got
    got = _decider("Добрый день, «ЭкоПак».", "Да.", "Кто у вас решает по упаковке?",
                   "Я решаю, я исполнительный директор. Лаптев Олег Иванович, запишите.")
    assert "Олег Иванович" in got
    got = _decider("Добрый день, это «ЭкоПак».", "Слушаю.",
                   "Марина Андреевна, я верно понимаю, что счета утверждаете вы, а Павел только готовит заявку?",
                   "Павел знает, что заказать, а счёт утверждаю я.")
    assert "Марина Андреевна" in got and "Павел" not in got


def test_a_turn_that_denies_its_own_say_names_the_decider() -> None:
    got = _decider("Добрый день, «ЭкоПак».", "Да.", "А упаковки вам в месяц сколько уходит?",
                   "Я тут, честно, ничего не решаю, я кладовщик. Это всё к коммерческому, Андрею Сергеевичу Белых.")
    assert "Андрей Сергеевич" in got
    lang_tokens = _tokens("Если про оборудование, решаю я, не переживайте.")
    assert not denies_say(lang_tokens)  # the "не" is another verb's
    assert denies_say(_tokens("Это не мне решать."))
