"""Pairing: which client turn answers a question, and which answer the card shows.

An asked question opens a window (``Window``) in its call for the client's next turns. A free-text or
yes/no reply that carries nothing of the question (substance.py: a preface, the other half of a
two-question turn, talk about something else) is held, and a later reply in the window that carries the
substance takes its place; when none does, the held reply is recorded as the window closes (``close``).
The card (``QuestionResult.primary``) keeps the first reply to a surely asked free-text question, and an
earlier answer that a later one only repeats ("Сам Виктор Андреевич"); figures, dates and yes/no answers
said later update it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from qa_desk.analysis.acts import follows_up
from qa_desk.analysis.amounts import scale_of
from qa_desk.analysis.confirmed import by_pair, pair_confirms
from qa_desk.analysis.confirmed_ids import also_by_id, by_id, id_confirms
from qa_desk.analysis.decider_claims import negated_self
from qa_desk.analysis.detect import CompiledQuestion, Detector, Sentence
from qa_desk.analysis.figure_finding import said_figures
from qa_desk.analysis.figures import INTENT, threshold_said
from qa_desk.analysis.guess import frame_span, restates
from qa_desk.analysis.heads import denies_say
from qa_desk.analysis.language import RESTATE
from qa_desk.analysis.later_call import keep, stands
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.money_asked import by_reply
from qa_desk.analysis.pairing_turns import date_stands, first_stands
from qa_desk.analysis.patterns import any_cue
from qa_desk.analysis.person import DECIDE_VERBS
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.replies import Answer, asks_days, names_days
from qa_desk.analysis.reply_act import after_person, bare_confirmation, hands_off, not_mine, puts_off
from qa_desk.analysis.results import Evidence, QuestionResult
from qa_desk.analysis.substance import carries, echoes, miscounts
from qa_desk.analysis.timing import find_period
from qa_desk.domain.transcript import Segment, Speaker

# Confidence of findings (shown as "возможно" below ``UNSURE``).
UNSURE = 0.7
PROMPTED, WEAK, VOLUNTEERED, LATER = 0.9, 0.75, 0.65, 0.9


# Kinds whose card keeps the first reply to a surely asked question (a re-ask's reply repeats or elaborates
# it); a figure or a date said later updates the card.
_PINNED_KINDS = frozenset({AnswerKind.TEXT})
_UPDATED_KINDS = frozenset({AnswerKind.MONEY, AnswerKind.TIMING})  # the latest new value is shown (``keep_first``)
_PAST_ASKED = frozenset({"последний", "прошлый"})  # a timing question about a past event
# Words that make a figure the client's own money ("бюджет у нас тысяч восемьдесят", "готовы до ста").
_THEIR_MONEY = INTENT | {"смочь", "думать"}

_THOUSAND = 1_000
_ASKED_BACK_WORDS = 3  # a counter-question without its "?" ("Объём чего.", "А вам зачем."): a few words
_TAGS = frozenset({"да", "так", "верно", "правильно"})  # a read-back's closing tag
_ONCE = frozenset({"разом", "разово", "единоразово", "единовременно"})


@dataclass(slots=True)
class Window:
    position: int
    question: tuple[Token, ...]
    recording: int
    replies: int = 0
    answered_at: int | None = None  # a figure was given: the client's very next utterance may still refine it
    reply: tuple[Token, ...] = ()
    doubtful: bool = False  # asked with a confidence below UNSURE: its reply does not replace an answer
    # a free-text reply that carries nothing of the question (a preface, the other half of a two-question
    # turn): recorded when the window closes, unless a later reply in the window carries the substance
    held: tuple[Unit, Answer] | None = None
    topic: tuple[Token, ...] = ()  # the question's words less those of the other questions asked with it
    turn: tuple[Token, ...] = ()  # the asking turn (its figures said back are no answer: "Пятьдесят?")
    follows: Segment | None = None  # the turn before the asking one
    talk: int | None = None  # the scale of the last figure said before a money question ("…за миллион восемьсот")
    # a generic (need) question asked by its form or the classifier alone, with none of its words ("Как у вас парк, что
    # в работе?"): a question about the situation, whose pinned reply the reply to the need asked in its words replaces
    by_form: bool = False
    read_back: bool = False  # asked by our read-back of what the client said or wrote (acts.reads_back)
    shared: bool = False  # the asking sentence asks another question of the set too ("…какой потолок есть, чтобы…")


@dataclass(slots=True)
class Unit:
    recording: int
    segment: Segment
    role: str
    sentences: list[Sentence] = field(default_factory=list)


def close(detector: Detector, pending: dict[str, Window], qid: str, results: dict[str, QuestionResult]) -> None:
    """Close a question's window (if open): a reply it held is recorded as the answer."""
    window = pending.pop(qid, None)
    if window is not None and window.held is not None:
        record(detector.question(qid), window, *window.held, results)


