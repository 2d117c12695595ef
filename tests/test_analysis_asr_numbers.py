"""Whisper's split compound numbers joined before tokenising (qa_desk/analysis/asr_numbers.py)."""

from __future__ import annotations

import pytest

from qa_desk.analysis.asr_numbers import join_split_numbers


@pytest.mark.parametrize(("text", "joined"), [
    ("где-то шесть сот тысяч без НДС", "где-то 600 тысяч без НДС"),
    ("Мне 7 сут. Максимум", "Мне 700. Максимум"),
    ("три ста тысяч", "300 тысяч"),
    ("сорок 8000 рублей", "48000 рублей"),
    ("40 8000, на десять", "48000, на десять"),
    ("40 8 000", "48000"),
])
def test_split_numbers_joined(text: str, joined: str) -> None:
    assert join_split_numbers(text) == joined


@pytest.mark.parametrize("text", [
    "шесть сотен", "7 сотрудников", "в 2024 году", "40 машин, 8000 за штуку", "48 000", "сто 20 тысяч",
    "45 8000", "1,5 сот",
])
def test_other_numbers_unchanged(text: str) -> None:
    assert join_split_numbers(text) == text


def test_fuzzy_repair_goes_the_same_way_in_every_process() -> None:
    """Findings are evidence: the same transcript gives the same answer in every process. The repair
    vocabulary's order decides ties in the fuzzy match, so it must not follow Python's hash seed."""
    import os
    import subprocess
    import sys

    code = ("import hashlib; from qa_desk.analysis.lexicon import Lexicon; "
            "lex = Lexicon(['бюджет', 'директор', 'решать', 'сроки', 'срок', 'николай', 'никто']); "
            "print(hashlib.sha256('|'.join(lex._choices).encode()).hexdigest(), lex.token('нико').lemma)")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(runs) == 1
