"""Need asked as a yes/no about the thing: "Окна-то вам нужны?", "Отопление менять будете?", "Под это котельную и ищете?".

The set's need question asks why or what ("почему менять решили?", "что вам нужно?"): its cues pair a question word
with a predicate of needing, changing or looking for. Put as a yes/no the same predicate asks the same need: the
client (a second-person verb of his, or "вам"/"вы" beside a predicate of need) needs, will change or looks for a
thing named by a noun. The predicates are the set's own (the second slots of its question-word cues), less
wanting ("хотите кофе?", "хотите, пришлю?"), which offers as often as it asks. Not a question word before an
"или" (that asks something else), not a past act ("уже нашли?"), not a time or a person as the thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from qa_desk.analysis.language import ADDRESSEE, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.patterns import Cue
from qa_desk.analysis.situation import _OFF as OFF_TOPIC

_WANT = frozenset({"хотеть", "хотеться", "интересовать", "ожидать", "важно", "важный"})
_PREDICATES = frozenset({"INFN", "VERB", "PRED", "ADJS", "ADJF"})


def predicates(cues: Sequence[Cue], lang: Language, pos_of: Callable[[str], str]) -> frozenset[str]:
    """The predicates a question word is paired with in two-slot ``cues`` ("почему|зачем менять|искать", "что нужно"):
    verbs and predicatives (``pos_of``), less wanting."""
    out: set[str] = set()
    for cue in cues:
        if len(cue.slots) == 2 and not cue.slots[0].isdisjoint(lang.question_words):
            out |= {w for w in cue.slots[1] if pos_of(w) in _PREDICATES}
    return frozenset(out - _WANT - lang.question_words)


def _first_clause(tokens: Sequence[Token]) -> Sequence[Token]:
    """The words before an "или" (the other choice asks its own) or a subordinate "чтобы/что" (what is needed is a
    clause, not a thing: "вам нужно, чтобы по ГОСТу проходило?")."""
    at = next((k for k, t in enumerate(tokens) if t.text.lower() in ("или", "чтобы", "чтоб", "что")), None)
    return tokens[:at] if at else tokens


def asks_need(tokens: Sequence[Token], lang: Language, verbs: frozenset[str]) -> bool:
    """A yes/no question whose predicate (one of ``verbs``) is the client's needing, changing or looking for a
    thing (see the module's doc)."""
    words = [t for t in _first_clause(tokens) if t.is_word]
    if not words or any(t.lemma in lang.question_words for t in words) or not OFF_TOPIC.isdisjoint(
            {lemma for t in words for lemma in t.lemmas}):
        return False  # another question, or our terms ("доставка вам нужна будет?"), the call, our papers
    preds = [k for k, t in enumerate(words) if not t.lemmas.isdisjoint(verbs) and not (
        t.pos == "VERB" and "past" in t.tags)]
    if not preds:
        return False
    yours = any(t.pos == "VERB" and "2per" in t.tags and "past" not in t.tags for t in words) or any(
        t.lemma in ADDRESSEE for t in words)
    thing = any(t.pos == "NOUN" and not t.animate and t.lemmas.isdisjoint(lang.time_anchors) or
                t.pos == "ADJF" and "accs" in t.tags and (k + 1 == len(words) or words[k + 1].pos != "NOUN")
                and k not in preds for k, t in enumerate(words))
    return yours and thing


def counted(tokens: Sequence[Token]) -> bool:
    """A count put to the client ("у вас же там шестьдесят тягачей было", "на двух станках режете?"): his size, which
    no situation reading makes a need question; money is no count."""
    return any(t.pos == "NUMR" or t.is_digit for t in tokens) and not find_amounts(tokens)


def bundled(tokens: Sequence[Token], lang: Language) -> bool:
    """More than one question word in a sentence: it bundles questions ("сколько точек и чем не устраивает?")."""
    return sum(not t.lemmas.isdisjoint(lang.question_words) for t in tokens if t.is_word) > 1
