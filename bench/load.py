"""Live updates for many sessions, measured at the server: no browsers.

A client that speaks Streamlit's own websocket protocol (its protobuf messages, from
the installed streamlit package) opens N participant sessions on one workshop holding
--board cards, in the Reveal phase. For the app (`ours`) each session also holds the
page's live stream and asks for a rerun of the board fragment when the stream announces
a revision its page does not show, as the page's script does; for the polling board
(`bench/polling_board.py`) each session asks for a rerun every second, as Streamlit's
`run_every` does in a browser. One session submits --cards cards through the page's
own form; for each card it records when each session received it.

The server runs on one core (taskset), the client on the other. Per N it reports:
- server CPU per card per session: the server's CPU time from the first submit until
  every session had the last card, divided by cards x sessions;
- p50 and p95 of the time from a submit until a session receives the card, over every
  session and card, and the median time until the last session has it;
- idle server CPU with every session open and nothing happening.

Prints a table and writes bench/results/load.json.

    python bench/load.py [--sizes 25,50,100,150,200] [--cards 8] [--board 300]
                         [--variants ours,polling] [--idle 10]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psutil
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.live import percentile, room  # noqa: E402
from tests.devserver import Server  # noqa: E402
from workshop import db as database  # noqa: E402
from workshop import participants  # noqa: E402
from workshop.live import participant_proof, stream_query  # noqa: E402
from workshop.roles import Role  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "load.json"
SCRIPTS = {"ours": "app.py", "polling": "bench/polling_board.py"}
SERVER_CPU, CLIENT_CPU = "0", {1}
DEADLINE_S = 60.0  # a card not everywhere by then: the server is saturated


@dataclass
class Row:
    variant: str
    n: int
    cpu_ms_per_card_session: float | None
    p50_s: float | None
    p95_s: float | None
    all_p50_s: float | None  # until the last session has the card, median over cards
    idle_cpu: float
    note: str = ""


@dataclass
class Session:
    """One page's connection, seen from the server's side of the protocol."""

    base: str  # http://host:port
    query: str
    page: str
    ws: ClientConnection | None = None
    page_hash: str = ""
    fragment: str = ""  # the live (or polling) fragment
    trigger: str = ""  # the live bar's trigger widget
    card_text: str = ""  # the writing form's text area
    submit: str = ""  # and its submit button
    shown_rev: int | None = None
    running: bool = False
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    wanted: dict[bytes, float] = field(default_factory=dict)  # card text -> seen at
    announced: int | None = None
    tasks: list[asyncio.Task] = field(default_factory=list)

    async def open(self) -> None:
        url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        # No keep-alive pings: a busy server is slow, not gone.
        self.ws = await connect(url, subprotocols=["streamlit"],  # type: ignore[list-item]
                                max_size=None, ping_interval=None)
        self.tasks.append(asyncio.create_task(self._read()))
        await self.run()

    async def run(self, *, fragment: bool = False, widgets: list[WidgetState] = (),
                  auto: bool = False) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(widgets)
        if fragment:
            state.fragment_id = self.fragment
        state.is_auto_rerun = auto
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        state.context_info.url = f"{self.base}/{self.page}"
        self.finished.clear()
        self.running = True
        assert self.ws is not None
        await self.ws.send(msg.SerializeToString())
        await asyncio.wait_for(self.finished.wait(), DEADLINE_S * 2)

    async def _read(self) -> None:
        assert self.ws is not None
        async for raw in self.ws:
            assert isinstance(raw, bytes)
            now = time.monotonic()
            for text in [t for t, seen in self.wanted.items() if not seen and t in raw]:
                self.wanted[text] = now
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self.page_hash = msg.metadata.active_script_hash or self.page_hash
                self._look_at(msg)
            elif kind == "auto_rerun":
                self.fragment = msg.auto_rerun.fragment_id
            elif kind == "script_finished":
                self.running = False
                self.finished.set()
                if self.trigger:
                    self.catch_up()

    def _look_at(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        what = element.WhichOneof("type")
        if what == "bidi_component":
            data = json.loads(element.bidi_component.json or "{}")
            if "rev" not in data:
                return  # not the live bar: the page's other components
            self.trigger = f"$$STREAMLIT_INTERNAL_KEY_{element.bidi_component.id}__events"
            self.fragment = delta.fragment_id
            self.shown_rev = data["rev"]
        elif what == "text_area":
            self.card_text = element.text_area.id
        elif what == "button" and element.button.is_form_submitter:
            self.submit = element.button.id

    def catch_up(self) -> None:
        """What the live bar's script does: one fragment rerun at a time, until the
        page shows the revision the stream announced."""
        if self.announced is None or self.announced == self.shown_rev or self.running:
            return
        widget = WidgetState(id=self.trigger)
        widget.json_trigger_value = json.dumps([{"event": "changed", "value": time.time()}])
        self.running = True
        self.tasks.append(asyncio.create_task(self.run(fragment=True, widgets=[widget])))

    async def follow_stream(self, path: str) -> None:
        """The page's live stream: read its messages, rerun when one is news."""
        host, port = self.base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
                     .encode())
        await writer.drain()
        while line := await reader.readline():
            if line.startswith(b"data: "):
                self.announced = json.loads(line[6:])["rev"]
                self.catch_up()

    async def poll(self) -> None:
        """What `run_every=1` makes a browser do: ask for the fragment each second."""
        while True:
            await asyncio.sleep(1.0)
            if not self.running and self.fragment:
                with contextlib.suppress(TimeoutError):
                    await self.run(fragment=True, auto=True)

    async def add_card(self, text: str) -> None:
        widgets = [WidgetState(id=self.card_text, string_value=text),
                   WidgetState(id=self.submit, trigger_value=True)]
        await self.run(widgets=widgets)

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        if self.ws:
            await self.ws.close()