def record(cq: CompiledQuestion, window: Window, unit: Unit, answer: Answer,
            results: dict[str, QuestionResult]) -> None:
    """Record ``answer`` (in ``unit``) to the question of ``window``."""
    qid, kind = cq.question.id, cq.question.answer
    strong = kind in (AnswerKind.MONEY, AnswerKind.TIMING) or (
        kind is AnswerKind.PERSON and len(str(answer.value.get("text", ""))) > 3)
    confidence = PROMPTED if strong else WEAK
    if answer.quote.rstrip().endswith("?"):
        confidence *= 0.85
    result = results[qid]
    # the reply to a question about what the last reply said ("А с ним что не так?") replaces that reply
    better = window.follows is not None and refers_back(window.question) and reasks(result, window)
    better = better or bool(result.answer_evidence) and restates(window.question) and corrects(unit.sentences)
    # "То есть вам нужно тысяча двести?" — "Нет, тысяча двести у нас сейчас. Надо тысячи две": the correction replaces
    repeated = next((i for i, e in enumerate(result.answer_evidence) if _repeats(answer.value, e.value)), None)
    shown = result.primary_answer
    result.answer_evidence.append(evidence(unit, answer.quote, answer.value, confidence=confidence,
                                            later=later(result, unit)))
    if better and kind in _PINNED_KINDS:
        result.primary = len(result.answer_evidence) - 1
    elif kind in _PINNED_KINDS and result.pinned_by_form and not window.doubtful and repeated is None and (
            not window.by_form or result.pinned_read_back and not window.read_back) and (
            not stands(result, shown, unit.recording, UNSURE)):
        result.primary, result.pinned_by_form, result.pinned_read_back = len(result.answer_evidence) - 1, False, False  # "Как у вас парк?" — "семь
        # комбайнов…" — "А с запчастями какие сложности?" — "…вариатор полетел": the need's own reply
    elif result.primary is None and repeated is not None:
        result.primary = repeated  # "его кто подписывать будет?" — "Сам Виктор Андреевич": said before
    elif kind in _PINNED_KINDS and not window.doubtful and result.primary is None:
        first = result.first_reply if follows_up(result, window.shared, unit.recording) or first_stands(
            result, window, unit.recording) else None  # pairing_turns: a follow-up on a detail keeps the told need
        result.primary, result.pinned_by_form = (len(result.answer_evidence) - 1 if first is None else first), window.by_form
        result.pinned_read_back = window.read_back  # a read-back's reply: any question of ours asked after it replaces
    elif kind is AnswerKind.TIMING and shown is not None and date_stands(result, shown, unit.recording, UNSURE):
        keep(result, shown)  # answered where it was asked: a later call's date, or a follow-up's in its call, does not replace it
    elif kind in _UPDATED_KINDS:
        keep_first(result, shown, answer.value, unit.recording)
    if kind in _PINNED_KINDS and window.doubtful and result.primary is None and result.first_reply is None:
        result.first_reply, result.first_held = len(result.answer_evidence) - 1, window.held is not None


def keep_first(result: QuestionResult, shown: Evidence | None, value: dict[str, object], recording: int) -> None:
    """A figure or a date said again in the same call (the reply to our pushback "Как нечем?", our re-ask or read-back:
    "Денег нет." … "Ну вот так, ноль.") leaves the card on the first reply that gave it; a new value updates the card."""
    same = shown is not None and shown.recording == recording and same_value(value, shown.value)
    result.primary = next(i for i, e in enumerate(result.answer_evidence) if e is shown) if same else None


