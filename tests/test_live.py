"""The live hub: who is told, what they are told, and how bursts are coalesced."""

import asyncio
import json
import time
from urllib.parse import urlencode

from starlette.requests import Request

from tests.support import next_message, run
from workshop import cards, participants, votes, workshops
from workshop import db as database
from workshop.codes import hash_secret
from workshop.live import Hub, facilitator_proof, participant_proof, stream_query
from workshop.roles import Role


async def silent(stream, seconds: float = 0.3) -> bool:
    """Whether ``stream`` sends no message for ``seconds``."""
    try:
        await asyncio.wait_for(next_message(stream), seconds)
    except TimeoutError:
        return True
    return False


def test_only_the_changed_workshop_is_told_and_no_text_is_sent(db_path, room):
    db = room.db

    async def scenario():
        hub = Hub(db_path, poll_s=0.05)
        await hub.start()
        watching = hub.stream(room.workshop.id, Role.FACILITATOR)
        other = hub.stream(room.workshop.id + 1000, "v")
        first = await next_message(watching)
        await next_message(other)
        cards.add_card(db, room.ben.token, "stop", "Secret card text")
        changed = await next_message(watching)
        assert changed["rev"] > first["rev"]
        assert "Secret card text" not in json.dumps(changed)
        other_silent = await silent(other)
        await hub.stop()
        return other_silent

    assert run(scenario()) is True


def revisions(room) -> tuple[int, int]:
    row = room.db.execute(
        "SELECT revision, public_revision FROM workshops WHERE id = ?", [room.workshop.id]
    ).fetchone()
    return tuple(row)


def test_changes_only_author_and_facilitator_see_leave_the_public_revision(room):
    steps = [
        (lambda: cards.add_card(room.db, room.anna.token, "stop", "Private"), False),
        (lambda: participants.join(room.db, room.workshop.id, "Cleo"), False),
        (lambda: cards.remove_card(room.db, room.workshop.id, room.secret,
                                   room.db.execute("SELECT max(id) FROM cards").fetchone()[0]),
         True),  # the author sees their card go
        (lambda: room.phase("reveal"), True),
        (lambda: cards.add_card(room.db, room.anna.token, "stop", "Late card"), True),
        (lambda: room.phase("group"), True),
        (lambda: room.phase("vote"), True),
        (lambda: votes.vote(room.db, room.ben.token,
                            card_id=room.db.execute("SELECT max(id) FROM cards").fetchone()[0]),
         False),  # dots stay hidden until the discussion
    ]
    for step, public in steps:
        revision, public_revision = revisions(room)
        step()
        assert revisions(room) == (revision + 1, public_revision + public)


def test_a_participant_is_not_told_of_a_change_only_others_can_see(db_path, room):
    async def scenario():
        hub = Hub(db_path, poll_s=0.05)
        await hub.start()
        anna = hub.stream(room.workshop.id, Role.PARTICIPANT, room.anna.id)
        facilitator = hub.stream(room.workshop.id, Role.FACILITATOR)
        first = await next_message(anna)
        await next_message(facilitator)
        await next_message(anna)  # the facilitator's arrival (presence)
        anna_next = asyncio.ensure_future(next_message(anna))
        cards.add_card(room.db, room.ben.token, "stop", "Ben writes privately")
        facilitator_told = await next_message(facilitator)
        await asyncio.sleep(0.3)
        anna_silent = not anna_next.done()
        room.phase("reveal")
        anna_told = await asyncio.wait_for(anna_next, 5)
        await hub.stop()
        return first, facilitator_told, anna_silent, anna_told

    first, facilitator_told, anna_silent, anna_told = run(scenario())
    assert facilitator_told["rev"] == revisions(room)[0] - 1  # before the reveal
    assert anna_silent
    assert anna_told["rev"] == revisions(room)[1] == first["rev"] + 1


async def message_with(stream, revision: int) -> dict:
    """The stream's next message that announces ``revision`` (a presence one may come first)."""
    while (message := await next_message(stream))["rev"] != revision:
        pass
    return message


