"""Question sets: the built-in BANT set and per-contract TOML files."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from qa_desk.analysis import data_files, parsed_toml


class AnswerKind(StrEnum):
    MONEY = "money"
    PERSON = "person"
    TIMING = "timing"
    YES_NO = "yes_no"
    TEXT = "text"


class QuestionSetError(ValueError):
    """A question set file cannot be used; the message is Russian and names the file."""


@dataclass(frozen=True, slots=True)
class Question:
    """One contract question. Patterns are raw strings; the engine lemmatises them."""

    id: str
    title: str
    answer: AnswerKind
    ask: tuple[str, ...]
    topic: str = ""
    cues: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    volunteer: tuple[str, ...] = ()
    dominant: tuple[str, ...] = ()
    generic: bool = False
    sure: tuple[str, ...] = ()  # cues that ask the question even when the topic classifier doubts it


@dataclass(frozen=True, slots=True)
class QuestionSet:
    name: str
    questions: tuple[Question, ...] = field(default_factory=tuple)
    min_order: int | None = None  # the contract's minimum order in roubles (for "маленький бюджет")

    def get(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]


_KINDS = ", ".join(k.value for k in AnswerKind)


def _str_list(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise QuestionSetError(f"{where}: поле «{key}» должно быть списком непустых строк")
    return tuple(v.strip() for v in value)


def _question(raw: Any, where: str) -> Question:
    if not isinstance(raw, dict):
        raise QuestionSetError(f"{where}: ожидалась таблица [[question]]")
    qid = raw.get("id")
    if not isinstance(qid, str) or not qid.strip():
        raise QuestionSetError(f"{where}: не задан «id» вопроса")
    where = f"{where} (вопрос «{qid}»)"
    title = raw.get("title", qid)
    if not isinstance(title, str):
        raise QuestionSetError(f"{where}: «title» должен быть строкой")
    kind = raw.get("answer", "text")
    try:
        answer = AnswerKind(kind)
    except ValueError:
        raise QuestionSetError(
            f"{where}: неизвестный тип ответа «{kind}»; допустимы: {_KINDS}"
        ) from None
    ask = _str_list(raw, "ask", where)
    cues = _str_list(raw, "cues", where)
    if not ask and not cues:
        raise QuestionSetError(f"{where}: нужен хотя бы один пример формулировки в «ask»")
    return Question(
        id=qid.strip(),
        title=title.strip() or qid,
        answer=answer,
        ask=ask,
        topic=str(raw.get("topic", "")).strip(),
        cues=cues,
        exclude=_str_list(raw, "exclude", where),
        volunteer=_str_list(raw, "volunteer", where),
        dominant=_str_list(raw, "dominant", where),
        generic=bool(raw.get("generic", False)),
        sure=_str_list(raw, "sure", where),
    )


def parse_question_set(text: str, name: str) -> QuestionSet:
    """Parse TOML text; ``name`` (usually the file path) is used in error messages."""
    try:
        data = parsed_toml.loads(text)
    except parsed_toml.decode_error() as exc:
        raise QuestionSetError(f"{name}: ошибка синтаксиса TOML: {exc}") from None
    return question_set_from(data, name)


def question_set_from(data: dict[str, Any], name: str) -> QuestionSet:
    """A question set from its parsed tables (``question``, optional ``name`` and ``min_order``)."""
    raw_questions = data.get("question")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise QuestionSetError(f"{name}: нет ни одного вопроса (ожидались таблицы [[question]])")
    questions = tuple(_question(q, f"{name}, вопрос №{i}") for i, q in enumerate(raw_questions, 1))
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise QuestionSetError(f"{name}: вопрос «{q.id}» задан дважды")
        seen.add(q.id)
    min_order = data.get("min_order")
    if min_order is not None and (not isinstance(min_order, int | float) or isinstance(min_order, bool) or min_order < 0):
        raise QuestionSetError(f"{name}: «min_order» должен быть суммой в рублях (число)")
    return QuestionSet(name=str(data.get("name", Path(name).stem)), questions=questions,
                       min_order=int(min_order) if min_order is not None else None)


def load_question_set(path: str | Path) -> QuestionSet:
    """Load a contract's question set from a TOML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuestionSetError(f"{path}: не удалось прочитать файл ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise QuestionSetError(f"{path}: файл не в кодировке UTF-8") from None
    return parse_question_set(text, str(path))


@lru_cache(maxsize=1)
def bant() -> QuestionSet:
    """The built-in BANT set (budget, authority, need, timing); parsed once (it is immutable)."""
    text = data_files.read_text("bant.toml", data_files.QUESTIONS)
    qs = parse_question_set(text, "bant.toml")
    return QuestionSet(name="BANT", questions=qs.questions)


@lru_cache(maxsize=1)
def bant_ids() -> frozenset[str]:
    """The built-in BANT set's question ids (a lead contract's own ids are the others)."""
    return frozenset(bant().ids)