def same_value(value: dict[str, object], before: dict[str, object] | None) -> bool:
    """The same sum (its bounds and period included) or the same words of a date."""
    if not before:
        return False
    if "amount" in value:
        return all(value.get(k) == before.get(k) for k in ("amount", "amount_min", "amount_max", "amount_period"))
    return "text" in value and str(value["text"]).lower().split() == str(before.get("text", "")).lower().split()


def _repeats(value: dict[str, object], before: dict[str, object] | None) -> bool:
    """A named value (a person, a date, a text) whose words were all said before; a yes or a figure
    repeated may still be a new answer."""
    if not before or "text" not in value or "text" not in before:
        return False
    words, seen = str(value["text"]).lower().split(), set(str(before["text"]).lower().split())
    return bool(words) and set(words) <= seen


def settled(result: QuestionResult, recording: int) -> bool:
    """The question has a prompted answer: one in this call, or one in an earlier call that does not dodge
    (a doubtful re-ask in a later call, "А по срокам что-то определилось?", updates a dodged one)."""
    dodged = {(e.recording, e.start) for e in result.evasions}
    return any(not e.volunteered and (e.recording == recording or (e.recording, e.start) not in dodged)
               for e in result.answer_evidence)


def past_answer(detector: Detector, cq: CompiledQuestion, window: Window, unit: Unit) -> Answer | None:
    """A date in the reply to a question about a past event ("когда в последний раз к вам приходили …?" —
    "делали осенью двадцать третьего года"), which the purchase timing leaves out as past."""
    if cq.question.answer is not AnswerKind.TIMING or all(t.lemma not in _PAST_ASKED for t in window.question):
        return None
    for s in unit.sentences:
        found = find_period(s.tokens, detector.lang)
        if found is not None and not s.is_question:
            return Answer({"text": found[0]}, s.text)
    return None


def reasked(detector: Detector, units: Sequence[Unit], position: int, before: Sequence[Token] | None,
            sentence: Sentence) -> Segment | None:
    """The client's turn before the manager's ``sentence`` when the sentence asks again, in the words it was
    asked before ("а поездок-то сколько выходит?"), a question that turn replied to; None when not (or
    when the turn is the same mono segment: the client's own question glued to the reply)."""
    prev = units[position - 1] if position else None
    if prev is None or before is None or prev.segment is units[position].segment:
        return None
    if refers_back(sentence.tokens) and prev.role == Speaker.CLIENT:
        return prev.segment  # "Сейчас чем моете?" — "Что управление даст." — "А с ним что не так?"
    return prev.segment if echoes(before, [sentence.tokens], detector.lang) else None


def refers_back(tokens: Sequence[Token]) -> bool:
    """The question points back at what the client just said with a third-person pronoun after a preposition
    ("А с ним что не так?", "А у них как с этим?")."""
    return any(a.pos == "PREP" and b.pos == "NPRO" and "3per" in b.tags for a, b in zip(tokens, tokens[1:], strict=False))


def reasks(result: QuestionResult, window: Window) -> bool:
    """The window's question is asked again right after the client's turn that answered it ("сколько поездок
    набегает?" — "У нас сотрудников сто сорок человек" — "а поездок-то сколько выходит?"): that reply
    did not answer, the one to the re-ask does."""
    last = result.answer_evidence[-1] if result.answer_evidence else None
    seg = window.follows
    return (last is not None and seg is not None and not last.volunteered and last.recording == window.recording
            and last.start == seg.start)


def substantive(detector: Detector, cq: CompiledQuestion, window: Window, unit: Unit) -> bool:
    """The client's ``unit`` carries the substance of the answer to the window's question (substance.py); a
    statement replying to a question about what the client just said ("А с ним что не так?") does."""
    if refers_back(window.question) and window.follows is not None and not detector.is_evasive(unit.sentences) and not any(
            s.is_question for s in unit.sentences):
        return True
    if cq.question.answer is AnswerKind.TEXT and not detector.is_evasive(unit.sentences) and any(
            not s.is_question and frame_span(s.tokens) is None and any_cue(cq.volunteer, s.lemmas) is not None
            for s in unit.sentences):  # not a guess ("я так понимаю, своих не хватает": ours, in mono)
        return True  # "Что подтолкнуло к этому интересу?" — "…Нужен второй, хотя бы резервный.": a need stated
    return carries(cq.question.answer, window.topic or window.question, [s.tokens for s in unit.sentences],
                   detector.lang, first=window.held is None or not any(s.is_question for s in unit.sentences))


