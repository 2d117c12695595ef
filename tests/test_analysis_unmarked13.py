"""Questions without their "?" (round 13, unmarked.py): a line that asks by its syntax (a tag, a guess frame,
"а …" about the client, "вы готовы"), a statement the client's reply confirms, and our own plan, callback or
consolation that never asks. Written in domains unlike the tuning sets' (lift service, school furniture, a
veterinary clinic, catering, security audits), each line as Whisper writes it: no "?" at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.questions import QuestionSet, bant, load_question_set
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _deal(*turns: str, questions: QuestionSet | None = None) -> tuple[list[str], list[str]]:
    segments = [Segment(5.0 * i, 5.0 * i + 4, "manager" if i % 2 == 0 else "client", text)
                for i, text in enumerate(turns)]
    analysis = analyze_deal([RecordingTranscript("t", 5.0 * len(turns), 2, segments)], questions or bant())
    return ([q.id for q in analysis.questions if q.asked], [q.id for q in analysis.questions if q.answered])


_HELLO = "Добрый день, это Марина, компания «Лифт-Сервис»."
_HI = "Здравствуйте, слушаю."


@pytest.mark.parametrize(("line", "reply", "topic"), [
    # a clause opened with "а" about the client, a state put up for confirmation
    ("Понятно. А бюджет на обучение персонала у вас уже утверждён.", "Утвердили, триста тысяч на полугодие.", "budget"),
    ("А сроки запуска у вас жёсткие.", "Жёсткие, к первому сентября надо, к учебному году.", "timing"),
    ("Денис Олегович, а с нынешним охранным агентством всё устраивает.",
     "Честно, не очень, охранники спят на посту, камеры половина не пишет.", "need"),
    # a guess frame with the client in its clause
    ("Контракт у вас, я так понимаю, подписывает главный врач.", "Да, Сергей Павлович подписывает.", "authority"),
    ("Запуск второго зала вы, наверное, к Новому году планируете.", "Да, к декабрю хотим успеть.", "timing"),
    # a confirming tag after a comma
    ("Решение по закупке парт за вами, верно.", "Нет, это совет директоров решает, я только собираю предложения.",
     "authority"),
    ("И денег на это в этом году вы выделили тысяч четыреста, так.", "Так, четыреста, может чуть больше.", "budget"),
    # "вы готовы …" and a request verb, an announced question
    ("Вы готовы вложить в систему контроля до полумиллиона.", "Готовы, даже чуть больше, если окупится.", "budget"),
    ("Напомните, к какому числу вам нужно закрыть закупку.", "К двадцатому марта, дальше конец квартала.", "timing"),
    ("Следующий вопрос: бюджет на обслуживание лифтов в год.", "Где-то миллион двести в год закладываем.", "budget"),
    # a second question chained by "и" to a question before it
    ("А здание у вас сейчас арендованное. И переезд в своё в этом году планируется.",
     "Планируется, к сентябрю хотим переехать.", "timing"),
    ("А сколько у вас сейчас групп продлёнки. И финансирование на мебель в этом году выделено.",
     "Выделено, четыреста тысяч на всё.", "budget"),
    # an either-or of clauses
    ("Корма вы сейчас берёте у одного поставщика, или по разным закупаете.",
     "У одного, но он нас подводит, то нет, то просроченное.", "need"),
])
def test_unmarked_question_by_form(line: str, reply: str, topic: str) -> None:
    asked, _answered = _deal(_HELLO, _HI, line, reply)
    assert topic in asked  # whether the reply answers is the reply reading's (a bare "Готовы" takes no figure yet)


@pytest.mark.parametrize(("line", "reply", "topic"), [
    # a statement put to the client: asked because his reply answers its matter
    ("Хорошо. Окончательное согласование за учредителем.", "Да, за Игорем Степановичем, он всё подписывает.",
     "authority"),
    ("Деньги на ремонт холодильных камер в этом году выделили.", "Выделили, около двухсот тысяч.", "budget"),
    ("Переезд в новый корпус к весне.", "Да нет, раньше, в феврале уже заезжаем.", "timing"),
])
def test_statement_confirmed_by_reply(line: str, reply: str, topic: str) -> None:
    asked, answered = _deal(_HELLO, _HI, line, reply)
    assert topic in asked
    assert topic in answered


@pytest.mark.parametrize(("line", "reply", "topic"), [
    # the same statements with a reply that does not answer their matter ask nothing
    ("Хорошо. Окончательное согласование за учредителем.", "Слушайте, давайте в другой раз, у меня приём.",
     "authority"),
    ("Переезд в новый корпус к весне.", "Ой, извините, мне по второй линии звонят.", "timing"),
])
def test_statement_unconfirmed(line: str, reply: str, topic: str) -> None:
    asked, _answered = _deal(_HELLO, _HI, line, reply)
    assert topic not in asked


@pytest.mark.parametrize(("line", "reply", "topic"), [
    # our plan, callback or consolation, with or without a "?": never a question of the client's topic
    ("Хорошо, тогда я себе ставлю в октябре вас набрать, ладно?", "Давайте, в октябре уже будет понятно.", "timing"),
    ("Может, когда появятся деньги на ремонт, вернёмся к разговору...", "Может быть, посмотрим.", "budget"),
    ("Мы подготовим расчёт под ваш бюджет и пришлём к пятнице.", "Хорошо, присылайте, посмотрим.", "budget"),
    ("Наш инженер к вам приедет в четверг, всё посмотрит.", "Хорошо, ждём, после обеда лучше.", "timing"),
    ("У нас монтаж занимает две недели, это с наладкой.", "Нормально, нам к марту, успеете.", "timing"),
    ("Тогда я вам в марте наберу, когда бюджет утвердят, хорошо?", "Хорошо, в марте уже будет ясно.", "budget"),
    ("Тогда я вам в марте наберу, когда бюджет утвердят, хорошо?", "Хорошо, в марте уже будет ясно.", "timing"),
    ("Может, когда деньги появятся, сами позвоните...", "Может, посмотрим.", "timing"),
    ("Может, если бюджет весной выделят, вернёмся к разговору?", "Да, давайте весной.", "budget"),
    ("Соберём для вас программу под ваши задачи, договорились?", "Да, давайте.", "need"),
    ("Я тогда подготовлю смету под вашу сумму, хорошо?", "Хорошо, жду.", "budget"),
])
def test_our_own_line_asks_nothing(line: str, reply: str, topic: str) -> None:
    asked, _answered = _deal(_HELLO, _HI, line, reply)
    assert topic not in asked


def test_read_back_of_a_volunteered_figure_asks_nothing() -> None:
    asked, answered = _deal(_HELLO, "Здравствуйте. У нас на это заложено триста тысяч, не больше.",
                            "Понял, триста тысяч на весь объём.", "Да, всё так.")
    assert "budget" in answered
    assert "budget" not in asked


@pytest.fixture(scope="module")
def lifts(tmp_path_factory: pytest.TempPathFactory) -> QuestionSet:
    path: Path = tmp_path_factory.mktemp("sets") / "lifts.toml"
    path.write_text('''
[[question]]
id = "lift_count"
title = "Количество лифтов в обслуживании"
ask = ["сколько лифтов у вас на обслуживании"]
answer = "text"

[[question]]
id = "contract_end"
title = "Когда заканчивается договор с нынешней сервисной организацией"
ask = ["когда заканчивается договор с нынешней обслуживающей организацией"]
answer = "timing"

[[question]]
id = "signer"
title = "Кто подписывает договор обслуживания"
ask = ["кто у вас подписывает договор на обслуживание"]
answer = "person"
''', encoding="utf-8")
    return load_question_set(path)


@pytest.mark.parametrize(("line", "reply", "qid"), [
    ("А договор с нынешней обслуживающей организацией у вас до конца года.", "До тридцатого июня, потом перезаключать.",
     "contract_end"),
    ("Договор на обслуживание у вас, я так понимаю, подписывает председатель ТСЖ.",
     "Да, Валентина Ивановна, председатель.", "signer"),
    ("Лифтов у вас на обслуживании, наверное, штук шесть.", "Восемь, в двух подъездах по четыре.", "lift_count"),
])
def test_contract_set_unmarked(lifts: QuestionSet, line: str, reply: str, qid: str) -> None:
    asked, answered = _deal(_HELLO, _HI, line, reply, questions=lifts)
    assert qid in asked
    assert qid in answered


@pytest.mark.parametrize("line", [
    "Понял. Ну а сколько их у вас всего, машин.",
    "Хорошо. А по парку, сколько всего стоит.",
    "Ясно. А сколько у вас всего подъёмников по домам.",
])
def test_counter_question_without_mark_holds(lifts: QuestionSet, line: str) -> None:
    # the client asks back without a "?" ("Чего, лифтов."): the weak question waits for his next reply
    asked, answered = _deal(_HELLO, _HI, line, "Чего, лифтов.", "Да, лифтов.", "Восемь, в двух подъездах по четыре.",
                            questions=lifts)
    assert "lift_count" in asked
    assert "lift_count" in answered
