"""Tokenising and lemmatising Russian text with pymorphy3, cached, with fuzzy repair.

Whisper misspells words ("бюджед", "распологаете"). A token pymorphy3 does not know is
repaired by the closest word form (rapidfuzz ratio) of the lemmas the engine cares about, with a
cutoff that allows one edit in a short word. Colloquial spellings that pymorphy3 reads as another
word ("скока" as a form of "скок") or that are too far for fuzzy repair ("скоко") come from a small
table (data/spelling.toml).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.asr_numbers import join_split_numbers
from qa_desk.analysis.nearest import Nearest

if TYPE_CHECKING:
    import pymorphy3

_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)?|[а-яёa-z]+(?:-[а-яёa-z]+)*|[?!.…₽%]|(?<=\d)[-–—](?=\d)|(?<=\s)[-–—](?=\s)",
                       re.IGNORECASE)  # a dash between figures or words stays ("150-200 тысяч" is a range)
_NUMBER_ENDING = re.compile(r"(\d)-(?:[а-яё]{1,3})\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+")
SENTENCE_ENDS = frozenset({".", "!", "?", "…"})  # the tokens that end a sentence (commas are no tokens)
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO"})
_FILLERS = frozenset({"раз", "принцип", "целое"})  # nouns of discourse fillers: "как раз", "в принципе", "в целом"
_MIN_REPAIR_LEN = 4
_REPAIR_CUTOFF = 80.0
_PIECE = 3  # letters at most in the piece Whisper cut off a word ("то плево")
_SHORT_WORD = 5  # up to this length one substituted letter must pass: ratio 1 - 2 / (2 * length)


_SOUND_MIN_LEN = 6
_SOUND_CUTOFF = _REPAIR_CUTOFF  # on the sound keys
_SOUND_SPELLING = 60.0  # the letter ratio a sound match needs besides (_spelt_near)
_SOUNDS = str.maketrans("оеёяыэю", "аиаииiу", "ьъ")


def word_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The words of ``tokens``: no punctuation, no digit groups."""
    return [t for t in tokens if t.is_word]


def sound_key(word: str) -> str:
    """A word as Whisper may spell what it heard: unstressed vowels merged (о/а, е/и/я), no soft signs
    ("монетерин" and "мониторинг" come close)."""
    return word.translate(_SOUNDS)


def _spelt_near(word: str, form: str) -> bool:
    """A sound match kept only when the spellings are near too: merged vowels keep most of a word's letters
    ("монетерин" ~ "мониторинг" 74, "кратевичает" ~ "отвечает" 63); on H25's audio the matches spelt under 60
    were all garbage ("пилеты" ~ "поделитесь" 38, "выриваете" ~ "перезвоните" 40, "резове" ~ "вызови" 50) and made
    a request or a callback of a client's statement (read as our question, a mono call's roles turned round)."""
    from rapidfuzz import fuzz  # loaded already: the sound match itself needs it

    return fuzz.ratio(word, form) >= _SOUND_SPELLING


def repair_cutoff(length: int) -> float:
    """rapidfuzz ratio a repair needs: 80, or less for a short word so that one edit passes."""
    if length > _SHORT_WORD:
        return _REPAIR_CUTOFF
    return min(_REPAIR_CUTOFF, 100.0 * (1 - 1 / length)) - 0.01


@lru_cache(maxsize=1)
def colloquial() -> dict[str, str]:
    """Colloquial spelling -> standard word form (data/spelling.toml)."""
    text = data_files.read_text("data/spelling.toml")
    raw: dict[str, str] = parsed_toml.loads(text)["colloquial"]
    return {k.replace("ё", "е"): v.replace("ё", "е") for k, v in raw.items()}


@dataclass(frozen=True, slots=True)
class Token:
    """One word (or digit group / punctuation) with its possible lemmas."""

    text: str
    lemma: str
    lemmas: frozenset[str]
    pos: str
    tags: frozenset[str]
    animate: bool = False  # the first parse is an animate noun (a person, not "брак" read as a surname)
    # Worked out once per token (the engine asks them ~50 000 times an analysis):
    is_word: bool = field(init=False, compare=False, repr=False)
    is_digit: bool = field(init=False, compare=False, repr=False)
    is_content: bool = field(init=False, compare=False, repr=False)  # carries meaning (no preposition, pronoun, particle)

    def __post_init__(self) -> None:
        word = self.text[0].isalpha()
        object.__setattr__(self, "is_word", word)
        object.__setattr__(self, "is_digit", self.text[0].isdigit())
        object.__setattr__(self, "is_content", word and self.pos not in _FUNCTION_POS and "Apro" not in self.tags
                           and self.lemma not in _FILLERS)