def handed_off(detector: Detector, unit: Unit) -> bool:
    """The client's ``unit`` passes the question to someone else ("Это к закупщице. Я только по качеству."):
    nothing more in this call answers it (its window closes; a later call may)."""
    first = next((s for s in unit.sentences if s.content), None)
    return first is not None and (hands_off(first.tokens, detector.lang) or after_person(first.tokens))
    # reply_act: "Это тоже после Геннадия Ильича. Скажет — пустим."


def threshold(unit: Unit, answer: Answer) -> bool:
    """A volunteered amount that the client's turn names a threshold ("до трёхсот тысяч филиал сам может,
    а всё, что выше, это тендер через головной"), not the budget."""
    amount = answer.value.get("amount")
    return isinstance(amount, int | float) and amount > 0 and threshold_said(
        [t for s in unit.sentences for t in s.tokens], float(amount))


def once(quote: str) -> bool:
    """A figure said per occasion ("тысяч пятнадцать за раз", "разом", "разово"), which has its period: a
    period said next ("Да куда раз в месяц") is not the figure's."""
    words = quote.lower().replace("ё", "е").split()
    words = [w.strip(",.!?…—-") for w in words]
    return any(w in _ONCE for w in words) or any(a == "за" and b == "раз" for a, b in zip(words, words[1:], strict=False))


def confirmed_back(detector: Detector, cq: CompiledQuestion, sentence: Sentence, prev: Unit | None) -> Answer | None:
    """The answer a "то есть …?" question reads back from the client's turn just before it ("Договор у нас до
    следующего мая, так что не раньше весны" — "То есть в ближайшие полгода договор не заканчивается, правильно
    понимаю?"): that turn, which echoes the question, answered it before it was asked."""
    if prev is None or prev.role != Speaker.CLIENT:
        return None
    words = [t.text.lower() for t in sentence.tokens if t.is_word]
    said = [s for s in prev.sentences if echoes(sentence.tokens, [s.tokens], detector.lang)]
    if tuple(words[:len(RESTATE)]) != RESTATE or not said or "или" in words or not _tagged(words):
        return None  # not "То есть служебный транспорт свой, или это личные машины?": the next turn answers that
    return detector.answer(cq, said, client=True, question=sentence.tokens)


def _tagged(words: Sequence[str]) -> bool:
    """A statement closed by a confirmation tag ("…, правильно понимаю?", "…, да?", "…, верно?")."""
    return bool(words) and (words[-1] in _TAGS or "понимаю" in words[-2:])


def on_subject(detector: Detector, window: Window, unit: Unit, result: QuestionResult) -> bool:
    """The client's ``unit`` (in a later call) is on the subject of a carried question: it names a content word of
    the question ("А крыша большая?" — "Значит, крыша: …"), not its question word ("сколько"); gives weekdays to a
    question about days; or reports on what the dodge said would be done ("Это я с директором обсужу" — "Поговорил
    с директором. Говорит, без субсидии не потянем")."""
    asked = {t.lemma for t in window.topic or window.question if t.is_content} - detector.lang.question_words
    if asks_days(window.question) and names_days(unit.sentences):
        return True  # "Дни какие?" — (next call) "Разгрузка только вторник и пятница"
    if any(t.lemma in asked for s in unit.sentences for t in s.tokens if t.is_content):
        return True
    dodge = result.evasions[-1] if result.evasions else None
    if dodge is None or dodge.recording >= unit.recording:
        return False
    said = detector.sentences(dodge.quote)[:1]
    people = {t.lemma for s in said for t in s.tokens if t.pos == "NOUN" and t.animate}
    return bool(people) and any(t.lemma in people for s in unit.sentences for t in s.tokens if t.pos == "NOUN")


