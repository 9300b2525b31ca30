"""Guessing join codes: wrong codes count per client address, across browser sessions,
the start page's form, ``/board?code=``, ``/summary?code=`` and the live stream."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from tests.support import app, run, shown
from workshop import guard
from workshop.live import Hub


class Clock:
    """A clock the test moves by hand: no waiting on real time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def live_request(code: str, peer: str = "203.0.113.7", headers: dict | None = None) -> Request:
    return Request({
        "type": "http", "method": "GET", "path": f"/_live/{code}",
        "path_params": {"code": code}, "query_string": b"who=v", "client": (peer, 40000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
    })


def test_an_address_is_refused_after_the_limit_until_its_misses_age():
    clock = Clock()
    limit = guard.Guard(max_misses=3, window_s=60, clock=clock)
    for _ in range(3):
        assert limit.wait("198.51.100.1") == 0
        limit.missed("198.51.100.1")
    assert limit.wait("198.51.100.1") == 60
    assert limit.wait("198.51.100.2") == 0  # another address is not held up
    clock.now += 30
    assert limit.wait("198.51.100.1") == 30
    clock.now += 30
    assert limit.wait("198.51.100.1") == 0


def test_quiet_addresses_are_forgotten(monkeypatch):
    clock = Clock()
    limit = guard.Guard(max_misses=3, window_s=60, clock=clock)
    monkeypatch.setattr(guard, "_SWEEP_AT", 3)
    for n in range(3):
        limit.missed(f"198.51.100.{n}")
    clock.now += 61
    limit.missed("198.51.100.9")
    assert list(limit._misses) == ["198.51.100.9"]


def test_the_address_comes_from_a_proxy_header_only_when_configured(monkeypatch):
    forwarded = {"X-Forwarded-For": "10.9.9.9, 192.0.2.50"}
    monkeypatch.delenv(guard.ADDRESS_HEADER_ENV, raising=False)
    assert guard.client_address("127.0.0.1", forwarded) == "127.0.0.1"  # anyone can send it
    monkeypatch.setenv(guard.ADDRESS_HEADER_ENV, "X-Forwarded-For")
    assert guard.client_address("127.0.0.1", forwarded) == "192.0.2.50"  # the proxy's entry
    assert guard.client_address("127.0.0.1", {}) == "127.0.0.1"
    assert guard.client_address(None, {}) == "unknown"


def test_wrong_codes_count_across_sessions_and_routes(room, fresh_guard):
    fresh_guard.max_misses = 3
    home = app()  # one browser session types a wrong code on the start page
    home.text_input(key="join-code-input").input("NOPE-NOPE")
    home.button(key="join-code-submit").click().run()
    assert "No workshop has the code" in shown(home)
    assert app("pages/board.py", code="WRONG-ONE").error  # a fresh session, a crafted link
    assert app("pages/summary.py", code="WRONG-TWO").error  # and another
    refused = app("pages/board.py", code=room.workshop.code)  # even the right code now
    assert "Too many wrong codes" in shown(refused)
    assert room.workshop.title not in shown(refused)
    home = app()
    home.text_input(key="join-code-input").input(room.workshop.code)
    home.button(key="join-code-submit").click().run()
    assert "Too many wrong codes" in shown(home)


def test_the_live_stream_counts_wrong_codes_and_then_answers_nothing(
    db_path, room, fresh_guard, monkeypatch
):
    from workshop.ui import server

    monkeypatch.setattr(server, "_hub", Hub(db_path))
    fresh_guard.max_misses = 2
    for code in ("NOSUCHCODE", "ALSOWRONG"):
        assert run(server.live(live_request(code))).status_code == 404
    known = run(server.live(live_request(room.workshop.code)))
    assert known.status_code == 429 and int(known.headers["Retry-After"]) > 0
    elsewhere = run(server.live(live_request(room.workshop.code, peer="192.0.2.99")))
    assert elsewhere.status_code == 200
    # the pages count the same address: its next wrong code on a page is refused too
    with pytest.raises(guard.TooManyAttempts):
        guard.find_by_code(room.db, "NOSUCHCODE", "203.0.113.7")


def test_behind_a_configured_proxy_each_client_is_counted_on_its_own(
    db_path, room, fresh_guard, monkeypatch
):
    from workshop.ui import server

    monkeypatch.setattr(server, "_hub", Hub(db_path))
    monkeypatch.setenv(guard.ADDRESS_HEADER_ENV, "X-Forwarded-For")
    fresh_guard.max_misses = 1
    proxy = "10.0.0.2"
    guesser = {"X-Forwarded-For": "198.51.100.66"}
    assert run(server.live(live_request("NOSUCHCODE", proxy, guesser))).status_code == 404
    assert run(server.live(live_request("NOSUCHCODE", proxy, guesser))).status_code == 429
    someone = {"X-Forwarded-For": "198.51.100.67"}
    assert run(server.live(live_request(room.workshop.code, proxy, someone))).status_code == 200
