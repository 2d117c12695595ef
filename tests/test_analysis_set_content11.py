"""Issue 14, round 11: a contract set written in legal language is matched by its content (set_content.py:
framing left out, adjective + noun as one slot, answer options). Own wording, not the held-out sets'."""

from __future__ import annotations

from dialogues import stereo_call

from qa_desk.analysis import analyze_deal
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import QuestionSet, parse_question_set
from qa_desk.analysis.set_content import framed, phrasings

LEGAL = parse_question_set(
    """
[[question]]
id = "vehicles"
title = "Наличие у потенциального клиента собственных транспортных средств"
ask = ["располагает ли потенциальный клиент собственным автопарком"]
answer = "yes_no"

[[question]]
id = "lab"
title = "Наличие действующего договора с медицинской организацией на сдачу анализов"
ask = ["имеется ли у потенциального клиента действующий договор с медицинской организацией"]
answer = "yes_no"

[[question]]
id = "mode"
title = "Предпочтительный способ проведения семинаров (очный, дистанционный)"
ask = ["каков предпочтительный способ проведения семинаров"]
answer = "text"

[[question]]
id = "signer"
title = "Установление лица, уполномоченного на подписание договора"
ask = ["кто является лицом, уполномоченным на подписание договора"]
answer = "person"
""",
    "legal",
)


def _asked(questions: QuestionSet, question: str, reply: str) -> set[str]:
    analysis = analyze_deal([stereo_call("Добрый день, это Пётр, компания «Вектор».", "Да, слушаю.", question, reply)],
                            questions=questions)
    return {q.id for q in analysis.questions if q.asked and q.id in questions.ids}


def test_the_legal_framing_is_left_out() -> None:
    lexicon = Lexicon(())
    tokens = lexicon.tokens("имеется ли у потенциального клиента действующий договор с медицинской организацией")
    assert framed(tokens)
    said, _options = phrasings(["имеется ли у потенциального клиента действующий договор с медицинской организацией"],
                               lexicon.tokens, language())
    words = set().union(*said[0])
    assert {"договор", "медицинский", "организация"} <= words
    assert words.isdisjoint({"иметься", "потенциальный", "клиент", "действовать"})


def test_a_plain_phrasing_is_not_reduced() -> None:
    lexicon = Lexicon(())
    assert not framed(lexicon.tokens("готовы ли вы сменить текущую систему"))
    said, _options = phrasings(["готовы ли вы сменить текущую систему"], lexicon.tokens, language())
    assert said == ()


def test_the_answer_options_of_a_title() -> None:
    lexicon = Lexicon(())
    _said, options = phrasings(["Способ проведения семинаров (очный, дистанционный)"], lexicon.tokens, language())
    assert len(options) == 2


def test_a_caller_asks_a_legal_question_in_plain_words() -> None:
    assert "lab" in _asked(LEGAL, "А договор с поликлиникой у вас заключён?", "Да, с городской, до осени.")
    assert "mode" in _asked(LEGAL, "Вам как удобнее, вживую или онлайн?", "Лучше онлайн, люди в разъездах.")


def test_small_talk_asks_no_legal_question() -> None:
    assert not _asked(LEGAL, "Как у вас погода сегодня, не холодно?", "Да нормально, снег идёт.") & {"lab", "mode", "vehicles"}
