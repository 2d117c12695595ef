"""Issue 14, round 10: timing asked in any form, answers found where they are, later calls for dodged
questions (own wording, not the held-out sets')."""

from __future__ import annotations

from qa_desk.analysis import bant
from qa_desk.analysis.deal import analyze_deal, detector_for
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.replies import answer
from qa_desk.analysis.results import DealAnalysis, QuestionResult
from qa_desk.analysis.timing import asks_when, deadline, deverbal, guessed_alternatives, relevant_then
from qa_desk.domain.transcript import RecordingTranscript, Segment


def _tokens(text: str) -> list[Token]:
    return [t for s in detector_for(bant()).sentences(text) for t in s.tokens]


def _call(*turns: str) -> RecordingTranscript:
    segments = [Segment(5.0 * k, 5.0 * k + 4, "manager" if k % 2 == 0 else "client", text) for k, text in enumerate(turns)]
    return RecordingTranscript("call", 5.0 * len(turns), 2, segments)


def _deal(*calls: RecordingTranscript) -> _Results:
    return _Results(analyze_deal(list(calls)))


class _Results:
    def __init__(self, analysis: DealAnalysis) -> None:
        self.analysis = analysis

    def question(self, qid: str) -> QuestionResult:
        result = self.analysis.question(qid)
        assert result is not None
        return result


def test_a_when_question_about_the_clients_own_event_is_the_timing() -> None:
    lang = detector_for(bant()).lang
    for said in ("А открываться когда думаете?", "А ремонт у вас когда?", "Когда переезжаете?",
                 "А запуск-то когда", "А закупать когда будете?"):
        assert asks_when(_tokens(said), lang), said
    for said in ("Когда вам удобно, чтоб я подъехал?", "А у них монтаж когда?", "Директор когда бывает на месте?",
                 "А когда переезжали?", "Когда можно приехать посмотреть?", "А вы когда работаете?",
                 "Вы, когда заказы принимаете, кто их проверяет?", "А когда у вас обед?"):
        assert not asks_when(_tokens(said), lang), said
    assert _deal(_call("А открываться когда думаете?", "К осени, в сентябре.")).question("timing").answered


def test_deverbal_nouns() -> None:
    for noun in ("переезд", "запуск", "открытие", "закупка", "внедрение"):
        assert deverbal(noun), noun
    for noun in ("хозяин", "сезон", "офис", "стол"):
        assert not deverbal(noun), noun


def test_worth_taking_up_at_a_time_to_come_is_the_timing() -> None:
    lang = detector_for(bant()).lang
    assert relevant_then(_tokens("А осенью это будет актуально?"), lang)
    assert not relevant_then(_tokens("Есть смысл перезвонить в сентябре?"), lang)
    assert not relevant_then(_tokens("Это вообще актуально?"), lang)


def test_times_only_guessed_at_are_a_dodge_a_later_call_settles() -> None:
    lang = detector_for(bant()).lang
    assert guessed_alternatives(_tokens("То ли весной, то ли осенью, не ясно."), lang)
    assert not guessed_alternatives(_tokens("Весной, может, чуть позже."), lang)
    d = detector_for(bant())
    assert answer(AnswerKind.TIMING, d.sentences("Может, весной, может, позже."), d.lang, client=True) is None
    result = _deal(_call("А запуск-то когда?", "Может, весной, может, позже, как с деньгами будет."),
                   _call("Добрый день, это снова я.", "Здравствуйте. Решили: запускаем в ноябре.")).question("timing")
    assert result.answered and result.primary_answer is not None and result.primary_answer.recording == 1


def test_a_deadline_of_the_clients_own_is_a_volunteered_timing() -> None:
    lang = detector_for(bant()).lang
    assert deadline(_tokens("Нам предписали до первого июня всё заменить."), lang)
    assert deadline(_tokens("Лицензия у нас истекает в марте."), lang)
    assert not deadline(_tokens("До нового года никто этим заниматься не будет."), lang)
    result = _deal(_call("Что у вас случилось?", "Старые весы врут, и поверка у нас заканчивается в феврале.")).question("timing")
    assert result.answered and result.answer_evidence[0].volunteered


def test_a_season_of_the_pain_is_no_timing() -> None:
    result = _deal(_call("Расскажите, что у вас с холодом.",
                         "Зимой трубы перемерзают каждую неделю, а нам надо, чтобы цех работал.")).question("timing")
    assert not result.answered


def test_a_dodged_question_is_answered_in_the_next_call() -> None:
    money = _deal(_call("Сколько вы готовы тратить в месяц?", "Не скажу пока, надо с женой посчитать."),
                  _call("Добрый день, посчитали?", "Посчитали. Больше сорока в месяц не потянем, это край.")).question("budget")
    assert money.answered and money.value is not None and money.value.get("amount") == 40000


def test_shopping_around_states_a_need() -> None:
    need = _deal(_call("Добрый день, компания Холодмаш.", "Да, здравствуйте. Мы как раз подбираем камеру, для хранения овощей.")
                 ).question("need")
    assert need.answered and need.answer_evidence[0].volunteered


def test_reading_back_the_date_just_given_asks_nothing() -> None:
    result = _deal(_call("Что у вас со складом?", "Аренда у нас заканчивается в июне, арендодатель продаёт здание.",
                         "Ясно, то есть к июню вам надо съехать.", "Да.")).question("timing")
    assert result.answered and not result.asked
