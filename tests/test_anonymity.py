"""Anonymous means nobody in the app, the facilitator included, can tell who wrote a
card: no count as cards land, no writing order, no names for cards written while
anonymous; and a stream counts as someone online only when it proves who it is."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from urllib.parse import urlencode

from starlette.requests import Request

from tests.support import app, make_room, next_message, read, run
from workshop import board, cards, csv_export, groups, json_export, summary, workshops
from workshop.live import Hub, participant_proof, stream_query
from workshop.roles import Role


def texts(at) -> list[str]:
    return [t.value for t in at.text]


def test_while_people_write_the_facilitator_sees_who_has_written_not_how_many(room):
    for n in range(3):
        cards.add_card(room.db, room.anna.token, "stop" if n else "start", f"Anna {n}")
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    assert not at.exception
    people = [line for line in texts(at) if "Anna" in line or "Ben" in line]
    assert people == ["○ Anna — has written · away", "○ Ben — not written yet · away"]
    assert not any("cards:" in line or "3" in line for line in people)
    assert [m.value for m in at.metric] == ["3"]  # one total: per column would say whose


def test_a_named_workshop_shows_the_count_per_column(db):

    named = make_room(db, anonymous=False)
    cards.add_card(db, named.anna.token, "stop", "Named card")
    at = app("pages/board.py", code=named.workshop.code, key=named.secret)
    assert [m.value for m in at.metric] == ["1", "0", "0", "0"]


def test_revealed_cards_come_in_an_order_of_their_own_not_the_writing_order(room):
    room.db.execute("UPDATE workshops SET code = 'ABCDEFGH'")  # the same order every run
    room.db.conn.commit()
    room.workshop = workshops.get_workshop(room.db, room.workshop.id)
    written = [cards.add_card(room.db, room.anna.token, "stop", f"Card {n}").id for n in range(12)]
    room.phase("reveal")
    facilitator = board.load(room.db, room.workshop, facilitator=True)
    shown = [item.cards[0].id for item in facilitator.columns[0].items]
    assert sorted(shown) == written and shown != written
    assert shown == sorted(written, key=lambda card_id: board.place(room.workshop, card_id))
    again = board.load(room.db, room.workshop, participant=room.ben)
    assert [item.cards[0].id for item in again.columns[0].items] == shown  # stable, for all
    room.phase("group")
    group = groups.merge(room.db, room.workshop.id, room.secret, written[:6], "Six of them")
    merged = board.load(room.db, room.workshop, facilitator=True)
    (item,) = [i for i in merged.columns[0].items if i.kind == "group" and i.id == group.id]
    assert [c.id for c in item.cards] != written[:6]  # nor inside a group
    room.phase("discuss")  # equal dots: no writing order as the tie-break either
    discussed = summary.load(room.db, room.workshop.id).columns[0].items
    tied = [item.cards[0].id for item in discussed]
    assert tied == sorted(tied, key=lambda card_id: board.place(room.workshop, card_id))
    assert tied != sorted(tied)


def test_cards_written_anonymously_stay_anonymous_when_anonymity_is_switched_off(room):
    before = cards.add_card(room.db, room.anna.token, "stop", "Written while anonymous")
    workshops.update_settings(room.db, room.workshop.id, room.secret, workshops.Settings(False))
    after = cards.add_card(room.db, room.anna.token, "stop", "Written after the switch")
    room.phase("discuss")
    authors = {
        card.id: card.author
        for column in board.load(room.db, room.workshop, participant=room.ben).columns
        for item in column.items
        for card in item.cards
    }
    assert authors == {before.id: None, after.id: "Anna"}
    markdown = summary.markdown(room.db, room.workshop.id)
    assert "Written while anonymous (0 dots)\n" in markdown
    assert "Written after the switch (0 dots) — Anna" in markdown
    exported = csv_export.to_csv(room.db, room.workshop.id).decode("utf-8-sig")
    rows = csv.DictReader(io.StringIO(exported))
    assert {r["text"]: r["author"] for r in rows if r["record"] == "card"} == {
        "Written while anonymous": "", "Written after the switch": "Anna"}
    document = json.loads(json_export.to_json(room.db, room.workshop.id))
    (hidden,) = [c for c in document["cards"] if c["id"] == before.id]
    assert "participant_id" not in hidden and "created_at" not in hidden
    (named,) = [c for c in document["cards"] if c["id"] == after.id]
    assert named["participant_id"] == room.anna.id
    workshops.update_settings(room.db, room.workshop.id, room.secret, workshops.Settings(True))
    assert "Anna" not in summary.markdown(room.db, room.workshop.id)  # on again: nobody


def test_the_anonymity_switch_says_what_switching_it_off_does(room):
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    assert any(
        "Switching it off names the authors of cards written after the switch only."
        in read(c.value) for c in at.caption
    )


# The participant's stream --------------------------------------------------------------


def live_request(code: str, role: Role, participant_id: int | None = None,
                 proof: str = "") -> Request:
    query = urlencode(stream_query(role, participant_id, proof))
    return Request({"type": "http", "method": "GET", "path": f"/_live/{code}",
                    "path_params": {"code": code}, "client": ("192.0.2.1", 1),
                    "query_string": query.encode(), "headers": []})


def test_a_participants_stream_needs_the_participants_proof(db_path, room, monkeypatch):
    from workshop.ui import server

    monkeypatch.setattr(server, "_hub", Hub(db_path))
    code, anna = room.workshop.code, room.anna
    for proof in ("", "0" * 64, "é" * 64, participant_proof(room.ben.token),
                  participant_proof("guess")):
        refused = run(server.live(live_request(code, Role.PARTICIPANT, anna.id, proof)))
        assert refused.status_code == 404
    accepted = run(server.live(
        live_request(code, Role.PARTICIPANT, anna.id, participant_proof(anna.token))))
    assert accepted.status_code == 200
    assert participant_proof(anna.token) != anna.token and anna.token not in participant_proof(
        anna.token)


def test_only_proven_streams_count_as_online(db_path, room, monkeypatch):
    from workshop.ui import server

    async def scenario() -> tuple[int, int]:
        hub = Hub(db_path, poll_s=0.05)
        await hub.start()
        monkeypatch.setattr(server, "_hub", hub)
        code = room.workshop.code
        # Thirty streams that prove nobody: they may watch, but nobody is online.
        made_up = [await server.live(live_request(code, Role.VISITOR)) for _ in range(30)]
        streams = [response.body_iterator for response in made_up]
        for stream in streams:
            await next_message(stream)
        crowd = hub.online(room.workshop.id)
        anna = await server.live(live_request(code, Role.PARTICIPANT, room.anna.id,
                                              participant_proof(room.anna.token)))
        online = (await next_message(anna.body_iterator))["online"]
        for stream in [*streams, anna.body_iterator]:
            await stream.aclose()
        await hub.stop()
        return crowd, online

    assert run(asyncio.wait_for(scenario(), 20)) == (0, 1)


def test_a_participants_page_proves_its_stream(room):
    at = app("pages/board.py", code=room.workshop.code, me=room.anna.token)
    (live,) = [c for c in at.get("bidi_component") if "workshop_live" in str(c.proto)]
    assert f"proof={participant_proof(room.anna.token)}" in str(live.proto)
    assert f"id={room.anna.id}" in str(live.proto)
