"""Refusal reasons from the CRM mapped to the questions whose answers must exist in the calls."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.lexicon import lemma_of
from qa_desk.analysis.questions import QuestionSetError

_MATCH_CUTOFF = 85.0


def _norm(text: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower().replace("ё", "е")).split()
    return " ".join(lemma_of(w) for w in words)


CHECKS = frozenset({"answered", "budget_small", "no_budget", "expensive", "not_decider", "no_need", "not_now",
                    "competitor", "no_contact", "none"})


@dataclass(frozen=True, slots=True)
class ReasonRule:
    """How one refusal reason is checked: ``check`` (see ``CHECKS``) resting on ``questions``."""

    match: tuple[str, ...]
    questions: tuple[str, ...]
    name: str = ""
    check: str = "answered"  # a custom map's rule: supported when the questions were answered


@dataclass(frozen=True, slots=True)
class ReasonMap:
    rules: tuple[ReasonRule, ...]

    def rule_for(self, reason: str) -> ReasonRule | None:
        """The rule of a refusal reason: by its exact name first, then fuzzily; None when unknown."""
        text = _norm(reason)
        if not text:
            return None
        exact = next((r for r in self.rules if r.name and _norm(r.name) == text), None)
        if exact is not None:
            return exact
        return next((r for r in self.rules if any(_matches(text, _norm(p)) for p in (r.name, *r.match) if p)), None)

    def questions_for(self, reason: str) -> list[str]:
        """Question ids a refusal reason relies on, over every rule it matches ("дорого, не сейчас")."""
        text = _norm(reason)
        out: list[str] = []
        for rule in self.rules:
            if text and any(_matches(text, _norm(p)) for p in (rule.name, *rule.match) if p):
                out.extend(q for q in rule.questions if q not in out)
        return out


def _matches(text: str, pattern: str) -> bool:
    if text == pattern:
        return True
    from rapidfuzz import fuzz  # imported on the first fuzzy match (cold start)

    if len(pattern.split()) == 1 and len(text.split()) > 1:
        return any(fuzz.ratio(w, pattern) >= _MATCH_CUTOFF for w in text.split())
    return fuzz.token_set_ratio(text, pattern) >= _MATCH_CUTOFF


def parse_reason_map(text: str, name: str) -> ReasonMap:
    try:
        data = parsed_toml.loads(text)
    except parsed_toml.decode_error() as exc:
        raise QuestionSetError(f"{name}: ошибка синтаксиса TOML: {exc}") from None
    rules = []
    for i, raw in enumerate(data.get("reason", []), 1):
        match, questions = raw.get("match", []), raw.get("questions", [])
        reason, check = str(raw.get("name", "")).strip(), str(raw.get("check", "answered"))
        if not (isinstance(match, list) and isinstance(questions, list) and (match or reason)):
            raise QuestionSetError(f"{name}, причина №{i}: нужны «name» или непустой список «match», и список «questions»")
        if check not in CHECKS:
            raise QuestionSetError(f"{name}, причина №{i}: неизвестная проверка «{check}»; допустимы: {', '.join(sorted(CHECKS))}")
        if check == "answered" and not questions:
            raise QuestionSetError(f"{name}, причина №{i}: нужен непустой список «questions»")
        rules.append(ReasonRule(tuple(map(str, match)), tuple(map(str, questions)), reason, check))
    if not rules:
        raise QuestionSetError(f"{name}: нет ни одной причины (ожидались таблицы [[reason]])")
    return ReasonMap(tuple(rules))


@lru_cache(maxsize=1)
def _default_reason_map() -> ReasonMap:
    text = data_files.read_text("data/reasons.toml")
    return parse_reason_map(text, "reasons.toml")


def load_reason_map(path: str | Path | None = None) -> ReasonMap:
    """The map from ``path``, or the built-in defaults."""
    if path is None:
        return _default_reason_map()
    try:
        return parse_reason_map(Path(path).read_text(encoding="utf-8"), str(path))
    except OSError as exc:
        raise QuestionSetError(f"{path}: не удалось прочитать файл ({exc.strerror or exc})") from None