def test_a_burst_of_changes_arrives_as_few_messages(db_path, room):
    """A page still busy with the last message (rerunning) while fifty changes land gets
    one message with the newest revision, not fifty."""
    db = room.db

    async def scenario():
        hub = Hub(db_path, poll_s=0.05)
        await hub.start()
        stream = hub.stream(room.workshop.id, Role.FACILITATOR)  # private cards: only it is told
        await next_message(stream)
        # A second page reads every message at once: it shows that the hub saw, and
        # announced, each change on its own while the first page was not reading.
        eager = hub.stream(room.workshop.id, Role.FACILITATOR)
        await next_message(eager)
        announced = []
        for n in range(50):
            # Written in another thread, as a page's rerun does, so the hub's loop runs
            # between the writes instead of finding only their sum afterwards.
            await asyncio.to_thread(cards.add_card, db, room.anna.token, "stop", f"Card {n}")
            hub.changed(room.workshop.id)  # what the commit listener does in the app
            announced.append((await message_with(eager, revisions(room)[0]))["rev"])
        received = [await next_message(stream)]
        while True:
            try:
                received.append(await asyncio.wait_for(next_message(stream), 0.3))
            except TimeoutError:
                break
        await hub.stop()
        return announced, received

    announced, received = run(scenario())
    assert len(set(announced)) == 50
    assert len(received) <= 2
    assert received[-1]["rev"] == database.connect(db_path).execute(
        "SELECT revision FROM workshops").fetchone()[0]


def test_presence_counts_open_streams(db_path, room):

    async def scenario():
        hub = Hub(db_path)
        await hub.start()
        streams = [
            hub.stream(room.workshop.id, Role.PARTICIPANT, p.id) for p in (room.anna, room.ben)
        ]
        for stream in streams:
            await next_message(stream)
        online = hub.online(room.workshop.id)
        await streams[0].aclose()
        after = hub.online(room.workshop.id)
        await hub.stop()
        return online, after

    assert run(scenario()) == (2, 1)


def live_request(code: str, role: Role, participant_id: int | None = None,
                 proof: str = "") -> Request:
    query = urlencode(stream_query(role, participant_id, proof))
    return Request({"type": "http", "method": "GET", "path": f"/_live/{code}",
                    "path_params": {"code": code},
                    "query_string": query.encode(), "headers": []})


def test_a_stream_for_an_unknown_workshop_or_stranger_is_refused(db_path, room, monkeypatch):
    from workshop.ui import server

    monkeypatch.setattr(server, "_hub", Hub(db_path))
    refused = run(server.live(live_request("NOSUCHCODE", Role.VISITOR)))
    assert refused.status_code == 404
    stranger = run(server.live(live_request(room.workshop.code, Role.PARTICIPANT, 9999)))
    assert stranger.status_code == 404
    accepted = run(server.live(live_request(
        room.workshop.code, Role.PARTICIPANT, room.anna.id, participant_proof(room.anna.token))))
    assert accepted.status_code == 200
    assert accepted.media_type == "text/event-stream"


def test_only_the_facilitator_gets_a_facilitator_stream(db_path, room, monkeypatch):
    from workshop.ui import server

    monkeypatch.setattr(server, "_hub", Hub(db_path))
    code = room.workshop.code
    proof = facilitator_proof(hash_secret(room.secret))
    for claimed in ("", "0" * 64, facilitator_proof(hash_secret("a guess"))):
        refused = run(server.live(live_request(code, Role.FACILITATOR, proof=claimed)))
        assert refused.status_code == 404
    assert run(server.live(live_request(code, Role.FACILITATOR, proof=proof))).status_code == 200
    assert proof not in room.secret and hash_secret(room.secret) not in proof


def test_every_stream_is_told_when_the_timer_starts_and_stops(db_path, room):
    """Participants' pages too: a timer is public, and the message carries its end and
    the server's clock so a page counts down before it has rerun."""

    async def scenario():
        hub = Hub(db_path, poll_s=0.05)
        await hub.start()
        anna = hub.stream(room.workshop.id, Role.PARTICIPANT, room.anna.id)
        first = await next_message(anna)
        started = workshops.start_timer(room.db, room.workshop.id, room.secret, 5)
        told = await next_message(anna)
        while told["timer_ends_at"] is None:  # a presence message may come first
            told = await next_message(anna)
        workshops.stop_timer(room.db, room.workshop.id, room.secret)
        stopped = await next_message(anna)
        await hub.stop()
        return first, started, told, stopped

    first, started, told, stopped = run(scenario())
    assert first["timer_ends_at"] is None
    assert told["timer_ends_at"] == started.timer_ends_at
    assert told["rev"] > first["rev"]
    assert abs(told["server_now"] - time.time()) < 5
    assert stopped["timer_ends_at"] is None
