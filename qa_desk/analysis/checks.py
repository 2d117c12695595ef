"""The refusal reason from the CRM checked against the calls: supported, unsupported, contradicted.

Each reason has a check (data/reasons.toml). "Not supported" (the question never asked or never
answered) and "contradicted" (the calls say the opposite) are both a ``refusal_reason_unsupported``
flag with the question id, told apart by ``kind``; a supported reason raises no flag. When the
verdict would rest on the absence of evidence and a call of the deal failed to transcribe, the
check says "не проверено" (``refusal_reason_unchecked``) instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from qa_desk.analysis.amounts import budget_value
from qa_desk.analysis.check_need import denies_pain, restated_need, want_reply
from qa_desk.analysis.check_reading import (
    conditional_later,
    hurried,
    modal_need,
    money_year,
    month_refused,
    near_date,
    near_deadline,
    no_need_dated,
    not_their_date,
    objects_to_price,
    offered,
    past_said,
    price_fine,
)
from qa_desk.analysis.decider_names import decider_greeted
from qa_desk.analysis.detect import Detector, Sentence
from qa_desk.analysis.evidence import dated, later, live_turn, need_said, urgent
from qa_desk.analysis.language import SPEAKER, YOU, language
from qa_desk.analysis.pairing import Unit
from qa_desk.analysis.patterns import Phrase, any_phrase
from qa_desk.analysis.reasons import ReasonRule
from qa_desk.analysis.reply_act import compares
from qa_desk.analysis.results import DealAnalysis, Evidence, Flag, QuestionResult
from qa_desk.analysis.russian import agree, capitalize, clock, past_verb

UNSUPPORTED = "refusal_reason_unsupported"
UNCHECKED = "refusal_reason_unchecked"
UNKNOWN = "refusal_reason_unknown"

_NO_NEED = tuple(Phrase.parse(p) for p in (
    "не нужно", "не нужный", "ничего не нужно", "не надо", "все устраивать", "нас все устраивать",
    "не актуально", "не интересно", "не интересовать", "нет потребность", "не требоваться", "не планировать",
    "не рассматривать", "обходиться без", "не нуждаться"))
_COMPETITOR = tuple(Phrase.parse(p) for p in (
    "подписать с", "заключить с", "заключить договор", "выбрать другой", "выбрать друг", "уйти к",
    "остановиться на", "работать с другой", "взять у", "купить у", "договориться с", "конкурент",
    "другой поставщик", "другой подрядчик", "другой компания", "другой оператор", "уже подписать",
    "отдать другой", "у других", "с другими"))
_EXPENSIVE = tuple(Phrase.parse(p) for p in ("дорого", "дороговато", "дорогой", "не потянуть", "кусаться", "загнуть"))
_PRICE_FINE = tuple(Phrase.parse(p) for p in ("по цена вопрос нет", "цена устраивать", "цена нормальный", "по цена нормально",
                                              "цена подходить", "по цена всё устраивать", "по деньга устраивать"))
_PRICE_WORDS = frozenset({"стоить", "выходить", "выйти", "цена", "стоимость", "платёж", "платеж", "обойтись", "тариф"})
# Going elsewhere, in the past: "выбрали «ПневмоТех»", "договор на той неделе подписали", "решили с нынешними остаться".
_ELSEWHERE_VERBS = frozenset({"выбрать", "подписать", "подписаться", "заключить", "купить", "взять", "заказать", "продлить",
                              "остаться", "остановиться"})
_STAY_WITH = frozenset({"с", "со", "на", "при"})  # "остались с нынешними", "остались на старом"; "партнёр остался" is no choice
# "не заключали", "не выбирали": denied in either aspect
_DENIED_VERBS = _ELSEWHERE_VERBS | {"заключать", "выбирать", "подписывать", "договориться", "договариваться"}
_THEY = frozenset({"они", "их"})
_AFTER = 3  # words after «дорого» that still say whose price ("дорого у вас")
_MIN_ORDER = tuple(Phrase.parse(p) for p in ("минимальный заказ", "минимальный сумма", "минимальный партия",
                                             "минималка", "заказ от", "минимум заказ", "минимальный чек"))

Units = Sequence[Unit]


def _where(e: Evidence) -> str:
    return f"звонок {e.recording + 1}, {clock(e.start)}"


def _card_quote(result: QuestionResult) -> str:
    """The quote of the answer the card shows."""
    primary = result.primary_answer
    return primary.quote if primary is not None else ""


def _topic(detector: Detector, qid: str) -> str:
    cq = next((c for c in detector.questions if c.question.id == qid), None)
    if cq is None:
        return {"competitor": "переход к конкуренту", "contact": "дозвон"}.get(qid, qid)
    return cq.question.topic or f"вопрос «{cq.question.title}»"


def _missing(result: QuestionResult, topic: str, calls: int) -> tuple[str, str]:
    """(kind, message) for a question never answered."""
    if not result.asked:
        verb = past_verb("обсуждался", topic)
        where = "в звонке" if calls == 1 else f"ни в одном из {calls} {agree('звонок', calls, 'gent')}"
        return "not_asked", f"{capitalize(topic)} ни разу не {verb} {where if calls else '— звонков нет'}"
    verb = past_verb("задавался", topic) if not result.evasions else past_verb("спрашивался", topic)
    times = len(result.asked_evidence)
    asked = f"{capitalize(topic)} {verb} {times} {agree('раз', times)} (первый раз: {_where(result.asked_evidence[0])})"
    if result.evasions:
        return "evaded", f"{asked}, но клиент уклонился от ответа: «{result.evasions[0].quote}»"
    return "not_answered", f"{asked}, но ответа клиента не найдено"


def _client(units: Units) -> list[Sentence]:
    return [s for u in units if u.role != "manager" for s in u.sentences]


def _answer_turns(units: Units, analysis: DealAnalysis, qids: Sequence[str] | None = None) -> list[list[Sentence]]:
    """The client turns holding a prompted answer (of ``qids``, else of any question)."""
    quotes = {(e.recording, e.quote.strip()) for q in analysis.questions if qids is None or q.id in qids
              for e in q.answer_evidence if not e.volunteered and e.quote.strip()}
    out = []
    for u in units:
        text = " ".join(s.text for s in u.sentences)
        if u.role != "manager" and any(rec == u.recording and quote in text for rec, quote in quotes):
            out.append(u.sentences)
    return out


def _calls(units: Units, analysis: DealAnalysis) -> list[list[tuple[list[Sentence], bool]]]:
    """Per call, its client turns with whether each holds a prompted answer. In mono a "client" turn
    that asks ("Алло, это Восток-Торг? Меня зовут Арсений") or is the rest of a segment opened by a
    question counts only when it holds an answer: otherwise it is as likely the caller going on."""
    replies = {id(t) for t in _answer_turns(units, analysis)}
    calls: dict[int, list[tuple[list[Sentence], bool]]] = {}
    for i, u in enumerate(units):
        doubt = i > 0 and units[i - 1].segment is u.segment or any(_asks(s) for s in u.sentences)
        mono = u.segment.speaker not in ("manager", "client")
        if u.role != "manager" and u.sentences and not (mono and doubt and id(u.sentences) not in replies):
            calls.setdefault(u.recording, []).append((u.sentences, id(u.sentences) in replies))
    return [calls[r] for r in sorted(calls)]


def _not_now(units: Units, analysis: DealAnalysis, result: QuestionResult,
             call_dates: Sequence[str] = ()) -> tuple[str, str] | None:
    """(status, why) of "не сейчас" from the client's timing statements, or None."""
    said = _answer_turns(units, analysis, [q.id for q in analysis.questions if q.kind == "timing"])
    answer = [s for turn in said for s in turn]
    now = next((s for s in answer if urgent(s, answer=True)), None) or next((s for s in _client(units) if urgent(s) or hurried(s) or (
        near_deadline(s, units, call_dates))), None)  # "Мне к поливу надо, к маю" said on 4 March
    # a year beside a figure of money is the budget's ("на следующий год от полутора до двух миллионов"); "если к маю не
    # успеваете — тогда на следующий год" only falls back on a later date
    late = next((s for s in (*answer, *_client(units)) if later(s) and not money_year(s) and not conditional_later(s)), None)
    if now is not None and late is None:
        return "contradicted", f"клиенту нужно сейчас: «{now.text}»"
    if late is not None:
        return "supported", f"клиент назвал срок: «{late.text}»"
    dates = [s for s in answer if dated(s, language()) and not past_said(s) and not not_their_date(s, language())] if (
        result.answered) else []
    date = next((s for s in dates if near_date(s, units, call_dates)), dates[0] if dates else None)
    refused = next((s for s in answer if month_refused(s)), None)
    if refused is not None:  # "Нет, с июня точно нет": the near date is the one turned down
        return "supported", f"клиент отказался от ближайшего срока: «{refused.text}»"
    if date is not None and near_date(date, units, call_dates):
        return "contradicted", f"клиент назвал срок в ближайший месяц после звонка: «{date.text}»"
    if date is not None:
        return "supported", f"клиент назвал срок: «{date.text}»"
    return None


