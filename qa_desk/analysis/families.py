"""Lemma families (data/families.toml): aspect pairs and near-synonyms that count as one lemma."""

from __future__ import annotations

from functools import lru_cache

from qa_desk.analysis import data_files, parsed_toml


@lru_cache(maxsize=1)
def families() -> dict[str, frozenset[str]]:
    """Lemma -> every lemma of its families (itself included)."""
    text = data_files.read_text("data/families.toml")
    raw = parsed_toml.loads(text)
    out: dict[str, set[str]] = {}
    for group in (*raw.get("aspect", []), *raw.get("synonyms", [])):
        words = set(group.replace("ё", "е").split())
        for word in words:
            out.setdefault(word, {word}).update(words)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def contract_families() -> dict[str, frozenset[str]]:
    """Lemma -> its families plus the everyday synonyms that only the soft contract match uses."""
    text = data_files.read_text("data/families.toml")
    out = {k: set(v) for k, v in families().items()}
    for group in parsed_toml.loads(text).get("contract", []):
        words = set(group.replace("ё", "е").split())
        for word in words:
            out.setdefault(word, {word}).update(words)
    return {k: frozenset(v) for k, v in out.items()}


def expand_contract(lemmas: frozenset[str]) -> frozenset[str]:
    """``lemmas`` plus their family members and everyday synonyms (soft contract match only)."""
    table = contract_families()
    extra = [table[lemma] for lemma in lemmas if lemma in table]
    return lemmas.union(*extra) if extra else lemmas


def expand(lemmas: frozenset[str]) -> frozenset[str]:
    """``lemmas`` plus their family members."""
    table = families()
    extra = [table[lemma] for lemma in lemmas if lemma in table]
    return lemmas.union(*extra) if extra else lemmas


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, frozenset[str]]:
    """Lemma -> the other lemmas of its ``thesaurus``, ``predicates`` and ``hyponyms`` groups (soft contract match only)."""
    text = data_files.read_text("data/families.toml")
    raw = parsed_toml.loads(text)
    out: dict[str, set[str]] = {}
    for group in (*raw.get("thesaurus", []), *raw.get("predicates", []), *raw.get("hyponyms", [])):
        words = set(group.replace("ё", "е").split())
        for word in words:
            out.setdefault(word, set()).update(words - {word})
    return {k: frozenset(v) for k, v in out.items()}