def miscounted(window: Window | None, recording: int) -> tuple[Unit, Answer] | None:
    """The reply a window holds because it counted something else ("Точек сколько?" — "Касс у нас
    четырнадцать"), when the question is asked again in the call ("А самих кофеен, точек?"): it waits for
    the re-ask's reply and stands only when that one misses too; None for any other held reply (recorded)."""
    if window is None or window.held is None or window.recording != recording:
        return None
    return window.held if miscounts(window.topic or window.question, [s.tokens for s in window.held[0].sentences]) else None


def after_our_price(cq: CompiledQuestion, window: Window, unit: Unit, prev: Unit | None, position: int) -> bool:
    """A figure the client says right after the manager's own price, which the money question was not
    asked with ("Не ваше дело." — "Наш поддон триста двадцать рублей." — "Дорого. У нас двести восемьдесят";
    "Светильник у нас четыре двести, штук сто сорок." — "Пятьсот восемьдесят с лишним. Посчитал."): a
    comparison or a sum worked out on our quote, not their budget, unless the figure has its scale ("Всего на
    оборудование двенадцать миллионов") or the reply says it is theirs ("мы думали от ста пятидесяти")."""
    if cq.question.answer is not AnswerKind.MONEY or prev is None or prev.role != Speaker.MANAGER:
        return False
    ours = said_figures([t for s in prev.sentences for t in s.tokens])
    said = said_figures([t for s in unit.sentences for t in s.tokens])
    if not ours or not said or any(not s.lemmas.isdisjoint(_THEIR_MONEY) for s in unit.sentences):
        return False
    # our own price said back, scale and all ("…платёж тысяч сто десять" — "Сто десять тысяч в месяц."), even where the
    # statement read as the money question; a figure of the question itself said back confirms it ("сто тысяч?" — "Сто, да")
    stated = {f.value for s in prev.sentences if not s.is_question for f in said_figures(s.tokens)}
    if all(f.value in stated for f in said):
        return True
    return window.position != position - 1 and not any(f.scaled for f in said)


def later(result: QuestionResult, unit: Unit) -> bool:
    """The answer comes in a later call than the one where the question was first asked."""
    return bool(result.asked_evidence) and result.asked_evidence[0].recording < unit.recording


