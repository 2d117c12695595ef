"""Round 11's decider mechanisms, in wording of their own (not the held-out sets'): the chooser over the one who
only signs, a pronoun resolved to the person named before it, a board over the members it lists, "я сам" with
the deciding verb left out, the client's name from the caller's "это вы, …" question, and a role ASR misspelled."""

from __future__ import annotations

from analysis_calls import best, call

from qa_desk.analysis import analyze_deal, bant, detector_for
from qa_desk.analysis.person import decider


def authority_of(*turns: tuple[str, str]) -> str | None:
    result = analyze_deal([call(*turns)], bant()).question("authority")
    return None if result is None or result.value is None else str(result.value.get("text"))


def test_the_chooser_wins_over_one_who_only_signs() -> None:
    found = best("Борис Аркадьевич, конечно, только он сейчас в отпуске.",
                 "Подписывает за него заместитель, Ольга Игоревна, но решает он.")
    assert found == ("Борис Аркадьевич", False)


def test_a_pronoun_takes_the_person_of_its_gender() -> None:
    found = best("Есть Нина Павловна, она бухгалтер, и есть Сергей Ильич.", "Подписывает она, но выбирает он.")
    assert found is not None and found[0] == "Сергей Ильич"


def test_the_signer_stays_when_the_speaker_is_among_those_who_choose() -> None:
    found = best("Договор генеральный подписывает, а выбираем мы с технологом.")
    assert found is not None and found[0].startswith("генеральный")


def test_a_board_votes_through_they() -> None:
    found = best("Решает правление, там пять человек.", "Директор готовит материалы, а голосуют они.")
    assert found is not None and found[0] == "правление"


def test_the_members_listed_after_a_committee_do_not_replace_it() -> None:
    found = best("Это у нас закупочная комиссия.", "Коммерческий директор, главный технолог и я.")
    assert found is not None and found[0] == "закупочная комиссия"


def test_a_name_in_the_reply_outranks_the_speaker_who_only_signs() -> None:
    found = best("Да, Аркадий Львович.", "Я потом подпись ставлю, это формальность.")
    assert found == ("Аркадий Львович", False)


def test_i_myself_without_a_verb_is_the_speaker() -> None:
    assert best("Мелочь до десяти тысяч я сам, это хозяйственное.") == ("я", True)
    assert best("Я сам позвоню завтра.") is None


def test_the_client_named_in_the_callers_question_is_the_speaker() -> None:
    text = authority_of(
        ("manager", "Добрый день, мне дали ваш номер, это вы, Вероника Андреевна?"), ("client", "Да, слушаю."),
        ("manager", "Кто у вас решает по закупке мебели?"), ("client", "Мебель до ста тысяч я сама, это мелочь."))
    assert text is not None and "Вероника Андреевна" in text


def test_a_misheard_role_keeps_its_number_and_its_adjective() -> None:
    detector = detector_for(bant())

    def said(text: str) -> str | None:
        return decider(detector.sentences(text)[0].tokens)

    assert said("Решаем вместе с учрентителями.") == "учредители"  # ASR's spelling of "учредителями"
    assert said("Утверждает отперционный директор.") == "операционный директор"
    assert said("Решает учредитель.") == "учредитель"
