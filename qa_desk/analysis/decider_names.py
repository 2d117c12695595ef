"""Deal level, after pairing: the decider the card shows.

- A weak decider (a person mentioned in passing, "кладовщица два раза в смену ходит", often the reply to
  the other half of a two-question turn) gives way to a person said later in the same call next to a
  deciding verb ("…а деньги даёт Виталий Сергеевич, директор, без его подписи ничего").
- A decider answered by role only gets the name the deal gives that role elsewhere; "я решаю" gets the
  client's name in that call.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.antecedent import pronoun_decides
from qa_desk.analysis.client_names import addressed, client_name
from qa_desk.analysis.decider_claims import collective_in_full
from qa_desk.analysis.decider_kept import kept_earlier
from qa_desk.analysis.decider_later import completed_name, confirmed_role, named_later, stated_over_passing
from qa_desk.analysis.decider_shapes import (
    body_in_call,
    complemented_body,
    is_body,
    owned_by_pronoun,
    spoken_of,
    stated_over_contact,
    turn_over_quote,
    we_collective,
)
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.detect import Detector, Sentence
from qa_desk.analysis.language import SPEAKER, Language
from qa_desk.analysis.lexicon import Token, lemma_of, morph
from qa_desk.analysis.names import (
    PATRONYMIC_ENDS,
    has_name,
    is_patronymic,
    leading_name,
    names_at,
    surname_like,
)
from qa_desk.analysis.on_the_line import handed_over
from qa_desk.analysis.pairing import UNSURE, Unit, evidence, later
from qa_desk.analysis.person import (
    DECIDE_VERBS,
    ROLE_ADJECTIVES,
    ROLE_NOUNS,
    last_named,
    with_name,
)
from qa_desk.analysis.person_self import introduced_role, named_beside_self, own_role, requested_role
from qa_desk.analysis.questions import AnswerKind
from qa_desk.analysis.results import Evidence, QuestionResult
from qa_desk.domain.transcript import Speaker

_WEAK = 2.0  # below: a person without a deciding verb or a name (a role or an animate noun in passing)
_STRONG = 3.0  # at least: a role next to a deciding verb, a name, the speaker who decides


def name_deciders(detector: Detector, results: dict[str, QuestionResult], units: list[Unit]) -> None:
    """The decider of every person question: a weak one replaced by a strong one later in its call, then
    named (a role gets the name the deal gives it; the speaker their own)."""
    for cq in detector.questions:
        result = results[cq.question.id]
        if cq.question.answer is AnswerKind.PERSON and result.answered:
            result.primary = stated_over_passing(detector, result)
            result.primary = stated_over_contact(detector, result, units)
            _strengthen(detector, result, units)
            turn_over_quote(detector, result, units)
            before = result.primary_answer
            said = dict(before.value) if before is not None and before.value else {}
            _update_later(detector, result, units)
            _name(result, units)
            if before is not None and (after := result.primary_answer) is not None and after is not before:
                result.primary = result.answer_evidence.index(before)
                _name(result, units)  # the earlier answer stands when the later call names the same person
                kept = kept_earlier(before, said, after, units, sure=not before.volunteered and any(
                    a.recording == before.recording and a.start <= before.start and a.confidence >= UNSURE
                    for a in result.asked_evidence))
                result.primary = result.answer_evidence.index(before if kept else after)


def pronoun_volunteered(before: Sequence[Sequence[Token]], tokens: Sequence[Token], lang: Language) -> str | None:
    """A volunteered "Он решает" whose antecedent the same turn named before it ("…директор по развитию, Аркадий
    Семёнович Бурков, он у нас недавно. Он решает, я так, на подхвате."): that person, else None."""
    if not pronoun_decides(tokens):
        return None
    found = best_person([*before, tokens], lang)
    return found.text if found is not None and not found.speaker and found.sentence == len(before) and (
        found.score >= _NAMED_DECIDER) else None  # the pronoun's person, not an animate noun in passing


def _strengthen(detector: Detector, result: QuestionResult, units: list[Unit]) -> None:
    """Replace a weak card answer by the first strong decider the client names later in the same call."""
    shown = result.primary_answer
    if shown is None or shown.value is None or shown.value.get("self"):
        return
    weak = best_person([s.tokens for s in detector.sentences(shown.quote)], detector.lang)
    if weak is None or weak.score >= _WEAK:
        return
    after = [u for u in units if u.recording == shown.recording and u.role == Speaker.CLIENT
             and u.segment.start > shown.start]
    for unit in after:
        for sentence in unit.sentences:
            if sentence.is_question or sentence.lemmas.isdisjoint(DECIDE_VERBS):
                continue
            found = best_person([sentence.tokens], detector.lang)
            if found is None or found.score < _STRONG:
                continue
            value: dict[str, object] = {"text": found.text, "self": True} if found.speaker else {"text": found.text}
            result.answer_evidence.append(evidence(unit, sentence.text, value, volunteered=shown.volunteered,
                                                   confidence=shown.confidence, later=later(result, unit)))
            result.primary = len(result.answer_evidence) - 1
            return


_NAMED_DECIDER = 4.5  # a name next to a deciding verb ("деньги и подпись — у генерального, у Олега Борисовича")


def _update_later(detector: Detector, result: QuestionResult, units: list[Unit]) -> None:
    """A later call that says who decides now supersedes the answer of an earlier call ("Иван Сергеевич
    проект посмотрел… такие суммы не он решает" — "То есть решает Ахмед Магомедович?" — "Да, у него
    последнее слово"): a named person next to a deciding verb, or "он"/"у него" with a deciding verb whose
    antecedent is the person named last before it in that call (the same turn, the manager's question, the
    client's turn before)."""
    shown = result.primary_answer
    if shown is None or shown.value is None:
        return
    first = min(e.recording for e in result.answer_evidence)
    for k, unit in enumerate(units):
        if unit.recording <= first or unit.role != Speaker.CLIENT or unit.segment.start < shown.start and (
                unit.recording == shown.recording):
            continue
        for n, sentence in enumerate(unit.sentences):
            if not _states_decider(sentence):
                continue
            found = best_person([sentence.tokens], detector.lang)
            text = found.text if found is not None and not found.speaker and found.score >= _NAMED_DECIDER and (
                found.text != leading_name(sentence.tokens) or pronoun_decides(sentence.tokens)) else None
            # not "Игорь, мы уже подписали…"; "Станислав Дмитриевич, так что последнее слово за ним" names him
            if text is None and pronoun_decides(sentence.tokens):
                before = [u for u in units[max(0, k - 2):k] if u.recording == unit.recording]
                # the antecedent: the client's words, or a manager's sentence about who decides
                context = [s.tokens for u in before for s in u.sentences
                           if u.role == Speaker.CLIENT or not s.lemmas.isdisjoint(DECIDE_VERBS)]
                text = last_named(context + [s.tokens for s in unit.sentences[:n]])
            current = result.primary_answer
            if text is None or current is None or current.value is None or _same(text, str(current.value.get("text", ""))):
                continue
            shown_text = str(current.value.get("text", ""))
            if not has_name(shown_text) and _role_asked(units, k, shown_text):
                text = f"{shown_text} {text}"  # "Договор на кого готовить, на вашего коммерческого?" — "На него, да, …"
            result.answer_evidence.append(evidence(unit, sentence.text, {"text": text}, volunteered=True,
                                                   confidence=current.confidence, later=True))
            result.primary = len(result.answer_evidence) - 1


def _role_asked(units: list[Unit], k: int, role: str) -> bool:
    """The manager's turn right before ``units[k]`` names the role the card shows: the client's "он" that
    follows is that role, now named."""
    if not k or units[k - 1].role == Speaker.CLIENT or units[k - 1].recording != units[k].recording:
        return False
    words = {lemma_of(w) for w in role.lower().split()} & (ROLE_NOUNS | ROLE_ADJECTIVES)
    return any(not s.lemmas.isdisjoint(words) for s in units[k - 1].sentences)


_NOT_A_STATEMENT = frozenset({"если", "здравствуйте", "добрый", "алло"})


def _states_decider(sentence: Sentence) -> bool:
    """A statement of who decides: a deciding word not in the past tense ("подписала с Виалоном", "решили"
    tell what happened), outside a condition ("если Пал Палыч одобрит") and a greeting."""
    if sentence.is_question or not sentence.lemmas.isdisjoint(_NOT_A_STATEMENT):
        return False
    return any(not t.lemmas.isdisjoint(DECIDE_VERBS) and "past" not in t.tags for t in sentence.tokens)


def _same(text: str, shown: str) -> bool:
    """The same person: every word of one is in the other ("Виктор Сергеевич", "директор Виктор Сергеевич")."""
    a, b = set(text.lower().split()), set(shown.lower().split())
    return a <= b or b <= a


def _name(result: QuestionResult, units: list[Unit]) -> None:
    shown: Evidence | None = result.primary_answer
    if shown is None or shown.value is None:
        return
    text = str(shown.value.get("text", ""))
    if shown.value.get("self") and (body := we_collective(_own_turn(units, shown) or [], shown.quote)):
        shown.value = {"text": body}  # "…у нас в правлении трое… Вот мы вчетвером решаем."
        return
    if shown.value.get("self"):  # the speaker: their name, after the role they gave ("директор Марат")
        own = _own_turn(units, shown)
        if own is not None and text.lower() in SPEAKER:  # "я один владелец… Сам решаю." in one turn
            text = next((r for tokens in own if (r := own_role(tokens, top=False)) is not None), text)
        intro = next((i for tokens in _opening(units, shown.recording) if (i := introduced_role(tokens))), None)
        if text.lower() in SPEAKER and intro is not None:  # "Я Дима, управляющий." … "Ну я решаю."
            text = intro[0]
        if text.lower() in SPEAKER:  # "Мне бы руководителя сервиса." — "Ну я." … "Сам."
            text = _requested(units, shown.recording) or next((r for tokens in _opening(units, shown.recording) if (
                r := confirmed_role(tokens))), text)  # "…как главного энергетика?" — "Правильно. Главный энергетик, да."
        name = next((n for tokens in own or [] if (n := named_beside_self(tokens))), None) or next(
            (n for tokens in own or [] if (n := _patronymic_name(tokens))), None) or next(
            (n for tokens in own or [] if " " in (n := leading_name(tokens) or "") and not spoken_of(tokens)), None) or (
            intro[1] if intro is not None and intro[0] == text else None) or _addressee(units, shown) or handed_over(
            units, shown.recording, shown.start) or _client_name(
            units, shown.recording) or (  # "Я решаю, хозяйство моё. Гусев Николай Петрович, вы ж знаете"
            _greeted_after(units, shown.recording, shown.start) if text.lower() not in SPEAKER else None)
        named = (f"{text} {name}" if text.lower() not in SPEAKER else name) if name else text
    elif not has_name(text):  # a role without a name
        named = _pronoun_named(units, shown, text) or with_name(text, [s.tokens for u in units for s in u.sentences])
        if named == text:
            turn = _own_turn(units, shown, questions=True) or []  # "Всё, что капитальное, идёт через …" is no question
            named = collective_in_full(text, turn, len(turn)) or body_in_call(units, shown, text) or complemented_body(text, turn)  # "…через инвестиционный
            # комитет холдинга. … а решает комитет." (volunteered: one sentence read)
        if named == text:
            named = _asked_named(units, shown, text) or _followup_named(units, shown, text) or text
        if named == text and not is_body(text) and (later_name := named_later(units, shown, text)):
            named = f"{text} {later_name}"  # "Отец." … next call: "Отец вернулся. Борис Олегович, если по отчеству"
        if named == text and not is_body(text) and (greeted := _greeted_after(units, shown.recording, shown.start, new=True)):
            named = f"{text} {greeted}"  # "…последнее слово за главврачом." — next call: "Ирина Валерьевна, добрый день"
    else:
        named = completed_name(units, text) or text  # "Руслан какой-то" … next call: "Я начальник склада, Руслан Тимурович"
    if named != shown.value.get("text"):  # also a role found for "я" without a name
        shown.value = {**shown.value, "text": named}


def _patronymic_name(tokens: list[Token]) -> str | None:
    """A full name the sentence opens with, a surname before it kept ("Соколов Игорь Леонидович, запишите")."""
    words = [t for t in tokens if t.is_word]
    i = next((k for k, t in enumerate(words) if t.text.lower() not in _GREETED), len(words))
    surname = i + 1 < len(words) and "Surn" in words[i].tags and words[i].text[:1].isupper()
    found = names_at(words, i + 1 if surname else i)
    if found is None or " " not in found[0] or not is_patronymic(words[found[1] - 1]) or spoken_of(words):
        return None
    return f"{words[i].text} {found[0]}" if surname else found[0]


_GREETED = frozenset({"алло", "здравствуйте", "добрый", "доброе", "день", "утро", "вечер", "а", "ну", "и"})


def _addressee(units: list[Unit], shown: Evidence) -> str | None:
    """The one our question right before the answer addresses by first name and patronymic ("Василий Андреевич, я
    правильно понимаю, что утверждаете вы…?" — "Я подписываю."): the speaker who says "я"."""
    k = next((i for i, u in enumerate(units) if u.recording == shown.recording and u.role == Speaker.CLIENT
              and u.segment.start <= shown.start <= u.segment.end and any(s.text in shown.quote for s in u.sentences)),
             None)
    before = [u for u in units[max(0, (k or 0) - 2):k or 0] if u.recording == shown.recording]  # mono: a reply's
    for s in (s for u in reversed(before) for s in u.sentences if s.is_question):  # start may be cut off as ours
        words = [t for t in s.tokens if t.is_word]
        start = next((i for i, t in enumerate(words) if t.text.lower() not in _GREETED), len(words))
        found = names_at(words, start)
        if found is not None and " " in found[0] and is_patronymic(words[found[1] - 1]) and (
                found[1] == len(words) or words[found[1]].pos not in ("VERB", "INFN")):
            return found[0]  # not "Кристина Петровна вам передавала?": spoken of
    return None


def _own_turn(units: list[Unit], shown: Evidence, questions: bool = False) -> list[list[Token]] | None:
    """The sentences of the client's turn that holds the answer ``shown``."""
    unit = next((u for u in units if u.recording == shown.recording and u.role == Speaker.CLIENT
                 and u.segment.start <= shown.start <= u.segment.end and any(s.text in shown.quote for s in u.sentences)),
                None)
    return None if unit is None else [list(s.tokens) for s in unit.sentences if questions or not s.is_question]


def _asked_named(units: list[Unit], shown: Evidence, text: str) -> str | None:
    """A role (with a bare surname) given in reply to the manager's question about a person named with
    patronymic ("Ирина Викторовна — это кто по должности?" — "Коммерческий директор, Лаврова.") is that
    person: the full name is added."""
    k = next((i for i, u in enumerate(units) if u.recording == shown.recording and u.role == Speaker.CLIENT
              and u.segment.start <= shown.start <= u.segment.end and any(s.text in shown.quote for s in u.sentences)),
             None)
    if not k or units[k - 1].role == Speaker.CLIENT or units[k - 1].recording != shown.recording:
        return None
    asked = [n for s in units[k - 1].sentences for i in range(len(s.tokens))
             if (n := names_at(s.tokens, i)) is not None and " " in n[0] and is_patronymic(s.tokens[n[1] - 1])]
    if len({n[0] for n in asked}) != 1:
        return None
    name = asked[0][0]
    gender = _gender(name.split()[0])
    if gender is not None and any(g not in (None, gender) for w in text.split() if (g := _surname_gender(w))):
        return None  # "Лавров" is not Ирина Викторовна
    return f"{text} {name}"


_NAME_ASK = frozenset({"звать", "имя", "отчество", "фамилия", "обращаться", "величать"})
_FOLLOWUP = 4  # turns after the answer within which the manager may ask the name


def _followup_named(units: list[Unit], shown: Evidence, text: str) -> str | None:
    """A role whose name the manager asks next ("Собственник, да." — "А как его зовут?" — "Зайцев Андрей
    Николаевич."; "это батя" — "А как отца по имени-отчеству?" — "Василий Иванович."): the client's
    reply that opens with a name gives it."""
    k = next((i for i, u in enumerate(units) if u.recording == shown.recording and u.role == Speaker.CLIENT
              and u.segment.start <= shown.start <= u.segment.end and any(s.text in shown.quote for s in u.sentences)),
             None)
    if k is None:
        return None
    for j in range(k + 1, min(len(units) - 1, k + _FOLLOWUP)):
        asking, reply = units[j], units[j + 1]
        if asking.recording != shown.recording or reply.recording != shown.recording:
            return None
        if asking.role == Speaker.CLIENT or reply.role != Speaker.CLIENT or not reply.sentences:
            continue
        if not any(s.is_question and not s.lemmas.isdisjoint(_NAME_ASK) for s in asking.sentences):
            continue
        words = [t for t in reply.sentences[0].tokens if t.is_word]
        surname = bool(words) and words[0].text[:1].isupper() and surname_like(words[0].text.lower()) and (
            names_at(words, 0) is None)  # "Зайцев Андрей Николаевич."
        found = names_at(words, 1 if surname else 0)
        if found is None or len(found[0].split()) < 2 and len(words) > 3:
            return None  # a name said in passing, not the one asked for
        return f"{text} {words[0].text + ' ' if surname else ''}{found[0]}"
    return None


def _gender(word: str) -> str | None:
    return next((str(p.tag.gender) for p in morph().parse(word.lower()) if "Name" in p.tag and p.tag.gender), None)


def _surname_gender(word: str) -> str | None:
    return next((str(p.tag.gender) for p in morph().parse(word.lower()) if "Surn" in p.tag and "nomn" in p.tag
                 and p.tag.gender), None)


def _pronoun_named(units: list[Unit], shown: Evidence, role: str) -> str | None:
    """A role said of "он"/"она" who decides, named earlier in the same turn or in the question just before
    ("А Марина Викторовна — это кто, хозяйка?" — "Ну да, она владелица, она всё решает." -> "владелица
    Марина Викторовна")."""
    k = next((i for i, u in enumerate(units) if u.recording == shown.recording and u.role == Speaker.CLIENT
              and u.segment.start <= shown.start <= u.segment.end and any(s.text in shown.quote for s in u.sentences)),
             None)
    if k is None:
        return None
    sentence = next((s for s in units[k].sentences if s.text in shown.quote), None)
    if sentence is None or not pronoun_decides(sentence.tokens):
        return None
    # the nearest named person: earlier in the same turn ("это вам к Максиму Олеговичу. Он операционный
    # директор, он и решает"), else the manager's question just before
    name = last_named([s.tokens for s in units[k].sentences[:units[k].sentences.index(sentence)]])
    if (name is None or not has_name(name)) and k and units[k - 1].role != Speaker.CLIENT and (
            units[k - 1].recording == shown.recording):
        name = last_named([s.tokens for s in units[k - 1].sentences])
    if name is not None and has_name(name) and owned_by_pronoun(sentence.tokens, role):
        return name  # "Решает он, … ну и иногда его брат": the brother is beside the one named
    return f"{role} {name}" if name is not None and has_name(name) and not set(role.split()) & set(name.split()) else None


def _requested(units: list[Unit], recording: int) -> str | None:
    """The role the manager asked for in a call's first turn when the client's first sentence is "я"."""
    mine = [u for u in units if u.recording == recording]
    mono = all(u.segment.speaker not in (Speaker.MANAGER, Speaker.CLIENT) for u in mine)
    k = 1 if mono and len(mine) > 1 else next((i for i, u in enumerate(mine) if u.role == Speaker.CLIENT), None)
    if not k or not mono and mine[k - 1].role == Speaker.CLIENT or not mine[k].sentences:
        return None
    return requested_role([s.tokens for s in mine[k - 1].sentences], mine[k].sentences[0].tokens)


def _opening(units: list[Unit], recording: int) -> list[list[Token]]:
    """The sentences of the client's first two utterances in a call (where they introduce themself); in
    mono, whose utterance is whose is a guess: the first four."""
    mine = [u for u in units if u.recording == recording]
    mono = all(u.segment.speaker not in (Speaker.MANAGER, Speaker.CLIENT) for u in mine)
    client = mine[:4] if mono else [u for u in mine if u.role == Speaker.CLIENT][:2]
    return [list(s.tokens) for u in client for s in u.sentences if not s.is_question]


def _client_name(units: list[Unit], recording: int) -> str | None:
    """The client's name in one call: their first two utterances, and the manager's openings."""
    mine = [u for u in units if u.recording == recording]
    client = [s.tokens for u in [u for u in mine if u.role == Speaker.CLIENT][:2] for s in u.sentences]
    # the manager's openings count twice: in mono the first "client" utterance may be the caller's
    manager = [s.tokens for u in mine if u.role != Speaker.CLIENT for s in u.sentences]
    return client_name(client, manager)


def _greeted_after(units: list[Unit], recording: int, start: float, new: bool = False) -> str | None:
    """The name with patronymic the manager greets in the first turn of the next call after the answer
    that the client speaks in ("Игорь Леонидович, добрый вечер, это снова…"): whom the manager reached,
    when Whisper garbled the name in the call that gave the decider. ``new``: someone other than the
    clients named in the calls up to the answer's (a role the client pointed to, then called)."""
    later_calls = sorted({u.recording for u in units if u.recording > recording})
    if not later_calls:
        return None
    mine = [u for u in units if u.recording == later_calls[0]]
    opening = next((u for u in mine if u.sentences), None)
    if opening is None or opening.role == Speaker.CLIENT or not any(u.role == Speaker.CLIENT for u in mine[1:]):
        return None
    tokens = opening.sentences[0].tokens
    name = leading_name(tokens)
    if name is None or " " not in name or not name.split()[-1].lower().endswith(PATRONYMIC_ENDS) or not addressed(
            tokens, name):
        return None
    if new and any((known := _client_name(units, r)) and set(known.lower().split()) & set(name.lower().split())
                   for r in range(recording + 1)):
        return None
    return name


def decider_greeted(units: list[Unit], decider: str) -> str | None:
    """The manager's greeting that addresses the named decider in a call the client then speaks in
    ("Виктор Павлович, доброе утро, Руслан, «ШинТорг»" after "решает генеральный, Виктор Павлович"):
    the manager did reach them. None when the decider has no name with patronymic or was never greeted."""
    named = {w.lower() for w in decider.split()}
    for k, unit in enumerate(units):
        if unit.role == Speaker.CLIENT or not unit.sentences:
            continue
        tokens = unit.sentences[0].tokens
        name = leading_name(tokens)
        if name is None or not any(w.lower().endswith(PATRONYMIC_ENDS) for w in name.split()[1:]) or not addressed(
                tokens, name):
            continue
        replied = any(u.recording == unit.recording and u.role == Speaker.CLIENT for u in units[k + 1:])
        if replied and {w.lower() for w in name.split()} <= named and not _echo(units, k, name):
            return unit.sentences[0].text
    return None


def _echo(units: list[Unit], k: int, name: str) -> bool:
    """Our line at units[k] repeats the name the client has just said ("Это Виктор Павлович, коммерческий." —
    "Виктор Павлович. А фамилию не подскажете?"): a read-back, not a greeting."""
    prev = units[k - 1] if k else None
    said = {t.text.lower() for s in prev.sentences for t in s.tokens} if prev is not None and prev.role == Speaker.CLIENT and (
        prev.recording == units[k].recording) else set()
    return bool(said) and {w.lower() for w in name.split()} <= said
