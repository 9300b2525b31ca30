"""The live hub: who is told, what they are told, and how bursts are coalesced."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

from starlette.requests import Request

from workshop import cards
from workshop import db as database
from workshop.live import Hub


def run(coroutine):
    """Run a scenario on its own loop: browser tests may hold this thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def next_message(stream) -> dict:
    while True:
        chunk = await asyncio.wait_for(anext(stream), 5)
        if chunk.startswith("data: "):
            return json.loads(chunk[6:])


def test_only_the_changed_workshop_is_told_and_no_text_is_sent(db_path, room):
    db = room.db

    async def scenario():
        hub = Hub(db_path, poll_s=0.05)
        await hub.start()
        watching = hub.stream(room.workshop.id, f"p{room.anna.id}")
        other = hub.stream(room.workshop.id + 1000, "v")
        first = await next_message(watching)
        await next_message(other)
        cards.add_card(db, room.ben.token, "stop", "Secret card text")
        changed = await next_message(watching)
        assert changed["rev"] > first["rev"]
        assert "Secret card text" not in json.dumps(changed)
        try:
            await asyncio.wait_for(next_message(other), 0.3)
            told_other = True
        except TimeoutError:
            told_other = False
        await hub.stop()
        return told_other

    assert run(scenario()) is False


def test_a_burst_of_changes_arrives_as_few_messages(db_path, room):
    db = room.db

    async def scenario():
        hub = Hub(db_path, poll_s=0.05)
        await hub.start()
        stream = hub.stream(room.workshop.id, "v")
        await next_message(stream)
        for n in range(50):
            cards.add_card(db, room.anna.token, "stop", f"Card {n}")
        await asyncio.sleep(0.2)
        received = [await next_message(stream)]
        while True:
            try:
                received.append(await asyncio.wait_for(next_message(stream), 0.3))
            except TimeoutError:
                break
        await hub.stop()
        return received

    received = run(scenario())
    assert len(received) <= 2
    assert received[-1]["rev"] == database.connect(db_path).execute(
        "SELECT revision FROM workshops").fetchone()[0]


def test_presence_counts_open_streams(db_path, room):

    async def scenario():
        hub = Hub(db_path)
        await hub.start()
        streams = [hub.stream(room.workshop.id, f"p{p.id}") for p in (room.anna, room.ben)]
        for stream in streams:
            await next_message(stream)
        online = hub.online(room.workshop.id)
        await streams[0].aclose()
        after = hub.online(room.workshop.id)
        await hub.stop()
        return online, after

    assert run(scenario()) == (2, 1)


def live_request(code: str, who: str) -> Request:
    return Request({"type": "http", "method": "GET", "path": f"/_live/{code}",
                    "path_params": {"code": code}, "query_string": f"who={who}".encode(),
                    "headers": []})


def test_a_stream_for_an_unknown_workshop_or_stranger_is_refused(db_path, room, monkeypatch):
    from workshop.ui import server

    monkeypatch.setattr(server, "_hub", Hub(db_path))
    refused = run(server.live(live_request("NOSUCHCODE", "v")))
    assert refused.status_code == 404
    stranger = run(server.live(live_request(room.workshop.code, "p9999")))
    assert stranger.status_code == 404
    accepted = run(server.live(live_request(room.workshop.code, f"p{room.anna.id}")))
    assert accepted.status_code == 200
    assert accepted.media_type == "text/event-stream"
