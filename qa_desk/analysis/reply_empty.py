"""A reply that takes up the question and says nothing of the client's own: its act, read by grammar and closed
classes of the language only (universal pronouns, verbs of saying, asking and depending, nouns of talk):
- a commonplace about everybody, with nothing of "us" ("Проблемы с оборудованием бывают у всех", "Это всем мешает");
- a tautology "X как X" ("Программа как программа.");
- a comment on the question or the story itself ("Это хороший вопрос.", "Ну это долгая история");
- the question turned back to us ("Это вы мне скажите", "Вы лучше расскажите");
- "it depends" with nothing else ("Это зависит от урожая.", "Всё зависит от инвестора.");
- the question under way, nothing decided ("вопрос у нас обсуждается, но пока без конкретики");
- a referral to whom to ask ("это надо у снабжения спрашивать");
- a word on a named person only ("Людмила преувеличивает.");
- only the question's own words said back with "there is" or "happens" ("Потребность есть, конечно.", "Проблемы бывают.").
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_desk.analysis.language import LET_US, LISTENER_LEAD_INS
from qa_desk.analysis.lexicon import Token, word_tokens

_ALL = frozenset({"все", "всех", "всем", "всеми", "каждый", "каждого", "каждому", "любой", "любого", "любому"})
_US = frozenset({"мы", "нас", "нам", "нами", "наш", "я", "меня", "мне", "мой"})
_TALK_NOUNS = frozenset({"вопрос", "история", "тема", "разговор", "песня"})  # nouns naming the talk itself
_SAYING = frozenset({"сказать", "рассказать", "объяснить", "подсказать", "ответить", "говорить", "рассказывать"})
_ASKING = frozenset({"спрашивать", "спросить", "узнавать", "узнать", "уточнять", "уточнить"})
_MUST = frozenset({"надо", "нужно", "лучше"})
_DEPEND = frozenset({"зависеть"})
_OPEN = frozenset({"какой", "какая", "какое", "какие", "каких", "какую", "что", "чем", "почему", "зачем", "каков", "какова"})
_YES_NO = frozenset({"ли", "или", "нет"})
_DELIBERATE = frozenset({"обсуждаться", "решаться", "рассматриваться", "прорабатываться", "обдумываться", "прорабатывать"})
_CONNECT = frozenset({"соединить", "переключить", "связать", "перевести"})
_THERE_IS = frozenset({"быть", "есть", "бывать", "иметься", "конечно", "ну", "вот", "это", "всякий", "разный"})


def says_nothing(question: Sequence[Token], tokens: Sequence[Token]) -> bool:
    """The first sentence of a reply (``tokens``) to ``question`` says nothing of the client's own."""
    words = word_tokens(tokens)
    if not words or any(t.is_digit or "NUMR" in t.tags for t in tokens):
        return False
    texts = [t.text.lower() for t in words]
    return (_commonplace(words, texts) or _tautology(words, texts) or _about_talk(words) or _turned_back(words, texts)
            or _depends(words) or _referral(words, texts) or _connects(words, texts) or _pending(words)
            or _echoed(question, words) or _about_person(words))


def _commonplace(words: list[Token], texts: list[str]) -> bool:
    """A universal pronoun standing alone as the subject, the one who has it or the one it matters to ("у всех",
    "все пользуются", "всем мешает"; not "все папки", "бухгалтерия всё перепроверяет"), and no "we"."""
    alone = any(w in _ALL and (k + 1 == len(words) or words[k + 1].pos not in ("NOUN", "ADJF")) and (
        k and texts[k - 1] == "у" or w in ("всем", "каждому") and k + 1 < len(words) and words[k + 1].pos == "VERB"
        or w in ("все", "каждый", "любой") and any(_agrees(w, v) for v in [v for v in words[k + 1:k + 3] if v.pos != "NPRO"][:1]))
        and "как" not in texts[max(0, k - 2):k] for k, w in enumerate(texts))  # not "На Мудле, как у всех": a comparison
    return alone and _US.isdisjoint(texts)


def _agrees(pronoun: str, verb: Token) -> bool:
    """``verb`` has ``pronoun`` for its subject: "все (ими) пользуются", "каждый знает"; not "бухгалтерия всё
    перепроверяет"."""
    return verb.pos == "VERB" and ("plur" if pronoun == "все" else "sing") in verb.tags and "3per" in verb.tags | (
        {"3per"} if "past" in verb.tags else set())


