"""Deal level: every call in order, asked/answered evidence per question, the refusal-reason check.

Dialogue structure first: each segment is split into utterances (sentences; in mono, a question
and the reply that ASR glued to it); each utterance has a role (the channel's speaker, or in mono
inferred: a question is the manager's); an asked question opens a window in its call for the
client's next turns until the manager moves to another topic (a clarifying exchange keeps it open).
An answer belongs to its question's call: a later call answers only while the question is still
unanswered, and its evidence says so (``later_call``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from qa_desk.analysis.acts import moves_on, reads_back
from qa_desk.analysis.amounts import said_period
from qa_desk.analysis.checks import check_reason
from qa_desk.analysis.confirmed import by_pair
from qa_desk.analysis.decider_names import name_deciders, pronoun_volunteered
from qa_desk.analysis.detect import CompiledQuestion, Detector, Sentence
from qa_desk.analysis.guess import restates
from qa_desk.analysis.holds import holds, promises
from qa_desk.analysis.language import UPPER_BOUNDS
from qa_desk.analysis.learned_ask import union_ask
from qa_desk.analysis.learned_turn import union_turn
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money_asked import by_reply
from qa_desk.analysis.our_figure import answers_our_figure, our_figure_asked
from qa_desk.analysis.pairing import (
    UNSURE,
    confirms_named,
    handed_deciding,
    keep_first,
    put_off,
    says_yes_to,
    talk_scale,
)
from qa_desk.analysis.pairing import VOLUNTEERED as _VOLUNTEERED
from qa_desk.analysis.pairing import Candidate as _Candidate
from qa_desk.analysis.pairing import Unit as _Unit
from qa_desk.analysis.pairing import Window as _Window
from qa_desk.analysis.pairing import after_our_price as _after_our_price
from qa_desk.analysis.pairing import close as _close
from qa_desk.analysis.pairing import confirm_weak as _confirm_weak
from qa_desk.analysis.pairing import confirmed_back as _confirmed_back
from qa_desk.analysis.pairing import evidence as _evidence
from qa_desk.analysis.pairing import handed_off as _handed_off
from qa_desk.analysis.pairing import later as _later
from qa_desk.analysis.pairing import miscounted as _miscounted
from qa_desk.analysis.pairing import on_subject as _on_subject
from qa_desk.analysis.pairing import past_answer as _past_answer
from qa_desk.analysis.pairing import reasked as _reasked
from qa_desk.analysis.pairing import reasks as _reasks
from qa_desk.analysis.pairing import record as _record
from qa_desk.analysis.pairing import settled as _settled
from qa_desk.analysis.pairing import threshold as _threshold
from qa_desk.analysis.pairing_claimed import keep_told
from qa_desk.analysis.patterns import any_cue
from qa_desk.analysis.period_reply import add_period as _add_period
from qa_desk.analysis.period_reply import asks_other as _asks_other
from qa_desk.analysis.questions import AnswerKind, QuestionSet, bant
from qa_desk.analysis.reasons import ReasonMap, load_reason_map
from qa_desk.analysis.replies import Answer
from qa_desk.analysis.reply_kind import substantive as _substantive
from qa_desk.analysis.reply_kind import void as _void
from qa_desk.analysis.restate import budget_update, period_said_later, read_back, recounted, restated, widened
from qa_desk.analysis.results import DealAnalysis, QuestionResult
from qa_desk.analysis.timing import DAYTIME, WEEKDAYS, guessed_alternatives
from qa_desk.analysis.topics import TopicModel, topic_model
from qa_desk.analysis.units import FIRST_PERSON
from qa_desk.analysis.units import units as recording_units
from qa_desk.domain.transcript import RecordingTranscript, Speaker

_REPLIES = 2
# Kinds whose question stays open into the next call while unanswered, and the client turns it gets there
# beyond _REPLIES (greetings come first).
_CARRIED_KINDS = frozenset({AnswerKind.MONEY, AnswerKind.PERSON})
_UPDATED_KINDS = frozenset({AnswerKind.MONEY, AnswerKind.TIMING})  # a dodged answer of these a later call settles
_FREE = frozenset({AnswerKind.TEXT, AnswerKind.YES_NO})
_CLOCK = WEEKDAYS | DAYTIME | {"после", "раньше", "позже", "сегодня", "завтра"}  # a time of day, not a figure
_CARRIED_EXTRA = 2  # client utterances after a question that may hold its answer
_CORRECTING = frozenset({"не", "нет", "точнее", "вернее", "ой", "хотя"})
_STATEMENT_FORM = 0.85
_GREETING = frozenset({"здравствуйте", "добрый", "доброе", "алло", "зовут", "беспокоит"})  # a call's opening turn  # a question recognised without "?" or a question word


@lru_cache(maxsize=16)
def detector_for(questions: QuestionSet, topics: TopicModel | None = None) -> Detector:
    """Compiled detector per question set and topic classifier (default: the package's); ~0.2 s."""
    return Detector(questions, topics or topic_model())


def _with_required(questions: QuestionSet, required: Sequence[str]) -> QuestionSet:
    """Add BANT questions a refusal reason needs but the contract set lacks."""
    missing = [q for qid in required if questions.get(qid) is None and (q := bant().get(qid)) is not None]
    return QuestionSet(questions.name, questions.questions + tuple(missing), questions.min_order) if missing else questions


def analyze_deal(
    recordings: list[RecordingTranscript],
    questions: QuestionSet | None = None,
    refusal_reason: str | None = None,
    reasons: ReasonMap | None = None,
    *,
    min_order: int | None = None,
    failed_calls: Sequence[str] = (),
    topics: TopicModel | None = None,
    call_dates: Sequence[str] = (),
) -> DealAnalysis:
    """Analyse one deal's transcribed calls (chronological order) against a question set.

    ``min_order``: our minimum order in roubles (else the question set's, else said in the calls);
    ``failed_calls``: names of the deal's calls that could not be transcribed (a check that would
    rest on them is reported as not checked); ``topics``: another topic classifier (evaluation);
    ``call_dates``: when each call started ("2026-03-18 16:05"), where known (a date the client names is near or far).
    """
    questions = questions or bant()
    rule = (reasons or load_reason_map()).rule_for(refusal_reason) if refusal_reason else None
    required = list(rule.questions) if rule else []
    questions = _with_required(questions, required)
    detector = detector_for(questions, topics)
    results = {cq.question.id: QuestionResult(cq.question.id, cq.question.title, cq.question.answer.value)
               for cq in detector.questions}
    units: list[_Unit] = []
    asked: dict[str, tuple[Token, ...]] = {}  # the words each question was last asked with
    for index, recording in enumerate(recordings):
        carried = {qid: words for qid, words in asked.items() if not results[qid].answered and (
            detector.question(qid).question.answer in _CARRIED_KINDS
            or results[qid].evasions and (not detector.question(qid).question.generic or put_off(detector, results[qid])))}
        # a date the client put off ("Тут не скажу, договор надо поднять") comes at the next call's start
        units.extend(_scan_recording(detector, index, recording, results, carried, asked, units))
    name_deciders(detector, results, units)
    keep_told(results)  # a reply the money or person question claims does not take a told need's card
    analysis = DealAnalysis(recordings, list(results.values()), [], refusal_reason, required)
    analysis.flags, analysis.reason_check = check_reason(
        analysis, detector, rule, refusal_reason, min_order if min_order is not None else questions.min_order,
        list(failed_calls), units, call_dates)
    return analysis


def _scan_recording(
    detector: Detector, index: int, recording: RecordingTranscript, results: dict[str, QuestionResult],
    carried: dict[str, tuple[Token, ...]], asked: dict[str, tuple[Token, ...]], earlier: Sequence[_Unit] = (),
) -> list[_Unit]:
    """Scan one call. ``carried``: questions an earlier call asked and nobody answered, whose window
    opens again for the call's first client turns (a figure "I asked the accountant: forty a month");
    ``asked`` is updated with the words each question is asked with here."""
    units = recording_units(detector, index, recording)
    mono = recording.channels == 1 or all(u.segment.speaker not in (Speaker.MANAGER, Speaker.CLIENT) for u in units)
    pending = {qid: _Window(-1, words, index, replies=-_CARRIED_EXTRA) for qid, words in carried.items()}
    weak: list[_Candidate] = []  # the last manager turn's weak asks (and those a counter-question holds)
    opened = False  # the manager's first turn (a greeting, "это вы …?") asks nothing weakly
    trapped: set[str] = set()  # questions the manager's last turn excludes: its reply volunteers nothing for them
    for position, unit in enumerate(units):
        asked_now: set[str] = set()
        if unit.role == Speaker.CLIENT:
            weak = _confirm_weak(detector, weak, unit, results, pending)
            union_ask(detector, units, position, results, pending)  # learned_ask.py: the learned scorer beside the rules
            union_turn(detector, units, position, results, pending)  # learned_turn.py: a question the rules did not read
        else:
            read_back(detector, results, unit, units[position - 1] if position else None)
            # "Когда вам перезвонить лучше?" — "В пятницу утром": a callback, not the timing
            trapped = {cq.question.id for cq in detector.questions if cq.question.answer is AnswerKind.TIMING
                       and detector.excluded(cq.question.id, unit.sentences)}
            hits = detector.asked_scored(unit.sentences, [s.tokens for u in units[max(0, position - 2):position]
                                                          for s in u.sentences])
            if not opened and any(t.text.lower() in _GREETING for sen in unit.sentences for t in sen.tokens):
                hits = [h for h in hits if h[2] >= UNSURE]  # "Доброе утро… я правильно попал?" asks nothing unsure
            prev = units[position - 1] if position else None
            hits = [h for h in hits if not _read_back(h[0], h[1], results, prev)]
            if _puts_again(detector, hits, pending, prev):
                hits = []  # "А вы сколько стоите?" — "У нас от двух тысяч… Мне важно понять, на что вы ориентируетесь."
            new = [_Candidate(position, unit, *w) for w in detector.weak_asks(unit.sentences, hits) if opened or (
                   not w[1].is_question or by_reply(w[2]) or by_pair(w[2])) and all(t.text.lower() not in _GREETING for t in w[1].tokens)]  # a statement after the greeting (unmarked.py)
            weak = [*(c for c in weak if c.held and not hits), *new]  # a clarifying turn asking nothing keeps them
            opened = True
            # The manager moved on (another of our questions, or one the pending question excludes: "когда
            # вам удобно перезвонить?" after "когда планируете?"): questions already replied to stop waiting.
            for qid in [q for q, w in pending.items() if w.replies > 0 and all(q != h[0].question.id for h in hits)
                        and (hits or detector.excluded(q, unit.sentences) or detector.chats(unit.sentences)
                             or w.held is not None and moves_on(unit.sentences, w.question, units[position - 1].sentences))]:
                # a re-ask keeps its window (below); small talk or an errand of ours ("Когда вам скинуть адрес?") takes the reply
                _close(detector, pending, qid, results)
            for cq, sentence, score in hits:
                qid = cq.question.id
                others = frozenset().union(*(o.ask_vocabulary for o, _s, _c in hits if o is not cq))
                confidence = score * (1.0 if _plain_question(detector, sentence) else _STATEMENT_FORM)
                results[qid].asked_evidence.append(_evidence(unit, sentence.text, confidence=confidence))
                asked_now.add(qid)
                follows = _reasked(detector, units, position, asked.get(qid), sentence)
                asked[qid] = sentence.tokens
                if (held := _miscounted(pending.get(qid), index)) is None:
                    _close(detector, pending, qid, results)
                reread = cq.question.generic and reads_back(sentence.tokens, detector.lang.question_words)  # acts.py
                pending[qid] = _Window(position, sentence.tokens, index, doubtful=confidence < UNSURE, follows=follows,
                                       held=held,
                                       topic=tuple(t for t in sentence.tokens if t.lemmas.isdisjoint(others)),
                                       turn=_turn(units, position),
                                       talk=talk_scale([*earlier, *units[:position + 1]])
                                       if cq.question.answer is AnswerKind.MONEY else None,
                                       by_form=cq.question.generic and (detector.asks(cq, sentence) == 0.0
                                       and not detector.needs_by_predicate(sentence)  # need_form: the set's own predicate
                                       or reread), read_back=reread,
                                       shared=any(s is sentence and o is not cq for o, s, _c in hits))
                back = None if results[qid].answered else _confirmed_back(detector, cq, sentence, prev)
                if back is not None and prev is not None:  # "…договор до следующего мая" — "То есть … договор не заканчивается?"
                    _record(cq, pending.pop(qid), prev, back, results)
        if unit.role == Speaker.MANAGER:
            continue
        period_said_later(detector, results, unit)
        prev = units[position - 1] if position else None
        answered_now = _replies(detector, unit, pending, asked_now, results, position, prev)
        recounted(detector, results, unit, prev, units[position - 2] if position >= 2 else None)
        budget_update(detector, results, unit, {*pending, *asked_now, *answered_now})
        claimed = {quote for qid, quote in answered_now.items() if not detector.question(qid).question.generic}
        for cq in sorted(detector.questions, key=lambda c: c.question.generic):
            qid = cq.question.id
            if qid in asked_now or qid in answered_now or qid in pending or results[qid].answered or qid in trapped or (
                    answers_our_figure(cq, unit, prev)):  # "Стол пристенный — тысяча двести?" — "Тысяча.": our size
                continue
            quote = _volunteered(detector, cq, unit, mono, results[qid], claimed if cq.question.generic else set())
            if quote is not None and not cq.question.generic:
                claimed.add(quote)
    for qid in list(pending):
        _close(detector, pending, qid, results)
    return units


def _read_back(cq: CompiledQuestion, sentence: Sentence, results: dict[str, QuestionResult], prev: _Unit | None) -> bool:
    """A statement that reads back the date the client's last turn just gave ("…договор аренды заканчивается в
    апреле." — "Понятно, то есть к апрелю вам надо переехать."): a read-back, no question of its own."""
    if cq.question.answer is not AnswerKind.TIMING or prev is None or prev.role != Speaker.CLIENT:
        return False
    if sentence.text.rstrip().endswith("?") or not restates(sentence.tokens):
        return False
    last = results[cq.question.id].answer_evidence[-1] if results[cq.question.id].answer_evidence else None
    return last is not None and last.recording == prev.recording and last.end == prev.segment.end


def _puts_again(detector: Detector, hits: Sequence[tuple[CompiledQuestion, Sentence, float]],
                pending: dict[str, _Window], prev: _Unit | None) -> bool:
    """The client asked back instead of replying to a pending question, and this turn answers him and puts the
    question again in words that read only as the generic need ("Мне важно понять, на что вы сами
    ориентируетесь."): it re-asks the pending question (its window stays open), no new question."""
    if not hits or prev is None or prev.role != Speaker.CLIENT or not any(
            s.is_question and _asks_us(detector, s) for s in prev.sentences):
        return False
    said = frozenset().union(*(s.lemmas for _cq, s, _c in hits)) - detector.lang.question_words
    return all(cq.question.generic for cq, _s, _c in hits) and any(
        not (cq := detector.question(qid)).question.generic and w.replies > 0 and w.answered_at is None
        and not said.isdisjoint(cq.ask_vocabulary) for qid, w in pending.items())  # "ориентируетесь": the budget's word


def _asks_us(detector: Detector, s: Sentence) -> bool:
    """A client's question about us ("Вы мне сначала скажите, сколько у вас.", "А у вас сколько стоит?")."""
    return any(not t.lemmas.isdisjoint(detector.lang.counter_openers) for t in s.tokens if t.is_word)


def _plain_question(detector: Detector, s: Sentence) -> bool:
    return any(t.text == "?" or t.lemma in detector.lang.question_words for t in s.tokens)


def _turn(units: Sequence[_Unit], position: int) -> tuple[Token, ...]:
    """The asking unit's words with the unit's before it in the call, whose figures said back are no reply ("По нашему
    прайсу … шестьдесят пять" — "А вы на какую сумму рассчитываете?" — "Шестьдесят пять? Ого."): in a mono call that
    figure may be ours read as a separate unit, whichever role it got."""
    unit = units[position]
    before = units[position - 1] if position and units[position - 1].recording == unit.recording else None
    return tuple(t for u in (before, unit) if u is not None for s in u.sentences for t in s.tokens)


def _refines(sentences: Sequence[Sentence]) -> bool:
    """An utterance that corrects or bounds the figure just given ("не, ну три с половиной край")."""
    words = [t.text.lower() for s in sentences for t in s.tokens if t.is_word]
    return bool(words) and (words[0] in _CORRECTING or not set(words).isdisjoint(UPPER_BOUNDS))


def _replies(
    detector: Detector, unit: _Unit, pending: dict[str, _Window], asked_now: set[str],
    results: dict[str, QuestionResult], position: int, prev: _Unit | None = None,
) -> dict[str, str]:
    """Record answers to pending questions in ``unit``; returns {question id: quoted sentence}.

    ``prev``: the utterance before ``unit``; a manager's question there about the figure just given
    ("А поточнее можно?", "Полтора миллиона в месяц?") lets this reply restate it."""
    answered: dict[str, str] = {}
    for cq in detector.questions:
        qid = cq.question.id
        window = pending.get(qid)
        if window is None or qid in asked_now:
            continue
        if window.answered_at is not None:
            del pending[qid]
            first = results[qid].answer_evidence[-1]
            if window.answered_at == position - 1 and _refines(unit.sentences) and first.recording == unit.recording:
                # "ну миллиона три" — "не, ну три с половиной край": the figure said first sets the scale
                answer = detector.answer(cq, unit.sentences, client=True, question=window.question + window.reply)
                if answer is not None:
                    first.value, first.end = answer.value, unit.segment.end
                    first.quote = f"{first.quote} … {answer.quote.strip()}"
                    answered[qid] = answer.quote
            elif cq.question.answer is AnswerKind.MONEY and position - window.answered_at <= 2 and not restated(
                    detector, cq, unit, prev, first, answered, asked=window.question):
                if not _asks_other(prev, position - window.answered_at):
                    _add_period(results[qid], unit)  # "Тысяч сто." — "Понял." — "Ну это в месяц."
            continue
        answer = None if _after_our_price(cq, window, unit, prev, position) or our_figure_asked(
            cq, window, unit, prev, position) else detector.answer(
            cq, unit.sentences, client=unit.role == Speaker.CLIENT, question=window.question,
            bare=window.position >= 0,  # a carried question takes no bare number ("после четырёх")
            context=window.turn, talk=window.talk) or _past_answer(detector, cq, window, unit) or _carried_bound(
            detector, cq, window, unit)
        if answer is not None and window.position < 0 and cq.question.answer in _FREE and says_yes_to(detector, unit, prev):
            answer = None  # "Руслан Ахмедович ваш номер дал." — "Да, он говорил.": a yes to what was just said
        if answer is not None and window.position < 0 and cq.question.answer in _FREE and not _on_subject(
                detector, window, unit, results[qid]):
            answer = None  # a free-text question carried from a dodge: only a reply on its subject answers it
        if answer is not None and window.doubtful and _settled(results[qid], window.recording) and not (
                _reasks(results[qid], window) and _substantive(detector, cq, window, unit)):
            _close(detector, pending, qid, results)  # "когда у вас каникулы, чтоб монтаж планировать?" after the timing was answered
            if cq.question.answer is AnswerKind.MONEY and window.position == position - 1:
                restated(detector, cq, unit, prev, results[qid].answer_evidence[-1], answered, reasked=True)
            continue
        if answer is not None and _void(detector, cq, window, unit, answer, pending):
            answer = None  # «Девушка, я за рулём сейчас…»: no answer at all (reply_kind.VOID)
        if answer is not None and window.held is None and not _substantive(detector, cq, window, unit, answer):
            window.held = (unit, answer)  # "Ой, вы знаете, это долгая история." — the substance may follow
            window.replies += 1
            continue
        if answer is not None and window.held is not None and not _substantive(detector, cq, window, unit, answer):
            _close(detector, pending, qid, results)  # nothing carries the substance: the first reply stands
            continue
        if answer is not None and confirms_named(detector, cq, unit, results[qid]):
            _close(detector, pending, qid, results)  # "По складу решает … Алексей Игоревич Лунёв." … "Да, я."
            continue
        if answer is not None:
            window.held = None
            _record(cq, window, unit, answer, results)
            if cq.question.answer in _UPDATED_KINDS and any(s.is_evasive for s in unit.sentences) or any(
                    promises(s.tokens) for s in unit.sentences[1:]):  # "...я сам не знаю. Давайте я узнаю и скажу."
                # "Я бы вчера хотел. А реально — не знаю": a later call may settle it
                results[qid].evasions.append(_evidence(unit, unit.segment.text.strip()))
            answered[qid] = answer.quote
            if cq.question.answer is AnswerKind.MONEY:
                window.answered_at = position
                window.reply = tuple(t for s in unit.sentences for t in s.tokens)
            else:
                del pending[qid]
            continue
        if cq.question.answer is AnswerKind.MONEY and window.position == position - 1 and _add_period(
                results[qid], unit, said_period(window.question) is not None):
            del pending[qid]  # "Тысяч сто." — "Это в месяц или разово?" — "В месяц."
            continue
        if detector.is_evasive(unit.sentences) or holds(unit.sentences) or cq.question.answer is AnswerKind.TIMING and any(
                guessed_alternatives(s.tokens, detector.lang) for s in unit.sentences):  # "Может, летом, может, позже"
            results[qid].evasions.append(_evidence(unit, unit.segment.text.strip()))
        window.replies += 1
        if window.replies >= _REPLIES + (window.held is not None) or _handed_off(detector, unit):
            _close(detector, pending, qid, results)
    return answered


def _carried_bound(detector: Detector, cq: CompiledQuestion, window: _Window, unit: _Unit) -> Answer | None:
    """A money question carried from an earlier call takes a bare figure that the client states as his budget
    (a volunteer cue or an upper bound in its sentence: "Больше семисот в месяц на готовый я не готов, это потолок")."""
    if window.position >= 0 or cq.question.answer is not AnswerKind.MONEY:
        return None
    turn = frozenset().union(*(s.lemmas for s in unit.sentences))
    cued = [s for s in unit.sentences if (any_cue(cq.volunteer, turn) is not None or not s.lemmas.isdisjoint(
        UPPER_BOUNDS)) and not s.is_question  # "… на охрану шестьсот пятьдесят в месяц максимум"; "Широков
            and s.lemmas.isdisjoint(_CLOCK)]  # согласовал, но урезал. Говорит, пятьсот пятьдесят"; not "после четырёх"
    return detector.answer(cq, cued, client=True, question=window.question, context=window.turn) if cued else None


def _volunteered(
    detector: Detector, cq: CompiledQuestion, unit: _Unit, mono: bool, result: QuestionResult, skip: set[str]
) -> str | None:
    """Record an unprompted answer in ``unit`` (sentences in ``skip`` excluded); returns its quote."""
    turn: frozenset[str] | None = None  # the turn's lemmas and handed_deciding, worked out once at the first need
    handed = False
    for sentence in unit.sentences:
        if sentence.text in skip:
            continue
        free_text = cq.question.answer in (AnswerKind.TEXT, AnswerKind.YES_NO)
        if mono and free_text and sentence.lemmas.isdisjoint(FIRST_PERSON) and not any(
                "1per" in t.tags for t in sentence.tokens):
            continue  # in mono a statement of need may be the manager's pitch
        if turn is None:
            turn, handed = frozenset().union(*(x.lemmas for x in unit.sentences)), handed_deciding(unit)
        answer = detector.volunteered(cq, sentence, turn, handed_off=handed)
        if answer is None and cq.question.answer is AnswerKind.PERSON and (said := pronoun_volunteered(
                [s.tokens for s in unit.sentences[:unit.sentences.index(sentence)]], sentence.tokens, detector.lang)):
            answer = Answer({"text": said}, sentence.text)  # "…Аркадий Семёнович Бурков… Он решает, я на подхвате."
        if answer is not None and answer.value.get("amount") == 0:
            # "денег нет просто. Тыщ пятьдесят, шестьдесят — максимум": the figure said after it is the budget
            later = (detector.volunteered(cq, s, turn)
                     for s in unit.sentences[unit.sentences.index(sentence) + 1:] if s.text not in skip)
            answer = next((a for a in later if a is not None and a.value.get("amount")), answer)
        if answer is not None and cq.question.answer is AnswerKind.MONEY and _threshold(unit, answer):
            continue  # "до трёхсот тысяч филиал сам может, а всё, что выше, — тендер"
        if answer is not None and cq.question.answer is AnswerKind.MONEY:  # "…в двести уложимся. Ну, в триста, если…"
            answer = Answer(widened(unit.sentences, unit.sentences.index(sentence), answer.value), answer.quote)
        if answer is not None:
            shown = result.primary_answer
            result.answer_evidence.append(_evidence(unit, answer.quote, answer.value, volunteered=True,
                                                    confidence=_VOLUNTEERED, later=_later(result, unit)))
            if cq.question.answer in (AnswerKind.MONEY, AnswerKind.TIMING):
                keep_first(result, shown, answer.value, unit.recording)
            return answer.quote
    return None


