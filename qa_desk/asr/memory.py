"""Keeping the transcriber's memory flat over long calls (glibc's allocator; a no-op elsewhere).

Over a 2-hour call the many large, short-lived arrays (packed audio, features, encoder outputs,
decoder states) left the worker's resident memory creeping up group after group: glibc raises its
mmap threshold after each large free, so later large arrays came from the heap and fragmented it.
Two measures, measured on a 30-minute call (``scripts/bench_memory.py`` for the full figures):

* ``keep_large_allocations_mapped``: arrays of 1 MB and more always get their own mapping, returned
  to the system when freed (peak per 10-minute stretch 535-564 MB instead of 667-739 MB);
* ``release_freed_memory`` between stretches: ``malloc_trim`` hands back freed heap pages.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from functools import cache
from typing import Any

_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
MMAP_THRESHOLD = 1 << 20


@cache
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


@cache
def keep_large_allocations_mapped() -> bool:
    """Once per process; True when glibc took the setting."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def release_freed_memory() -> None:
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
