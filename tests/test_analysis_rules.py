"""Round-3 mechanisms of the engine: lemma families, dominant intent, client "?" replies, ASR numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_desk.analysis import analyze_deal, bant, load_question_set
from qa_desk.analysis.deal import detector_for
from qa_desk.analysis.families import expand
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.money import find_amounts
from qa_desk.domain.transcript import RecordingTranscript, Segment


def call(*turns: tuple[str, str]) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), speaker, text) for i, (speaker, text) in enumerate(turns)]
    return RecordingTranscript("call.mp3", len(turns) * 5.0, 2, segments)


def asked_ids(text: str) -> set[str]:
    detector = detector_for(bant())
    return {cq.question.id for cq, _s in detector.asked(detector.sentences(text))}


def test_aspect_pairs_are_one_family() -> None:
    assert "выделять" in expand(frozenset({"выделить"}))
    assert "решать" not in expand(frozenset({"решить"}))  # "решили сменить" is not "who decides"


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Кто подпишет смету на закупку?", {"authority"}),
        ("Какой бюджет, и кто его согласует?", {"budget", "authority"}),
        ("До какого срока вы примете решение?", {"timing"}),
        ("Чья подпись нужна на договоре?", {"authority"}),
    ],
)
def test_dominant_intent(text: str, ids: set[str]) -> None:
    assert asked_ids(text) == ids


def test_client_reply_with_whisper_question_mark_is_an_answer() -> None:
    rec = call(("manager", "Кто у вас утверждает покупки?"), ("client", "Учредитель наш?"))
    assert analyze_deal([rec]).question("authority").answered  # type: ignore[union-attr]
    rec = call(("manager", "Кто у вас утверждает покупки?"), ("client", "А вы почему спрашиваете?"))
    assert not analyze_deal([rec]).question("authority").answered  # type: ignore[union-attr]


def test_relay_is_not_a_decider() -> None:
    rec = call(("manager", "Кто принимает решение?"), ("client", "Пришлите мне, я перешлю."))
    assert not analyze_deal([rec]).question("authority").answered  # type: ignore[union-attr]


def test_no_money_in_either_aspect() -> None:
    rec = call(("manager", "Какой у вас бюджет?"), ("client", "Ничего пока не выделяли."))
    assert analyze_deal([rec]).question("budget").value == {"amount": 0, "currency": "RUB"}  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "amount"), [("1400", 400_000), ("1400 рублей", 1400), ("2400", 2400)])
def test_collapsed_inverted_thousands(text: str, amount: int) -> None:
    assert [a.value for a in find_amounts(Lexicon(()).tokens(text))] == [amount]


def test_custom_examples_generalise_by_synonyms(tmp_path: Path) -> None:
    path = tmp_path / "set.toml"
    path.write_text(
        '[[question]]\nid = "upgrade"\ntitle = "Апгрейд"\nanswer = "yes_no"\n'
        'ask = ["планируете обновлять парк техники"]\n',
        encoding="utf-8",
    )
    rec = call(("manager", "Собираетесь менять оборудование в этом году?"), ("client", "Да, летом."))
    assert analyze_deal([rec], load_question_set(path)).question("upgrade").answered  # type: ignore[union-attr]