QUESTION_MARK = Token("?", "?", frozenset({"?"}), "PNCT", frozenset())  # added where ASR dropped one (heard.marked)


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The shared analyzer (loading takes ~0.1 s). The dictionary's folder is named as pymorphy3 would find it
    (the environment's PYMORPHY2_DICT_PATH, else pymorphy3-dicts-ru's), without its search through every
    installed package's entry points (~15 ms and the import of importlib.metadata on a cold start). pymorphy3 is
    imported here: a cold start whose words are all in the word store never imports it."""
    import pymorphy3

    path = os.environ.get(pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE)
    if path is None:
        try:
            path = import_module("pymorphy3_dicts_ru").get_path()
        except (ImportError, AttributeError):
            return pymorphy3.MorphAnalyzer()
    return pymorphy3.MorphAnalyzer(path=path, lang="ru")


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    lemma: str
    lemmas: frozenset[str]
    pos: str
    tags: frozenset[str]
    animate: bool
    known: bool


_MAX_WORDS = 100_000
WORDS: dict[str, WordAnalysis] = {}  # word -> analysis: filled on use, or from a file by morph_store (a fast cold start)
LEXEMES: dict[str, tuple[str, ...]] = {}  # lemma -> its word forms, the same way


def _analyse_word(word: str) -> WordAnalysis:
    hit = WORDS.get(word)
    if hit is not None:
        return hit
    analyzer = morph()
    parses = analyzer.parse(word)
    first = parses[0]
    lemmas = frozenset(p.normal_form.replace("ё", "е") for p in parses[:4])
    tags = frozenset(g for p in parses[:2] for g in p.tag.grammemes)
    animate = first.tag.POS == "NOUN" and "anim" in first.tag
    pos = str(first.tag.POS or "UNKN")
    hit = WordAnalysis(first.normal_form.replace("ё", "е"), lemmas, pos, tags, animate, analyzer.word_is_known(word))
    if len(WORDS) < _MAX_WORDS:
        WORDS[word] = hit
    return hit


def analyse_word(word: str) -> WordAnalysis:
    """A word's first parse (cached)."""
    return _analyse_word(word)


DERIVED: dict[str, bool | str] = {}  # "kind:word" -> what a function worked out from the word's parses (stored())
_R = TypeVar("_R", bool, str)


def stored(kind: str) -> Callable[[Callable[[str], _R]], Callable[[str], _R]]:
    """Cache a function of one word that reads pymorphy3's parses (names, roles) in DERIVED, which morph_store
    keeps with WORDS: a fresh process whose words are all in the store never loads pymorphy3's dictionaries."""

    def wrap(fn: Callable[[str], _R]) -> Callable[[str], _R]:
        def cached(word: str) -> _R:
            key = f"{kind}:{word}"
            hit = DERIVED.get(key)
            if hit is None:
                hit = fn(word)
                if len(DERIVED) < _MAX_WORDS:
                    DERIVED[key] = hit
            return hit  # type: ignore[return-value]  # the kind's function made it

        cached.__doc__, cached.__name__ = fn.__doc__, fn.__name__
        return cached

    return wrap


def word_is_known(word: str) -> bool:
    """pymorphy3's ``word_is_known(word)``, through WORDS or the store (no lower-casing or ё here, unlike is_known)."""
    hit = WORDS.get(word)
    return hit.known if hit is not None else _known(word)


@stored("known")
def _known(word: str) -> bool:
    return morph().word_is_known(word)


_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


