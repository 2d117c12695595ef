"""Forms of a contract question's sentence read before the soft match (contract.py): a count put as a guess, a
count of people, and the answer a "какой" question offers.

- "Человек сто пятьдесят плюс-минус?", "десятка два мусоровозов, так?": a count put to the client asks how many
  (``guessed_count``), unless it is money, a time or ours ("партию в десять коробок мы сделаем");
- "человек двадцать", "народу сколько": a count of people counts the set's people; an animate noun of a count
  question ("сколько сотрудников", "гостей") carries the ``PERSONS`` mark, and so does "человек/люди/народ" in a
  sentence that asks or guesses a count (only a count question keeps the mark, ``unmarked``);
- "крыша там какая, плоская небось?": the adjective offered as the answer is no word of the question's matter
  (``offered``).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import I_WE, Language
from qa_desk.analysis.lexicon import Token
from qa_desk.analysis.money import find_amounts
from qa_desk.analysis.siblings import you_many
from qa_desk.analysis.similarity import Word, slot, slot_parts

PERSONS = "#persons"  # an animate noun of a set's count question, and a count of people in a sentence
PEOPLE = frozenset({"человек", "люди", "народ"})  # a count of people in any trade
_TIME_NOUNS = frozenset({"срок", "время", "момент", "дата", "число", "период"})


def unmarked(word: Word) -> Word:
    """A word (a slot: its parts) less the ``PERSONS`` mark."""
    if PERSONS not in word:
        return word
    parts = slot_parts(word)
    if parts is None:
        return word - {PERSONS}
    return slot([unmarked(h) for h in parts[0]], [unmarked(m) for m in parts[1]])


def guessed_count(tokens: Sequence[Token], lang: Language) -> bool:
    """A count put to the client as a guess ("Человек сто пятьдесят плюс-минус?", "Вас же там человек двадцать?"):
    a cardinal next to a noun that is no time or money ("в два часа", "тысяч двести" are not), in a line of no
    first person."""
    words = [t for t in tokens if t.is_word or t.is_digit]
    if not any(t.pos == "NUMR" or t.is_digit for t in words) or find_amounts(tokens) or any(
            t.lemma in I_WE or t.pos == "VERB" and "1per" in t.tags for t in words):
        return False  # a sum; a count of ours ("Пробную партию в десять коробок мы сделаем бесплатно")
    for k, t in enumerate(words):
        if t.pos != "NUMR" and not t.is_digit:
            continue
        near = [w for w in words[max(0, k - 2):k + 3] if w.pos == "NOUN"]
        if near and all(w.lemmas.isdisjoint(lang.time_anchors) and w.lemma not in _TIME_NOUNS for w in near):
            return True
    return False


def counted_you(tokens: Sequence[Token]) -> bool:
    """"вас" counted by "сколько" next to it ("Сколько вас придёт?", "вас сколько будет?"), or by a quantity word
    (siblings.you_many: "вас там в сумме много?"): the client's people."""
    words = [t for t in tokens if t.is_word]
    return any(t.text.lower() == "вас" and not (k and words[k - 1].pos == "PREP")  # not "у вас сколько машин"
               and any(w.lemma == "сколько" for w in words[max(0, k - 1):k + 2]) for k, t in enumerate(words)) or you_many(tokens)


_AGREE = ("masc", "femn", "neut", "plur")


def offered(tokens: Sequence[Token]) -> set[int]:
    """The indices of the answers a "какой" question offers for its noun ("крыша там какая, плоская небось?",
    "коробки какие, с окошком?"): an adjective after "какой" that agrees with the asked noun and stands before no
    noun of its own; an offered answer is no word of the question's matter."""
    words = [(k, t) for k, t in enumerate(tokens) if t.is_word]
    at = next((j for j, (_k, t) in enumerate(words) if t.lemma in ("какой", "каков")), None)
    if at is None:
        return set()
    before = [t for _k, t in words[max(0, at - 3):at] if t.pos == "NOUN"]  # "крыша там какая"
    asked = before[-1:] or [t for _k, t in words[at + 1:at + 4] if t.pos == "NOUN"][:1]
    if not asked:
        return set()
    gender = {g for g in _AGREE if g in asked[0].tags}
    out = set()
    for j, (k, t) in enumerate(words[at + 1:], at + 1):
        nxt = words[j + 1][1] if j + 1 < len(words) else None
        if t.pos == "ADJF" and t is not asked[0] and gender & t.tags and (nxt is None or nxt.pos != "NOUN"):
            out.add(k)
    return out
