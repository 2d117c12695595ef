"""Checking a pack: the manifest's seal, every file's SHA-256, and (given the originals) every clip.

Each problem is one Russian line that names the file. Originals are found in ``recordings`` by
their SHA-256 (any name, any sub-folder), so a client can point at its own copy of the calls.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_desk.audio import file_sha256
from qa_desk.evidence import manifest as mf
from qa_desk.evidence.clips import Cut, matches

AUDIO_SUFFIXES = {".mp3", ".wav", ".ogg", ".oga", ".opus", ".flac", ".m4a"}


@dataclass
class VerifyReport:
    pack: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: int = 0
    clips_checked: int = 0
    originals_found: int = 0
    manifest: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_pack(pack: Path, recordings: Path | None = None) -> VerifyReport:
    report = VerifyReport(Path(pack))
    try:
        archive = zipfile.ZipFile(pack)
    except (OSError, zipfile.BadZipFile) as exc:
        report.problems.append(f"{Path(pack).name}: не открывается как ZIP ({exc})")
        return report
    with archive:
        names = set(archive.namelist())
        manifest = _manifest(archive, names, report)
        if manifest is None:
            return report
        report.manifest = manifest
        listed = {entry["path"]: entry for entry in manifest.get("files", [])}
        for path, entry in sorted(listed.items()):
            if path not in names:
                report.problems.append(f"{path}: файл из манифеста отсутствует в пакете")
                continue
            report.files += 1
            if mf.sha256(archive.read(path)) != entry.get("sha256"):
                report.problems.append(f"{path}: SHA-256 не совпадает с манифестом — файл изменён")
        for extra in sorted(names - set(listed) - {mf.MANIFEST, mf.SIDECAR}):
            report.problems.append(f"{extra}: файла нет в манифесте — добавлен после сборки")
        clip_hashes = {c["file"]: c.get("sha256") for c in manifest.get("clips", [])}
        for path, digest in clip_hashes.items():
            if path in listed and listed[path].get("sha256") != digest:
                report.problems.append(f"{path}: SHA-256 фрагмента в манифесте расходится со списком файлов")
        if recordings is not None:
            _check_clips(archive, names, manifest, Path(recordings), report)
    return report


def _manifest(archive: zipfile.ZipFile, names: set[str], report: VerifyReport) -> dict[str, Any] | None:
    if mf.MANIFEST not in names:
        report.problems.append(f"{mf.MANIFEST}: в пакете нет манифеста")
        return None
    raw = archive.read(mf.MANIFEST)
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.problems.append(f"{mf.MANIFEST}: не читается как JSON ({exc})")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != mf.FORMAT:
        report.problems.append(f"{mf.MANIFEST}: неизвестный формат (ожидался {mf.FORMAT})")
        return None
    if not mf.is_sealed(manifest):
        report.problems.append(
            f"{mf.MANIFEST}: SHA-256 манифеста не совпадает с его содержимым — манифест изменён"
        )
    if mf.SIDECAR not in names:
        report.problems.append(f"{mf.SIDECAR}: нет файла с SHA-256 манифеста")
    elif archive.read(mf.SIDECAR).split(b" ")[0].decode(errors="replace").strip() != mf.sha256(raw):
        report.problems.append(f"{mf.SIDECAR}: SHA-256 не совпадает с manifest.json — один из них изменён")
    return manifest


def _check_clips(
    archive: zipfile.ZipFile, names: set[str], manifest: dict[str, Any], folder: Path, report: VerifyReport
) -> None:
    wanted = {o["sha256"]: o for o in manifest.get("originals", []) if o.get("sha256")}
    found, other = _find_originals(folder, wanted, report)
    report.originals_found = len(found)
    for digest, original in wanted.items():
        if digest in found:
            continue
        if original["file"] in other:
            report.problems.append(
                f"{other[original['file']]}: SHA-256 отличается от оригинала «{original['file']}» в манифесте — это не та запись"
            )
        elif original.get("state") == "transcribed":
            report.notes.append(
                f"{original['file']}: исходная запись не найдена в {folder} — её фрагменты не проверены"
            )
    for clip in manifest.get("clips", []):
        path = found.get(clip.get("original_sha256") or "")
        if path is None or clip["file"] not in names:
            continue
        cut = Cut(
            int(clip["start_frame"]), int(clip["frames"]), int(clip["sample_rate"]), int(clip["channels"])
        )
        problem = matches(path, archive.read(clip["file"]), cut)
        report.clips_checked += 1
        if problem:
            report.problems.append(
                f"{clip['file']}: не вырезан из {clip['original']} на {cut.start_s:.2f}–{cut.end_s:.2f} с — {problem}"
            )


def _find_originals(
    folder: Path, wanted: dict[str, dict[str, Any]], report: VerifyReport
) -> tuple[dict[str, Path], dict[str, Path]]:
    """(sha256 -> file in ``folder``, name -> a same-named file with another hash).

    Same-named files are hashed first, then any other audio file."""
    if not folder.is_dir():
        report.problems.append(f"{folder}: папка с исходными записями не найдена")
        return {}, {}
    names = {o["file"] for o in wanted.values()}
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES),
        key=lambda p: (p.name not in names, str(p)),
    )
    found: dict[str, Path] = {}
    other: dict[str, Path] = {}
    for path in files:
        if len(found) == len(wanted):
            break
        digest = file_sha256(path)
        if digest in wanted:
            found.setdefault(digest, path)
        elif path.name in names:
            other.setdefault(path.name, path)
    return found, other