def _sentences(units: Units, e: Evidence) -> list[Sentence]:
    """The client sentences of an answer's quote."""
    return [s for u in units if u.recording == e.recording and u.role != "manager" for s in u.sentences if s.text in e.quote]


def _corrected(s: Sentence) -> bool:
    """«мне не кассир нужен, мне нужно, чтобы …»: a «не нужно» corrected by the need it names."""
    span = None if _asks(s) else next((f for p in _NO_NEED if (f := p.find(s.tokens, s.lemmas))), None)
    return span is not None and restated_need(s, span)


def _no_need(units: Units) -> Sentence | None:
    """A client sentence saying they need nothing: not a modal about an action ("выше мне даже заикаться не
    надо"), nor a need put off to a named period ("в апреле … реклама не нужна"), which says when, not whether,
    nor the reply that turns down an action we offered ("Может, мне с ней созвониться?" — "Не надо пока")."""
    for k, u in enumerate(units):
        if u.role == "manager":
            continue
        offer = k > 0 and units[k - 1].role == "manager" and bool(units[k - 1].sentences) and offered(units[k - 1].sentences[-1])
        for j, s in enumerate(u.sentences):
            span = None if _asks(s) else next((f for p in _NO_NEED if (f := p.find(s.tokens, s.lemmas))), None)
            if span is None or modal_need(s, span) or no_need_dated(s, language()) or offer and j == 0 and span[0] <= 1 or (
                    restated_need(s, span)):  # "мне не бухгалтер нужен, мне нужно, чтобы …"
                continue
            return s
    return None


