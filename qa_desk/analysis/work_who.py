"""The «кто» of a work verb asks who does the work, not who signs or pays (round 16: eng16d, narrowed by eng16e).

«А чинит вам сети кто, свои?», «кто у вас зарплату считает?», «кто вам возит смеси?» ask the doer of a job (``heads.doer_who``:
the nominative «кто» as the subject of a verb that is no deciding verb). A person question of the set that asks an act of
deciding, signing or paying («кто подписывает договор», «кто оплачивает счета») is not asked by such a «кто» unless the
sentence's verb is that question's own verb («Счета у вас кто оплачивает?»). Closed classes only: the deciding verbs of the
language and the verbs of paying (siblings.py).

Nor does the classifier's «who decides» hold for a plain «кто» that names the work it asks about (``not_decider``): a verb
the dictionary knows, that agrees with «кто» (3rd person singular), and its object, a noun in the accusative where an object stands
(«А чинит вам сети кто, свои?», «кто у вас зарплату считает?»). A bare verb («кто считает?», «кто у вас всё это
сделал?») is too thin to tell the doer from the decider, the more so through Whisper, which hears another verb for the
one said («по подписи кто у вас» → «подходит кто у вас», «кто сказал» → «кто связал», «занимается» → «занимает»), or a
word no dictionary has («кто хозит»). A matter one is in charge of («вопросы безопасности у вас кто ведёт?», «кто на этом
вопросе сидит») or a decision («кто этот выбор сделал») is no work object."""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.heads import doer_who, heads, not_decider_who
from qa_desk.analysis.language import Language
from qa_desk.analysis.lexicon import Token, is_known
from qa_desk.analysis.siblings import MISFIT, PAY, governed

Word = frozenset[str]
_CHARGE = frozenset({"ответственный", "главный"})  # "кто ответственный за ИБ" is asked by "кто у вас ведёт"
# what one is in charge of or decides (closed classes): no object of the work ("кто ведёт вопросы безопасности")
_MATTERS = frozenset({"вопрос", "тема", "направление", "проект", "выбор", "решение", "слово", "голос"})


def acting_fit(person: bool, phrasings: Sequence[Sequence[Word]], tokens: Sequence[Token], lang: Language) -> float:
    """1.0, or ``MISFIT`` for a ``person`` question whose phrasings ask an act of deciding or paying, put by a «кто»
    that is the subject of another verb, a verb of the work."""
    if not person:
        return 1.0
    acts = lang.decide_heads - heads().in_charge - _CHARGE | PAY  # deciding, signing, paying; not being in charge
    own = frozenset().union(*(w for p in phrasings for w in p)) if phrasings else frozenset()
    if own.isdisjoint(acts):
        return 1.0  # "кто вам возит?" for "кто сейчас возит удобрения": a provider question, asked by the doer
    v = named_work(tokens, lang, pronoun=True)  # "А сейчас это кто забирает?": the work named by "это"
    return 1.0 if v is None or not tokens[v].lemmas.isdisjoint(own) else MISFIT


def not_decider(tokens: Sequence[Token], lang: Language) -> bool:
    """The sentence's «кто» asks no decider: a counterparty or an indefinite doer (``heads.not_decider_who``), or a plain
    «кто» that names the work it asks about (``named_work``)."""
    return not_decider_who(tokens, lang) or named_work(tokens, lang) is not None


_PERSON_OF = frozenset({"1per", "2per", "impr"})  # "расскажите, … кто" is no verb of «кто»'s


def named_work(tokens: Sequence[Token], lang: Language, pronoun: bool = False) -> int | None:
    """Index of the verb of the work a «кто» (``heads.doer_who``) is the subject of, when the work is named: the verb
    agrees with «кто» (singular, third person: not "кто хозит, почему застревают"), the dictionary knows it, and it has an
    object (``_work_object``; with ``pronoun``, a pronoun that stands for one will do); else None. A «кто» with an infinitive only is no doer ("хозяин — это кто, как к нему
    обращаться?")."""
    k = doer_who(tokens, lang)
    if k is None:
        return None
    light = heads().light
    verbs = [j for j, u in enumerate(tokens) if u.pos in ("VERB", "INFN") and u.lemmas.isdisjoint(light)
             and (u.pos == "INFN" or "sing" in u.tags and not _PERSON_OF & u.tags)]
    v = next((j for j in verbs if j > k), verbs[-1] if verbs and verbs[-1] < k else None)  # as heads._head_verb
    if v is None or tokens[v].pos != "VERB" or not is_known(tokens[v].text):
        return None
    return v if _work_object(tokens, k, v, _OBJECT_PRONOUNS if pronoun else frozenset()) else None


_OBJECT_PRONOUNS = frozenset({"это", "его", "её", "ее", "их", "всё", "все"})  # closed class
_SKIP = frozenset({"NPRO", "ADVB"})  # "муку вам кто сейчас возит", "бухгалтерию у вас кто ведёт"


def _work_object(tokens: Sequence[Token], k: int, v: int, pronouns: frozenset[str]) -> bool:
    """An accusative noun (an inanimate plural's is its nominative: «сети») the dictionary knows, that no preposition
    governs and that names no matter or decision, or one of ``pronouns``, where the work's object stands (commas are no
    tokens, so by position): between «кто» (at ``k``) and its verb (at ``v``), right after the verb, or put before «кто»
    past pronouns and adverbs («сети», «зарплату», «муку»)."""
    lo, hi = min(k, v), max(k, v)
    span = list(range(lo + 1, hi))
    j = v + 1
    while v > k and j < len(tokens) and tokens[j].pos in ("NOUN", "ADJF", "PRTF", "NUMR"):
        span.append(j)
        j += 1
    j = lo - 1
    if j >= 0 and tokens[j].text.lower() in pronouns:
        return True  # "это кто забирает"
    while j >= 0 and (tokens[j].pos in _SKIP or tokens[j].pos == "PREP" and j + 1 < lo and tokens[j + 1].pos == "NPRO"):
        j -= 1
    while j >= 0 and tokens[j].pos in ("NOUN", "ADJF", "PRTF"):
        span.append(j)
        j -= 1
    return any(tokens[j].text.lower() in pronouns or tokens[j].pos == "NOUN" and (
        "accs" in tokens[j].tags or {"inan", "nomn", "plur"} <= tokens[j].tags) and tokens[j].lemmas.isdisjoint(_MATTERS)
        and is_known(tokens[j].text) and not governed(tokens, j) for j in span)
