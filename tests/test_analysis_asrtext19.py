"""Round 19, audio: reading Whisper's text where its damage made a client's statement look like our question (eng19e).

Own cases, written before the change, in trades unlike the corpus (a print shop, a bakery, a car wash, a gym, a pet
food shop, a laundry, a florist). Lines are as Whisper base writes them: words misheard into non-words or into
other real words, «?» lost, a mono call's roles to be worked out from the text.

- a sound match (lexicon._sound_repair) must not turn a short garble into a long vocabulary form of another word
  ("пилеты" for "билеты" is no "поделитесь"; "выриваете" is no "перезвоните"), while the matches it was built for
  stay ("монетерин" ~ "мониторинг", "кратевичает" ~ "отвечает");
- a second-person verb right after a preposition is a misheard noun ("в умрете" for "в марте"), no question;
- "ещё как" opening a line is emphatic ("Ещё как торопимся"), no question; "а ещё как вы …" still asks.
"""

from __future__ import annotations

import pytest

from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.lexicon import Lexicon
from qa_desk.analysis.questions import bant
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _lemma(vocabulary: list[str], word: str) -> str:
    return Lexicon(vocabulary).tokens(word)[0].lemma


# (vocabulary, heard word, lemma it must or must not get)
KEPT_SOUND = [(["мониторинг"], "монетерин", "мониторинг"), (["отвечать"], "кратевичает", "отвечать")]
NO_SOUND = [(["поделиться"], "пилеты", "поделиться"), (["перезвонить"], "выриваете", "перезвонить"),
            (["вызвать"], "резове", "вызвать"), (["оплатить"], "саплоне", "оплатить")]


@pytest.mark.parametrize(("vocabulary", "word", "lemma"), KEPT_SOUND)
def test_sound_match_kept(vocabulary: list[str], word: str, lemma: str) -> None:
    assert _lemma(vocabulary, word) == lemma


@pytest.mark.parametrize(("vocabulary", "word", "lemma"), NO_SOUND)
def test_short_garble_not_matched_by_sound(vocabulary: list[str], word: str, lemma: str) -> None:
    assert _lemma(vocabulary, word) != lemma


def _asks(text: str) -> list[bool]:
    return [s.is_question for s in detector_for(bant()).sentences(text)]


STATEMENTS = [
    "это все вместе и пилеты и доставка.",  # pet food shop: "…и билеты…" misheard
    "Тендер в умрете поставка вецом, пока каникулы.",  # bakery ovens: "в марте", "летом"
    "Ещё как торопимся, к первым уйсентября все должно стоять.",  # laundry: emphatic, not "как?"
    "ещё как надо, у нас очередь на мойку до вечера",  # car wash
]
QUESTIONS = [
    "а ещё как вы клиентов в зал привлекаете",  # gym: "ещё как" addressed to the client asks
    "а вы в марте планируете открываться",  # florist: the client's verb, no preposition before it
    "и когда вы хотите запустить печать каталога",  # print shop
]


@pytest.mark.parametrize("text", STATEMENTS)
def test_damaged_statement_asks_nothing(text: str) -> None:
    assert not any(_asks(text))


@pytest.mark.parametrize("text", QUESTIONS)
def test_unmarked_question_still_asks(text: str) -> None:
    assert any(_asks(text))


def _mono(*lines: str) -> RecordingTranscript:
    segments = [Segment(float(i * 5), float(i * 5 + 4), "unknown", t) for i, t in enumerate(lines)]
    return RecordingTranscript("call.mp3", len(lines) * 5.0, 1, segments)


def test_mono_budget_reply_with_garbled_word_stays_the_clients() -> None:
    """A pet food chain, mono: the client's monthly figure with "пилеты" in it is his reply, not our question."""
    rec = _mono("добрый день, это ольга, корма плюс, вы оставляли заявку на поставки",
                "да, слушаю",
                "по деньгам в месяц на корма сколько у вас выходит и сколько вы готовы через нас пропускать.",
                "подождите, у меня тут свод за прошлый год.",
                "приходит в среднем 60 тысяч в месяц, не больше, это все вместе и пилеты и гостиницы для кошек.",
                "ага, шестьдесят. ну, у нас доставка бесплатная от 20 тысяч, я вам во вторник перезвоню.")
    budget = analyze_deal([rec], bant()).question("budget")
    assert budget is not None and budget.answered
    assert budget.value is not None and budget.value.get("amount") == 60_000


def _budget_of(rec: RecordingTranscript) -> dict[str, object] | None:
    result = analyze_deal([rec], bant()).question("budget")
    return result.value if result is not None and result.answered else None


def test_mono_reckoning_after_our_price_is_the_clients_figure() -> None:
    """A bakery, mono: Whisper glued the client's "А я думала 700 …" to our price it heard with a «?»."""
    rec = _mono("алло, добрый день, это пекарня у дома, я по заявке на печь",
                "да, слушаю, только быстро, у меня выпечка",
                "печь что сейчас не так, не держит температуру или мала",
                "не держит, низ горит, верх сырой.",
                "я к чему, новая ротационная под ваш цех 900 тысяч с монтажом? А я думала 700 тысяч, больше я не потяну, честно.",
                "можно подобрать конвекционную, выйдет дешевле.")
    value = _budget_of(rec)
    assert value is not None and value.get("amount") == 700_000


def test_mono_our_own_follow_up_stays_ours() -> None:
    """Must not: our "?" then our own next words ("А я вам скажу …", addressed to the client) are no reply of his."""
    rec = _mono("алло, добрый день, это фитнес техника, я по заявке на беговые дорожки",
                "да, слушаю",
                "по деньгам вы на зал сколько закладываете? А я вам скажу, у нас от 200 тысяч за дорожку.",
                "ну посмотрим.")
    value = _budget_of(rec)
    assert value is None or value.get("amount") != 200_000


def test_mono_question_not_cut_at_a_count_after_kak_raz() -> None:
    """A car wash, mono: "как раз" asks nothing, so "в одном счёте" is no figure reply cut off our question."""
    rec = _mono("добрый день, это автомойка блеск, вы оставляли заявку на мойку автопарка",
                "да, слушаю",
                "вот это мы как раз берем на себя, все машины в одном счете, а по сумам у вас на мойку как-то заложено"
                " или каждый раз из кассы выриваете.",
                "заложено, где-то 40 тысяч в месяц на все машины.")
    result = analyze_deal([rec], bant()).question("budget")
    assert result is not None and result.asked
