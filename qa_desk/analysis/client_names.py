"""The client's name in a call (the decider who says "я" is named by it): how they introduce themself ("Директор,
Лариса Петровна", "белоусов слушаю"), or the name the manager opens a sentence with or ends a question with
("Константин, а почему…", "это вы, Галина Сергеевна?")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from qa_desk.analysis.guess import reports_hearsay
from qa_desk.analysis.language import HELLO
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.names import PATRONYMIC_ENDS, leading_name, name_parse, names_at, surname_like
from qa_desk.analysis.person_self import self_named


def client_name(client: Sequence[Sequence[Token]], manager: Sequence[Sequence[Token]]) -> str | None:
    """The client's name in a call: how they introduce themselves ("Директор, Лариса Петровна",
    "белоусов слушаю") or the name the manager opens a sentence with ("Константин, а почему…")."""
    names: Counter[str] = Counter()
    surnames: list[str] = []
    for tokens in client:
        for name, weight in self_named(tokens):
            names[name] += weight
            if " " not in name and lone_surname(name):
                surnames.append(name)
    for tokens in manager:
        opening = leading_name(tokens)
        if opening is not None and not _own_intro(tokens, opening) and not reports_hearsay(tokens):
            names[opening] += 2 if addressed(tokens, opening) else 1  # not "Кристина вам передавала?": spoken of
        elif (inside := _addressed_inside(tokens)) is not None:
            names[inside] += 2  # "это вы, Галина Сергеевна", "вы управляющий коворкингом, Станислав, да?"
        elif tokens and tokens[-1].text == "?":  # "Я с Николаем Семёновичем говорю?": the one asked for
            words = [t for t in tokens if t.is_word]
            asked = next((n for i in range(len(words)) if (n := names_at(words, i)) is not None and " " in n[0]), None)
            if asked is not None:
                names[asked[0]] += 1
    if not names:
        return None
    best = names.most_common(1)[0][0]
    if len(best.split()) == 2 and surnames and surnames[0] not in best.split() and best.split()[1].lower().endswith(
            PATRONYMIC_ENDS):
        return f"{surnames[0]} {best}"  # "Директор слушает. Хайруллин." — "Ильдар Маратович, да?": one person
    return best


_YOU = frozenset({"вы", "вас", "вам"})
_TAG = frozenset({"да", "верно", "правильно", "так"})  # "…, Станислав, да?"


def _addressed_inside(tokens: Sequence[Token]) -> str | None:
    """A name closing the caller's sentence after "вы" ("мне сказали директору звонить, это вы, Галина
    Сергеевна"; "вы управляющий коворкингом, Станислав, да?"): the one spoken to."""
    words = [t for t in tokens if t.is_word]
    end = len(words)
    while end and words[end - 1].text.lower() in _TAG:
        end -= 1
    for i in range(max(1, end - 3), end):
        found = names_at(words, i)
        if found is not None and found[1] == end and any(t.text.lower() in _YOU for t in words[:i]) and (
                names_at(words, i - 1) is None):
            return found[0]
    return None


_COMPANY_WORDS = frozenset({"компания", "фирма", "агентство", "завод", "группа"})


def _own_intro(tokens: Sequence[Token], name: str) -> bool:
    """The manager's name and company ("Артём, «КадрПро»", "Денис, компания …"): an introduction, not the
    client addressed ("Сергей Петрович, доброе утро", "Константин, а почему…")."""
    words = [t for t in tokens if t.is_word]
    first = name.split()[0].lower()
    k = next((i + len(name.split()) for i, t in enumerate(words) if t.text.lower() == first), None)
    if k is None or k >= len(words):
        return False
    nxt = words[k]
    if nxt.lemma in _COMPANY_WORDS:
        return True
    return nxt.text[:1].isupper() and nxt.text.lower() not in HELLO and {"Name", "Surn", "Patr"}.isdisjoint(nxt.tags)


def addressed(tokens: Sequence[Token], name: str) -> bool:
    """The name opening a sentence is the one spoken to: a comma, a greeting or the end after it ("Елена
    Сергеевна, доброе утро", "Константин, а почему…"), not a verb ("Кристина вам передавала?")."""
    last = name.split()[-1].lower()
    k = next((i for i, t in enumerate(tokens) if t.text.lower() == last), None)
    if k is None or k + 1 >= len(tokens):
        return True
    nxt = tokens[k + 1]
    return not nxt.is_word or nxt.text.lower() in HELLO


def lone_surname(word: str) -> bool:
    """A surname said alone ("Хайруллин"), not a first name."""
    return not name_parse(word.lower()) and surname_like(word.lower())
