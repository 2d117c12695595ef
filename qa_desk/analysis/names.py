"""Names of people as said in a call: first name, patronymic, surname; put in the nominative.

"Анне Сергеевне" → "Анна Сергеевна"; "Лапин Пётр Семёнович" (a surname next to a first name with
patronymic, even one pymorphy3 reads first as a common word); "Константин, а почему…" (the name a
sentence opens with: the one addressed).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import HELLO, LEAD_INS
from qa_desk.analysis.lexicon import Token, is_known, morph, stored
from qa_desk.analysis.patronymics import corrected_patronymic


def nominative_name(tok: Token, group: Sequence[Token] = (), case: str | None = None) -> str:
    """The word in the nominative. In a name group ("Анне Сергеевне") the patronymic's case and gender
    choose among readings: "анне" is read as "Анна" in the dative, not as the indeclinable "Анне".
    ``case``: the case the context gives the name ("финансовый директор, Широкова": the nominative, a
    woman's surname, not "Широков" in the genitive)."""
    others = [t.text.lower() for t in group if t is not tok]
    found = _nominative("\t".join([tok.text.lower(), case or "", "1" if "Patr" in tok.tags else "", *others]))
    if not found:
        return tok.text  # "Виктор Семёнович Ланской": a surname pymorphy3 knows only in another gender
    word = corrected_patronymic(found[1:])  # Whisper's "Андрович": "Андреевич"
    return word[:1].upper() + word[1:] if tok.text[:1].isupper() or found[0] == "1" else word


@stored("nominative-name")
def _nominative(key: str) -> str:
    """nominative_name's parse of "word, case, Patr among its tags, the group's other words" (tab-separated):
    "" to keep the word as said, else "1" (a name reading was found) or "0", then the word in the nominative."""
    text, case, patr_tag, *others = key.split("\t")
    parses = [p for p in morph().parse(text) if {"Name", "Patr", "Surn"} & set(p.tag.grammemes)]
    patr = next((p for w in others for p in morph().parse(w) if "Patr" in p.tag), None)
    if case and patr is None:
        parses = [p for p in parses if p.tag.case == case] or parses
    if patr is not None:
        agreeing = [p for p in parses if p.tag.case == patr.tag.case and p.tag.gender == patr.tag.gender
                    and "Fixd" not in p.tag]
        if parses and patr.tag.case == "nomn" and not patr_tag and all(
                p.tag.gender != patr.tag.gender for p in parses):
            return ""
        parses = agreeing or parses
    parse = parses[0] if parses else None
    form = parse.inflect({"nomn"}) if parse is not None else None
    return ("1" if parse is not None else "0") + (form.word if form is not None else text)


PATRONYMIC_ENDS = ("ович", "евич", "ьич", "ич", "ыч", "овна", "евна", "ична", "инична")


def is_patronymic(tok: Token) -> bool:
    return tok.is_word and ("Patr" in tok.tags or tok.text.lower().endswith(PATRONYMIC_ENDS) and tok.pos in ("NOUN", "UNKN"))


def is_name(tok: Token, nxt: Token | None = None) -> bool:
    """A first name, patronymic or surname. A word whose likeliest reading is a common noun ("марта",
    "роман", "вера") is a name only when capitalised or followed by a patronymic."""
    if not tok.is_word or len(tok.text) <= 2:
        return False
    if is_patronymic(tok):
        return True
    if "Name" in tok.tags:
        if not is_known(tok.text):  # the guesser's reading of a word no dictionary has: Whisper's capitalised garble
            return nxt is not None and is_patronymic(nxt)  # ("Шкабу", "Ниплано"), a name only before a patronymic
        return tok.animate or tok.text[:1].isupper() or nxt is not None and is_patronymic(nxt)
    if nxt is not None and is_patronymic(nxt) and name_parse(tok.text.lower()):
        return True  # "роман игоревич": a name only in a rarer reading
    return "Surn" in tok.tags and tok.text[:1].isupper()


@stored("name")
def name_parse(word: str) -> bool:
    return any("Name" in p.tag for p in morph().parse(word))


_SURNAME_ENDS = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ский", "ская", "цкий", "цкая", "их",
                 "ых", "ко", "ук", "юк", "ец", "ян", "дзе", "швили", "ич")


@stored("surname-like")
def surname_like(word: str) -> bool:
    """A word that may be a surname: pymorphy3 knows it as one in some reading ("Соколова", "Гарипов"),
    or it ends as surnames do ("Лапин", read first as a plural of "лапа"; "Гладких")."""
    return any("Surn" in p.tag for p in morph().parse(word)) or word.endswith(_SURNAME_ENDS)


def _full_name_at(tokens: Sequence[Token], i: int) -> bool:
    """A first name followed by a patronymic at ``i``."""
    return i + 1 < len(tokens) and "Name" in tokens[i].tags and is_patronymic(tokens[i + 1])


def is_surname(tokens: Sequence[Token], i: int, roles: frozenset[str]) -> bool:
    """A surname said next to a first name with patronymic: "Лапин Пётр Семёнович", "Сергей Викторович
    Гладких" (a word that may be a surname and is none of ``roles``)."""
    tok = tokens[i]
    if not tok.is_word or len(tok.text) <= 2 or tok.pos not in ("NOUN", "ADJF", "ADJS", "UNKN") or is_patronymic(tok):
        return False
    if not tok.lemmas.isdisjoint(roles) or not surname_like(tok.text.lower()):
        return False
    return _full_name_at(tokens, i + 1) or i >= 2 and _full_name_at(tokens, i - 2)


def has_name(text: str) -> bool:
    """A decider text that holds a first name, patronymic or surname (not a role only)."""
    return any(name_parse(w.lower()) or w.lower().endswith(PATRONYMIC_ENDS) for w in text.split() if len(w) > 2)


_GREETINGS = HELLO | LEAD_INS | {"день", "утро", "вечер", "да", "и", "вот"}


def names_at(tokens: Sequence[Token], i: int, loose: bool = False) -> tuple[str, int] | None:
    """Names (up to two: first name and patronymic) starting at ``i``: (nominative text, end)."""
    group: list[Token] = []
    while i < len(tokens) and len(group) < 2:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if not (is_name(tok, nxt) or loose and tok.is_word and "Surn" in tok.tags):
            break
        group.append(tok)
        i += 1
    return (" ".join(nominative_name(t, group) for t in group), i) if group else None


def leading_name(tokens: Sequence[Token]) -> str | None:
    """The name a sentence opens with, after a greeting ("Константин, а почему…", "Алло, Николай Степанович?")."""
    i = 0
    while i < len(tokens) and (not tokens[i].is_word or tokens[i].text.lower() in _GREETINGS):
        i += 1
    found = names_at(tokens, i)
    return found[0] if found else None