def cpu_s(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


async def open_session(server: Server, variant: str, code: str, token: str,
                       person: int) -> Session:
    query = urlencode({"code": code, "me": token})
    session = Session(server.url, query, "board" if variant == "ours" else "")
    await session.open()
    if variant == "ours":
        path = f"/_live/{code}?" + urlencode(
            stream_query(Role.PARTICIPANT, person, participant_proof(token)))
        session.tasks.append(asyncio.create_task(session.follow_stream(path)))
    else:
        session.tasks.append(asyncio.create_task(session.poll()))
    return session


async def spread(writer: Session, readers: list[Session], count: int, tag: str,
                 pid: int) -> tuple[list[float], list[float], float] | None:
    """Per-session delivery times, per-card times until the last session, and the
    server's CPU seconds over the cards; None when a card did not arrive in time."""
    each, last = [], []
    cpu = 0.0
    for i in range(-1, count):  # card -1 warms up and is not counted
        text = f"Load card {tag} {i + 1} for the benchmark"
        wanted = text.encode()
        for session in readers:
            session.wanted[wanted] = 0.0
        before = cpu_s(pid)
        started = time.monotonic()
        await writer.add_card(text)
        deadline = started + DEADLINE_S
        while any(not s.wanted[wanted] for s in readers):
            if time.monotonic() > deadline:
                return None
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # the last reruns finish
        if i >= 0:
            cpu += cpu_s(pid) - before
            seen = [s.wanted[wanted] - started for s in readers]
            each += seen
            last.append(max(seen))
        for session in readers:
            del session.wanted[wanted]
        await asyncio.sleep(0.5)
    return each, last, cpu


async def measure(variant: str, sizes: list[int], count: int, board: int,
                  idle_s: float) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "load.db"
        code, _secret, tokens = room(db_path, max(sizes) + 1, board)
        db = database.connect(db_path)
        ids = [participants.by_token(db, token).id for token in tokens]
        server = Server(db_path, script=SCRIPTS[variant], cpus=SERVER_CPU).start()
        pid = server.process.pid
        sessions: list[Session] = []
        try:
            writer = await open_session(server, variant, code, tokens[-1], ids[-1])
            for n in sizes:
                while len(sessions) < n:
                    k = len(sessions)
                    sessions.append(await open_session(server, variant, code, tokens[k], ids[k]))
                    print(f"  {variant}: {len(sessions)} sessions open", end="\r", flush=True)
                await asyncio.sleep(3)
                before = cpu_s(pid)
                await asyncio.sleep(idle_s)
                idle = (cpu_s(pid) - before) / idle_s
                found = await spread(writer, sessions, count, f"{variant} {n}", pid)
                print(" " * 40, end="\r")
                if found is None:
                    rows.append(Row(variant, n, None, None, None, None, round(idle, 3),
                                    "saturated: a card took over a minute"))
                    print_row(rows[-1])
                    break
                each, last, cpu = found
                rows.append(Row(variant, n, round(cpu / (count * n) * 1000, 2),
                                round(percentile(each, 0.5), 3),
                                round(percentile(each, 0.95), 3),
                                round(statistics.median(last), 3), round(idle, 3)))
                print_row(rows[-1])
        finally:
            for session in sessions:
                with contextlib.suppress(Exception):
                    await session.close()
            server.stop()
    return rows


def print_row(row: Row) -> None:
    if row.note:
        print(f"{row.variant:8} {row.n:>4}  {row.note}")
        return
    print(f"{row.variant:8} {row.n:>4}  {row.cpu_ms_per_card_session:>8} ms  "
          f"p50 {row.p50_s:>6} s  p95 {row.p95_s:>6} s  last p50 {row.all_p50_s:>6} s  "
          f"idle {row.idle_cpu:>5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,150,200")
    parser.add_argument("--cards", type=int, default=8)
    parser.add_argument("--board", type=int, default=300)
    parser.add_argument("--variants", default="ours,polling")
    parser.add_argument("--idle", type=float, default=10.0)
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, CLIENT_CPU)  # the client stays off the server's core
    print(f"variant  sessions  CPU/card/session  delivery p50, p95, until the last; "
          f"board of {args.board} cards, server on one core")
    rows: list[Row] = []
    for variant in args.variants.split(","):
        rows += asyncio.run(measure(variant, sizes, args.cards, args.board, args.idle))
        save(rows, args)  # a run stopped later keeps what it measured


def save(rows: list[Row], args: argparse.Namespace) -> None:
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "board_cards": args.board, "cards": args.cards, "load_average": os.getloadavg(),
        "rows": [asdict(r) for r in rows]}, indent=2) + "\n")


if __name__ == "__main__":
    main()
