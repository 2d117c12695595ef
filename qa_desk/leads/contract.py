"""A lead-generation contract: its questions, what answer qualifies, and the text's hash.

One TOML file is both the engine's question set (``[[question]]`` tables, see
``qa_desk/analysis/questions/bant.toml``) and the qualification rules. Extra keys per question:

* ``bant = "budget"`` — reuse a built-in BANT question's phrasings and cues (``ask`` may be omitted);
* ``required = false`` — an optional question (default: every question is required);
* the qualifying answer, one of: ``qualify = "yes" | "no" | "present" | "decision_maker"``,
  ``min_amount = 300000`` (with ``currency``, default RUB), ``within_months = 6``.
  Without any, a yes/no question must be answered «да» and any other must have an answer.

Top level: ``name``, ``client``, ``min_confidence`` (engine findings less sure than this make a
lead disputed; default 0.5). The hash is SHA-256 of the text (UTF-8, ``\\n`` line ends).
"""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomli_w

from qa_desk.analysis import AnswerKind, Question, QuestionSet, QuestionSetError, bant, parse_question_set

DEFAULT_MIN_CONFIDENCE = 0.5
CURRENCIES = ("RUB", "USD", "EUR")


class ContractError(ValueError):
    """A contract that cannot be used; the Russian message names the file and the question."""


class RuleKind(StrEnum):
    YES = "yes"
    NO = "no"
    PRESENT = "present"
    DECISION_MAKER = "decision_maker"
    MIN_AMOUNT = "min_amount"
    WITHIN_MONTHS = "within_months"


@dataclass(frozen=True, slots=True)
class Rule:
    """What makes one question's answer qualifying."""

    question_id: str
    title: str
    kind: RuleKind
    required: bool = True
    threshold: float | None = None  # min_amount (in ``currency``) or within_months
    currency: str = "RUB"

    def describe(self) -> str:
        """The rule as the contract's reader says it: «не меньше 300 000 ₽»."""
        if self.kind is RuleKind.YES:
            text = "ответ «да»"
        elif self.kind is RuleKind.NO:
            text = "ответ «нет»"
        elif self.kind is RuleKind.DECISION_MAKER:
            text = "собеседник сам принимает решение"
        elif self.kind is RuleKind.MIN_AMOUNT:
            text = f"не меньше {money(self.threshold or 0, self.currency)}"
        elif self.kind is RuleKind.WITHIN_MONTHS:
            text = f"в течение {months_text(self.threshold or 0)}"
        else:
            text = "ответ есть"
        return text if self.required else f"{text} (необязательный)"


@dataclass(frozen=True, slots=True)
class LeadContract:
    name: str
    client: str
    text: str
    sha256: str
    questions: QuestionSet
    rules: tuple[Rule, ...]
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    def rule(self, question_id: str) -> Rule | None:
        return next((r for r in self.rules if r.question_id == question_id), None)

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


def normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def contract_hash(text: str) -> str:
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def money(amount: float, currency: str = "RUB") -> str:
    sign = {"RUB": "₽", "USD": "$", "EUR": "€"}.get(currency, currency)
    return f"{round(amount):,}".replace(",", " ") + f" {sign}"


def months_text(months: float) -> str:
    from qa_desk.domain.russian import plural

    n = round(months)
    return f"{n} {plural(n, ('месяца', 'месяцев', 'месяцев'))}"


