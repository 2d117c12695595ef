"""Whom a third-person pronoun of a decider reply stands for: the person named before it who agrees with it.

"Тимур Ильдарович, да, но он в Дубае. Подписывает главбух, Фаина Маратовна, но выбирает он." → "он" is
Тимур Ильдарович (masculine, named before), not Фаина Маратовна; "Решает совет, три учредителя. Директор
выносит вопрос, а голосуют они." → "они" is the board. Agreement: a patronymic's or first name's gender, else
the gender and number of the role noun; a collective ("совет", "комиссия") also stands for "они".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from qa_desk.analysis.lexicon import Token, lemma_of, morph
from qa_desk.analysis.names import PATRONYMIC_ENDS
from qa_desk.analysis.person import COLLECTIVES, DECIDE_VERBS, ROLE_NOUNS

_THIRD_PERSON = frozenset({"он", "она"})  # lemmas: "он", "у него", "за ним", "она", "у неё"
_PRONOUN_GAP = 4  # words between a third-person pronoun and its deciding verb ("он, короче, сказал, что подписывать")


def pronoun_decides(tokens: Sequence[Token]) -> bool:
    """A third-person pronoun as the one who decides: "он и подписывать будет", "да, у него последнее слово"
    (not "не он решает", "его подпись не нужна")."""
    return deciding_pronoun(tokens) is not None


_PLURAL_PRONOUNS = frozenset({"они", "них", "ними"})


def deciding_pronoun(tokens: Sequence[Token], plural: bool = False) -> Token | None:
    """The third-person pronoun of ``pronoun_decides``; ``plural``: also "они" ("а голосуют они")."""
    words = [t for t in tokens if t.is_word]
    for i, t in enumerate(words):
        said = t.text.lower()
        if not (said in ("он", "она", "него", "неё", "нее", "ним", "ней", "нему") and not t.lemmas.isdisjoint(_THIRD_PERSON)
                or plural and said in _PLURAL_PRONOUNS):
            continue
        for v in range(max(0, i - _PRONOUN_GAP), min(len(words), i + _PRONOUN_GAP + 1)):
            if v == i or words[v].lemmas.isdisjoint(DECIDE_VERBS - {"решение"}):
                continue
            lo, hi = min(i, v), max(i, v)
            if any(w.text.lower() in ("не", "ни", "без") for w in words[max(0, lo - 1):hi]):
                return None
            return t
    return None


_FEMININE_PATRONYMIC = ("овна", "евна", "ична", "инична")
_MASCULINE = frozenset({"он", "него", "ним", "нему"})
_FEMININE = frozenset({"она", "неё", "нее", "ней"})


def pronoun_form(tok: Token) -> str:
    """"masc", "femn" or "plur" for a third-person pronoun as said."""
    said = tok.text.lower()
    return "masc" if said in _MASCULINE else "femn" if said in _FEMININE else "plur"


@lru_cache(maxsize=4096)
def _forms(text: str) -> str:
    """The forms a decider text can be referred to by ("masc", "femn", "plur"; space-separated)."""
    words = text.split()
    for w in words:
        low = w.lower()
        if low.endswith(PATRONYMIC_ENDS) and len(low) > 4:
            return "femn" if low.endswith(_FEMININE_PATRONYMIC) else "masc"
    for w in words:
        if w[:1].isupper():
            gender = next((str(p.tag.gender) for p in morph().parse(w.lower()) if "Name" in p.tag and p.tag.gender), None)
            if gender is not None:
                return gender
    head = next((w for w in reversed(words) if lemma_of(w.lower()) in ROLE_NOUNS), None)
    if head is None:
        return ""
    parse = morph().parse(head.lower())[0]
    forms = {"plur"} if parse.tag.number == "plur" or lemma_of(head.lower()) in COLLECTIVES else set()
    if parse.tag.number != "plur" and parse.tag.gender:
        forms.add(str(parse.tag.gender))
    return " ".join(sorted(forms))


def agrees(pronoun: Token, text: str) -> bool:
    """The pronoun can stand for the decider ``text`` (a masculine role noun also stands for "она": "директор,
    она решает")."""
    forms = set(_forms(text).split())
    form = pronoun_form(pronoun)
    return form in forms or form == "femn" and "masc" in forms and not any(w[:1].isupper() for w in text.split())


def antecedent(pronoun: Token, earlier: Sequence[tuple[str, float]]) -> tuple[str, float] | None:
    """The nearest earlier (text, score) that agrees with ``pronoun`` (``earlier``: nearest first)."""
    return next((c for c in earlier if agrees(pronoun, c[0])), None)
