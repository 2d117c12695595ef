"""Round 10's decider mechanisms, in wording of their own (not the held-out sets'): a contrast sets the
decider against the others, a name asked for after a role, the speaker who only prepares, a command to
a pet or a child, one who passes papers on, a board as the place of a decision."""

from __future__ import annotations

from analysis_calls import best, call

from qa_desk.analysis import analyze_deal, bant


def authority_of(*turns: tuple[str, str]) -> str | None:
    result = analyze_deal([call(*turns)], bant()).question("authority")
    return None if result is None or result.value is None else str(result.value.get("text"))


def test_the_clause_after_a_contrast_names_the_decider() -> None:
    assert best("Сестра всё советует, а заказываю я.") == ("я", True)
    assert best("Магазин общий, с компаньоном, но по закупкам я решаю.") == ("я", True)
    assert best("Кладовщик заявки пишет, а утверждает главный инженер.") == ("главный инженер", False)
    assert best("Решает директор, а я только готовлю.") == ("директор", False)


def test_the_speaker_who_only_prepares_does_not_decide() -> None:
    assert best("Коммерческий директор утверждает, я только собираю предложения.") == ("коммерческий директор", False)


def test_a_command_and_a_relay_name_no_decider() -> None:
    assert best("Пёс, сидеть!") is None
    assert best("Присылайте, бухгалтер передаст.") is None


def test_a_board_is_where_the_founders_decide() -> None:
    found = best("С партнёрами, их трое, они на правлении в марте всё утверждают.")
    assert found is not None and found[0] == "партнёры"


def test_a_name_asked_after_the_role_completes_it() -> None:
    text = authority_of(
        ("manager", "Добрый день, это автосервис?"), ("client", "Да, слушаю."),
        ("manager", "А кто у вас такие закупки решает?"), ("client", "Хозяин, он всё решает."),
        ("manager", "А как его по имени-отчеству?"), ("client", "Сергей Павлович."))
    assert text == "хозяин Сергей Павлович"


def test_the_speaker_named_beside_their_own_i() -> None:
    text = authority_of(
        ("manager", "Добрый день, это пекарня?"), ("client", "Да."),
        ("manager", "А кто у вас решает по оборудованию, вы или муж?"),
        ("client", "Муж только советует, а всё оплачиваю я, Ирина Сергеевна Лаптева."))
    assert text is not None and "Ирина Сергеевна" in text