def _said(phrases: Sequence[Phrase], sentences: Sequence[Sentence]) -> Sentence | None:
    return next((s for s in sentences if not _asks(s) and any_phrase(phrases, s.tokens, s.lemmas)), None)


def _expensive(units: Units) -> Sentence | None:
    """A client sentence saying the price is too high, unless the turn up to it speaks of another
    supplier's offer and not of ours ("Общались с одним интегратором, они нам насчитали четыреста
    тысяч. Это дорого, конечно": «дорого» was about them). Of the sentence itself only the words up
    to just after «дорого» count (Whisper's one sentence: "…это дорого, конечно, мы так не готовы,
    вот поэтому и на вебинар к вам пошли")."""
    for u in units:
        if u.role == "manager":
            continue
        for k, s in enumerate(u.sentences):
            span = None if _asks(s) else next((f for p in _EXPENSIVE if (f := p.find(s.tokens, s.lemmas))), None)
            if span is None or not objects_to_price(s, span):
                continue
            words = [t for x in u.sentences[:k] for t in x.tokens] + list(s.tokens[:span[1] + _AFTER])
            ours = any(not t.lemmas.isdisjoint(YOU) for t in words)
            others = any(not t.lemmas.isdisjoint(_THEY) for t in words) or any(
                any_phrase(_COMPETITOR, x.tokens, x.lemmas) for x in u.sentences[:k + 1])
            if ours or not others:
                return s
    return None


