"""Round 8's decider and refusal-check mechanisms, in wording of their own (not the held-out sets')."""

from __future__ import annotations

from analysis_calls import best, call

from qa_desk.analysis import analyze_deal, bant, detector_for
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.form import is_question
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.person import decider
from qa_desk.analysis.person_self import introduced_role

LEX = Lexicon(())


def test_the_speakers_own_role_after_zh_and_a_non_top_role_beside_i_decide() -> None:
    assert best("Подписываю я, я ж генеральный.") == ("генеральный директор", True)
    assert best("Я и главбух, и директор, подписываю тоже я.") == ("главбух и директор", True)


def test_an_imperative_binds_nobody_beside_it() -> None:
    assert best("Ну я решаю.", "Учредитель сказал — выбирай сам.") == ("я", True)


def test_role_adjective_before_a_thing_and_names_in_context() -> None:
    assert decider(LEX.tokens("Он утверждает техническое задание.")) is None
    assert decider(LEX.tokens("Подписывает финансовый директор, Петрова.")) == "финансовый директор Петрова"
    assert decider(LEX.tokens("Решает Сомов Игорь Павлович, главный инженер.")) == "главный инженер Сомов Игорь Павлович"
    assert decider(LEX.tokens("Утверждает проректор по учебной работе, Анна Сергеевна.")) == (
        "проректор по учебной работе Анна Сергеевна")
    assert decider(LEX.tokens("Павел Андреевич его зовут, он подписывает.")) == "Павел Андреевич"
    # a surname known only in the other gender is kept as said; a first name in another case is not (ASR)
    assert decider(LEX.tokens("Решает Виктор Семёнович Ланской.")) == "Виктор Семёнович Ланской"
    assert decider(LEX.tokens("Подписывает Виталия Петрович.")) == "Виталий Петрович"


def test_a_member_is_shown_with_the_collective() -> None:
    found = best("Закупочная комиссия.", "Председатель — главный инженер, Орлов.")
    assert found is not None and found[0].startswith("закупочная комиссия, председатель")


def test_so_inside_a_sentence_asks_nothing() -> None:
    for text in ("Я сам решаю, так что со мной и говорите.", "Так что до весны ничего менять не будем."):
        tokens = LEX.tokens(text)
        assert not is_question(tokens, frozenset(t.lemma for t in tokens), language())
    tokens = LEX.tokens("Так что вы решили по подрядчику")
    assert is_question(tokens, frozenset(t.lemma for t in tokens), language())


def test_introduced_role() -> None:
    assert introduced_role(LEX.tokens("Я Костя, управляющий.")) == ("управляющий", "Костя")
    assert introduced_role(LEX.tokens("Я по поводу директора звоню.")) is None


def test_the_speaker_is_labelled_with_the_role_of_their_introduction() -> None:
    result = analyze_deal([call(
        ("manager", "Добрый день, это автосервис «Мотор»?"), ("client", "Да. Я Костя, управляющий."),
        ("manager", "Константин, а кто у вас решает по закупкам, вы или владелец?"),
        ("client", "Ну я решаю. Владелец сказал — выбирай сам."))], bant())
    authority = result.question("authority")
    assert authority is not None and authority.value == {"text": "управляющий Костя", "self": True}


def test_a_role_said_of_she_takes_the_name_of_the_question() -> None:
    result = analyze_deal([call(
        ("manager", "Добрый день, это пекарня?"), ("client", "Да, это к Ольге Петровне надо."),
        ("manager", "А Ольга Петровна — это кто, директор? Она такие вопросы решает?"),
        ("client", "Ну да, она хозяйка, она всё решает."))], bant())
    authority = result.question("authority")
    assert authority is not None and authority.value is not None
    assert authority.value["text"] == "хозяйка Ольга Петровна"


def test_competitor_denied_contradicts_the_reason() -> None:
    result = analyze_deal([call(
        ("manager", "Вы уже определились с подрядчиком?"),
        ("client", "Нет, мы ни с кем договор не заключали, смотрим три предложения."))], bant(), "выбрали конкурента")
    assert result.reason_check["status"] == "contradicted"


def test_a_later_he_after_the_role_asked_names_that_role() -> None:
    first = call(("manager", "А договор кто подписывает?"), ("client", "Финансовый у нас подписывает, да."))
    second = call(("manager", "Счёт на кого выставлять, на вашего финансового?"),
                  ("client", "На него, да, Орлов Пётр Ильич. Пришлите мне копию, а то он подпишет не глядя."))
    authority = analyze_deal([first, second], bant()).question("authority")
    assert authority is not None and authority.value is not None
    assert str(authority.value["text"]).startswith("финансовый директор")


def test_the_speaker_is_the_role_the_caller_asked_for() -> None:
    result = analyze_deal([call(
        ("manager", "Добрый день, компания «СтендПро». Мне бы начальника цеха."), ("client", "Ну я. Что хотели?"),
        ("manager", "А решаете по оборудованию вы сами или с директором?"), ("client", "Сам."))], bant())
    authority = result.question("authority")
    assert authority is not None and authority.value == {"text": "начальник цеха", "self": True}


def test_a_name_in_a_self_introduction_is_shown_whole() -> None:
    """"так вот я, Марина Олеговна, Ковалёва" (the deciding "решаю я" lost to ASR): the fallback person is
    the whole name, not the first name alone."""
    detector = detector_for(bant())
    tokens = detector.sentences("Вы спрашивали, кто решает, так вот я, Марина Олеговна, Ковалёва, салон мой.")[0].tokens
    best = best_person([tokens], language())
    assert best is not None and "Марина Олеговна" in best.text
