"""Patronymics Whisper garbled, put right: "Михаил Андрович" -> "Михаил Андреевич", "Романдович" -> "Романович".

A patronymic is said fast and Whisper writes what it half-heard; pymorphy3 tags any word in -ович as one, so
the form is no check. A word with a patronymic's ending that is none of the patronymics people carry
(data/patronymics.toml) takes the one of its gender whose stem (the father's name) sounds closest, the way
Russian is heard: unstressed "о" as "а", voiced and voiceless consonants alike ("Морадович": "Маратович").
A stem far from every one ("Абрамович", "Карпович": surnames) stays as said.
"""

from __future__ import annotations

from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml

_MALE = ("евич", "ович", "ыч", "ич")
_FEMALE = ("инична", "евна", "овна", "ична")
_CLOSE = 82  # rapidfuzz ratio of the heard stems: "андр"/"андре" 89, "романд"/"роман" 91, "карп"/"карим" 67
_HEARD = str.maketrans("оеёэяыдзбвгж", "аииаиитспфкш")  # akanye, reduced vowels, devoicing


def _female(male: str) -> str:
    if male == "ильич":
        return "ильинична"
    for end, fem in (("ович", "овна"), ("евич", "евна"), ("ич", "ична")):
        if male.endswith(end):
            return male[: -len(end)] + fem
    return ""


def _stem(word: str) -> str:
    end = next((e for e in (*_FEMALE, *_MALE) if word.endswith(e)), "")
    return word[: len(word) - len(end)].translate(_HEARD)


@lru_cache(maxsize=1)
def _known() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Men's and women's patronymics: heard stem -> patronymic (the first one listed for a stem); all of them."""
    raw = parsed_toml.loads(data_files.read_text("data/patronymics.toml"))
    male: dict[str, str] = {}
    female: dict[str, str] = {}
    for word in (*raw["full"], *raw["spoken"]):
        male.setdefault(_stem(word), word)
    for word in raw["full"]:
        if fem := _female(word):
            female.setdefault(_stem(fem), fem)
    every = frozenset(raw["full"]) | frozenset(raw["spoken"]) | frozenset(_female(w) for w in raw["full"])
    return male, female, every


@lru_cache(maxsize=256)
def _closest(word: str) -> str | None:
    male, female, known = _known()
    pool = female if word.endswith(_FEMALE) else male if word.endswith(_MALE) else None
    if pool is None or word in known or len(word) < len("ильич"):
        return None
    from rapidfuzz import fuzz, process  # only for a word that is no listed patronymic: kept off a cold start

    found = process.extractOne(_stem(word), list(pool), scorer=fuzz.ratio, score_cutoff=_CLOSE)
    return pool[found[0]] if found else None


def corrected_patronymic(word: str) -> str:
    """``word`` (a name in the nominative) with a garbled patronymic put right; any other word as it is."""
    fixed = _closest(word.lower())
    if fixed is None or fixed.replace("ё", "е") == word.lower().replace("ё", "е"):
        return word
    return fixed[:1].upper() + fixed[1:] if word[:1].isupper() else fixed