def _asks(s: Sentence) -> bool:
    """A client sentence that asks ("?"): its words state nothing. Question form without the mark
    ("вы нормально вышли, но мы решили остаться") is no reason to ignore what a client says, nor is a tag
    after the statement ("Это дорого для меня, понимаете?"): one or two words after the last comma, no question word."""
    if s.tokens[-1].text != "?":
        return False
    head, comma, tail = s.text.rpartition(",")
    words = [w.strip("?!. ").lower() for w in tail.split()]
    return not (comma and head.strip() and 1 <= len(words) <= 2 and "ли" not in words
                and language().question_words.isdisjoint(words))


def _went_elsewhere(sentences: Sequence[Sentence], denied: bool = False) -> Sentence | None:
    """A client sentence saying they chose, signed or stayed with someone else (a past verb, not "вы");
    ``denied``: one saying they did not ("ни с кем договор мы не заключали и никого пока не выбрали")."""
    for s in sentences:
        if _asks(s):
            continue
        for i, t in enumerate(s.tokens):
            if t.lemmas.isdisjoint(_DENIED_VERBS if denied else _ELSEWHERE_VERBS) or any(
                    not x.lemmas.isdisjoint(YOU) for x in s.tokens[max(0, i - 4):i + 4]):
                continue  # "выбрали вас" is not going elsewhere
            past = "past" in t.tags and (t.pos != "PRTS" or any(x.text.lower() in ("с", "со", "у") for x in s.tokens[i + 1:i + 5]))
            decided = "INFN" in t.tags and any("решить" in x.lemmas for x in s.tokens[max(0, i - 4):i])
            negated = any(x.text.lower() in ("не", "ещё", "еще") for x in s.tokens[max(0, i - 2):i])
            if "остаться" in t.lemmas and not denied and not any(x.text.lower() in _STAY_WITH for x in s.tokens[i + 1:i + 4]):
                continue
            if past and negated == denied and (not denied or s.tokens[i - 1].text.lower() == "не" or any(
                    x.text.lower() in ("никого", "никем", "ни", "никакой") for x in s.tokens[max(0, i - 4):i])):
                return s
            if decided and not negated and not denied:
                return s
    return None


def our_price_said(units: Units) -> int | None:
    """Our price as the manager states it ("платёж выходит триста девяносто тысяч в месяц")."""
    price = None
    for u in units:
        if u.role == "client":
            continue
        for s in u.sentences:
            if not s.is_question and not s.lemmas.isdisjoint(_PRICE_WORDS):
                value = budget_value(s.tokens, bare=False, prices=True)
                if value is not None:
                    price = int(value.get("amount_min", value["amount"]))
    return price


def min_order_said(units: Units) -> int | None:
    """Our minimum order as the manager states it ("минимальный заказ от семидесяти тысяч")."""
    for u in units:
        if u.role == "client":
            continue
        for s in u.sentences:
            if any_phrase(_MIN_ORDER, s.tokens, s.lemmas) is not None:
                value = budget_value(s.tokens, bare=False, prices=True)
                if value is not None:
                    return int(value.get("amount_min", value["amount"]))
    return None


def _budget(result: QuestionResult, min_order: int | None, reason_small: bool) -> tuple[str, str] | None:
    value = result.value or {}
    if "amount" not in value:
        return None
    amount = int(value.get("amount_max", value["amount"]))
    if amount == 0:
        return "supported", "клиент сказал, что бюджета нет"
    if min_order is not None and amount >= min_order:
        return "contradicted", f"клиент назвал бюджет {amount:,} ₽ — не меньше минимального заказа {min_order:,} ₽".replace(",", " ")
    if min_order is not None:
        return "supported", f"названный бюджет {amount:,} ₽ меньше минимального заказа {min_order:,} ₽".replace(",", " ")
    if reason_small:
        return "supported", "клиент назвал бюджет"
    return "contradicted", f"клиент назвал бюджет {amount:,} ₽".replace(",", " ")