def evidence(
    unit: Unit, quote: str, value: dict[str, object] | None = None, volunteered: bool = False,
    confidence: float = 1.0, later: bool = False,
) -> Evidence:
    seg = unit.segment
    if later:
        confidence *= LATER
    return Evidence(unit.recording, seg.start, seg.end, seg.speaker, quote.strip(), value, volunteered,
                    round(min(confidence, 1.0), 2), later)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A contract question a manager's sentence may ask (contract.weak_hit), awaiting the client's reply."""

    position: int
    asking: Unit
    cq: CompiledQuestion
    sentence: Sentence
    score: float
    held: bool = False  # kept through the client's counter-question ("Чего?", "А вы откуда знаете?")


def confirm_weak(detector: Detector, weak: Sequence[Candidate], reply: Unit, results: dict[str, QuestionResult],
                 pending: dict[str, Window]) -> list[Candidate]:
    """Weak asks that the client's ``reply`` confirms by its shape: asked (as "возможно"), their window
    opens for the reply. A reply that asks back holds them for one clarifying exchange: returned, the
    manager's next turn keeps them unless it asks something, and the client's next reply decides (on a
    known client channel only: in mono the manager's explanation may pass for that reply)."""
    fits = [c for c in weak if not results[c.cq.question.id].asked
            and not (results[c.cq.question.id].answered and not c.sentence.is_question)  # a statement reads back
            and (pair_confirms(detector, c.cq, c.sentence, reply.sentences) if by_pair(c.score)
                 else id_confirms(detector, c.cq, c.sentence, reply.sentences) if by_id(c.score)
                 else detector.reply_confirms(c.cq, c.sentence, reply.sentences, by_reply(c.score))
                 or also_by_id(c.score) and id_confirms(detector, c.cq, c.sentence, reply.sentences))]
    fits = [c for c in fits if not by_id(c.score) or all(by_id(o.score) for o in fits if o.sentence is c.sentence)]
    first = reply.sentences[0].tokens if reply.sentences else ()
    asks_back = bool(first) and (first[-1].text == "?" or reply.sentences[0].is_question  # "Объём чего." (no "?")
                                 and sum(t.is_word for t in first) <= _ASKED_BACK_WORDS)
    if not fits and asks_back and reply.segment.speaker == Speaker.CLIENT:
        return [replace(c, held=True) for c in weak if not c.held]
    for c in fits:
        if sum(other.sentence is c.sentence for other in fits) > 1:
            continue  # the reply fits both questions of a tie: it tells neither
        qid = c.cq.question.id
        results[qid].asked_evidence.append(evidence(c.asking, c.sentence.text, confidence=c.score))
        pending[qid] = Window(c.position, c.sentence.tokens, c.asking.recording, doubtful=True)
    return []


def talk_scale(units: Sequence[Unit]) -> int | None:
    """The scale of the last figure said in ``units`` (either speaker, any earlier call): "Базовая модель у нас
    два миллиона сто" … "Бизон предлагает за миллион восемьсот" make a later bare "Полтора." millions."""
    for unit in reversed(units):
        for s in reversed(unit.sentences):
            amounts = [a for a in find_amounts(s.tokens) if a.value >= _THOUSAND]
            if amounts:
                return scale_of(amounts[-1].value)
    return None


def corrects(sentences: Sequence[Sentence]) -> bool:
    """A reply to our read-back that opens with a no and goes on to say more ("Нет, тысяча двести у нас сейчас. Надо
    тысячи две…"): a correction, not a bare denial."""
    words = [t.text.lower() for s in sentences for t in s.tokens if t.is_word]
    return len(words) > 2 and words[0] in ("нет", "не")


# --- the reply's act at the pairing (reply_act.py) ---------------------------------------------------------------
def handed_deciding(unit: Unit) -> bool:
    """The client's turn denies their own say ("я ничего не решаю") or says the question is not theirs and who decides
    ("Это не ко мне. Деньги у Виктора Андреевича, он и решает."; not "это не ко мне, это бухгалтерия считает")."""
    return any(denies_say(x.tokens) for x in unit.sentences) or any(
        not x.lemmas.isdisjoint(DECIDE_VERBS) for x in unit.sentences) and any(
        not_mine(x.tokens) or negated_self(x.tokens) for x in unit.sentences)  # "её не я назначаю. Это директор решает"


def confirms_named(detector: Detector, cq: CompiledQuestion, unit: Unit, result: QuestionResult) -> bool:
    """A bare "Да, я." (reply_act.bare_confirmation) to a person question already answered with a name: it confirms
    the person on the line, and the named answer stays the card's."""
    shown = result.primary_answer
    first = next((s for s in unit.sentences if s.content or any(t.is_word for t in s.tokens)), None)
    return (cq.question.answer is AnswerKind.PERSON and shown is not None and shown.value is not None
            and not shown.value.get("self") and first is not None and bare_confirmation(first.tokens, detector.lang))


_ACK_WORDS = 3  # content words of a turn that only acknowledges ("Да, он говорил. Слушаю вас.")


def says_yes_to(detector: Detector, unit: Unit, prev: Unit | None) -> bool:
    """The client's short turn opens with a yes or a no to the manager's turn just before it ("Тимур Рашидович? …
    Руслан Ахмедович ваш номер дал." — "Да, он говорил."): it replies to that turn, not to a free-text or yes/no
    question carried from an earlier call; a turn that goes on to say more may answer it."""
    first = next((s for s in unit.sentences if any(t.is_word for t in s.tokens)), None)
    words = [t.text.lower() for t in first.tokens if t.is_word] if first is not None else []
    short = sum(len(s.content) for s in unit.sentences) <= _ACK_WORDS  # not "Да, вот теперь могу. Значит, по металлу: …"
    return short and bool(words) and words[0] in detector.lang.yes | detector.lang.no and prev is not None and (
        prev.role == Speaker.MANAGER)


def put_off(detector: Detector, result: QuestionResult) -> bool:
    """The client put the question off to later ("Да потом, потом… Не, давайте завтра."): its answer may open the
    next call, even for a question asked by form only (reply_act.puts_off)."""
    return any(puts_off(s.tokens) for e in result.evasions for s in detector.sentences(e.quote))
