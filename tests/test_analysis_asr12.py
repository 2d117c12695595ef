"""Round 12, audio: figures and names Whisper garbles, read as a controller needs them (eng12d)."""

from __future__ import annotations

from typing import Any

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.deal import analyze_deal
from qa_desk.analysis.patronymics import corrected_patronymic
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment
from tests.analysis_calls import call, tokens_of


def _budget(*turns: tuple[str, str]) -> dict[str, Any] | None:
    result = analyze_deal([call(*turns)], bant()).question("budget")
    return result.value if result is not None else None


def _decider(*turns: tuple[str, str]) -> str:
    result = analyze_deal([call(*turns)], bant()).question("authority")
    return str(((result.value if result is not None else None) or {}).get("text", ""))


def test_bare_poltora_is_millions_poltory_thousands() -> None:
    assert (budget_value(tokens_of("Ну, полтора где-то на всё, вместе с монтажом")) or {}).get("amount") == 1_500_000
    assert (budget_value(tokens_of("Один, ну, может, полтора")) or {}).get("amount_min") == 1_000_000
    assert (budget_value(tokens_of("Полторы, это в месяц")) or {}).get("amount") == 1_500
    # a month and a half is a duration, no million
    assert (budget_value(tokens_of("Запустимся за месяц-полтора")) or {}).get("amount") != 1_500_000


def test_bare_one_as_a_pronoun_or_a_count_is_no_thousand() -> None:
    assert budget_value(tokens_of("Ну, один из вариантов мы ещё не смотрели")) is None
    assert budget_value(tokens_of("Если на один нормальный склад, не скажу")) is None
    assert budget_value(tokens_of("Там одно оборудование и стоит")) is None
    assert (budget_value(tokens_of("Один в год, не больше")) or {}).get("amount") == 1_000


def test_scale_with_a_garbled_number_takes_the_managers_read_back() -> None:
    value = _budget(("manager", "А по деньгам сколько вы на это готовы выделить?"),
                    ("client", "Ну, мы прикидывали тысяч кробыстов год, не больше."),
                    ("manager", "Понял, 250 в год. А когда хотите запуститься?"),
                    ("client", "К осени."))
    assert value is not None and value.get("amount") == 250_000 and value.get("amount_period") == "year"


def test_no_read_back_without_an_acknowledgement_or_with_a_figure_of_the_client() -> None:
    value = _budget(("manager", "А по деньгам сколько вы на это готовы выделить?"),
                    ("client", "Ну, мы прикидывали тысяч кробыстов год, не больше."),
                    ("manager", "У нас тариф 250 в год за точку. А когда хотите запуститься?"),
                    ("client", "К осени."))
    assert value is None or value.get("amount") != 250_000


def test_read_back_gives_its_period_to_a_figure_whisper_scaled_otherwise() -> None:
    value = _budget(("manager", "Какая сумма у вас заложена на сервис?"),
                    ("client", "Директор утвердил 600000."),
                    ("manager", "Шесть тысяч на год, поняла. А решает кто?"),
                    ("client", "Директор."))
    assert value is not None and value.get("amount") == 600_000 and value.get("amount_period") == "year"


def test_garbled_patronymic_takes_the_closest_one_of_its_gender() -> None:
    assert corrected_patronymic("Андрович") == "Андреевич"
    assert corrected_patronymic("Романдович") == "Романович"
    assert corrected_patronymic("Морадович") == "Маратович"
    assert corrected_patronymic("Рикторович") == "Викторович"


def test_real_patronymics_and_surnames_stay() -> None:
    for word in ("Игоревна", "Егоровна", "Рашитовна", "Рашидовна", "Андреич", "Тимофеич", "Ильинична",
                 "Абрамович", "Карпович", "Шостакович", "Сидорович", "Лапич", "Михаил"):
        assert corrected_patronymic(word) == word


def test_decider_with_a_garbled_patronymic_is_named_right() -> None:
    text = _decider(("manager", "А кто у вас принимает решение по закупке?"),
                    ("client", "Подписывает главный инженер, Пётр Романдович Лукин."))
    assert "Романович" in text


def test_either_or_without_its_mark_gets_the_lower_bar_a_noise_line_does_not() -> None:
    from qa_desk.analysis.heard import asks_by_cue

    assert asks_by_cue(tokens_of("Скажите честно, покупатели к вам нормально ходят, или есть, что улучшить."))
    assert asks_by_cue(tokens_of("Решение есть ли уже по поставщику."))
    assert not asks_by_cue(tokens_of("Покупатели к вам нормально ходят, или есть, что улучшить?"))
    assert not asks_by_cue(tokens_of("Сколько вы готовы вложить или пока не считали."))  # its "?" comes back by "сколько"
    assert not asks_by_cue(tokens_of("Горобство в восчете брендан на подлой орни, что не нанимой везете."))


def test_read_back_closed_by_its_receipt_ends_the_managers_sentence() -> None:
    from qa_desk.analysis.lexicon import split_sentences

    assert split_sentences("Семьсот записала, а подписывает договор вы или директор.") == [
        "Семьсот записала,", "а подписывает договор вы или директор."]
    assert split_sentences("Это дорого, а не дешево.") == ["Это дорого, а не дешево."]


def test_mono_segment_glueing_reply_read_back_and_next_question_is_read_as_both() -> None:
    from qa_desk.analysis.questions import AnswerKind

    recording = RecordingTranscript("m", 20.0, 1, [
        Segment(0.0, 4.0, "unknown", "Скажите, сколько вы в месяц на охрану выделяете?"),
        Segment(5.0, 9.0, "unknown", "В месяц у нас шестьсот тысяч заложено, это с техникой. "
                                     "Шестьсот записала, а выбирает подрядчика кто, вы или управляющий."),
        Segment(10.0, 14.0, "unknown", "Решает управляющий, Сомов Пётр Ильич."),
    ])
    result = analyze_deal([recording], bant())
    budget, authority = result.question("budget"), result.question("authority")
    assert budget is not None and (budget.value or {}).get("amount") == 600_000
    assert authority is not None and authority.asked and authority.answered
    assert AnswerKind.PERSON.value == authority.kind


def test_self_decider_with_no_name_takes_the_name_greeted_in_the_next_call() -> None:
    first = call(("manager", "Добрый день, это Анна, компания Склад-Сервис. А кто у вас решает по подрядчику?"),
                 ("client", "Я решаю, я тут управляющий. Кустовой Верындр Нимович, записывайте."))
    second = call(("manager", "Пётр Сергеевич, добрый день, это снова Анна из Склад-Сервиса."),
                  ("client", "Да, слушаю вас."))
    result = analyze_deal([first, second], bant()).question("authority")
    assert result is not None and "Пётр Сергеевич" in str((result.value or {}).get("text", ""))
