"""Guessing join codes, limited per client address across sessions and routes.

A join code has about 39.6 bits, so guessing one takes a vast number of tries; this
keeps the number of tries small. Every wrong code (typed on the start page, in a
``/board`` or ``/summary`` address, or asked of the live stream) counts against the
address it came from, in this server process, whatever the browser session. An address
with ``MAX_MISSES`` wrong codes within ``WINDOW_S`` seconds is refused, even a right
code, until its oldest miss is that old: the answer must not tell whether a code exists.

A room often shares one address (an office network), so the limit allows a room's
typos and stops only a steady stream of guesses.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping

from sqlite_utils import Database

from workshop import workshops
from workshop.errors import NotFound, TooManyAttempts
from workshop.i18n import tn
from workshop.models import Workshop

MAX_MISSES = 20
WINDOW_S = 600.0
# The header a trusted reverse proxy puts the client's address in; unset, the address
# of the connection is used, because any client can send any header.
ADDRESS_HEADER_ENV = "WORKSHOP_CLIENT_ADDRESS_HEADER"
_SWEEP_AT = 10_000  # addresses remembered before quiet ones are swept out


class Guard:
    """Wrong codes per address over a sliding window. Safe across threads."""

    def __init__(
        self,
        max_misses: int = MAX_MISSES,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_misses = max_misses
        self.window_s = window_s
        self._clock = clock
        self._misses: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, address: str) -> float:
        """Seconds until ``address`` may try a code again (0: now)."""
        with self._lock:
            misses = self._recent(address)
            if len(misses) < self.max_misses:
                return 0.0
            return max(misses[0] + self.window_s - self._clock(), 0.0)

    def missed(self, address: str) -> None:
        with self._lock:
            if len(self._misses) >= _SWEEP_AT:  # many addresses, most of them quiet by now
                for known in list(self._misses):
                    self._recent(known)
            self._recent(address)
            self._misses.setdefault(address, deque()).append(self._clock())

    def _recent(self, address: str) -> deque[float]:
        """The address's misses within the window; a quiet address is forgotten, so
        the table cannot grow without end."""
        misses = self._misses.get(address, deque())
        while misses and misses[0] <= self._clock() - self.window_s:
            misses.popleft()
        if not misses:
            self._misses.pop(address, None)
        return misses

    def check(self, address: str) -> None:
        """Raise TooManyAttempts while ``address`` must wait."""
        wait = self.wait(address)
        if wait > 0:
            raise TooManyAttempts(
                tn(
                    "Too many wrong codes from your network. Try again in {n} second.",
                    "Too many wrong codes from your network. Try again in {n} seconds.",
                    int(wait) + 1,
                ),
                retry_after=wait,
            )


GUARD = Guard()  # one per server process: every session and route shares it


def client_address(peer: str | None, headers: Mapping[str, str]) -> str:
    """Who is guessing: the connection's address, or the configured proxy header's.

    A proxy appends the address it saw to ``X-Forwarded-For``, so the last entry is the
    one the proxy vouches for; the ones before it came from the client."""
    header = os.environ.get(ADDRESS_HEADER_ENV, "").strip()
    if header:
        forwarded = next((v for k, v in headers.items() if k.lower() == header.lower()), "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return peer if isinstance(peer, str) and peer else "unknown"


def find_by_code(db: Database, typed: str, address: str) -> Workshop:
    """The workshop a typed or linked code names, counting a wrong one against
    ``address``; TooManyAttempts while that address must wait."""
    GUARD.check(address)
    try:
        return workshops.find_by_code(db, typed)
    except NotFound:
        GUARD.missed(address)
        raise