def _about_person(words: list[Token]) -> bool:
    """A short sentence about a named person only: a name and a verb, nothing of "us" or of a thing ("Людмила
    преувеличивает.", "Марина всё путает."): a word on the one who told us, not the client's own matter."""
    rest = [t for t in words[1:] if t.pos not in ("ADVB", "PRCL") and t.lemma not in ("всё", "все", "это", "так")]
    return 2 <= len(words) <= 4 and "Name" in words[0].tags and "nomn" in words[0].tags and len(rest) == 1 and (
        rest[0].pos == "VERB" and "3per" in rest[0].tags | ({"3per"} if "past" in rest[0].tags else set()))


def _tautology(words: list[Token], texts: list[str]) -> bool:
    """"X как X": the same noun on both sides of "как"."""
    return any(texts[k] == "как" and 0 < k < len(words) - 1 and words[k - 1].pos == "NOUN"
               and words[k - 1].lemma == words[k + 1].lemma for k in range(len(words)))


def _about_talk(words: list[Token]) -> bool:
    """"это" with a noun of talk, nothing after it but a put-off ("Это хороший вопрос.", "Ну это долгая история,
    давайте при встрече."; not "Ой, это долгая история, всякое бывало.": something said after all)."""
    at = next((k for k, t in enumerate(words) if t.pos == "NOUN"), None)
    if at is None or words[at].lemma not in _TALK_NOUNS or not any(t.text.lower() == "это" for t in words[:at]):
        return False
    rest = words[at + 1:]
    return all(t.pos not in ("VERB", "INFN", "NOUN") for t in words[:at]) and (
        not rest or rest[0].text.lower() in LET_US and all(t.pos not in ("VERB", "INFN") for t in rest[1:]))


def _turned_back(words: list[Token], texts: list[str]) -> bool:
    """An imperative of saying to us ("Это вы мне скажите", "вы лучше расскажите")."""
    return any("impr" in t.tags and t.lemma in _SAYING for t in words) and "вы" in texts


def _depends(words: list[Token]) -> bool:
    """"зависит от …" as the sentence's only predicate."""
    verbs = [t for t in words if t.pos in ("VERB", "INFN")]
    return len(verbs) == 1 and verbs[0].lemma in _DEPEND


def _referral(words: list[Token], texts: list[str]) -> bool:
    """A must, "у" and someone, and a verb of asking: "это надо у снабжения спрашивать"."""
    return not _MUST.isdisjoint(texts) and "у" in texts and any(t.pos == "INFN" and t.lemma in _ASKING for t in words)


def _connects(words: list[Token], texts: list[str]) -> bool:
    """"я вас с … соединю/переключу": the speaker passes the call on."""
    return "вас" in texts and "с" in texts and any(t.lemma in _CONNECT and "1per" in t.tags for t in words)


def _pending(words: list[Token]) -> bool:
    """The question said to be under way, nothing decided: a noun of talk with a verb of deliberation in "-ся"
    ("вопрос о кормах у нас обсуждается, но пока без конкретики", "тема прорабатывается")."""
    return any(t.lemma in _TALK_NOUNS for t in words) and any(t.lemma in _DELIBERATE for t in words) and not any(
        t.pos == "VERB" and t.lemma not in _DELIBERATE and t.text.lower() not in LISTENER_LEAD_INS for t in words)


def _echoed(question: Sequence[Token], words: list[Token]) -> bool:
    """Only the question's own nouns, with "есть"/"бывает" and particles, to an open question ("Какая потребность
    …?" — "Потребность есть, конечно."); to a yes/no ("есть ли задача?", "… или бывают сложности?") that is a yes."""
    said = [t.text.lower() for t in question if t.is_word]
    wh = any(t.text.lower() in _OPEN and not (k + 1 < len(question) and question[k + 1].text in ("-", "‐"))
             and not t.text.lower().endswith(("-то", "-нибудь")) for k, t in enumerate(question))  # not "какая-то"
    if not wh or not _YES_NO.isdisjoint(said) or any(t.text.lower() == "да" for t in words):
        return False  # "есть ли задача?" — "Задача есть.": a yes
    asked = {lemma for t in question for lemma in t.lemmas}
    rest = [t for t in words if t.lemma not in _THERE_IS and t.text.lower() not in _THERE_IS]
    return bool(rest) and len(rest) < len(words) and all(t.pos == "NOUN" and not t.lemmas.isdisjoint(asked) for t in rest)
