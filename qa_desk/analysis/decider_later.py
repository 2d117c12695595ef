"""A decider given by role only gets the name a later client turn gives that role: the role said again in that turn
(«Отец вернулся. Борис Олегович, если вам по отчеству надо.») or in our question just before it («получилось
показать КП вашему заместителю директора?» — «Эльвира Рашидовна посмотрела…»; its adjective used as the noun: «А
коммерческий из отпуска вернулся?» — «Вернулась. Ольга Викторовна её зовут.»), and one full name (a first name
with patronymic) in the turn that is not the client's own. The answer stays where the role was given."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.antecedent import pronoun_decides
from qa_desk.analysis.client_names import client_name
from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.detect import Detector, Sentence
from qa_desk.analysis.language import CONFIRMATIONS, LEAD_INS
from qa_desk.analysis.lexicon import Token, lemma_of
from qa_desk.analysis.names import PATRONYMIC_ENDS, has_name, is_patronymic, name_parse, names_at
from qa_desk.analysis.pairing import Unit
from qa_desk.analysis.person import DECIDE_VERBS, ROLE_ADJECTIVES, ROLE_NOUNS, role_at
from qa_desk.analysis.results import Evidence, QuestionResult
from qa_desk.domain.transcript import Speaker


def named_later(units: list[Unit], shown: Evidence, role: str) -> str | None:
    """The full name a later client turn gives ``role`` (see the module), else None."""
    heads = {lemma_of(w.lower()) for w in role.split() if w.lower() in ROLE_NOUNS or lemma_of(w.lower()) in ROLE_NOUNS}
    # a participle role ("управляющий") by its lemma ("управлять"), as the later turn's words are read
    if not heads:
        return None
    for k, unit in enumerate(units):
        if unit.role != Speaker.CLIENT or (unit.recording, unit.segment.start) <= (shown.recording, shown.start):
            continue
        adjectives = {lemma_of(w.lower()) for w in role.split()} & ROLE_ADJECTIVES
        said = _mentions(unit.sentences, heads, adjectives) or k and units[k - 1].role != Speaker.CLIENT and units[
            k - 1].recording == unit.recording and _mentions(units[k - 1].sentences, heads, adjectives) or k > 1 and units[
            k - 1].role != Speaker.CLIENT and units[k - 2].role == Speaker.CLIENT and units[k - 2].recording == unit.recording and (
            _mentions(units[k - 2].sentences, heads, adjectives))  # "я с папой поговорил" — "и что он" — "…геннадий степанович"
        if not said:
            continue
        names = {n for s in unit.sentences if not s.is_question for n in _full_names(s.tokens)}
        mine = [u for u in units if u.recording == unit.recording]
        opening = next((u for u in mine if u.role != Speaker.CLIENT), None)  # whom the call's first turn greets
        own = client_name([s.tokens for u in [u for u in mine if u.role == Speaker.CLIENT][:2] for s in u.sentences],
                          [s.tokens for s in opening.sentences] if opening is not None else [])
        names = {n for n in names if own is None or not set(own.split()) & set(n.split())}
        if len(names) == 1:
            return names.pop()
    return None


def _mentions(sentences: Sequence[Sentence], heads: set[str], adjectives: frozenset[str] | set[str] = frozenset()) -> bool:
    """The role's head noun, or its adjective used as the noun («А коммерческий из отпуска вернулся?»: no noun after
    it, not the neuter «главное»)."""
    return any(not s.lemmas.isdisjoint(heads) or any(
        t.lemma in adjectives and "neut" not in t.tags and not (k + 1 < len(s.tokens) and s.tokens[k + 1].pos == "NOUN")
        for k, t in enumerate(s.tokens)) for s in sentences)


def _full_names(tokens: Sequence[Token]) -> list[str]:
    words = [t for t in tokens if t.is_word]
    out = []
    for i in range(len(words)):
        found = names_at(words, i)
        if found is not None and " " in found[0] and is_patronymic(words[found[1] - 1]) and not (
                i and names_at(words, i - 1) is not None):
            out.append(found[0])
    return out


def completed_name(units: list[Unit], text: str) -> str | None:
    """A decider with a bare first name («Руслан какой-то», «художественный руководитель, Марина») completed by that
    first name with a patronymic said anywhere in the deal («Я начальник склада, Руслан Тимурович»; a greeting): the
    text with the patronymic after the first name. None when the text has a patronymic already, or when the deal
    gives that first name more than one patronymic (two people)."""
    words = text.split()
    if any(w.lower().endswith(PATRONYMIC_ENDS) for w in words):
        return None
    bare = [w for w in words if w[:1].isupper() and name_parse(w.lower())]
    if len(bare) != 1:
        return None
    first = bare[0].lower()
    full = set()
    for unit in units:
        for s in unit.sentences:
            tokens = [t for t in s.tokens if t.is_word]
            for i, t in enumerate(tokens[:-1]):
                if t.text.lower() == first or t.lemma == first:
                    found = names_at(tokens, i)
                    if found is not None and len(found[0].split()) == 2 and is_patronymic(tokens[found[1] - 1]) and (
                            tokens[found[1] - 1].text[:1].isupper()):
                        full.add(found[0])
    if len(full) != 1:
        return None
    name = full.pop()
    return " ".join(name if w == bare[0] else w for w in words)


_PASSING = 1.0  # at most: a person in passing, no deciding word ("Муж в это не лезет…", "с Сашей всё")
_STATED = 3.0  # at least: a role or a name next to a deciding word, the speaker who decides
# the deciding verbs and their nouns («выбор контрагента производится тендерной комиссией»)
_DECIDING = DECIDE_VERBS | {"выбор", "утверждение", "согласование", "одобрение"}


def stated_over_passing(detector: Detector, result: QuestionResult) -> int | None:
    """The answer the card shows among a person question's replies: a later reply that only mentions someone in
    passing (no deciding word in it, the weakest rank: «Муж в это не лезет, у него своя автомойка», «Он сказал
    «дорого выглядит»») does not replace an earlier prompted reply that stated who decides («Командор клуба, Сергей
    Иванович, он решает»): the index of that earlier reply, else the card's own choice."""
    shown = result.primary_answer
    if shown is None or len(result.answer_evidence) < 2 or not _passing(detector, shown):
        return result.primary
    empty = best_person([s.tokens for s in detector.sentences(shown.quote)], detector.lang) is None  # no one in it
    for k in range(result.answer_evidence.index(shown) - 1, -1, -1):
        e = result.answer_evidence[k]
        sentences = detector.sentences(e.quote)
        found = best_person([s.tokens for s in sentences], detector.lang)
        if not e.volunteered and (found is not None and found.score >= (_PASSING if empty else _STATED) or any(
                pronoun_decides(s.tokens) for s in sentences)):  # "Решает он, и только он, ну и иногда его жена"
            return k
        if e.volunteered and e.value is not None and has_name(str(e.value.get("text", ""))) and any(
                not s.lemmas.isdisjoint(_DECIDING) for s in sentences):
            return k  # volunteered with a name by a deciding word: "Генеральному, Аркадию Семёновичу… Он и решит."
    return result.primary