def _verdict(rule: ReasonRule, analysis: DealAnalysis, units: Units, min_order: int | None,
             call_dates: Sequence[str] = (), want: tuple[QuestionResult, bool] | None = None) -> tuple[str, str, str]:
    """(status, question id, explanation) of one reason, before failed calls are considered."""
    qid = rule.questions[0] if rule.questions else {"competitor": "competitor", "no_contact": "contact"}.get(rule.check, "")
    result = analysis.question(qid) if rule.questions else None
    client = _client(units)
    if rule.check in ("budget_small", "no_budget", "expensive") and result is not None:
        if rule.check == "expensive" and (s := _expensive(units)) is not None:
            return "supported", qid, f"клиент сказал: «{s.text}»"
        if rule.check == "expensive" and (s := _said(_PRICE_FINE, client) or next(filter(price_fine, client), None)) is not None:
            return "contradicted", qid, f"клиента цена устраивает: «{s.text}»"
        price = our_price_said(units) if rule.check == "expensive" else None
        if price is not None and "amount" in (result.value or {}):
            amount = int((result.value or {}).get("amount_max", (result.value or {})["amount"]))
            if amount >= price:
                return "contradicted", qid, f"клиент готов потратить {amount:,} ₽ — не меньше нашей цены {price:,} ₽".replace(",", " ")
            return "supported", qid, f"бюджет клиента {amount:,} ₽ меньше нашей цены {price:,} ₽".replace(",", " ")
        verdict = _budget(result, min_order, rule.check != "no_budget")
        if verdict is not None and rule.check == "expensive":
            # a budget backs «дорого» only as no money or below our minimum; above it, or with no price of ours
            # in the calls, there is nothing to compare it with
            amount = int((result.value or {}).get("amount_max", (result.value or {}).get("amount", 0)))
            if amount == 0 or min_order is not None and amount < min_order:
                return "supported", qid, verdict[1]
            return "unsupported", qid, f"клиент назвал бюджет {amount:,} ₽, но нашей цены в звонках нет — сравнить не с чем".replace(",", " ")
        if verdict is not None:
            return verdict[0], qid, verdict[1]
    elif rule.check == "not_decider" and result is not None and result.answered:
        text = str((result.value or {}).get("text", "")).lower()
        if (result.value or {}).get("self") or set(text.split()) <= SPEAKER and text:
            return "contradicted", qid, f"клиент сам принимает решение: «{_card_quote(result)}»"
        if (greeting := decider_greeted(list(units), text)) is not None:
            return "contradicted", qid, f"менеджер говорил с тем, кто решает: «{greeting}»"
        return "supported", qid, f"решение принимает другой человек: {text}"
    elif rule.check == "no_need" and result is not None:
        if want is not None and want[1]:  # a contract set's "Отсрочка нужна?" — "да"
            return "contradicted", want[0].id, f"клиент ответил «да» на вопрос «{want[0].title}»: «{_card_quote(want[0])}»"
        if (s := _no_need(units)) is not None:
            # "Нам ничего не надо", and then a problem after all ("топливо водители сливают, бесит")
            pain = next((x for x in client[client.index(s) + 1:] if need_said(x)), None)
            if pain is not None:
                return "contradicted", qid, f"клиент сказал «{s.text}», но потом описал проблему: «{pain.text}»"
            return "supported", qid, f"клиент сказал: «{s.text}»"
        prompted = [e for e in result.answer_evidence if not e.volunteered]
        if prompted and all(any(map(denies_pain, _sentences(units, e))) for e in prompted):
            return "supported", qid, f"клиент сказал, что проблем нет: «{_card_quote(result)}»"
        if prompted:
            return "contradicted", qid, f"клиент описал потребность: «{_card_quote(result)}»"
        # unasked, only what the client says of a problem or a want counts ("проблем у нас нет" does not)
        if (s := next((x for x in client if need_said(x) or _corrected(x)), None)) is not None:
            return "contradicted", qid, f"клиент сам описал потребность: «{s.text}»"
        if want is not None:  # "Планируете замену?" — "нет"
            return "supported", want[0].id, f"клиент ответил «нет» на вопрос «{want[0].title}»: «{_card_quote(want[0])}»"
    elif rule.check == "not_now" and result is not None:
        # a contract set's own timing question ("с какой даты начать страхование") is the one asked
        own = [q for q in analysis.questions if q.kind == "timing" and q.id not in rule.questions and (q.asked or q.answered)]
        result = next((q for q in own if q.answered), own[0] if own else result)
        qid = result.id
        verdict = _not_now(units, analysis, result, call_dates)
        if verdict is not None:
            return verdict[0], qid, verdict[1]
    elif rule.check == "competitor":
        stated = [x for x in client if not compares(x.tokens)]  # reply_act: "у других примерно так же" compares
        # "У других дешевле, но…": a comparison names others without going to them
        if (s := _said(_COMPETITOR, [x for x in stated if all(t.pos != "COMP" for t in x.tokens)])
                or _went_elsewhere(stated)) is not None:
            return "supported", qid, f"клиент сказал: «{s.text}»"
        if (s := _went_elsewhere(client, denied=True)) is not None:
            return "contradicted", qid, f"клиент сказал, что никого не выбрал: «{s.text}»"
        return "unsupported", qid, "в звонках клиент не говорит, что выбрал другого поставщика"
    elif rule.check == "no_contact":
        if (turn := live_turn(_calls(units, analysis))) is not None:
            return "contradicted", qid, f"в звонках есть разговор с клиентом: «{' '.join(s.text for s in turn)}»"
        return "supported", qid, "разговора с клиентом в звонках нет"
    elif rule.check == "answered" and all((q := analysis.question(x)) is not None and q.answered for x in rule.questions):
        return "supported", qid, "ответ клиента есть в звонках"
    return "unsupported", qid, ""


