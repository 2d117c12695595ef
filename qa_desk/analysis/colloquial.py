"""Colloquial words as the standard words a contract phrasing uses (data/colloquial.toml).

The manager asks in office slang ("юзеров сколько?", "айтишник свой есть?", "в облаке у вас что-то
крутится?", "Moodle у вас стоит?"); the contract is written in standard words ("сколько пользователей",
"есть ли ИТ-специалист", "используете ли облачные сервисы"). ``standard`` adds to a word's lemmas the
standard words of its anglicism, clipped or slang form or brand, of an agent noun of a trade ("айтишник"
-> "айти" + "специалист") and of a verb of use ("крутиться", "стоять", "сидеть на" -> "использовать").
Only the soft contract match uses it (contract.py); a price question ("сколько стоит?") keeps "стоит".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.lexicon import Token

_PREFIX_KEY = 4  # a key this long also matches a form with up to ``_TAIL`` more letters ("дистанта")
_TAIL = 2
_PRICE = frozenset({"сколько", "почем", "цена", "стоимость", "стоить", "дорого", "дешево", "рубль"})


@dataclass(frozen=True, slots=True)
class Colloquial:
    words: dict[str, frozenset[str]]  # colloquial word or brand -> standard lemmas
    use_verbs: frozenset[str]
    use_means: frozenset[str]
    agent_suffixes: tuple[str, ...]
    agent_means: frozenset[str]
    agent_not: frozenset[str]
    consider_verbs: frozenset[str]
    consider_means: frozenset[str]
    consider_objects: frozenset[str]
    instrument_means: frozenset[str]
    counterparty_preps: frozenset[str]
    counterparty_verbs: frozenset[str]
    counterparty_means: frozenset[str]
    talk_verbs: frozenset[str]


@lru_cache(maxsize=1)
def colloquial() -> Colloquial:
    text = data_files.read_text("data/colloquial.toml")
    raw = parsed_toml.loads(text.replace("ё", "е"))
    words = {k.lower(): frozenset(v.split()) for section in ("slang", "brands") for k, v in raw[section].items()}
    use, con = raw["use"], raw["constructions"]
    return Colloquial(words, frozenset(use["verbs"]), frozenset(use["means"].split()), tuple(use["agent_suffixes"]),
                      frozenset(use["agent_means"].split()), frozenset(use["agent_not"]),
                      frozenset(con["consider_verbs"]), frozenset(con["consider_means"].split()),
                      frozenset(con["consider_objects"]), frozenset(con["instrument_means"].split()),
                      frozenset(con["counterparty_preps"]), frozenset(con["counterparty_verbs"]),
                      frozenset(con["counterparty_means"].split()), frozenset(con["talk_verbs"]))


# Endings of a verb of the "-ить" class in its personal and past forms: a slang verb pymorphy3 does not know
# ("апрувите", "апрувит", "заапрувили") is looked up by its infinitive ("апрувить").
_VERB_ENDINGS = ("ите", "ишь", "ит", "им", "ят", "ил", "ила", "или", "ило", "ю", "ь")


def _lookup(table: dict[str, frozenset[str]], forms: set[str]) -> frozenset[str]:
    out: set[str] = set()
    forms = forms | {form[:-len(e)] + "ить" for form in forms for e in _VERB_ENDINGS
                     if form.endswith(e) and len(form) - len(e) >= _PREFIX_KEY}
    for form in forms:
        for cut in range(_TAIL + 1):
            key = form[:len(form) - cut] if cut else form
            if cut and len(key) < _PREFIX_KEY:
                break
            if key in table:
                out |= table[key]
                break
    return frozenset(out)


def standard(token: Token, sentence_lemmas: frozenset[str]) -> frozenset[str]:
    """The token's lemmas plus the standard words its colloquial form stands for."""
    c = colloquial()
    forms = {token.text.lower().replace("ё", "е"), token.lemma, *token.lemmas}
    extra = set(_lookup(c.words, forms))
    if not token.lemmas.isdisjoint(c.use_verbs) and (
            "стоять" not in token.lemmas or sentence_lemmas.isdisjoint(_PRICE - {"стоить"})):
        extra |= c.use_means
    if token.pos == "NOUN" and token.animate and token.lemma not in c.agent_not:
        for suffix in c.agent_suffixes:
            base = token.lemma[:-len(suffix)]
            if token.lemma.endswith(suffix) and len(base) >= 3:
                extra |= {base, *c.agent_means}
                extra |= _lookup(c.words, {base})
                break
    return token.lemmas | extra if extra else token.lemmas


_REACH = 3  # words between "думать" and its infinitive or preposition ("не думали в лизинг брать")
_ANYONE = frozenset({"кто", "кто-то", "кто-нибудь", "кто-либо"})


def constructions(tokens: Sequence[Token]) -> dict[int, frozenset[str]]:
    """Token index -> the standard words a construction adds to it: "думать" with an infinitive or "о/про"
    within a few words considers a step ("рассматривать", "планировать"); "на чём" asks the equipment in use
    (on "чём"); "с кем / у кого / через кого" with no verb of talking, and a verb of engaging an outside party,
    ask the counterparty."""
    c = colloquial()
    words = [(k, t) for k, t in enumerate(tokens) if t.is_word]
    out: dict[int, frozenset[str]] = {}
    # the counterparty needs a verb of the work in the sentence, and no verb of talking
    work = any(t.pos in ("VERB", "INFN") for _k, t in words) and all(t.lemmas.isdisjoint(c.talk_verbs) for _k, t in words)
    for n, (k, t) in enumerate(words):
        if not t.lemmas.isdisjoint(c.counterparty_verbs) or work and t.lemma in _ANYONE and n and (
                words[n - 1][1].text.lower() in c.counterparty_preps):
            out[k] = c.counterparty_means
            continue
        if t.lemma in c.consider_verbs and any(
                u.pos == "INFN" or u.text.lower() in c.consider_objects for _j, u in words[n + 1:n + 1 + _REACH]):
            out[k] = c.consider_means
        elif "что" in t.lemmas and n and words[n - 1][1].text.lower() == "на" and t.text.lower().replace("ё", "е") == "чем":
            out[k] = c.instrument_means
    return out
