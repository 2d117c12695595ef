"""Who decides, as the client names them: a first name with patronymic, a role, or both.

"хозяин, Пётр Ильич" → "хозяин Пётр Ильич"; "у генерального, у Романа Игоревича" → "генеральный
Роман Игоревич"; "Пётр Ильич, наш генеральный" → "Пётр Ильич"; "решает главный инженер" →
"главный инженер". Names are put in the nominative. A self-introduction ("Андрей меня зовут")
is not a decider; when a sentence names several people, the one nearest a deciding verb wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_desk.analysis.lexicon import Token, morph

ROLE_NOUNS = frozenset({
    "директор", "гендиректор", "собственник", "учредитель", "хозяин", "хозяйка", "владелец", "руководитель",
    "начальник", "заведующий", "заведующая", "инженер", "бухгалтер", "бухгалтерия", "замдиректора", "зам",
    "заместитель", "председатель", "правление", "партнер", "акционер", "главврач", "ректор", "проректор",
    "завхоз", "механик", "технолог", "закупщик", "снабженец", "управляющий", "управляющая", "шеф", "босс",
    "глава", "президент", "совет", "комиссия", "руководство", "начальство", "собрание", "холдинг", "завуч",
    "главбух", "муж", "жена", "супруг", "супруга", "папа", "отец", "мама", "брат", "сестра", "агроном",
})
ROLE_ADJECTIVES = frozenset({"генеральный", "финансовый", "коммерческий", "технический", "исполнительный",
                             "главный", "старший", "операционный", "региональный"})
DECIDE_VERBS = frozenset({"решать", "решить", "утверждать", "утвердить", "подписывать", "подписать",
                          "одобрять", "одобрить", "согласовывать", "согласовать", "визировать", "принимать",
                          "принять", "решение", "слово", "подпись", "выбирать", "определять"})
_SELF = frozenset({"я", "меня", "мне", "мной"})


@dataclass(frozen=True, slots=True)
class Person:
    text: str
    start: int
    end: int
    named: bool


def _nominative(tok: Token) -> str:
    parse = next((p for p in morph().parse(tok.text.lower()) if {"Name", "Patr", "Surn"} & set(p.tag.grammemes)),
                 None)
    form = parse.inflect({"nomn"}) if parse is not None else None
    word = form.word if form is not None else tok.text.lower()
    return word[:1].upper() + word[1:] if tok.text[:1].isupper() or parse is not None else word


_PATRONYMIC_ENDS = ("ович", "евич", "ьич", "ич", "ыч", "овна", "евна", "ична", "инична")


def _is_name(tok: Token) -> bool:
    if not tok.is_word or len(tok.text) <= 2:
        return False
    if {"Name", "Patr"} & tok.tags or "Surn" in tok.tags and tok.text[:1].isupper():
        return True
    return tok.text.lower().endswith(_PATRONYMIC_ENDS) and tok.pos in ("NOUN", "UNKN")  # "палыч", "Ильдарович"


def with_name(role: str, sentences: Sequence[Sequence[Token]]) -> str:
    """A role-only decider completed with the name the deal gives it ("финансовый директор, Ирина Львовна")."""
    head = role.split()[-1] if role else ""
    if not head:
        return role
    for tokens in sentences:
        for p in _candidates(tokens):
            if p.named and head in p.text.lower().split() and p.text.lower() != role.lower():
                return p.text
            if p.named and p.text.lower().split()[0] not in ROLE_NOUNS | ROLE_ADJECTIVES:
                near = " ".join(t.text.lower() for t in tokens[max(0, p.start - 4):p.end + 4])
                if head and head in near:
                    return f"{role} {p.text}"
    return role


def _role_at(tokens: Sequence[Token], i: int) -> tuple[int, int] | None:
    """Span of a role starting at ``i`` ("главный инженер", "директор по логистике", "генеральный")."""
    tok = tokens[i]
    if not tok.is_word:
        return None
    j = i
    while j < len(tokens) and tokens[j].is_word and not tokens[j].lemmas.isdisjoint(ROLE_ADJECTIVES):
        j += 1
    if j < len(tokens) and tokens[j].is_word and not tokens[j].lemmas.isdisjoint(ROLE_NOUNS):
        end = j + 1
        while end < len(tokens) and "gent" in tokens[end].tags and not tokens[end].lemmas.isdisjoint(
                ROLE_NOUNS | ROLE_ADJECTIVES):
            end += 1  # "заместитель генерального (директора)"
        if end + 1 < len(tokens) and tokens[end].text.lower() == "по" and tokens[end + 1].pos == "NOUN":
            end += 2  # "директор по логистике"
        return i, end
    if j > i and tokens[i].lemma in ("генеральный", "коммерческий", "финансовый", "технический"):
        return i, j  # "генеральный" on its own
    return None


def _candidates(tokens: Sequence[Token]) -> list[Person]:
    out: list[Person] = []
    i = 0
    while i < len(tokens):
        role = _role_at(tokens, i)
        start = i
        words: list[str] = []
        if role is not None:
            words = [t.text.lower() for t in tokens[role[0]:role[1]]]
            i = role[1]
            while i < len(tokens) and (tokens[i].text in (",", "—", "-") or tokens[i].text.lower() in ("у", "наш")):
                i += 1
        names: list[str] = []
        while i < len(tokens) and _is_name(tokens[i]) and len(names) < 3:
            names.append(_nominative(tokens[i]))
            i += 1

        if words or names:
            out.append(Person(" ".join([*words, *names]), start, i, bool(names)))
            continue
        i += 1
    return out


def _self_intro(tokens: Sequence[Token], p: Person) -> bool:
    near = {t.text.lower() for t in tokens[max(0, p.start - 3):p.end + 3]}
    return "зовут" in near or bool(near & {"я", "меня"}) and not any(
        not t.lemmas.isdisjoint(DECIDE_VERBS) for t in tokens[max(0, p.start - 3):p.end + 3])


_RELAY = frozenset({"передать", "переслать", "показать", "доложить", "отправить", "переправить", "донести", "отнести"})


def decider(tokens: Sequence[Token]) -> str | None:
    """The decider named in ``tokens`` (role and/or name, nominative), or None."""
    relay = any(not t.lemmas.isdisjoint(_RELAY) for t in tokens)
    people = [p for p in _candidates(tokens) if not _self_intro(tokens, p)
              and not (relay and "datv" in tokens[p.start].tags)]
    if not people:
        return None
    verbs = [i for i, t in enumerate(tokens) if not t.lemmas.isdisjoint(DECIDE_VERBS)]
    if verbs and len(people) > 1:
        best = min(people, key=lambda p: (min(abs(p.start - v) for v in verbs), not p.named))
    else:
        best = people[0]
    # a role right next to a name of the same person: "генеральный, Роман Игоревич"
    for other in people:
        if other is not best and 0 <= best.start - other.end <= 2 and not other.named and best.named:
            return f"{other.text} {best.text}"
        if other is not best and 0 <= other.start - best.end <= 2 and other.named and not best.named:
            return f"{best.text} {other.text}"
    return best.text
