"""Question forms as Whisper writes them: spoken questions without their "?".

Whisper drops a question mark at will and confuses endings that sound alike. Three forms still
ask without one (``form.is_question`` asks here last):

- a restatement put to the client: "то есть решение за генеральным директором" (its opener,
  "то есть", right at the start of the sentence, after a lead-in such as "а" or "понял");
- an alternative put to "вы": "решаете вы сами или с владельцем" (an "или" after the address);
- a second-person verb that Whisper wrote as an imperative with "вы" beside it: "подписываете вы"
  heard as "подписывайтесь вы", "решаете" as "решайте" (one vowel apart, the same sound), or one
  that reads both ways ("вы хотите"), or whose ending Whisper cut ("вы сами это решает").

Whisper also glues the manager's acknowledgement and the next question into one sentence with a
comma ("Понял, 120-150 в месяц, а начать с нами когда могли бы"): ``split_glued`` cuts before
", а", so the question is classified on its own words and its question word stands near its start.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa_desk.analysis.language import ACKNOWLEDGEMENTS, LEAD_INS, RESTATE, YOU

if TYPE_CHECKING:
    from qa_desk.analysis.lexicon import Token

_LEAD_INS = LEAD_INS | ACKNOWLEDGEMENTS | {"и", "понял", "поняла", "угу", "ок", "окей", "да"}
_RESTATE = (RESTATE,)  # openers of a restatement put to the client
_NEAR = 2  # words between an imperative and its "вы"
_DISCOURSE = frozenset({"знать", "понимать", "представлять", "видеть", "слышать", "смотреть"})  # "вы смотрите, …"
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)
_CLAUSE_HEAD = 4  # words after "а" where the clause's question word stands
_SUBORDINATE = frozenset({"если", "когда", "чтобы", "чтоб", "пока", "как", "раз"})  # "если вы позвоните, …" asks nothing
# "и" and a question word that opens a second question ("…, и кто у вас будет решать"), not "и как раз"
_PREP_PRONOUN_RE = r"(?:с|со|в|о|об|на|за|от|для|по|из|к|до)\s+(?:чем|чём|чего|кем|ком|кого|кому|чему)\b"
_SECOND_QUESTION = re.compile(r",?\s+(?=и\s+(?:(?:кто|когда|сколько|какой|какая|какое|какие|какую|где|как(?!\s+раз))\b"
                              rf"|{_PREP_PRONOUN_RE}))", re.IGNORECASE)
_PREP_PRONOUN = re.compile(rf"и\s+{_PREP_PRONOUN_RE}", re.IGNORECASE)  # "…, и с чем связан интерес"
_ADDRESSED = YOU | {"вас", "вам", "вами"}  # the client addressed, as written
_MIN_BEFORE = 3  # words a first question needs before "и кто…"
_RECEIVED = ACKNOWLEDGEMENTS | {"понял", "поняла", "благодарю", "спасибо", "записал", "записала"}  # "Благодарю, подскажите…"
NOTED = frozenset({"записал", "записала", "понял", "поняла", "принял", "приняла"})  # closing a read-back: "Девятьсот записала"
_ACKNOWLEDGED = re.compile(r"^((?:{})),\s+(\S.*)$".format("|".join(sorted(_RECEIVED))), re.IGNORECASE | re.DOTALL)
_ACKNOWLEDGED_AT = frozenset(len(w) for w in _RECEIVED)  # where the first comma stands when _ACKNOWLEDGED matches
_GLUED = re.compile(r"(?<=,)\s+(?=а\s)", re.IGNORECASE)
_WISH = frozenset({"хотеть", "мочь"})
_OTHERS = frozenset({"мы", "они", "я"})  # a subject other than the client ("мы хотели бы")
_CONDITIONS = frozenset({"если", "чтобы", "чтоб"})  # "если бы хотели бы…" asks nothing
_CONTINUES = re.compile(r"(?:и|или)\b", re.IGNORECASE)  # a sentence Whisper cut off before "и"/"или"
_FRAGMENT = 5  # words at most in the piece cut off ("И выбиваете, на чем?")
_CUT_FROM = 3  # words at least in the sentence it was cut from (not an acknowledgement: "Кошмар. И после…")


def join_broken(sentences: Sequence[str]) -> list[str]:
    """Sentences with one that opens with "и"/"или" after a full stop glued back to the sentence before:
    Whisper's full stop inside a question ("Вот, вы сейчас как чеки. И выбиваете, на чем?", "думаете
    программу менять. Или так, пусть виснет"): a short piece after a sentence of some words. After a "?"
    or "!", after an acknowledgement ("Знакомо. И у вас же…") and before a sentence of its own ("И больше я
    не хочу, вот прям не хочу.") the sentence stays on its own."""
    out: list[str] = []
    for s in sentences:
        if out and out[-1].endswith(".") and not out[-1].endswith("..") and _CONTINUES.match(s) \
                and len(_WORD.findall(s)) <= _FRAGMENT and len(_WORD.findall(out[-1])) >= _CUT_FROM:
            out[-1] = f"{out[-1][:-1]}, {s[0].lower()}{s[1:]}"
        else:
            out.append(s)
    return out


def split_glued(sentence: str) -> list[str]:
    """A sentence cut before a ", а" clause that asks ("а когда…", "а кто…") after words that do not
    (an acknowledgement: "Понял, 120-150 в месяц"); Whisper's comma stands for the speaker's full stop.
    A contrast ("…, а не обычная") and a clause that asks nothing stay with their sentence. A second
    question joined by "и" ("как вы сейчас контролируете, и кто у вас будет решать") is cut off too, so
    each is classified on its own words."""
    from qa_desk.analysis.language import language  # language.py tokenises with lexicon.py, which calls here

    qwords = language().question_words
    out: list[str] = []
    acknowledged = _split_acknowledged(sentence, qwords)
    if len(acknowledged) > 1:
        return [acknowledged[0], *split_glued(acknowledged[1])]
    if "," not in sentence:  # no ", а" to cut at (_GLUED): the sentence is its one part
        return _split_second_question(sentence, qwords) if sentence.strip() else []
    for part in (p for p in _GLUED.split(sentence) if p.strip()):
        words = _WORD.findall(part.lower())
        head = words[1:1 + _CLAUSE_HEAD]
        before = _WORD.findall(out[-1].lower()) if out else []
        if not out or words[1:2] != ["не"] and (not qwords.isdisjoint(head) and qwords.isdisjoint(before)
                                                and YOU.isdisjoint(before) or len(before) > 1 and before[-1] in NOTED):
            # "Девять сот записала, а выбираете подрядчика вы или управляющий": a read-back closed by its
            # acknowledgement ends the speaker's sentence
            out.extend(_split_second_question(part, qwords))
        else:
            out[-1] = f"{out[-1]} {part}"
    return out


def _split_acknowledged(sentence: str, qwords: frozenset[str]) -> list[str]:
    """An acknowledgement Whisper glued with a comma to the question after it ("Благодарю, подскажите, у вас
    свои машины есть", "Понятно, сколько готовы в месяц"): cut off, as the speaker's full stop, when the rest
    opens by asking (a question word among its first words, or a request verb: "подскажите", "скажите")."""
    if sentence.find(",") not in _ACKNOWLEDGED_AT:  # the cheap test first: every sentence of a call comes here
        return [sentence]
    from qa_desk.analysis.language import language
    from qa_desk.analysis.lexicon import lemma_of

    m = _ACKNOWLEDGED.match(sentence)
    if m is None:
        return [sentence]
    rest = _WORD.findall(m.group(2).lower())
    if len(rest) < _MIN_BEFORE or qwords.isdisjoint(rest[:_CLAUSE_HEAD]) and lemma_of(rest[0]) not in language().request_verbs:
        return [sentence]
    return [f"{m.group(1)}.", m.group(2)]


def _split_second_question(sentence: str, qwords: frozenset[str]) -> list[str]:
    """``sentence`` cut before "и кто/когда/сколько…" when the words before ask a question of their own."""
    m = _SECOND_QUESTION.search(sentence)
    if m is None:
        return [sentence]
    before, after = sentence[:m.start()].rstrip(), sentence[m.start():].strip()
    words = _WORD.findall(before.lower())
    addressed = YOU if _PREP_PRONOUN.match(after) is None else _ADDRESSED  # "у вас … застрахован, и с чем …"
    if len(words) < _MIN_BEFORE or qwords.isdisjoint(words) and addressed.isdisjoint(words):
        return [sentence]
    return [before, after]


def without_lead_ins(words: Sequence[Token]) -> Sequence[Token]:
    """``words`` from the first that is not a lead-in ("а", "ну", "понял"…): where a question word asks."""
    start = next((i for i, w in enumerate(words) if w.text.lower() not in _LEAD_INS), len(words))
    return words[start:]


def spoken_question(tokens: Sequence[Token]) -> bool:
    """Whether ``tokens`` (one sentence) ask by a spoken form that survives a lost "?"."""
    words = [t for t in tokens if t.is_word]
    return _restates(words) or _alternative(words) or _imperative_addressed(words) or _damaged_second(words) \
        or _wish_addressed(words)


def _wish_addressed(words: Sequence[Token]) -> bool:
    """A wish put to the client without "вы", which Whisper lost or garbled: "тогда хотите переезжать" (the
    imperative "хотите" is not said), "когда хотели бы запуститься" (a conditional with no one else as its
    subject, and a question word)."""
    from qa_desk.analysis.language import language

    low = [w.text.lower() for w in words]
    if not _OTHERS.isdisjoint(low):
        return False
    qwords = language().question_words
    for i, w in enumerate(words):
        if w.lemma in _WISH and "2per" in w.tags and "plur" in w.tags and not _subordinate(words, i):
            return True
        if w.lemma in _WISH and "past" in w.tags and _CONDITIONS.isdisjoint(low[:i]) and "plur" in w.tags and low[i + 1:i + 2] == ["бы"] \
                and any(x.lemma in qwords for x in words[:i]):
            return True
    return False


def _damaged_second(words: Sequence[Token]) -> bool:
    """"вы сами это решает": the first verb after "вы" is in the present of another person (Whisper cut "-ете")."""
    for i, w in enumerate(words):
        if w.text.lower() != "вы" or _subordinate(words, i):
            continue
        verb = next((x for x in words[i + 1:i + 2 + _NEAR] if x.pos == "VERB"), None)
        if verb is not None and {"indc", "pres", "3per"} <= verb.tags and "2per" not in verb.tags \
                and verb.lemma not in _DISCOURSE:
            return True
    return False


def _restates(words: Sequence[Token]) -> bool:
    low = [w.text.lower() for w in words]
    start = next((i for i, w in enumerate(low) if w not in _LEAD_INS), len(low))
    return any(tuple(low[start:start + len(opener)]) == opener and len(low) > start + len(opener) + 1
               for opener in _RESTATE)


def _addressed_at(words: Sequence[Token]) -> int | None:
    return next((i for i, w in enumerate(words) if not w.lemmas.isdisjoint(YOU)
                 or "2per" in w.tags and "indc" in w.tags), None)


def _alternative(words: Sequence[Token]) -> bool:
    at = _addressed_at(words)
    if at is None:
        return False
    return any(w.text.lower() == "или" and 0 < i < len(words) - 1 and i > at for i, w in enumerate(words))


def _imperative_addressed(words: Sequence[Token]) -> bool:
    for i, w in enumerate(words):
        if not ("impr" in w.tags and "plur" in w.tags and w.pos == "VERB") or w.lemma in _DISCOURSE:
            continue
        near = [k for k in range(max(0, i - _NEAR), min(len(words), i + _NEAR + 1)) if words[k].text.lower() == "вы"]
        both = {"indc", "2per"} <= w.tags  # "хотите": indicative and imperative alike
        if any(not _subordinate(words, k) for k in near) and (both or _sounds_indicative(w.text.lower())):
            return True
    return False


def _subordinate(words: Sequence[Token], at: int) -> bool:
    """A "вы" in a subordinate clause ("если вы позвоните"): its verb asks nothing."""
    return any(w.text.lower() in _SUBORDINATE for w in words[max(0, at - _NEAR):at])


def _sounds_indicative(word: str) -> bool:
    """"решайте" for "решаете", "подписывайтесь" for "подписываетесь": -айте(сь)/-яйте(сь) only."""
    return word.endswith(("айте", "яйте", "айтесь", "яйтесь"))
