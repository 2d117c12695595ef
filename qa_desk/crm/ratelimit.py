"""Client-side rate limits, so the CRM never has to refuse us.

* amoCRM allows about 7 requests per second per integration: ``SlidingWindow(7, 1.0)`` never
  lets more than 7 requests start within any one second.
* Bitrix24 counts requests in a leaky bucket (cloud: 50 requests of burst, drained at 2 per
  second; Enterprise 250 and 5): ``LeakyBucket(50, 2.0)`` mirrors that counter on our side.
"""

from __future__ import annotations

from collections import deque
from typing import Protocol

from qa_desk.crm.clock import Clock


class RateLimiter(Protocol):
    def acquire(self) -> float:
        """Wait until one more request may start; return the seconds waited."""
        ...


class SlidingWindow:
    def __init__(self, limit: int, period_s: float, clock: Clock) -> None:
        if limit < 1 or period_s <= 0:
            raise ValueError("limit must be >= 1 and period positive")
        self.limit, self.period, self.clock = limit, period_s, clock
        self._starts: deque[float] = deque()

    def acquire(self) -> float:
        waited = 0.0
        now = self.clock.monotonic()
        while len(self._starts) >= self.limit:
            oldest = self._starts[0]
            if now - oldest >= self.period:
                self._starts.popleft()
                continue
            pause = self.period - (now - oldest)
            self.clock.sleep(pause)
            waited += pause
            now = self.clock.monotonic()
        self._starts.append(now)
        return waited


class LeakyBucket:
    def __init__(self, capacity: int, leak_per_s: float, clock: Clock) -> None:
        if capacity < 1 or leak_per_s <= 0:
            raise ValueError("capacity must be >= 1 and the leak rate positive")
        self.capacity, self.leak, self.clock = capacity, leak_per_s, clock
        self._level = 0.0
        self._at = clock.monotonic()

    def _drain(self) -> None:
        now = self.clock.monotonic()
        self._level = max(0.0, self._level - (now - self._at) * self.leak)
        self._at = now

    def acquire(self) -> float:
        self._drain()
        waited = 0.0
        if self._level + 1 > self.capacity:
            pause = (self._level + 1 - self.capacity) / self.leak
            self.clock.sleep(pause)
            waited = pause
            self._drain()
        self._level += 1
        return waited
