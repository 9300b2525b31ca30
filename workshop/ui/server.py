"""The ASGI side of the app: the live stream route next to Streamlit's own."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import FrameType
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from workshop import db as database
from workshop import dbfile, guard, i18n, lemmas, nodelay, workshops
from workshop.errors import WorkshopError
from workshop.live import Hub, watched
from workshop.roles import Role

LIVE_PATH = "/_live"
_hub: Hub | None = None


def hub() -> Hub | None:
    """The running hub, or None when the app runs without its server (tests)."""
    return _hub


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    global _hub
    # app.py declares its pages with st.navigation, but the screens must live in a
    # folder named pages/ (the project's fixed layout), which Streamlit also reads as
    # its legacy page list. Without this, the very first session after a start that
    # opens a page URL (a participant link, a reload after a restart) would run that
    # page on its own, the legacy way: no wide layout, and every file in the sidebar.
    PagesManager.uses_pages_directory = False
    nodelay.set_on_listening_sockets()  # the server's socket is bound and listening by now
    path = database.default_path()
    dbfile.prepare_at_start(path)  # create or upgrade it, or learn what the first page must say
    threading.Thread(target=_load_languages, args=[path], name="lemmas", daemon=True).start()
    _hub = Hub(path)
    database.on_change(_hub.changed)
    await _hub.start()
    _end_streams_on_exit(_hub)
    try:
        yield
    finally:
        await _hub.stop()


def _load_languages(path: str) -> None:
    """The dictionaries the workshops' themes need, loaded before a page asks for them."""
    used = {i18n.server_default()}
    # Only a head start: a file that cannot be read here is explained by the first page.
    with contextlib.suppress(sqlite3.Error, WorkshopError, OSError):
        db = database.connect(path)
        used |= workshops.languages(db)
        db.conn.close()
    lemmas.load(sorted(used))


def _end_streams_on_exit(hub: Hub) -> None:
    """On Ctrl+C or SIGTERM, end the live streams, then stop as uvicorn would: it waits
    for every open response to end before it stops, and a live stream never ends, so a
    server with pages open would not stop. Its handlers are in place by now."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        previous = signal.getsignal(sig)
        if not callable(previous):
            continue

        def handler(signum: int, frame: FrameType | None, previous: Any = previous) -> None:
            loop.call_soon_threadsafe(hub.end_streams)
            previous(signum, frame)

        with contextlib.suppress(ValueError):  # not the main thread: no signals to take
            signal.signal(sig, handler)


def _watched(code: str, query: dict[str, str]) -> tuple[int, Role, int | None] | None:
    db = database.connect()
    try:
        return watched(db, code, query)
    finally:
        db.conn.close()


async def live(request: Request) -> PlainTextResponse | StreamingResponse:
    query = {key: value[:80] for key, value in request.query_params.items()}
    # A stream says whether a code exists: wrong ones count as guesses, as on the pages.
    address = guard.client_address(request.client.host if request.client else None,
                                   request.headers)
    wait = guard.GUARD.wait(address)
    if wait > 0:
        return PlainTextResponse("too many wrong codes", status_code=429,
                                 headers={"Retry-After": str(int(wait) + 1)})
    found = _watched(request.path_params["code"], query) if _hub else None
    if found is None or _hub is None:
        guard.GUARD.missed(address)
        return PlainTextResponse("unknown workshop", status_code=404)
    return StreamingResponse(
        _hub.stream(*found),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


routes = [Route(LIVE_PATH + "/{code}", live)]
