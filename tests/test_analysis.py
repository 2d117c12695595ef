"""Contract-question engine: values, question sets, deal-level evidence, flags, CLI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from qa_desk.analysis import QuestionSetError, analyze_deal, bant, load_question_set, load_reason_map, summary
from qa_desk.analysis.detect import Detector
from qa_desk.analysis.language import language
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.russian import agree
from qa_desk.analysis.timing import find_period
from qa_desk.cli import analyze as analyze_cli
from qa_desk.domain.transcript import RecordingTranscript, Segment

LEX = Lexicon(())


def call(*turns: tuple[str, str], path: str = "call.mp3") -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), speaker, text) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript(path, len(turns) * 5.0, 2, segments)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("550 тыс. руб.", 550_000),
        ("2,5 млн", 2_500_000),
        ("пятьсот пятьдесят тысяч", 550_000),
        ("тысяч триста", 300_000),
        ("полмиллиона", 500_000),
        ("полтора миллиона", 1_500_000),
        ("миллион двести", 1_200_000),
        ("около 1 200 000 рублей", 1_200_000),
        ("два с половиной миллиона", 2_500_000),
        ("пятисот пятидесяти тысяч", 550_000),
        ("300.000 руб", 300_000),
        ("тысяча двести рублей", 1_200),
        ("миллиона два, может чуть больше", 2_000_000),
        ("миллиона полтора", 1_500_000),
        ("в районе миллиона рублей", 1_000_000),
    ],
)
def test_money_from_digits_and_words(text: str, amount: int) -> None:
    assert [a.value for a in find_amounts(LEX.tokens(text))] == [amount]


@pytest.mark.parametrize("text", ["через два месяца", "пять тысяч человек", "в 2024 году", "сто двадцать"])
def test_numbers_that_are_not_money(text: str) -> None:
    assert find_amounts(LEX.tokens(text)) == []


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Думаю, в следующем квартале.", "в следующем квартале"),
        ("до конца года", "до конца года"),
        ("через пару недель", "через пару недель"),
        ("как можно скорее", "как можно скорее"),
        ("нет времени", None),
    ],
)
def test_timing_as_said(text: str, period: str | None) -> None:
    found = find_period(LEX.tokens(text), language())
    assert (found[0] if found else None) == period


def test_paraphrases_and_misspellings_ask_budget_but_distractors_do_not() -> None:
    detector = Detector(bant())

    def asked(text: str) -> list[str]:
        return [cq.question.id for cq, _s in detector.asked(detector.sentences(text))]

    for text in ("Какими средствами располагаете?", "В какую сумму хотите уложиться?",
                 "Сколько готовы потратить?", "Какой бюджед заложен?"):
        assert asked(text) == ["budget"], text
    for text in ("У нас есть бюджетная модель, хотите?", "Наше решение стоит двести тысяч.",
                 "Когда вам удобно перезвонить?"):
        assert asked(text) == [], text


def test_one_word_example_needs_its_question_word() -> None:
    # "зачем вам это нужно" has one content word; a bare "нужно" in another question is not a need question
    detector = Detector(bant())
    ids = [cq.question.id for cq, _s in detector.asked(detector.sentences("Это ваше решение или нужно согласование руководства?"))]
    assert ids == ["authority"]


def test_misheard_number_words_are_repaired() -> None:
    lexicon = Detector(bant()).lexicon
    assert [a.value for a in find_amounts(lexicon.tokens("Плтора миллиону рублей заложено."))] == [1_500_000]
    assert [a.value for a in find_amounts(lexicon.tokens("ну тысяч тристо"))] == [300_000]


def test_unprompted_need_and_no_person_from_inanimate_noun() -> None:
    rec = call(("manager", "Добрый день."), ("client", "Нам нужна система для записи клиентов, сейчас всё в тетрадке."),
               ("manager", "Кто подписывает договоры?"), ("client", "Давайте пока без этого."),
               ("manager", "Что для вас важно?"), ("client", "Чтобы привозили вовремя и без брака."))
    result = analyze_deal([rec])
    need, authority = result.question("need"), result.question("authority")
    assert need is not None and need.answer_evidence[0].volunteered
    assert authority is not None and authority.asked and not authority.answered
    # a sentence that answers timing does not also state a need
    rec = call(("manager", "Когда планируете запуск?"), ("client", "Нужно срочно."))
    need = analyze_deal([rec]).question("need")
    assert need is not None and not need.answered


def test_deal_level_evidence_across_calls() -> None:
    first = call(("manager", "Какой у вас бюджет?"), ("client", "Пока не могу сказать."), path="1.mp3")
    second = call(("manager", "Добрый день."), ("client", "Кстати, у нас выделено двести тысяч."), path="2.mp3")
    result = analyze_deal([first, second], bant(), "маленький бюджет")
    budget = result.question("budget")
    assert budget is not None and budget.asked and budget.answered
    assert budget.asked_evidence[0].recording == 0
    assert budget.evasions[0].quote == "Пока не могу сказать."
    answer = budget.answer_evidence[0]
    assert (answer.recording, answer.start, answer.speaker) == (1, 5.0, "client")
    assert answer.value == {"amount": 200_000, "currency": "RUB"}
    assert result.flags == []
    data = result.to_json()
    assert data["questions"][0]["answer_evidence"][0]["value"]["amount"] == 200_000
    assert len(data["recordings"]) == 2


def test_speakers_matter_in_stereo() -> None:
    # the client asks, the manager names a price: neither is the budget question nor its answer
    rec = call(("client", "А какой бюджет нужен?"), ("manager", "Обычно выделяют триста тысяч."))
    budget = analyze_deal([rec]).question("budget")
    assert budget is not None and not budget.asked and not budget.answered


def test_mono_uses_turn_order() -> None:
    rec = call(("unknown", "Сколько готовы потратить?"), ("unknown", "Тысяч триста."))
    budget = analyze_deal([rec]).question("budget")
    assert budget is not None and budget.answered and budget.value == {"amount": 300_000, "currency": "RUB"}


def test_reason_flags_distinguish_never_asked_from_unanswered() -> None:
    calls = [call(("manager", "Добрый день."), ("client", "Здравствуйте.")) for _ in range(3)]
    flags = analyze_deal(calls, bant(), "Маленький бюджет").flags
    assert [f.code for f in flags] == ["refusal_reason_unsupported"]
    assert flags[0].message.startswith("Бюджет ни разу не обсуждался ни в одном из 3 звонков")

    asked = [call(("manager", "Кто принимает решение?"), ("client", "Не знаю."))]
    flag = analyze_deal(asked, bant(), "не ЛПР").flags[0]
    assert flag.question == "authority" and "уклонился" in flag.message and "не знаю" in flag.message.lower()
    assert "ни разу" not in flag.message


def test_unknown_reason_is_reported() -> None:
    flags = analyze_deal([call(("manager", "Алло"))], bant(), "погода плохая").flags
    assert [f.code for f in flags] == ["refusal_reason_unknown"]


@pytest.mark.parametrize(("n", "word"), [(1, "звонка"), (2, "звонков"), (5, "звонков"), (21, "звонка")])
def test_plural_agreement(n: int, word: str) -> None:
    assert agree("звонок", n, "gent") == word


def test_reason_map_matches_fuzzily() -> None:
    reasons = load_reason_map()
    assert reasons.questions_for("НЕТ БЮДЖЕТА") == ["budget"]
    assert reasons.questions_for("маленкий бюджет") == ["budget"]
    assert reasons.questions_for("Клиент не ЛПР") == ["authority"]
    assert reasons.questions_for("дорого, не сейчас") == ["budget", "timing"]


def test_custom_question_set(tmp_path: Path) -> None:
    path = tmp_path / "contract.toml"
    path.write_text(
        '[[question]]\nid = "upgrade"\ntitle = "Планируется апгрейд оборудования"\n'
        'ask = ["планируете ли вы апгрейд оборудования", "планируете обновлять парк техники"]\n'
        'answer = "yes_no"\n',
        encoding="utf-8",
    )
    questions = load_question_set(path)
    rec = call(("manager", "Апгрейд оборудования в этом году планируете?"), ("client", "Нет, не планируем."))
    upgrade = analyze_deal([rec], questions).question("upgrade")
    assert upgrade is not None and upgrade.asked and upgrade.value == {"yes": False}


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[[question]\nid=1", "ошибка синтаксиса TOML"),
        ('[[question]]\nid = "x"\nask = ["а"]\nanswer = "date"\n', "неизвестный тип ответа «date»"),
        ('[[question]]\nid = "x"\n', "нужен хотя бы один пример"),
        ('title = "x"\n', "нет ни одного вопроса"),
    ],
)
def test_invalid_question_sets_explain_in_russian(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionSetError) as err:
        load_question_set(path)
    assert needle in str(err.value) and "bad.toml" in str(err.value)


def _args(**kw: object) -> argparse.Namespace:
    base: dict[str, object] = {"paths": [], "transcript": None, "questions": None, "reason": None,
                               "reasons_map": None, "json": False}
    base.update(kw)
    return argparse.Namespace(**base)


def test_cli_json_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = tmp_path / "deal.json"
    rec = call(("manager", "Сколько готовы потратить?"), ("client", "Полтора миллиона."))
    transcript.write_text(json.dumps({"recordings": [rec.to_json()]}, ensure_ascii=False), encoding="utf-8")
    assert analyze_cli.run(_args(transcript=str(transcript), json=True, reason="не сейчас")) == 0
    data = json.loads(capsys.readouterr().out)
    budget = data["questions"][0]
    assert budget["id"] == "budget" and budget["asked"] and budget["answered"]
    assert budget["answer_evidence"][0]["value"] == {"amount": 1_500_000, "currency": "RUB"}
    assert set(budget["asked_evidence"][0]) >= {"recording", "start", "end", "speaker", "quote"}
    assert data["flags"][0]["code"] == "refusal_reason_unsupported" and data["flags"][0]["question"] == "timing"
    assert analyze_cli.run(_args(transcript=str(transcript))) == 0
    assert "1 500 000 ₽" in capsys.readouterr().out


def test_cli_reports_bad_question_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "q.toml"
    bad.write_text('[[question]]\nid = "x"\nask = ["а"]\nanswer = "money!"\n', encoding="utf-8")
    transcript = tmp_path / "t.json"
    transcript.write_text('{"recordings": []}', encoding="utf-8")
    assert analyze_cli.run(_args(transcript=str(transcript), questions=str(bad))) == 2
    assert "неизвестный тип ответа" in capsys.readouterr().err


def test_summary_is_russian() -> None:
    text = summary(analyze_deal([call(("manager", "Кто у вас принимает решение?"), ("client", "Директор."))]))
    assert "Лицо, принимающее решение" in text and "Директор" in text
