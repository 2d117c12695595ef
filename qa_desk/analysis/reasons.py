"""Refusal reasons from the CRM mapped to the questions whose answers must exist in the calls."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from qa_desk.analysis.lexicon import lemma_of
from qa_desk.analysis.questions import QuestionSetError

_MATCH_CUTOFF = 85.0


def _norm(text: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower().replace("ё", "е")).split()
    return " ".join(lemma_of(w) for w in words)


@dataclass(frozen=True, slots=True)
class ReasonRule:
    match: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReasonMap:
    rules: tuple[ReasonRule, ...]

    def questions_for(self, reason: str) -> list[str]:
        """Question ids a refusal reason relies on (empty when the reason is unknown)."""
        text = _norm(reason)
        if not text:
            return []
        out: list[str] = []
        for rule in self.rules:
            if any(_matches(text, _norm(pattern)) for pattern in rule.match):
                out.extend(q for q in rule.questions if q not in out)
        return out


def _matches(text: str, pattern: str) -> bool:
    if text == pattern:
        return True
    if len(pattern.split()) == 1 and len(text.split()) > 1:
        return any(fuzz.ratio(w, pattern) >= _MATCH_CUTOFF for w in text.split())
    return fuzz.token_set_ratio(text, pattern) >= _MATCH_CUTOFF


def parse_reason_map(text: str, name: str) -> ReasonMap:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionSetError(f"{name}: ошибка синтаксиса TOML: {exc}") from None
    rules = []
    for i, raw in enumerate(data.get("reason", []), 1):
        match, questions = raw.get("match"), raw.get("questions")
        if not (isinstance(match, list) and match and isinstance(questions, list) and questions):
            raise QuestionSetError(f"{name}, причина №{i}: нужны непустые списки «match» и «questions»")
        rules.append(ReasonRule(tuple(map(str, match)), tuple(map(str, questions))))
    if not rules:
        raise QuestionSetError(f"{name}: нет ни одной причины (ожидались таблицы [[reason]])")
    return ReasonMap(tuple(rules))


def load_reason_map(path: str | Path | None = None) -> ReasonMap:
    """The map from ``path``, or the built-in defaults."""
    if path is None:
        text = resources.files("qa_desk.analysis").joinpath("data/reasons.toml").read_text(encoding="utf-8")
        return parse_reason_map(text, "reasons.toml")
    try:
        return parse_reason_map(Path(path).read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise QuestionSetError(f"{path}: не удалось прочитать файл ({exc.strerror or exc})") from None
