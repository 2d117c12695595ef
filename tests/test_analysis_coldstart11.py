"""A cold start of the engine: its data files are read without ``importlib.resources`` and TOML errors keep
their message while ``tomllib`` is imported only when a text must be parsed (``data_files``, ``parsed_toml``)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources

import pytest
from conftest import ROOT

from qa_desk.analysis import data_files, parsed_toml
from qa_desk.analysis.questions import QuestionSetError, parse_question_set
from qa_desk.analysis.reasons import parse_reason_map


def test_the_data_files_are_those_importlib_resources_names() -> None:
    for name in ("data/language.toml", "data/families.toml", "data/roles.toml", "data/checks.toml"):
        assert data_files.read_text(name) == resources.files("qa_desk.analysis").joinpath(name).read_text(encoding="utf-8")
    assert (data_files.ANALYSIS / "data/vectors.bin").read_bytes() == \
        resources.files("qa_desk.analysis").joinpath("data/vectors.bin").read_bytes()
    bant = resources.files("qa_desk.analysis.questions").joinpath("bant.toml").read_text(encoding="utf-8")
    assert data_files.read_text("bant.toml", data_files.QUESTIONS) == bant


def test_the_decode_error_is_tomllibs() -> None:
    assert parsed_toml.decode_error() is tomllib.TOMLDecodeError


@pytest.mark.parametrize("parse", [parse_question_set, parse_reason_map])
def test_a_broken_set_still_names_its_toml_error(parse: object) -> None:
    broken = "[[question]\nid = 'срок'\n"
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(broken)
    with pytest.raises(QuestionSetError) as raised:
        parse(broken, "мой_набор.toml")  # type: ignore[operator]
    assert str(raised.value) == f"мой_набор.toml: ошибка синтаксиса TOML: {expected.value}"


def test_importing_the_engine_pulls_in_no_resource_readers() -> None:
    code = ("import sys\nfrom qa_desk.analysis import analyze_deal, bant\n"
            "print(sorted(m for m in ('importlib.resources', 'tempfile', 'zipfile') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"
