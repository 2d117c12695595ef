#!/usr/bin/env python3
"""Sealed held-out sets: a fresh v7 set kept in the repository as one archive, so that it outlives the machine
it was written on, and is not read by accident (nobody greps or opens a tar.gz while tuning).

    python3 scripts/sealed_sets.py seal FOLDER tests/corpus/sealed/NAME.tar.gz   # author folders -> archive
    python3 scripts/eval_questions.py --sealed tests/corpus/sealed/NAME.tar.gz [--by-author] [--audio]

A sealed set is scored with pooled figures only (no -v, no miss list). Once a round has been measured on it,
it is burned: unpack it into tests/corpus/v7/heldout_<name>/ (``unseal``) and write its MISSES.md.
"""

from __future__ import annotations

import gzip
import io
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def set_name(archive: Path) -> str:
    """The set's name: the archive's name before its first dot ("h19" of h19.tar.gz); its folder when unpacked."""
    return archive.name.split(".")[0]


def seal(folder: Path, archive: Path) -> int:
    """Write ``folder``'s files into ``archive`` byte-reproducibly (sorted, no times or owners); the file count."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    archive.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in files:
            info = tarfile.TarInfo(f"{set_name(archive)}/{path.relative_to(folder).as_posix()}")
            data = path.read_bytes()
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    archive.write_bytes(gzip.compress(buffer.getvalue(), mtime=0))
    return len(files)


def unseal(archive: Path, target: Path) -> Path:
    """Unpack ``archive`` under ``target``; the set's folder (named after the archive)."""
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(target, filter="data")
    return target / set_name(archive)


def unreadable(archive: Path) -> str | None:
    """Why ``archive`` is no sealed set (one line), or None when its members can be read."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            names = tar.getnames()
    except (OSError, EOFError, tarfile.TarError) as exc:
        return f"{archive}: не архив набора ({type(exc).__name__}: {exc})"
    if not any(name.startswith(f"{set_name(archive)}/") for name in names):
        return f"{archive}: в архиве нет папки {set_name(archive)}/"
    return None


@contextmanager
def opened(archive: Path) -> Iterator[Path]:
    """The sealed set unpacked into a temporary folder for the length of a scoring run."""
    with tempfile.TemporaryDirectory(prefix="qa-desk-sealed-") as tmp:
        yield unseal(archive, Path(tmp))


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "seal" and not Path(argv[1]).is_dir():
        print(f"{argv[1]}: нет такой папки", file=sys.stderr)
        return 2
    if len(argv) == 3 and argv[0] == "seal":
        print(f"{seal(Path(argv[1]), Path(argv[2]))} файлов → {argv[2]}")
        return 0
    if len(argv) == 3 and argv[0] == "unseal" and (problem := unreadable(Path(argv[1]))) is not None:
        print(problem, file=sys.stderr)
        return 2
    if len(argv) == 3 and argv[0] == "unseal":
        print(unseal(Path(argv[1]), Path(argv[2])))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
