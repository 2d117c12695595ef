"""The verification callback script: an editable TOML template with Russian placeholders.

``load_script`` reads ``resources/scripts/default.toml`` (or another file); ``fill`` substitutes
``[имя сотрудника]``, ``[компания]``, ``[когда]`` ... Placeholders it does not know, or knows but
has no value for, stay visible in the text and are reported so the reviewer sees the gap.

Values from the CRM are quoted («маленький бюджет»), so a sentence reads right whatever their
form. A placeholder may ask for a grammatical case, ``[продукт:вин]``; ``fill`` then asks its
``inflect`` hook (a dictionary lives outside the domain) and quotes the value as it is when the
hook cannot inflect it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

DEFAULT_SCRIPT_PATH = Path(__file__).resolve().parents[2] / "resources" / "scripts" / "default.toml"

_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip

_PLACEHOLDER = re.compile(r"\[([^\[\]\n]{1,60})\]")
# ``[продукт:вин]``: the case a value is put in (Russian abbreviations of the six cases).
CASES = {"им": "nomn", "род": "gent", "дат": "datv", "вин": "accs", "твор": "ablt", "пред": "loct"}
Inflect = Callable[[str, str], str | None]  # (value, case) -> the value in that case, or None


def format_ru_date(day: date, today: date | None = None) -> str:
    """«5 марта»; the year is added when ``today`` is given and falls in another year."""
    text = f"{day.day} {_MONTHS_GENITIVE[day.month - 1]}"
    if today is not None and today.year != day.year:
        text += f" {day.year} г."
    return text


class ScriptError(ValueError):
    """The script file is malformed; the message names the file and the step."""


class FieldKind(StrEnum):
    YES_NO = "yes_no"
    MONEY = "money"  # roubles; parse with ``verdicts.parse_money``
    TEXT = "text"
    NOTES = "notes"
    REASON = "reason"  # one of the configured refusal reasons


@dataclass(frozen=True, slots=True)
class AnswerField:
    id: str
    label: str
    kind: FieldKind
    required: bool = False


@dataclass(frozen=True, slots=True)
class ScriptStep:
    id: str
    title: str
    text: str
    fields: tuple[AnswerField, ...] = ()


@dataclass(frozen=True, slots=True)
class CallbackScript:
    title: str
    steps: tuple[ScriptStep, ...]

    def fields(self) -> Iterator[AnswerField]:
        for step in self.steps:
            yield from step.fields

    def unknown_placeholders(self) -> list[str]:
        """Placeholders no context can fill (typos in the template), for the script editor."""
        found = (m.group(1) for s in self.steps for m in _PLACEHOLDER.finditer(s.title + s.text))
        return sorted({p for p in found if _split(p)[0] not in _PLACEHOLDERS or _split(p)[1] is False})


@dataclass(frozen=True, slots=True)
class ScriptContext:
    reviewer_name: str = ""
    company: str = ""  # OUR company, from settings
    last_call_date: date | None = None
    refusal_reason: str = ""
    product: str = ""
    client: str = ""
    today: date | None = None  # only to decide whether the date needs a year


@dataclass(frozen=True, slots=True)
class FilledStep:
    id: str
    title: str
    text: str
    fields: tuple[AnswerField, ...]
    unknown: tuple[str, ...] = ()  # placeholders nobody knows, left as they were
    missing: tuple[str, ...] = ()  # known placeholders with no value in the context, left visible


def _key(name: str) -> str:
    return " ".join(name.split()).casefold().replace("ё", "е")


def _split(name: str) -> tuple[str, str | None | bool]:
    """«продукт:вин» -> ("продукт", "accs"); an unknown case gives ``False``."""
    key, sep, case = _key(name).partition(":")
    if not sep:
        return key, None
    return key.strip(), CASES.get(case.strip(), False)


# Placeholder (normalized) -> ScriptContext attribute.
_PLACEHOLDERS: dict[str, str] = {
    "имя сотрудника": "reviewer_name",
    "компания": "company",
    "когда": "last_call_date",
    "дата последнего звонка": "last_call_date",
    "причина": "refusal_reason",
    "причина отказа": "refusal_reason",
    "продукт": "product",
    "клиент": "client",
}
# Values from the CRM, quoted when inserted as they are (a company already in «» stays as it is).
_QUOTED = frozenset({"company", "refusal_reason", "product"})


def quote(value: str) -> str:
    """«value», unless it carries its own quotes already (ООО «Ромашка»)."""
    return value if any(q in value for q in "«»\"") else f"«{value}»"


def _value(context: ScriptContext, attribute: str) -> str:
    if attribute == "last_call_date":
        return format_ru_date(context.last_call_date, context.today) if context.last_call_date else ""
    value: str = getattr(context, attribute)
    return value.strip()


def _substitute(
    text: str, context: ScriptContext, unknown: list[str], missing: list[str], inflect: Inflect | None
) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        key, case = _split(name)
        attribute = _PLACEHOLDERS.get(key)
        if attribute is None or case is False:
            unknown.append(name)
            return match.group(0)
        value = _value(context, attribute)
        if not value:
            missing.append(name.partition(":")[0].strip())
            return match.group(0)
        if isinstance(case, str) and inflect is not None and (inflected := inflect(value, case)):
            return inflected
        return quote(value) if attribute in _QUOTED else value

    return _PLACEHOLDER.sub(replace, text)


def fill(script: CallbackScript, context: ScriptContext, inflect: Inflect | None = None) -> list[FilledStep]:
    """Substitute placeholders in every step's title and text (``inflect``: see the module)."""
    filled = []
    for step in script.steps:
        unknown: list[str] = []
        missing: list[str] = []
        title = _substitute(step.title, context, unknown, missing, inflect)
        text = _substitute(step.text, context, unknown, missing, inflect)
        filled.append(
            FilledStep(
                step.id,
                title,
                text,
                step.fields,
                tuple(dict.fromkeys(unknown)),
                tuple(dict.fromkeys(missing)),
            )
        )
    return filled