def _passing(detector: Detector, e: Evidence) -> bool:
    sentences = detector.sentences(e.quote)
    if any(not s.lemmas.isdisjoint(_DECIDING) for s in sentences):
        return False
    found = best_person([s.tokens for s in sentences], detector.lang)
    return found is None or found.score <= _PASSING


def confirmed_role(tokens: Sequence[Token]) -> str | None:
    """The speaker's own role said as a whole sentence, as when confirming our address («…как главного энергетика?» —
    «Правильно. Главный энергетик, да.»; «Да, завхоз»): a role (a role word, or an animate noun in the singular that is no name, with
    its adjectives) in the nominative, and besides it only yes words, lead-ins and particles, no verb. None otherwise."""
    words = [t for t in tokens if t.is_word]
    for i, t in enumerate(words):
        span = role_at(words, i)
        if span is None and t.pos == "NOUN" and {"anim", "nomn", "sing"} <= t.tags and "plur" not in t.tags and not (
                _NAMES & t.tags):
            first = i
            while first and words[first - 1].pos == "ADJF" and "nomn" in words[first - 1].tags:
                first -= 1
            span = (first, i + 1)
        elif span is None:
            continue
        rest = [x for k, x in enumerate(words) if not span[0] <= k < span[1]]
        if "nomn" in words[span[1] - 1].tags and all(
                x.text.lower() in CONFIRMATIONS | LEAD_INS | {"я", "вот"} or x.pos == "PRCL" for x in rest):
            return " ".join(x.text.lower() for x in words[span[0]:span[1]])
        return None
    return None


_NAMES = frozenset({"Name", "Surn", "Patr"})
