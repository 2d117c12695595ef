"""Word analyses kept in a file between runs: a fresh process skips re-analysing the engine's vocabulary.

Building the engine parses a few thousand word forms with pymorphy3 (the question lexicon, its
inflections for fuzzy repair, the word lists); that is most of a cold start. The results depend
only on pymorphy3 and its dictionaries, so they are stored as JSON keyed by both versions and read
back by the next process. The caller (the app, the CLI, a worker) names the file; a missing,
damaged or stale file is ignored and a file that cannot be written is skipped: the cache never
changes a result and never stops an analysis.
"""

from __future__ import annotations

import json
import os
import re
from importlib import import_module
from itertools import islice
from pathlib import Path

from qa_desk.analysis import lexicon, parsed_toml

_FORMAT = 1
_MAX_SAVED = 30_000  # words kept in the file: the vocabulary first (filled first), then the commonest call words
_loaded: tuple[int, int, int, int] = (0, 0, 0, 0)  # sizes of the tables (words, lexemes, TOML texts, derived) after the last load or save


def _version(module: str, package: str) -> str:
    """An installed package's version: its module's ``__version__`` (importlib.metadata costs ~15 ms to import
    on a cold start), read from the file when it is a plain assignment (importing pymorphy3 costs ~20 ms, and
    a cold start whose words are all stored needs none of it), else its metadata, else "?"."""
    found = _version_in_file(module)
    if found is not None:
        return found
    try:
        version = import_module(module).__version__
        if isinstance(version, str):
            return version
    except (ImportError, AttributeError):
        pass
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _version_in_file(module: str) -> str | None:
    """``__version__ = "x.y.z"`` in ``package/version.py``, found without importing the package."""
    from importlib.util import find_spec

    package, _, name = module.partition(".")
    try:
        spec = find_spec(package)
        folders = list(spec.submodule_search_locations or []) if spec is not None else []
        text = (Path(folders[0]) / f"{name}.py").read_text(encoding="utf-8") if name and folders else ""
    except (ImportError, ValueError, OSError, IndexError):
        return None
    found = re.fullmatch(r"""\s*__version__\s*=\s*["']([^"'\n]+)["']\s*""", text)
    return found.group(1) if found else None


def _key() -> str:
    versions = [_version("pymorphy3.version", "pymorphy3"), _version("pymorphy3_dicts_ru.version", "pymorphy3-dicts-ru")]
    return f"{_FORMAT}:" + ":".join(versions)


def _sizes(texts: int) -> tuple[int, int, int, int]:
    return min(len(lexicon.WORDS), _MAX_SAVED), len(lexicon.LEXEMES), texts, min(len(lexicon.DERIVED), _MAX_SAVED)


def load(path: Path) -> bool:
    """Fill the word tables from ``path``; False when there is no usable file."""
    global _loaded
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != _key():
            return False
        words = {
            w: lexicon.WordAnalysis(a[0], frozenset(a[1]), a[2], frozenset(a[3]), bool(a[4]), bool(a[5]))
            for w, a in data["words"].items()
        }
        lexemes = {lemma: tuple(forms) for lemma, forms in data["lexemes"].items()}
        toml = dict(data.get("toml", {}))
        if not all(isinstance(text, str) and isinstance(parse, str) for text, parse in toml.items()):
            return False
        derived = dict(data.get("derived", {}))  # names and roles read off the parses (lexicon.stored)
        if not all(isinstance(result, (bool, str)) for result in derived.values()):
            return False
    except (OSError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        return False
    for text, parse in toml.items():
        parsed_toml.PARSED.setdefault(text, parse)
    for word, analysis in words.items():
        lexicon.WORDS.setdefault(word, analysis)
    for lemma, forms in lexemes.items():
        lexicon.LEXEMES.setdefault(lemma, forms)
    for key, result in derived.items():
        lexicon.DERIVED.setdefault(key, result)
    _loaded = _sizes(len(toml))
    return True


def save(path: Path) -> bool:
    """Write the tables to ``path`` (atomically) when they grew since the last load or save."""
    global _loaded
    toml = parsed_toml.kept()
    sizes = _sizes(len(toml))
    if sizes == _loaded:
        return False
    data = {
        "key": _key(),
        "words": {
            w: [a.lemma, sorted(a.lemmas), a.pos, sorted(a.tags), a.animate, a.known]
            for w, a in sorted(islice(lexicon.WORDS.items(), _MAX_SAVED))
        },
        "lexemes": {lemma: list(forms) for lemma, forms in sorted(lexicon.LEXEMES.items())},
        "toml": toml,
        "derived": dict(sorted(islice(lexicon.DERIVED.items(), _MAX_SAVED))),
    }
    import tempfile  # only when writing: a cold start that reads the store does not pay its import

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    _loaded = sizes
    return True
