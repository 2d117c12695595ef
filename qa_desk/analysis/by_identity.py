"""Results kept by the identity of an immutable object the engine reads many times in one analysis (a token, a
sentence's tokens tuple): the object is kept beside its result, so its id is never reused while the entry lives, and
the store is emptied when full (bounded memory, no eviction bookkeeping on the hot path)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class IdentityCache(Generic[K, V]):
    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._data: dict[int, tuple[K, V]] = {}

    def get(self, key: K, compute: Callable[[K], V]) -> V:
        """``compute(key)``, once per live ``key`` object."""
        hit = self._data.get(id(key))
        if hit is not None and hit[0] is key:
            return hit[1]
        value = compute(key)
        if len(self._data) >= self._kept:
            self._data.clear()
        self._data[id(key)] = (key, value)
        return value

    def bound(self, compute: Callable[[K], V]) -> Callable[[K], V]:
        """``get`` with ``compute`` bound: one call per look-up on the hot path (the same store, the same results)."""
        data, kept = self._data, self._kept

        def cached(key: K) -> V:
            hit = data.get(id(key))
            if hit is not None and hit[0] is key:
                return hit[1]
            value = compute(key)
            if len(data) >= kept:
                data.clear()
            data[id(key)] = (key, value)
            return value
        return cached