def check_reason(
    analysis: DealAnalysis, detector: Detector, rule: ReasonRule | None, reason: str | None,
    min_order: int | None, failed: list[str], units: Units, call_dates: Sequence[str] = (),
) -> tuple[list[Flag], dict[str, Any]]:
    """Flags and the ``reason_check`` JSON of a deal's refusal reason; ``call_dates``: when each transcribed call
    started, where known."""
    if not reason:
        return [], {}
    if rule is None:
        message = f"Причина отказа «{reason}» не сопоставлена ни с одним вопросом"
        return [Flag(UNKNOWN, None, message)], {"reason": reason, "status": "not_checkable", "message": message}
    if rule.check == "none":
        message = f"Причину «{reason}» по звонкам проверить нельзя"
        return [], {"reason": reason, "status": "not_checkable", "message": message}
    min_order = min_order if min_order is not None else min_order_said(units)
    want = want_reply(detector, analysis, rule.questions) if rule.check == "no_need" else None
    status, qid, why = _verdict(rule, analysis, units, min_order, call_dates, want)
    calls = len(analysis.recordings)
    kind = "contradicted" if status == "contradicted" else None
    if status == "unsupported" and qid and (result := analysis.question(qid)) is not None and not (why and result.answered):
        kind, why = _missing(result, _topic(detector, qid), calls)
    elif status == "unsupported" and not why:  # (an answered question with a reason keeps it, kind "not_asked")
        kind, why = "not_asked", f"{capitalize(_topic(detector, qid))}: в звонках ничего не найдено"
    elif status == "unsupported":
        kind = "not_asked"
    confidence = 0.8 if status == "unsupported" else _evidence_confidence(analysis, qid)
    if (status == "unsupported" or status == "supported" and rule.check == "no_contact") and failed:
        why = why if status == "unsupported" else "в расшифрованных звонках разговора нет"
        status = "unchecked"
        message = f"Не проверено: {', '.join(failed)} не {'расшифрован' if len(failed) == 1 else 'расшифрованы'} — причину отказа «{reason}» проверить нельзя ({why[:1].lower() + why[1:]})"
        flag = Flag(UNCHECKED, qid or None, message, None, 1.0)
        return [flag], {"reason": reason, "status": status, "question": qid, "message": message}
    check: dict[str, Any] = {"reason": reason, "status": status, "question": qid or None,
                             "confidence": confidence, "min_order": min_order}
    if status == "supported":
        check["message"] = f"Причина отказа «{reason}» подтверждается: {why}"
        return [], check
    if status == "contradicted":
        message = f"{capitalize(why)} — причина отказа «{reason}» звонкам противоречит"
    else:
        message = f"{why} — причина отказа «{reason}» звонками не подтверждена"
    check["message"] = message
    return [Flag(UNSUPPORTED, qid or None, message, kind, confidence)], check


def _evidence_confidence(analysis: DealAnalysis, qid: str) -> float:
    result = analysis.question(qid)
    return result.confidence if result is not None and result.answered else 0.75