def missing_answers(script: CallbackScript, answers: Mapping[str, object]) -> list[AnswerField]:
    """Required fields with no answer yet (``False`` is an answer; ``None`` and blank text are not)."""

    def empty(value: object) -> bool:
        return value is None or (isinstance(value, str) and not value.strip())

    return [f for f in script.fields() if f.required and empty(answers.get(f.id))]


def _text(table: Mapping[str, object], key: str, where: str, *, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ScriptError(f"{where}: поле «{key}» должно быть непустой строкой")
    return value.strip()


def _parse_field(raw: object, where: str) -> AnswerField:
    if not isinstance(raw, dict):
        raise ScriptError(f"{where}: поле ответа должно быть таблицей [[steps.fields]]")
    field_id = _text(raw, "id", where)
    kind = _text(raw, "kind", f"{where}, поле {field_id}")
    if kind not in {k.value for k in FieldKind}:
        kinds = ", ".join(FieldKind)
        raise ScriptError(f"{where}, поле {field_id}: неизвестный вид «{kind}» (допустимо: {kinds})")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise ScriptError(f"{where}, поле {field_id}: required должно быть true или false")
    return AnswerField(field_id, _text(raw, "label", f"{where}, поле {field_id}"), FieldKind(kind), required)


def parse_script(text: str, source: str = "<скрипт>") -> CallbackScript:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScriptError(f"{source}: ошибка TOML: {exc}") from exc
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ScriptError(f"{source}: в скрипте нет шагов [[steps]]")
    steps: list[ScriptStep] = []
    for number, raw in enumerate(raw_steps, start=1):
        where = f"{source}, шаг {number}"
        if not isinstance(raw, dict):
            raise ScriptError(f"{where}: шаг должен быть таблицей [[steps]]")
        raw_fields = raw.get("fields", [])
        if not isinstance(raw_fields, list):
            raise ScriptError(f"{where}: fields должно быть списком [[steps.fields]]")
        fields = tuple(_parse_field(f, where) for f in raw_fields)
        steps.append(
            ScriptStep(_text(raw, "id", where), _text(raw, "title", where), _text(raw, "text", where), fields)
        )
    for what, ids in (("шагов", [s.id for s in steps]), ("полей", [f.id for s in steps for f in s.fields])):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ScriptError(f"{source}: id {what} повторяются: {', '.join(dupes)}")
    return CallbackScript(_text(data, "title", source, required=False) or "Проверочный звонок", tuple(steps))


def load_script(path: Path | str | None = None) -> CallbackScript:
    """Read a script template; ``None`` means ``resources/scripts/default.toml``."""
    path = Path(path) if path is not None else DEFAULT_SCRIPT_PATH
    return parse_script(path.read_text(encoding="utf-8"), str(path))
