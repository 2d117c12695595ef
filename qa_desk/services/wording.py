"""Russian wording that needs a dictionary (pymorphy3, the engine's): people and inserted values.

* ``gender("Мария Соколова")`` is ``"femn"``: the first name decides, the surname's ending is the
  fallback, and ``None`` means unknown (a role such as «Администратор», or «Саша»);
* ``past("перевёл", name)`` agrees a past-tense verb with that person («перевела»); with an unknown
  gender the caller is given ``None`` and words the sentence without the verb's gender;
* ``inflect("Система видеонаблюдения", "accs")`` puts a product's name in a case for the callback
  script («систему видеонаблюдения»), or returns ``None`` when it cannot be done safely.

The UI and the services word sentences with these; the domain stays dictionary-free.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa_desk.analysis.lexicon import morph

_FEMININE_SURNAME = re.compile(r"(ова|ева|ёва|ина|ына|ская|цкая|ая)$", re.IGNORECASE)
_MASCULINE_SURNAME = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий|ой|ый)$", re.IGNORECASE)
_PROPER = {"Name", "Surn", "Patr", "Orgn", "Trad"}


@lru_cache(maxsize=512)
def gender(name: str) -> str | None:
    """``"masc"``, ``"femn"`` or ``None`` for a person's «Имя Фамилия» (either order)."""
    words = [w.strip(".,«»") for w in name.split() if w.strip(".,«»")]
    for word in words:
        for parse in morph().parse(word):
            if "Name" in parse.tag and "nomn" in parse.tag and parse.tag.gender in ("masc", "femn"):
                return str(parse.tag.gender)
    for word in words[1:] + words[:1]:
        if _FEMININE_SURNAME.search(word):
            return "femn"
        if _MASCULINE_SURNAME.search(word):
            return "masc"
    return None


def past(verb: str, name: str) -> str | None:
    """The masculine past-tense ``verb`` agreed with the person ``name``; ``None``: gender unknown."""
    who = gender(name)
    if who is None:
        return None
    if who == "masc":
        return verb
    form = morph().parse(verb)[0].inflect({"femn"})
    return form.word if form is not None else None


def _nominative(word: str, pos: str) -> object | None:
    return next((p for p in morph().parse(word) if p.tag.POS == pos and "nomn" in p.tag), None)


def inflect(value: str, case: str) -> str | None:
    """A noun phrase («Промышленный чиллер») in ``case`` («accs», «gent»…), or ``None``.

    The head noun and the adjectives agreeing with it change; everything else (a genitive
    complement, a brand) stays. The first word is lowercased when it is a common word, so the
    phrase reads inside a sentence. Products are things: an accusative of a masculine or plural
    noun is its nominative even where the dictionary calls the word animate («погрузчик»).
    """
    words = value.split()
    head = next((i for i, w in enumerate(words) if _nominative(w, "NOUN") is not None), None)
    if head is None or case not in ("nomn", "gent", "datv", "accs", "ablt", "loct"):
        return None
    noun = _nominative(words[head], "NOUN")
    number = "plur" if "plur" in noun.tag else "sing"  # type: ignore[attr-defined]
    gender_ = str(noun.tag.gender or "masc")  # type: ignore[attr-defined]
    like_nominative = case == "accs" and (number == "plur" or gender_ in ("masc", "neut"))
    out = list(words)
    for i, word in enumerate(words):
        if i != head and not _agrees(word, i, head, number, gender_):
            continue
        if like_nominative:
            continue
        parse = noun if i == head else _nominative(word, "ADJF")
        grammemes = {case, number} | ({gender_} if number == "sing" and i != head else set())
        form = parse.inflect(grammemes) if parse is not None else None  # type: ignore[attr-defined]
        if form is None:
            return None
        out[i] = _same_case_letters(word, form.word)
    if out[0][:1].isupper() and not out[0].isupper() and _common(words[0]):
        out[0] = out[0][:1].lower() + out[0][1:]
    return " ".join(out)


def _agrees(word: str, i: int, head: int, number: str, gender_: str) -> bool:
    """An adjective next to the head (before it, or right after it) agreeing in number and gender."""
    if abs(i - head) > 2 or (i > head and i != head + 1):
        return False
    parse = _nominative(word, "ADJF")
    if parse is None:
        return False
    tag = parse.tag  # type: ignore[attr-defined]
    return number in tag and (number == "plur" or tag.gender == gender_)


def _common(word: str) -> bool:
    parses = morph().parse(word)
    return bool(parses) and parses[0].is_known and not (_PROPER & set(parses[0].tag.grammemes))


def _same_case_letters(original: str, form: str) -> str:
    if original.isupper():
        return form.upper()
    return form[:1].upper() + form[1:] if original[:1].isupper() else form