def _rare(a: WordAnalysis) -> bool:
    """A word pymorphy3 knows but no common word's lemma (navec's table, vectors.py) and no name: Whisper's
    near miss that happens to be a word ("закутку" for "закупку"), repaired like an unknown word."""
    if not a.tags.isdisjoint(_PROPER):
        return False
    uncommon = _UNCOMMON.get(a.lemmas)
    if uncommon is None:
        from qa_desk.analysis.vectors import vectors  # vectors.py is loaded by the topic classifier anyway

        uncommon = _UNCOMMON[a.lemmas] = vectors().row(a.lemmas) is None
    return uncommon


_UNCOMMON: dict[frozenset[str], bool] = {}  # lemmas -> none of them in the vector table (asked ~1 000 times a call)


def is_known(word: str) -> bool:
    """Whether pymorphy3 knows ``word`` (cached)."""
    return _analyse_word(word.lower().replace("ё", "е")).known


def lemma_of(word: str) -> str:
    """Normal form of ``word`` (first pymorphy3 parse)."""
    return _analyse_word(word.lower().replace("ё", "е")).lemma


def _sorted_forms(lemma: str) -> tuple[str, ...]:
    """``lemma``'s word forms, sorted and unique (as LEXEMES keeps them, and the word store writes them)."""
    forms = LEXEMES.get(lemma)
    if forms is None:
        forms = tuple(sorted({f.word.replace("ё", "е") for f in morph().parse(lemma)[0].lexeme} | {lemma}))
        LEXEMES[lemma] = forms
    return forms


def lexeme_forms(lemma: str) -> set[str]:
    """All word forms of ``lemma`` as pymorphy3 inflects it."""
    return set(_sorted_forms(lemma))


def split_sentences(text: str) -> list[str]:
    """Split on sentence punctuation, and before a glued ", а" clause; keeps the punctuation with its sentence."""
    # spoken.py types with Token: imported when first used
    from qa_desk.analysis.spoken import join_broken, split_glued

    return [c.strip() for s in join_broken([p.strip() for p in _SENTENCE_RE.split(text) if p.strip()])
            for c in split_glued(s)]


_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


