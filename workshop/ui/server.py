"""The ASGI side of the app: the live stream route next to Streamlit's own."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.routing import Route
from streamlit.runtime.pages_manager import PagesManager

from workshop import db as database
from workshop import guard
from workshop.codes import normalise_code
from workshop.db import one
from workshop.live import Hub, counted, facilitator_proof, participant_proof

LIVE_PATH = "/_live"
_hub: Hub | None = None


def hub() -> Hub | None:
    """The running hub, or None when the app runs without its server (tests)."""
    return _hub


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    global _hub
    # app.py declares its pages with st.navigation. Without this, the very first
    # session after a start that opens a page URL (a participant link, a reload after
    # a restart) would run that page on its own, the legacy way, because a pages/
    # folder exists: no wide layout, and every file listed in the sidebar.
    PagesManager.uses_pages_directory = False
    path = database.default_path()
    database.connect(path).conn.close()  # create or upgrade the file before anyone reads it
    _hub = Hub(path)
    database.on_change(_hub.changed)
    await _hub.start()
    try:
        yield
    finally:
        await _hub.stop()


def _proves(proof: str, expected: str) -> bool:
    # As bytes: compare_digest refuses a str with characters beyond ASCII.
    return hmac.compare_digest(proof.encode(), expected.encode())


def _lookup(code: str, who: str, proof: str) -> int | None:
    """The workshop id if ``code`` exists and ``who`` is one of its viewers, proven."""
    db = database.connect()
    try:
        row = one(
            db, "SELECT id, secret_hash FROM workshops WHERE code = ?", [normalise_code(code)]
        )
        if row is None:
            return None
        if who == "f" and not _proves(proof, facilitator_proof(row["secret_hash"])):
            return None
        if who.startswith("p"):
            known = one(
                db,
                "SELECT token FROM participants WHERE id = ? AND workshop_id = ?",
                [who[1:] if who[1:].isdigit() else -1, row["id"]],
            )
            if known is None or not _proves(proof, participant_proof(known["token"])):
                return None
        return row["id"]
    finally:
        db.conn.close()


async def live(request: Request) -> PlainTextResponse | StreamingResponse:
    who = request.query_params.get("who", "v")[:20]
    if not counted(who):
        who = "v"  # a made-up name is a viewer: it is not counted online
    proof = request.query_params.get("proof", "")
    # A stream says whether a code exists: wrong ones count as guesses, as on the pages.
    address = guard.client_address(request.client.host if request.client else None,
                                   request.headers)
    wait = guard.GUARD.wait(address)
    if wait > 0:
        return PlainTextResponse("too many wrong codes", status_code=429,
                                 headers={"Retry-After": str(int(wait) + 1)})
    workshop_id = _lookup(request.path_params["code"], who, proof) if _hub else None
    if workshop_id is None or _hub is None:
        guard.GUARD.missed(address)
        return PlainTextResponse("unknown workshop", status_code=404)
    return StreamingResponse(
        _hub.stream(workshop_id, who),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


routes = [Route(LIVE_PATH + "/{code}", live)]
