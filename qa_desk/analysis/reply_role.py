"""A reply that disclaims the speaker's part: the question is not theirs to answer, and the role they name is who
does NOT decide ("Это не ко мне вопрос, я мастер.", "Не знаю. Это правда не мне решать, я администратор.",
"Не я подписываю, я только шкипер.", "Я тут администратор, я в технике ничего не понимаю.").

Read by grammar and closed classes only (the first person, negation, possessive "мой", verbs of deciding and of
knowing, adverbs of restriction):
- ``disclaims``: a sentence that denies the speaker's say or competence: "не ко мне / не мне решать" (reply_act's
  ``not_mine``), a negated verb of deciding near the speaker (heads' ``denies_say``), "не я" before or after a verb,
  "это не моё/моя …" (a possessive of the speaker negated, with "это" before it), or the speaker's profession of
  knowing nothing of the matter ("я в этом ничего не понимаю", "не разбираюсь");
- ``role_only``: a verbless sentence or clause that only names the speaker's own occupation ("я мастер", "я тут
  инструктор", "я только шкипер");
- ``role_disclaimer``: a reply made only of such sentences, at least one of them a disclaimer: it answers nothing
  (FORMAT: "это не ко мне вопрос" is a dodge), and the role in it names nobody who decides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.deciders import best_person
from qa_desk.analysis.heads import denies_say
from qa_desk.analysis.language import CALL_VERBS
from qa_desk.analysis.lexicon import word_tokens
from qa_desk.analysis.reply_act import not_mine
from qa_desk.analysis.reply_topic import clauses
from qa_desk.analysis.reply_unknown import vague_time

if TYPE_CHECKING:
    from qa_desk.analysis.language import Language
    from qa_desk.analysis.lexicon import Token
    from qa_desk.analysis.sentence import Sentence

_NOT = frozenset({"не", "ни"})
_CALLS = CALL_VERBS | {"звонить"}
# verbs of saying, guessing and promising that a speaker may decline ("гадать не буду", "не скажу")
_SAY = frozenset({"сказать", "говорить", "называть", "назвать", "гадать", "загадывать", "загадать", "угадывать",
                  "угадать", "предсказывать", "предсказать", "прогнозировать", "спрогнозировать", "обещать",
                  "пообещать", "судить", "озвучивать", "озвучить", "комментировать", "прикидывать"})
_WILL = frozenset({"быть", "стать", "мочь", "смочь", "браться", "взяться", "хотеть"})
# verbs of knowing and understanding a matter: "ничего не понимаю", "не разбираюсь"
_GRASP = frozenset({"понимать", "разбираться", "смыслить", "соображать", "знать", "ведать"})
_NOTHING = frozenset({"ничего", "ничё", "ничо", "ни", "совсем", "вообще", "абсолютно"})
# words that may stand between "я" and the occupation it names: particles and adverbs of place and restriction
_BETWEEN = frozenset({"же", "ж", "тут", "здесь", "там", "только", "лишь", "всего", "просто", "так", "вообще", "простой",
                      "ведь", "всё", "все", "-", "—"})


def refuses_to_say(tokens: Sequence[Token]) -> bool:
    """The speaker declines to say or guess: a negated verb of saying, guessing or promising in the first person
    ("не скажу", "не обещаю"), or a negated first-person "буду/стану/могу/берусь" beside an infinitive of one ("Я гадать
    не буду", "Загадывать не буду", "Не возьмусь предсказывать", "сказать не могу")."""
    words = word_tokens(tokens)
    for k, w in enumerate(words):
        if not k or words[k - 1].text.lower() not in _NOT or w.pos != "VERB" or "1per" not in w.tags:
            continue
        if w.lemma in _SAY or w.lemma in _WILL and any(
                x.pos == "INFN" and x.lemma in _SAY for x in words[max(0, k - 3):k + 3]):
            return True
    return False


def refused_time(sentences: Sequence[Sequence[Token]], when: Callable[[Sequence[Token]], str | None]) -> bool:
    """A reply that declines to say when and whose times (``when``: a sentence's date) are all vague: guessed
    ("Может быть, месяц, может быть, полгода"), deictic ("потом"), or a time noun said as a subject ("сезон
    покажет"): no date."""
    if not any(refuses_to_say(s) for s in sentences):
        return False
    return all(vague_time(s, said) or _subject(s, said) for s in sentences if (said := when(s)) is not None)


def _subject(tokens: Sequence[Token], said: str) -> bool:
    """The date is one noun in the nominative with no preposition ("сезон покажет")."""
    words = said.split()
    found = [t for t in tokens if t.text == words[0]]
    return len(words) == 1 and bool(found) and found[0].pos == "NOUN" and "nomn" in found[0].tags


def _call_later(tokens: Sequence[Token]) -> bool:
    """A request to call another time ("Звоните завтра с утра, механик с восьми на месте."): beside a disclaimer it
    names nobody who decides."""
    return any(t.pos == "VERB" and "impr" in t.tags and t.lemma in _CALLS for t in tokens)


def out_of_depth(tokens: Sequence[Token]) -> bool:
    """The speaker knows nothing of the matter: a negated verb of understanding in the first person singular with
    "ничего/совсем/вообще" before it ("я ж в машинах ничего не понимаю"), or "не разбираюсь" alone."""
    words = word_tokens(tokens)
    for k, w in enumerate(words):
        if w.pos != "VERB" or w.lemma not in _GRASP or not k or words[k - 1].text.lower() not in _NOT:
            continue
        first = "1per" in w.tags and "sing" in w.tags
        if first and (w.lemma == "разбираться" or any(x.text.lower() in _NOTHING for x in words[max(0, k - 3):k - 1])):
            return True
    return False


def _not_me(words: Sequence[Token]) -> bool:
    """"не я" before or after a finite verb ("Не я подписываю", "решаю не я")."""
    return any(w.text.lower() in _NOT and k + 1 < len(words) and words[k + 1].text.lower() == "я"
               and any(x.pos == "VERB" for x in words) for k, w in enumerate(words))


def _not_my_business(words: Sequence[Token]) -> bool:
    """"это (вообще) не моё дело / не моя епархия": the speaker's possessive negated after "это"."""
    for k, w in enumerate(words[:-1]):
        if w.text.lower() in _NOT and words[k + 1].lemma == "мой" and any(
                x.text.lower() == "это" for x in words[max(0, k - 3):k]):
            return True
    return False


def disclaims(tokens: Sequence[Token]) -> bool:
    """The sentence denies the speaker's say or competence (see the module's doc)."""
    if not any(t.text.lower() in _NOT for t in tokens):
        return False
    words = word_tokens(tokens)
    return not_mine(tokens) or denies_say(tokens) or _not_me(words) or _not_my_business(words) or out_of_depth(tokens)


def role_only(clause: Sequence[Token]) -> bool:
    """A verbless clause naming only the speaker's occupation: "я", particles, then a noun in the nominative
    (with an adjective or a genitive after it): "я мастер", "я тут инструктор", "я только шкипер"."""
    words = word_tokens(clause)
    if not words or any(t.pos in ("VERB", "INFN") for t in words):
        return False
    k = next((i for i, t in enumerate(words) if t.text.lower() == "я"), None)
    if k is None or any(t.is_content and t.text.lower() not in _BETWEEN for t in words[:k]):
        return False
    rest = [t for t in words[k + 1:] if t.text.lower() not in _BETWEEN]
    return bool(rest) and rest[0].pos in ("NOUN", "ADJF") and "nomn" in rest[0].tags and all(
        t.pos in ("NOUN", "ADJF", "PRCL", "ADVB", "CONJ", "PREP") for t in rest) and any(
        t.pos == "NOUN" and "nomn" in t.tags for t in rest)


def _bare_evasion(s: Sentence) -> bool:
    """A short evasion with no figure ("Не знаю.", "Сложно сказать.")."""
    return s.is_evasive and len(s.content) <= _SHORT and not any(t.is_digit or "NUMR" in t.tags for t in s.tokens)


_SHORT = 3  # content words of an evasion said beside a disclaimer ("Не знаю.")


def role_disclaimer(sentences: Sequence[Sentence], lang: Language | None = None) -> bool:
    """Every clause of the reply disclaims the speaker's part or names their role, or the sentence is a short
    evasion, and one clause disclaims (see the module's doc); with ``lang`` (a question of who decides), nobody
    else is named outside the speaker's own role ("Это не мне решать, а директору" names one)."""
    said = [s for s in sentences if s.content and not _call_later(s.tokens)]  # "Звоните завтра с утра, …"
    if not said or not any(disclaims(s.tokens) for s in said):
        return False
    split = [[] if _bare_evasion(s) else clauses(s.tokens, s.text) for s in said]
    if not all(disclaims(c) or role_only(c) or not any(t.is_content and t.pos != "INTJ" for t in c)
               for parts in split for c in parts):
        return False
    if lang is None:
        return True
    roles = {id(t) for s in said for c in clauses(s.tokens, s.text) if role_only(c) for t in c}
    rest = [tuple(t for t in s.tokens if id(t) not in roles) for s in said]
    named = best_person(rest, lang)
    return named is None or named.speaker
