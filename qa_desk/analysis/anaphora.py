"""The topic of a question that stands outside it: a request stated before it, a pronoun pointing back.

A manager does not always put the topic into the interrogative. He states what he needs from the client
("И для заявки нужна годовая выручка, хотя бы приблизительно."), an indirect request the client is to answer
(``requests_value``), or he names the thing first and asks about it with a pronoun: "Для заявки также
понадобится годовая выручка компании. Её вы могли бы назвать?", "То есть договор с клиникой у вас действует?"
— "Действует…" — "А до какого числа он у вас?". The pronoun's antecedent is an earlier noun of the same
gender and number, not a person and not governed by a preposition ("с медцентром"); the question is read with
that noun phrase in the pronoun's place (``resolved``), the nearest candidate that makes it ask something
first (the detector tries them in order). Nothing here names a trade or a topic: only the grammar.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from qa_desk.analysis.language import WE
from qa_desk.analysis.lexicon import Token

# predicates of a thing needed from the other side: "нужна выручка", "понадобится справка", "требуется устав"
_NEEDED = frozenset({"нужный", "понадобиться", "потребоваться", "требоваться", "необходимый"})
# the pronoun's lemma -> the genders and numbers an antecedent may have ("его": masc or neut)
_AGREES = {"он": ({"masc", "neut"}, "sing"), "она": ({"femn"}, "sing"), "оно": ({"neut"}, "sing"),
           "они": ({"masc", "femn", "neut"}, "plur")}
_MODIFIERS = ("ADJF", "PRTF")
_CASES = frozenset({"nomn", "accs", "gent"})  # a thing talked about: "он", "её", "их сколько"
_CANDIDATES = 6  # antecedents tried, nearest first
_PERSONS = WE | {"я", "вы", "ты"}  # either side of the call: "нам нужна неделя", "вам понадобится паспорт"


def requests_value(tokens: Sequence[Token]) -> bool:
    """A statement that asks the client for a thing by saying what it is needed for ("для заявки нужна годовая
    выручка, хотя бы приблизительно"): a needed-predicate, not negated, with an inanimate noun in the nominative
    as its subject, said by neither side about itself ("нам нужна неделя", "вам понадобится паспорт")."""
    words = [t for t in tokens if t.is_word]
    low = [t.text.lower() for t in words]
    if any(t.text == "?" for t in tokens) or any(t.lemma in _PERSONS for t in words):
        return False
    if "для" not in low:
        return False  # what it is needed for ("для заявки", "для расчёта"): our procedure, not his need ("кресла нужны к маю")
    for k, t in enumerate(words):
        if t.lemma in _NEEDED and (t.pos == "VERB" and "3per" in t.tags or "ADJS" in t.tags) \
                and (k == 0 or low[k - 1] != "не"):
            return any(w.pos == "NOUN" and "nomn" in w.tags and not w.animate and "Name" not in w.tags
                       and (j == 0 or words[j - 1].pos != "PREP") for j, w in enumerate(words) if j != k)
    return False


def anaphor(tokens: Sequence[Token]) -> int | None:
    """The index of a third-person pronoun that stands for a thing ("он", "её", "их"), not a possessive
    before its noun ("его договор"), nor one after a preposition ("с ними": the people he works with)."""
    for i, t in enumerate(tokens):
        if t.pos != "NPRO" or t.lemma not in _AGREES or "Anph" not in t.tags or _CASES.isdisjoint(t.tags):
            continue  # "ему", "с ними": a recipient, a partner, most often a person
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.pos in ("NOUN", *_MODIFIERS) and "Apro" not in nxt.tags:
            continue
        if i and tokens[i - 1].pos == "PREP":
            continue
        return i
    return None


def _agrees(pronoun: Token, noun: Token) -> bool:
    """Gender and number: "он" masculine, "его" masculine or neuter, "её" feminine, "их" plural."""
    genders, number = _AGREES[pronoun.lemma]
    if number == "plur":
        return "plur" in noun.tags
    return "sing" in noun.tags and not (genders & pronoun.tags or genders).isdisjoint(noun.tags)


def _phrases(before: Sequence[Sequence[Token]], pronoun: Token) -> Iterator[tuple[Token, ...]]:
    """Candidate antecedent phrases (the noun with the modifiers right before it), nearest first."""
    seen: set[str] = set()
    for tokens in reversed(before):
        words = [t for t in tokens if t.is_word]
        for j in range(len(words) - 1, -1, -1):
            w = words[j]
            if w.pos != "NOUN" or w.animate or "Name" in w.tags or "Geox" in w.tags or w.lemma in seen \
                    or not _agrees(pronoun, w):
                continue
            start = j
            while start and words[start - 1].pos in _MODIFIERS and "Apro" not in words[start - 1].tags:
                start -= 1
            if start and words[start - 1].pos == "PREP":
                continue  # "с медцентром", "по договору": a circumstance, not what is talked about
            seen.add(w.lemma)
            yield tuple(words[start:j + 1])


def resolved(tokens: Sequence[Token], before: Sequence[Sequence[Token]],
             ) -> list[tuple[tuple[Token, ...], frozenset[str]]]:
    """The question ``tokens`` with its pronoun replaced by each candidate antecedent from ``before`` (earlier
    sentences, oldest first), nearest first, with the antecedent's lemmas; [] when it has no such pronoun."""
    at = anaphor(tokens)
    if at is None or next(_phrases([tokens[:at]], tokens[at]), None) is not None:
        return []  # "…предложение, чтобы включить его в бюджет": the noun is in the sentence itself
    out = []
    for phrase in _phrases(before, tokens[at]):
        out.append(((*tokens[:at], *phrase, *tokens[at + 1:]), frozenset().union(*(t.lemmas for t in phrase))))
        if len(out) == _CANDIDATES:
            break
    return out
