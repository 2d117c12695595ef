"""The configurable list of refusal reasons and the check of a chosen reason.

The list lives in ``resources/refusal_reasons.toml``; when that file is absent (an installed
wheel) the built-in defaults below are used. Matching ignores case, extra spaces and ё/е.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

OTHER = "другое"

DEFAULT_REASONS: tuple[str, ...] = (
    "маленький бюджет",
    "нет бюджета",
    "дорого",
    "не ЛПР",
    "нет потребности",
    "не сейчас",
    "выбрали конкурента",
    "не дозвонились",
    OTHER,
)

DEFAULT_REASONS_PATH = Path(__file__).resolve().parents[2] / "resources" / "refusal_reasons.toml"


class ReasonError(ValueError):
    """A reason missing, not in the list, or lacking its mandatory comment."""


class ReasonsConfigError(ValueError):
    """The reasons file is malformed."""


def normalize_reason(text: str) -> str:
    """Comparison key: case-folded, single spaces, ё as е."""
    return " ".join(text.split()).casefold().replace("ё", "е")


@dataclass(frozen=True, slots=True)
class RefusalReasons:
    """The reasons in display order; ``comment_required=None`` means «другое» if it is listed."""

    reasons: tuple[str, ...]
    comment_required: frozenset[str] | None = None
    _comment_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.reasons:
            raise ReasonsConfigError("Список причин отказа пуст")
        keys = [normalize_reason(r) for r in self.reasons]
        if "" in keys:
            raise ReasonsConfigError("В списке причин отказа есть пустая строка")
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ReasonsConfigError(f"Причины отказа повторяются: {', '.join(dupes)}")
        if self.comment_required is None:
            required = {OTHER} & set(keys)
        else:
            required = {normalize_reason(r) for r in self.comment_required}
        unknown = sorted(required - set(keys))
        if unknown:
            raise ReasonsConfigError(f"comment_required: причин нет в списке: {', '.join(unknown)}")
        object.__setattr__(self, "_comment_keys", frozenset(required))

    def match(self, text: str) -> str | None:
        """The reason as spelled in the list, or ``None``."""
        key = normalize_reason(text)
        return next((r for r in self.reasons if normalize_reason(r) == key), None)

    def needs_comment(self, reason: str) -> bool:
        return normalize_reason(reason) in self._comment_keys

    def validate(self, reason: str | None, comment: str | None = None) -> str:
        """Return the canonical spelling of ``reason`` or raise ``ReasonError`` (Russian message)."""
        if reason is None or not reason.strip():
            raise ReasonError("Укажите причину отказа")
        canonical = self.match(reason)
        if canonical is None:
            raise ReasonError(
                f"Причина «{reason.strip()}» не входит в список причин отказа: {', '.join(self.reasons)}"
            )
        if self.needs_comment(canonical) and not (comment and comment.strip()):
            raise ReasonError(f"Для причины «{canonical}» обязательно добавьте комментарий")
        return canonical


DEFAULT_REFUSAL_REASONS = RefusalReasons(DEFAULT_REASONS)


def load_refusal_reasons(path: Path | str | None = None) -> RefusalReasons:
    """Read the list from TOML; ``path=None`` means the bundled file, or the defaults if it is missing."""
    if path is None:
        if not DEFAULT_REASONS_PATH.is_file():
            return DEFAULT_REFUSAL_REASONS
        path = DEFAULT_REASONS_PATH
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReasonsConfigError(f"{path}: ошибка TOML: {exc}") from exc
    reasons = data.get("reasons")
    if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
        raise ReasonsConfigError(f"{path}: ключ reasons должен быть списком строк")
    required = data.get("comment_required")
    if required is not None and not (
        isinstance(required, list) and all(isinstance(r, str) for r in required)
    ):
        raise ReasonsConfigError(f"{path}: ключ comment_required должен быть списком строк")
    try:
        return RefusalReasons(
            tuple(" ".join(r.split()) for r in reasons),
            None if required is None else frozenset(required),
        )
    except ReasonsConfigError as exc:
        raise ReasonsConfigError(f"{path}: {exc}") from exc