class Lexicon:
    """Tokeniser bound to a vocabulary of lemmas used for fuzzy repair."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        forms: dict[str, str] = {}
        for lemma in sorted(set(vocabulary)):
            if len(lemma) < _MIN_REPAIR_LEN:
                continue
            for form in _sorted_forms(lemma):  # a fixed order: a tie in the fuzzy repair goes the same way in every process
                forms.setdefault(form, lemma)
        self._forms = forms
        self._choices = list(forms)
        self._nearest: Nearest | None = None  # the forms for the fuzzy repair, built on the first need
        self._sounds: dict[str, str] | None = None  # sound key -> form, built on the first need
        self._sound_keys: Nearest | None = None
        self._digest: str | None = None  # of the forms, naming this vocabulary's repairs in DERIVED
        self._lemmas = frozenset(forms.values())
        self._joins: dict[tuple[str, str], bool] = {}
        self._cache: dict[str, Token] = {}

    def clear_cache(self) -> None:
        """Forget every analysed word (this lexicon's and pymorphy3's shared cache): for benchmarks."""
        self._cache.clear()
        self._joins.clear()
        WORDS.clear()

    def token(self, raw: str) -> Token:
        """Analyse one raw token (cached per lexicon)."""
        cached = self._cache.get(raw)
        if cached is not None:
            return cached
        word = raw.lower().replace("ё", "е")
        if not word[0].isalpha():
            tok = Token(raw, word, frozenset({word}), "PNCT" if not word[0].isdigit() else "NUMB", frozenset())
        else:
            a = _analyse_word(colloquial().get(word, word))
            lemma, lemmas = a.lemma, a.lemmas
            repaired = False  # a word repaired to the vocabulary's is no name ("нико" is not "Ника")
            if (not a.known or _rare(a)) and len(word) >= _MIN_REPAIR_LEN and self._choices:
                form = self._repair(word)
                if form and _analyse_word(form).pos == "NUMR" and _onset(form) != _onset(word):
                    form = ""  # "техсовет" is no garbled "триста": a number heard keeps its first consonants
                if form:
                    fixed = self._forms[form]
                    lemma, lemmas, repaired = fixed, lemmas | {fixed}, True
                    a = _analyse_word(form)
            tok = Token(raw, lemma, lemmas, a.pos, a.tags - _NAME_TAGS if repaired else a.tags, a.animate)
        if len(self._cache) < 200_000:
            self._cache[raw] = tok
        return tok

    def _repair(self, word: str) -> str:
        """The vocabulary form ``word`` repairs to, or "". Kept in DERIVED under the vocabulary's digest: a fresh
        process with the word store repeats no fuzzy search (nor builds its tables) for a word seen before."""
        if self._digest is None:
            import zlib  # only when a word needs repair (hashlib's import costs ~4 ms)

            data = "\n".join(self._choices).encode()
            self._digest = f"{len(self._choices)}.{zlib.crc32(data):08x}{zlib.adler32(data):08x}"
        key = f"repair2:{self._digest}:{word}"  # "2": sound matches checked by spelling (round 19)
        form = DERIVED.get(key)
        if isinstance(form, str):
            return form
        if self._nearest is None:
            self._nearest = Nearest(self._choices)
        hit = self._nearest.find(word, repair_cutoff(len(word)))
        if hit is None and len(word) >= _SOUND_MIN_LEN:
            hit = self._sound_repair(word)  # "монетерин" for "мониторинг": unstressed vowels as heard
        form = "" if hit is None else hit[0]
        if len(DERIVED) < _MAX_WORDS:
            DERIVED[key] = form
        return form

    def _sound_repair(self, word: str) -> tuple[str, float, int] | None:
        """(form, score, index) of the vocabulary form that sounds closest to ``word``, or None."""
        if self._sounds is None or self._sound_keys is None:
            long = [form for form in self._choices if len(form) >= _SOUND_MIN_LEN]
            keys = sound_key("\n".join(long)).split("\n")  # one translate for all
            if len(keys) != len(long):  # a form with a newline
                keys = [sound_key(form) for form in long]
            first = dict(zip(reversed(keys), reversed(long), strict=True))  # a key's first form
            self._sounds = {key: first[key] for key in dict.fromkeys(keys)}  # keys in order of first use
            self._sound_keys = Nearest(list(self._sounds))
        near = self._sound_keys.find(sound_key(word), _SOUND_CUTOFF)
        if near is None or not _spelt_near(word, self._sounds[near[0]]):
            return None
        return self._sounds[near[0]], near[1], near[2]

    def tokens(self, text: str) -> list[Token]:
        """Tokenise and analyse ``text``."""
        out: list[Token] = []
        if "-" in text:  # "от 2-х до 3-х" (no hyphen, nothing to cut: the cheap test first)
            text = _NUMBER_ENDING.sub(r"\1", text)
        text = join_split_numbers(text)  # "шесть сот" as Whisper writes them
        cache = self._cache
        for m in _TOKEN_RE.finditer(text):
            raw = m.group(0)
            if "-" in raw and len(raw) > 1 and not word_is_known(raw.lower()):
                out.extend(self.token(part) for part in raw.split("-") if part)
            else:
                out.append(cache.get(raw) or self.token(raw))  # self.token's own cache, looked up here
            if len(out) > 1 and len(out[-2].text) <= _PIECE and self._split_word(out[-2], out[-1]):
                out[-2:] = [self.token(out[-2].text + out[-1].text)]
        return out

    def _split_word(self, before: Token, word: Token) -> bool:
        """Whisper cut a word it half-heard into a short piece and the rest ("на то плево" for "на топливо"):
        an unknown or rare rest, left unrepaired, after a piece of at most three letters, whose joined
        form repairs to the vocabulary."""
        if not (before.is_word and word.is_word and len(before.text) <= _PIECE < len(word.text)):
            return False
        key = (before.text, word.text)
        if key not in self._joins:
            self._joins[key] = self._joins_up(before, word)
        return self._joins[key]

    def _joins_up(self, before: Token, word: Token) -> bool:
        low = word.text.lower().replace("ё", "е")
        a = _analyse_word(colloquial().get(low, low))
        if a.known and not _rare(a) or word.lemma in self._lemmas:
            return False
        return self.token(before.text + word.text).lemma in self._lemmas


_VOWELS = frozenset("аеёиоуыэюяьъй")


def _onset(word: str) -> str:
    """The first two consonants of a word ("читыреста" and "четыреста": "чт"; "техсовет" "тх", "триста" "тр")."""
    return "".join(ch for ch in word if ch not in _VOWELS)[:2]
