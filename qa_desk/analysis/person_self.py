"""The speaker about themself: the role they name as their own ("я директор", "я ж генеральный", "я
бригадир") and the name they introduce themself with ("Андрей меня зовут", "белоусов слушаю", "Директор,
Лариса Петровна"), with the role said beside it ("Я Дима, управляющий").
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.decider_rank import role_acts_apart
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.names import names_at
from qa_desk.analysis.person import (
    DECIDE_VERBS,
    ROLE_NOUNS,
    SOLE,
    TOP_ROLES,
    as_said,
    role_at,
    role_words,
)


def own_role(tokens: Sequence[Token], top: bool = True) -> str | None:
    """A top role the speaker names as their own: "я директор", "Сам, я директор и хозяин", "я генеральный"
    (not "я же врач", "я операционный директор", "я не директор"); with ``top`` False any role ("я бригадир":
    the label of a speaker known to decide)."""
    for i, tok in enumerate(tokens):
        if tok.text.lower() != "я":
            continue
        k = i + 1
        while k < len(tokens) and (tokens[k].text.lower() in ("же", "ж", "тут", "здесь", "и", "—", "-", "сам", "сама", "есть", "как")
                                   or tokens[k].lemma in SOLE):  # "я единственный учредитель"
            k += 1
        top = top and not any(t.text.lower() == "есть" for t in tokens[i + 1:k])  # "Я и есть главврач": the very one
        role = role_at(tokens, k) if k < len(tokens) else None
        if role is None and not top and k < len(tokens) and _occupation(tokens[k]):
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None  # "я бригадир"; "я начальник участка", "заведующий складом"
            of = f" {nxt.text.lower()}" if nxt is not None and nxt.pos == "NOUN" and not nxt.animate and not {
                "gent", "ablt"}.isdisjoint(nxt.tags) else ""
            return tokens[k].text.lower() + of
        role = _second(tokens, k, role) if top else role
        if role is None:
            continue
        if role_acts_apart(tokens, role[1]):
            continue  # "…решаю я, генеральный в это не лезет": the director's own verb, not the speaker's role
        said = tokens[role[0]:role[1]]
        if len(said) > 1 and said[0].pos == "NOUN" and all("plur" in t.tags and "gent" in t.tags and t.animate for t in said[1:]):
            role, said = (role[0], role[0] + 1), said[:1]  # "Я владелец, партнёров у меня нет": no "владелец партнёров"
        words = said[:next((k for k, t in enumerate(said) if k and t.text.lower() == "по"), len(said))]  # "по химии"
        if any(t.is_word and "nomn" not in t.tags for t in words[:1]) or any(
                "gent" in t.tags and "nomn" not in t.tags for t in words[:1]) or any(
                t.text.lower() == "нет" and all(u.pos != "NOUN" for u in tokens[role[1]:j])  # not "партнёров у меня нет"
                for j, t in enumerate(tokens[role[1]:role[1] + 4], role[1])):
            continue  # "решаю тут я, учредителей у меня нет": a role said not to exist; "я собственнику покажу"
        nouns = ({lemma for t in words for lemma in t.lemmas} | {t.text.lower() for t in words[:1]}) & ROLE_NOUNS
        if _top(words) or not top and nouns:
            after = tokens[role[1]] if role[1] < len(tokens) else None
            of = f" {after.text}" if nouns and after is not None and after.pos == "NOUN" and "gent" in after.tags and (
                not after.animate) else ""  # "я директор агентства"
            return " ".join(as_said(t) for t in said) + (" директор" if not nouns else "") + of
    return None


def _second(tokens: Sequence[Token], k: int, role: tuple[int, int] | None) -> tuple[int, int] | None:
    """Of two roles or occupations the speaker names ("я главный косметолог и владелица тоже"), the top one."""
    end = role[1] if role is not None else next(
        (j for j in range(k, min(len(tokens), k + 3)) if tokens[j].pos not in ("ADJF", "NOUN") or "nomn" not in tokens[j].tags),
        len(tokens))
    if end == k or end + 1 >= len(tokens) or tokens[end].text.lower() != "и" or role is not None and _top(tokens[role[0]:role[1]]):
        return role
    also = role_at(tokens, end + 1)
    return also if also is not None else role


def _top(words: Sequence[Token]) -> bool:
    """A top role as said: "директор", "хозяин", "генеральный директор", "генеральный"."""
    nouns = {lemma for t in words for lemma in t.lemmas} & ROLE_NOUNS
    adjectives = {t.lemma for t in words if t.pos == "ADJF"}
    return bool(nouns) and nouns <= TOP_ROLES | {"и"} and adjectives <= {"генеральный"} or not nouns and adjectives == {
        "генеральный"}


def _occupation(tok: Token) -> bool:
    """An animate common noun in the nominative: what the speaker is ("бригадир"), not their name."""
    return tok.pos == "NOUN" and tok.animate and "nomn" in tok.tags and {"Name", "Surn", "Patr"}.isdisjoint(tok.tags)


_INTRO = frozenset({"зовут", "слушаю", "слушает", "это"})
# A caller's introduction ("меня зовут Виктория, я по аутсорсингу"): in mono it is not the client's.
_SALES_INTRO = frozenset({"компания", "звоню", "беспокоит", "по", "поводу", "предлагаем", "представляю"})
_SHORT_INTRO = 6  # words: "Директор, Лариса Петровна."


def self_named(tokens: Sequence[Token]) -> list[tuple[str, int]]:
    """(name, weight) a speaker gives themself: "Андрей меня зовут", "белоусов слушаю", "Директор, Лариса Петровна"."""
    words = [t for t in tokens if t.is_word]
    if any(w.text.lower() in _SALES_INTRO for w in words) or tokens and tokens[-1].text == "?":
        return []  # "Что хотели, Наталья?": the one asked is addressed, not introduced
    out = []
    me = any(w.text.lower() == "я" for w in words)
    for i in range(len(words)):
        near = {w.text.lower() for w in words[max(0, i - 2):i + 3]}
        found = names_at(words, i, loose=bool(near & _INTRO))
        if found is None or i and names_at(words, i - 1) is not None:
            continue
        if near & _INTRO or len(words) <= _SHORT_INTRO and not any(not w.lemmas.isdisjoint(DECIDE_VERBS) or (
                w.pos == "VERB" and w.text.lower() not in _INTRO and not me) for w in words):  # not "Геннадий должен был
            # сказать" (someone spoken of), but "Да, это я спрашивала, Инна"
            out.append((found[0], 2 if "слушаю" in near else 1))  # "…слушаю": the one who picked up
    return out


_THAT_IS_ME = frozenset({"я", "ну", "да", "это", "вот", "слушаю"})


def requested_role(request: Sequence[Sequence[Token]], reply: Sequence[Token]) -> str | None:
    """The role the caller asked for when the reply says it is the speaker ("Мне бы руководителя
    сервиса." — "Ну я."), in the nominative; None unless the reply is a short "я"."""
    words = [t.text.lower() for t in reply if t.is_word]
    if "я" not in words or not set(words) <= _THAT_IS_ME:
        return None
    for tokens in request:
        for i in range(len(tokens)):
            span = role_at(tokens, i)
            if span is not None and not {"gent", "accs"}.isdisjoint(tokens[span[0]].tags):
                return " ".join(_with_genitive(tokens, span))
    return None


def _with_genitive(tokens: Sequence[Token], span: tuple[int, int]) -> list[str]:
    """The role's words in the nominative, with an inanimate genitive right after a one-word role
    ("начальник участка", "руководитель сервиса")."""
    end = span[1]
    if end == span[0] + 1 and end < len(tokens) and tokens[end].pos == "NOUN" and "gent" in tokens[end].tags and (
            not tokens[end].animate):
        end += 1
    return role_words(tokens, span[0], end)


def introduced_role(tokens: Sequence[Token]) -> tuple[str, str] | None:
    """(role, name) a speaker introduces themself with ("Я Дима, управляющий", "Ирина Павловна, главврач"),
    the role in the nominative (not "по поводу директора")."""
    named = self_named(tokens)
    if not named:
        return None
    for i in range(len(tokens)):
        span = role_at(tokens, i)
        if span is None or i and tokens[i - 1].pos == "PREP":
            continue
        if "nomn" in tokens[span[0]].tags:
            return " ".join(_with_genitive(tokens, span)), named[0][0]  # "Начальник участка, Бородин"
    return None


def named_beside_self(tokens: Sequence[Token]) -> str | None:
    """The full name a speaker gives right after their own "я" ("всё покупаю я, Галина Петровна Зуева"):
    at least two name words, so a lone word that only looks like a name is not taken."""
    words = [t for t in tokens if t.is_word]
    for i, t in enumerate(words[:-1]):
        if t.text.lower() == "я" and (found := names_at(words, i + 1)) is not None and " " in found[0]:
            return found[0]
    return None
