"""A figure the client restates after the manager asked about it replaces the first one (same call)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from qa_desk.analysis.amounts import budget_value, said_period, scale_of
from qa_desk.analysis.budget_said import more_refused, restated_in_turn
from qa_desk.analysis.detect import CompiledQuestion, Detector, Sentence
from qa_desk.analysis.figure_finding import MONTH, QUARTER, YEAR, said_figures
from qa_desk.analysis.figures import states_intent
from qa_desk.analysis.language import ACKNOWLEDGEMENTS
from qa_desk.analysis.lexicon import is_known
from qa_desk.analysis.money import find_amounts, scale_word
from qa_desk.analysis.pairing import Unit, evidence
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.replies import definite_number
from qa_desk.analysis.results import Evidence, QuestionResult
from qa_desk.domain.transcript import Speaker

RESTATED_SPREAD = 5
PERIOD_WORDS = MONTH | YEAR | QUARTER  # a restated figure lies within this factor of the first


def restated(
    detector: Detector, cq: CompiledQuestion, unit: Unit, prev: Unit | None, first: Evidence, answered: dict[str, str],
    reasked: bool = False, asked: Sequence[Any] = (),
) -> bool:
    """The client restates the figure after the manager asked about it: "от ста до двухсот" — "А поточнее
    можно?" — "сто пятьдесят в месяц, это потолок"; "полтора ляма" — "В месяц?" — "Нет, полтора на год".
    The restated value replaces the first (True when it did); ``reasked``: the manager's question was
    recognised as this one again ("А вы сами сколько готовы?" after a competitor's price); ``asked``: the question
    asked first, whose zero a figure in the next reply replaces (``figure_after_zero``)."""
    if asked and figure_after_zero(detector, cq, unit, prev, first, answered, asked):
        return True  # "Я же не закладывала, вы понимаете." … "ну тысяч до трёхсот пятидесяти я наскребу"
    if prev is None or prev.role == Speaker.CLIENT or not (prev.sentences and prev.sentences[-1].is_question) or first.recording != unit.recording:
        return False
    asked = tuple(t for s in prev.sentences for t in s.tokens)
    if not reasked and not _asks_figure(prev.sentences) or any(
            hit.question.id != cq.question.id for hit, _s, _c in detector.asked_scored(prev.sentences)):
        return False  # the manager asked about something else, not about the figure
    answer = detector.answer(cq, unit.sentences, client=True, question=asked, context=asked)
    old = int((first.value or {}).get("amount", 0))
    if answer is None or not old or not old / RESTATED_SPREAD <= int(answer.value.get("amount", 0)) <= old * RESTATED_SPREAD:
        return False  # not "часа в три" after "сотка в месяц"
    value = dict(answer.value)
    if "amount_period" not in value and first.value and "amount_period" in first.value:
        value["amount_period"] = first.value["amount_period"]
    first.value, first.end = value, unit.segment.end
    first.quote = f"{first.quote} … {answer.quote.strip()}"
    answered[cq.question.id] = answer.quote
    return True


_NEGATED = frozenset({"не", "нет", "ни", "даже"})


def figure_after_zero(detector: Detector, cq: CompiledQuestion, unit: Unit, prev: Unit | None, first: Evidence,
                      answered: dict[str, str], question: Sequence[Any]) -> bool:
    """A zero read first ("Я же не закладывала, вы понимаете.") gives way to the figure the client states in the
    next reply of the same call ("…ну тысяч до трёхсот пятидесяти я наскребу"): that reply is the answer (True
    when it replaced the zero); figures the manager said in between are no answer."""
    if (first.value or {}).get("amount") != 0 or unit.role != Speaker.CLIENT or first.recording != unit.recording:
        return False
    context = tuple(t for s in prev.sentences for t in s.tokens) if prev is not None else ()
    answer = detector.answer(cq, unit.sentences, client=True, question=question, context=context)
    if answer is None or not answer.value.get("amount") or not _NEGATED.isdisjoint(re.findall(r"\w+", answer.quote.lower())):
        return False  # "Даже пятнадцати сейчас нет.", "в два с половиной миллиона … не укладывается": a figure denied
    first.value, first.start, first.end, first.quote = dict(answer.value), unit.segment.start, unit.segment.end, answer.quote
    answered[cq.question.id] = answer.quote
    return True


_ABOVE = frozenset({"больше", "свыше", "более", "выше", "дороже"})
_HOW_MUCH = frozenset({"сколько", "несколько", "столько"})  # question and pronoun numerals: no figure
_SUBORDINATE = frozenset({"чтобы", "чтоб", "если", "потому", "раз"})  # a purpose or condition after the question proper
_ELLIPTIC = 5  # "В месяц?", "А поточнее можно?": a short question asks after the figure just read back


def _asks_figure(sentences: Sequence[Sentence]) -> bool:
    """The manager's turn asks after a figure: its question holds one, or is short after a sentence that reads one back
    (not "Сто пятьдесят — двести, поняла. … А неустойка, она сопоставима была?": a figure heard, another thing asked)."""
    def figure(tokens: Sequence[Any]) -> bool:
        return bool(find_amounts(tokens)) or any(t.is_digit or "NUMR" in t.tags and t.lemma not in _HOW_MUCH for t in tokens)

    asked = [s for s in sentences if s.is_question]
    if any(figure(s.tokens) for s in asked):
        return True
    main = asked[-1].tokens if asked else []
    main = main[:next((k for k, t in enumerate(main) if t.text.lower() in _SUBORDINATE), len(main))]  # "…, чтобы я …"
    return bool(asked) and sum(t.is_word for t in main) <= _ELLIPTIC and any(figure(s.tokens) for s in sentences)


def read_back(detector: Detector, results: dict[str, QuestionResult], unit: Unit, prev: Unit | None) -> None:
    """The manager opens the next turn by reading back one of the figures the client just said ("Мы
    закладывали в пределах двух миллионов… Солярка по шестьдесят восемь" — "Два миллиона с НДС,
    поняла."; "грант три миллиона… на оборудование миллион двести" — "Миллион двести на оборудование,
    записала."): that figure is the budget the two of them settled on."""
    if prev is None or prev.role != Speaker.CLIENT or not unit.sentences:
        return
    heard_it = any(t.lemma in _HEARD for s in unit.sentences[:2] for t in s.tokens)  # cheap test before re-reading
    clause = _heard_clause(detector, unit.sentences) if heard_it else []
    if clause:  # "Понял, 300 в год", "Четыре тысячу на год поняла, …"
        _garbled_figure(results, clause, prev)
        _period_heard(results, clause, prev)
    if unit.sentences[0].is_question:
        return
    heard = find_amounts(unit.sentences[0].tokens)
    if len(heard) != 1:
        return
    said = [t for s in prev.sentences for t in s.tokens]
    figures = said_figures(said)
    for cq in detector.questions:
        result = results[cq.question.id]
        last = result.answer_evidence[-1] if result.answer_evidence else None
        if cq.question.answer is not AnswerKind.MONEY or last is None or not last.value:
            continue
        if last.recording != unit.recording or last.end != prev.segment.end or "amount_min" in last.value:
            continue
        value = heard[0].value
        period = budget_value(unit.sentences[0].tokens) or {}
        if value == last.value.get("amount") and "amount_period" not in last.value and period.get("amount_period"):
            last.value = {**last.value, "amount_period": period["amount_period"]}  # "60 тысяч в месяц, понял"
            continue
        if value == last.value.get("amount") or not any(
                value in ({f.value} if f.scaled else {f.value * 1_000, f.value * 1_000_000}) for f in figures):
            continue
        last.value = {"amount": value, "currency": heard[0].currency,
                      **({"amount_period": p} if (p := period.get("amount_period") or last.value.get("amount_period")) else {})}


def _digits(value: Any) -> str:
    """A figure's significant digits ("4" for 400 000 and 4 000), which survive a scale Whisper got wrong."""
    return str(int(value)).rstrip("0") if isinstance(value, int | float) and value else ""


_HEARD = ACKNOWLEDGEMENTS | {"понять", "записать", "принять", "зафиксировать"}
_CLAUSE_CUT = re.compile(r"[,.!?…]")


def _heard_clause(detector: Detector, sentences: Sequence[Sentence]) -> list[Any]:
    """The clause of the manager's opening acknowledgement that holds a figure ("Понял, 300 в год. А когда…",
    "Четыре тысячу на год поняла, от технику…"): its first two comma clauses; none without an acknowledgement."""
    text = " ".join(s.text for s in sentences[:2]) if len(sentences[0].tokens) <= 3 else sentences[0].text
    pieces = [detector.words_of(c) for c in [c for c in _CLAUSE_CUT.split(text) if c.strip()][:2]]
    if not any(t.lemma in _HEARD for p in pieces for t in p):
        return []
    return next((p for p in pieces if said_figures(p)), [])


def _garbled_figure(results: dict[str, QuestionResult], clause: list[Any], prev: Unit) -> None:
    """The client's reply to a money question names a scale whose number Whisper garbled ("мы смеши прикидывали
    тысяч пристынов год готовы") and the manager reads the figure back at once ("Понял, 300 в год"): the read-back,
    at the reply's scale, answers it. A scale word with no readable number is no figure of its own."""
    said = [t for s in prev.sentences for t in s.tokens]
    scales = {scale for t in said if (scale := scale_word(t.lemma) or scale_word(t.text.lower())) is not None}
    if len(scales) != 1 or said_figures(said):
        return
    figures = said_figures(clause)
    if len(figures) != 1:
        return
    scale = scales.pop()
    value = figures[0].value if figures[0].scaled else figures[0].value * scale
    if figures[0].scaled and scale_of(value) != scale:
        return
    for result in results.values():
        if result.kind != AnswerKind.MONEY.value or not result.asked or any(
                e.recording == prev.recording for e in result.answer_evidence):
            continue
        if not any((e.recording, e.end) <= (prev.recording, prev.segment.start) for e in result.asked_evidence):
            continue
        period = said_period(said) or (budget_value(clause) or {}).get("amount_period")  # Whisper's "300 год"
        result.answer_evidence.append(evidence(prev, prev.segment.text, {
            "amount": int(value), "currency": "RUB", **({"amount_period": period} if period else {})}))


def _period_heard(results: dict[str, QuestionResult], clause: list[Any], prev: Unit) -> None:
    """The manager reads back the figure just given with its period, Whisper's scale aside ("…директор утвердил
    400000." — "Четыре тысячу на год поняла"): the period joins the figure (same significant digits)."""
    heard = find_amounts(clause)
    period = (budget_value(clause) or {}).get("amount_period")
    if len(heard) != 1 or period is None:
        return
    for result in results.values():
        last = result.answer_evidence[-1] if result.answer_evidence else None
        if result.kind != AnswerKind.MONEY.value or last is None or not last.value or "amount_period" in last.value:
            continue
        if (last.recording, last.end) == (prev.recording, prev.segment.end) and "amount_min" not in last.value and (
                _digits(heard[0].value) == _digits(last.value.get("amount"))):
            last.value = {**last.value, "amount_period": period}


def period_said_later(detector: Detector, results: dict[str, QuestionResult], unit: Unit) -> None:
    """The client says the figure already given again with its period, in the same call or a later one
    ("четыреста восемьдесят тысяч" — "480 это в месяц или за год?" — next call: "Уточнил: четыреста
    восемьдесят это на год"): the period is added to that figure."""
    if all(s.lemmas.isdisjoint(PERIOD_WORDS) for s in unit.sentences):
        return  # no period said: nothing to add (and no figure to read)
    tokens = [t for s in unit.sentences for t in s.tokens]
    said: dict[str, Any] | None = None
    for cq in detector.questions:
        last = results[cq.question.id].primary_answer
        if cq.question.answer is not AnswerKind.MONEY or last is None or not last.value or "amount_period" in last.value:
            continue
        said = said or budget_value(tokens)
        if said is not None and said.get("amount_period") and said.get("amount") == last.value.get("amount") and (
                "amount_min" not in said and "amount_min" not in last.value):
            last.value = {**last.value, "amount_period": said["amount_period"]}


def budget_update(detector: Detector, results: dict[str, QuestionResult], unit: Unit, busy: set[str]) -> None:
    """The client states the budget anew, unasked, after it was answered ("он сказал, девять с половиной — это
    максимум, что он даст" a call after "на саму сушилку десять"; "коммерческий пересчитал, четыреста в месяц
    можем"): a figure stated with an intent or a limit, within a factor of the one given before (a bare number
    takes its scale), replaces the answer's value, and its words join the answer's quote (the answer stays where
    the question was answered). ``busy``: questions whose window is open in this turn."""
    for cq in detector.questions:
        last = results[cq.question.id].primary_answer
        if cq.question.answer is not AnswerKind.MONEY or cq.question.id in busy or last is None or not last.value:
            continue
        if unit.recording < last.recording or unit.recording == last.recording and unit.segment.start <= last.end:
            continue
        old = int(last.value.get("amount", 0))
        for n, s in enumerate(unit.sentences):
            if old and unit.recording > last.recording and s.tokens[-1].text != "?" and (
                    none := budget_value(s.tokens, bare=False)) is not None and none.get("amount") == 0:
                last.value, last.quote = none, f"{last.quote} … (звонок {unit.recording + 1}) {s.text.strip()}"
                break  # "Инвестор вышел. … Денег нет, короче. Ноль.": a later call withdraws the money
            if s.tokens[-1].text == "?" or not (states_intent(s.tokens) or more_refused(s.tokens)) or not restated_in_turn(
                    [x.tokens for x in unit.sentences], n) or any(
                    t.is_word and not is_known(t.text) for f in said_figures(s.tokens) for t in s.tokens[f.start:f.end]):
                continue  # not a figure Whisper made of a garbled word ("союня" repaired to "сотня")
            s = _set_right(unit.sentences[n:]) or s  # "…два миллиона в год потянем. Ну в смысле, два миллиона всего, не в год"
            value = budget_value(s.tokens, bare=old > 0, scale=scale_of(old) if old else None)
            new = int((value or {}).get("amount", 0))
            if value is None or not new or new == old or old and not old / RESTATED_SPREAD <= new <= old * RESTATED_SPREAD:
                continue
            if "amount_min" not in value and last.value.get("amount_min", new + 1) <= new <= old and any(
                    f.start and s.tokens[f.start - 1].text.lower() in _ABOVE for f in said_figures(s.tokens)):
                continue  # "от ста до ста пятидесяти" … "договоры больше ста тысяч": a threshold inside the range
            if value.get("amount_period", last.value.get("amount_period")) != last.value.get("amount_period"):
                continue  # "сто двадцать в месяц на обслуживание" after a one-off budget: another cost
            if "amount_period" not in value and "amount_period" in last.value:
                value["amount_period"] = last.value["amount_period"]
            where = f"(звонок {unit.recording + 1}) " if unit.recording != last.recording else ""
            last.value, last.quote = value, f"{last.quote} … {where}{s.text.strip()}"
            break


_SET_RIGHT = frozenset({"смысл", "точнее", "вернее", "путать", "перепутать", "ошибиться", "оговориться"})


def _set_right(sentences: Sequence[Sentence]) -> Sentence | None:
    """The next sentence of the turn, when it sets the figure just said right ("Ну в смысле, два миллиона
    всего, не в год, я путаю"; "…два миллиона в месяц… нет, давайте честно, два с половиной"): it holds a figure and
    a word of a correction, or opens with «нет»."""
    if len(sentences) < 2:
        return None
    nxt = sentences[1]
    opens = next((t.text.lower() for t in nxt.tokens if t.is_word), "")
    return nxt if (not nxt.lemmas.isdisjoint(_SET_RIGHT) or opens == "нет") and said_figures(nxt.tokens) else None


def recounted(detector: Detector, results: dict[str, QuestionResult], unit: Unit, prev: Unit | None,
              before: Unit | None) -> None:
    """The manager asks the count just given again, choosing between its figures ("у нас всего-то двенадцать
    кабинетов, … в шести висят" — "То есть все двенадцать меняем или только шесть?" — "В этом году восемь"):
    the count in the reply to that is the answer (a total said first is not how many)."""
    if prev is None or before is None or prev.role == Speaker.CLIENT or before.role != Speaker.CLIENT or (
            prev.recording != unit.recording or before.recording != unit.recording):
        return
    if not any(s.is_question for s in prev.sentences):
        return
    heard = {t.lemma for s in prev.sentences for t in s.tokens if definite_number(t)}
    said = {t.lemma for s in before.sentences for t in s.tokens if definite_number(t)}
    if not heard & said or not any(definite_number(t) for s in unit.sentences for t in s.tokens):
        return
    held = [cq for cq in detector.questions if cq.question.answer is AnswerKind.TEXT and (
        last := results[cq.question.id].primary_answer) is not None and last.recording == unit.recording and (
        before.segment.start <= last.start <= before.segment.end)]
    if not held or detector.asked_scored(prev.sentences):
        return  # no count answered just before, or the manager asks another of ours
    asked = tuple(t for s in prev.sentences for t in s.tokens)
    for cq in held:
        last = results[cq.question.id].primary_answer
        if last is None:
            continue
        answer = detector.answer(cq, unit.sentences, client=True, question=asked)
        if answer is not None and any(definite_number(t) for t in detector.sentences(answer.quote)[0].tokens):
            last.value, last.end = dict(answer.value), unit.segment.end
            last.quote = f"{last.quote} … {answer.quote.strip()}"


def widened(sentences: Sequence[Sentence], k: int, value: dict[str, Any]) -> dict[str, Any]:
    """A figure volunteered in ``sentences[k]`` whose upper end the turn's next sentence says ("Сказал: если в
    двести тысяч уложимся — делаем. Ну, в триста, если прям что-то хорошее"): the range read over both, when it
    starts at the figure; else the value as it was."""
    if "amount_min" in value or not value.get("amount") or k + 1 >= len(sentences):
        return value
    both = budget_value([t for s in sentences[k:k + 2] for t in s.tokens], bare=False)
    if both is None or both.get("amount_min") != value["amount"] or both.get("amount_period") != value.get("amount_period"):
        return value
    return both