def load_contract(path: str | Path) -> LeadContract:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ContractError(f"{path}: не удалось прочитать договор ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ContractError(f"{path}: договор не в кодировке UTF-8") from None
    return parse_contract(text, str(path))


def parse_contract(text: str, where: str) -> LeadContract:
    """Parse a contract's TOML text; ``where`` (a path or a name) is used in error messages."""
    text = normalize(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContractError(f"{where}: ошибка синтаксиса TOML: {exc}") from None
    raw_questions = data.get("question")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise ContractError(f"{where}: нет ни одного вопроса (ожидались таблицы [[question]])")
    base = bant()
    engine_tables: list[dict[str, Any]] = []
    borrowed: dict[str, Question] = {}
    rules: list[Rule] = []
    for number, raw in enumerate(raw_questions, 1):
        if not isinstance(raw, dict):
            raise ContractError(f"{where}, вопрос №{number}: ожидалась таблица [[question]]")
        table, source = _engine_table(raw, base, f"{where}, вопрос №{number}")
        if source is not None:
            borrowed[table["id"]] = source
        engine_tables.append(table)
    name = str(data.get("name") or Path(where).stem).strip()
    try:
        parsed = parse_question_set(tomli_w.dumps({"name": name, "question": engine_tables}), where)
    except QuestionSetError as exc:
        raise ContractError(str(exc)) from None
    questions = tuple(_with_source(q, borrowed.get(q.id)) for q in parsed.questions)
    for raw, question in zip(raw_questions, questions, strict=True):
        rules.append(_rule(raw, question, f"{where} (вопрос «{question.id}»)"))
    confidence = data.get("min_confidence", DEFAULT_MIN_CONFIDENCE)
    if not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise ContractError(f"{where}: «min_confidence» должно быть числом от 0 до 1")
    return LeadContract(
        name=name,
        client=str(data.get("client", "")).strip(),
        text=text,
        sha256=contract_hash(text),
        questions=QuestionSet(name, questions),
        rules=tuple(rules),
        min_confidence=float(confidence),
    )


_RULE_KEYS = ("bant", "required", "qualify", "min_amount", "within_months", "currency")


def _engine_table(
    raw: dict[str, Any], base: QuestionSet, where: str
) -> tuple[dict[str, Any], Question | None]:
    """The question's table for the engine's parser, with a borrowed BANT question's fields filled in."""
    table = {k: v for k, v in raw.items() if k not in _RULE_KEYS}
    ref = raw.get("bant")
    if ref is None and isinstance(raw.get("id"), str) and not raw.get("ask") and not raw.get("cues"):
        ref = raw["id"] if base.get(raw["id"]) is not None else None
    if ref is None:
        return table, None
    source = base.get(str(ref))
    if source is None:
        raise ContractError(f"{where}: в BANT нет вопроса «{ref}»; есть: {', '.join(base.ids)}")
    table.setdefault("id", source.id)
    table.setdefault("title", source.title)
    table.setdefault("answer", source.answer.value)
    table.setdefault("ask", list(source.ask) or [source.title])
    return table, source


def _with_source(question: Question, source: Question | None) -> Question:
    """A borrowed question keeps BANT's cues and rules, with the contract's id, title and extra phrasings."""
    if source is None:
        return question
    ask = tuple(dict.fromkeys(source.ask + question.ask))
    return dataclasses.replace(source, id=question.id, title=question.title, ask=ask)


def _rule(raw: dict[str, Any], question: Question, where: str) -> Rule:
    required = raw.get("required", True)
    if not isinstance(required, bool):
        raise ContractError(f"{where}: «required» должно быть true или false")
    given = [k for k in ("qualify", "min_amount", "within_months") if k in raw]
    if len(given) > 1:
        raise ContractError(f"{where}: укажите одно условие, а не {', '.join(given)}")
    rule = Rule(question.id, question.title, _default_kind(question), required)
    if "min_amount" in raw:
        amount = raw["min_amount"]
        currency = str(raw.get("currency", "RUB")).upper()
        if not isinstance(amount, int | float) or isinstance(amount, bool) or amount < 0:
            raise ContractError(f"{where}: «min_amount» должно быть неотрицательным числом")
        if currency not in CURRENCIES:
            raise ContractError(
                f"{where}: валюта «{currency}» не поддерживается; допустимы: {', '.join(CURRENCIES)}"
            )
        _expect_kind(question, AnswerKind.MONEY, "min_amount", where)
        return dataclasses.replace(rule, kind=RuleKind.MIN_AMOUNT, threshold=float(amount), currency=currency)
    if "within_months" in raw:
        months = raw["within_months"]
        if not isinstance(months, int | float) or isinstance(months, bool) or months <= 0:
            raise ContractError(f"{where}: «within_months» должно быть положительным числом месяцев")
        _expect_kind(question, AnswerKind.TIMING, "within_months", where)
        return dataclasses.replace(rule, kind=RuleKind.WITHIN_MONTHS, threshold=float(months))
    if "qualify" in raw:
        try:
            kind = RuleKind(str(raw["qualify"]))
        except ValueError:
            allowed = "yes, no, present, decision_maker"
            raise ContractError(
                f"{where}: неизвестное условие «{raw['qualify']}»; допустимы: {allowed}"
            ) from None
        if kind in (RuleKind.MIN_AMOUNT, RuleKind.WITHIN_MONTHS):
            raise ContractError(f"{where}: порог задаётся ключом «{kind.value} = число»")
        if kind in (RuleKind.YES, RuleKind.NO):
            _expect_kind(question, AnswerKind.YES_NO, f'qualify = "{kind.value}"', where)
        if kind is RuleKind.DECISION_MAKER:
            _expect_kind(question, AnswerKind.PERSON, 'qualify = "decision_maker"', where)
        return dataclasses.replace(rule, kind=kind)
    return rule


def _default_kind(question: Question) -> RuleKind:
    return RuleKind.YES if question.answer is AnswerKind.YES_NO else RuleKind.PRESENT


def _expect_kind(question: Question, kind: AnswerKind, key: str, where: str) -> None:
    if question.answer is not kind:
        raise ContractError(
            f"{where}: условие {key} подходит только к ответу типа «{kind.value}», а у вопроса «{question.answer.value}»"
        )


def engine_toml(contract: LeadContract) -> str:
    """The contract's questions as a plain engine question set (BANT borrowings spelled out).

    Stored as the contract's ``questions_toml`` so the deal view analyses a lead's calls against
    the contract's own questions.
    """
    tables = []
    for question in contract.questions.questions:
        table: dict[str, Any] = {}
        for f in dataclasses.fields(question):
            value = getattr(question, f.name)
            if isinstance(value, StrEnum):
                value = value.value
            elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                value = list(value)
            elif not isinstance(value, str | bool | int | float):
                continue  # a field the engine adds that TOML cannot spell: the engine's default applies
            if value not in ("", [], False):
                table[f.name] = value
        tables.append(table)
    return tomli_w.dumps({"name": contract.name, "question": tables})
