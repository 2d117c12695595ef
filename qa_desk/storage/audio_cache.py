"""A bounded local cache of recordings fetched from the store, one per workstation (LRU by size).

Files are named by content (``<sha256><suffix>``) in two-level folders. A hit is checked against its
hash before it is used and touched, so the least recently used files go first when the cache grows
past its limit. Writes go to a temporary file that is renamed into place only once its hash is
right, so a crash or a second process never leaves half a recording under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

READ_CHUNK = 1 << 20


class HashMismatch(ValueError):
    """Bytes whose sha256 is not the one asked for; ``actual`` is what they hash to."""

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"sha256 {actual} вместо {expected}")
        self.expected = expected
        self.actual = actual


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingWriter:
    """A binary sink that hashes what passes through it."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self._out.write(data)


class AudioCache:
    def __init__(self, root: Path, limit_bytes: int) -> None:
        self.root = root
        self.limit_bytes = limit_bytes

    def path_for(self, sha256: str, suffix: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{suffix}"

    def get(self, sha256: str, suffix: str) -> Path | None:
        """The cached file when present and intact; a damaged copy is removed (fetched again)."""
        path = self.path_for(sha256, suffix)
        try:
            if sha256_of(path) != sha256:
                path.unlink(missing_ok=True)
                return None
            os.utime(path)  # most recently used
        except OSError:
            return None
        return path

    def fill(self, sha256: str, suffix: str, write: Callable[[BinaryIO], None]) -> Path:
        """Run ``write`` into a new cache file; keep it only when its hash is ``sha256``.

        Raises ``HashMismatch`` (nothing is kept) when the bytes are not that content.
        """
        path = self.path_for(sha256, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{sha256[:16]}", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                sink = _HashingWriter(fh)
                write(sink)  # type: ignore[arg-type]  # duck-typed binary sink
            actual = sink.digest.hexdigest()
            if actual != sha256:
                raise HashMismatch(sha256, actual)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self.evict(keep=path)
        return path

    def size(self) -> int:
        return sum(size for _, _, size in self._entries())

    def evict(self, keep: Path | None = None) -> int:
        """Remove the least recently used files until the cache is within its limit."""
        entries = sorted(self._entries(), key=lambda e: e[1])
        total = sum(size for _, _, size in entries)
        removed = 0
        for path, _, size in entries:
            if total <= self.limit_bytes:
                break
            if keep is not None and path == keep:
                continue
            try:
                path.unlink()
            except OSError:
                continue  # in use by a player on Windows: next time
            total -= size
            removed += 1
        return removed

    def _entries(self) -> list[tuple[Path, float, int]]:
        out: list[tuple[Path, float, int]] = []
        if not self.root.is_dir():
            return out
        for sub in self.root.iterdir():
            if not sub.is_dir():
                continue
            for path in sub.iterdir():
                if path.name.startswith("."):
                    _drop_if_stale(path)  # a file being written, or left by a crash
                    continue
                try:
                    stat = path.stat()
                except OSError:
                    continue
                out.append((path, stat.st_mtime, stat.st_size))
        return out


STALE_PART_S = 24 * 3600


def _drop_if_stale(path: Path) -> None:
    import time

    try:
        if time.time() - path.stat().st_mtime > STALE_PART_S:
            path.unlink()
    except OSError:
        pass
