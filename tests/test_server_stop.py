"""The server stops when asked, with live pages open."""

import signal
import socket
from urllib.parse import urlencode

from tests.devserver import Server
from tests.support import make_room
from workshop import db as database
from workshop.codes import hash_secret
from workshop.live import facilitator_proof, stream_query
from workshop.roles import Role
from workshop.ui.server import LIVE_PATH


def open_stream(server: Server, path: str) -> socket.socket:
    """A page's live stream, read as far as its first message."""
    stream = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    stream.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n"
                   "Accept: text/event-stream\r\n\r\n".encode())
    received = b""
    while b"data: " not in received:
        received += stream.recv(4096)
    return stream


def test_ctrl_c_and_sigterm_stop_a_server_with_live_streams_open(tmp_path):
    room = make_room(database.connect(tmp_path / "stop.db"))
    proof = facilitator_proof(hash_secret(room.secret))
    path = f"{LIVE_PATH}/{room.workshop.code}?" + urlencode(
        stream_query(Role.FACILITATOR, None, proof))
    for sig in (signal.SIGINT, signal.SIGTERM):
        server = Server(tmp_path / "stop.db").start()
        streams = [open_stream(server, path) for _ in range(3)]
        assert server.process is not None
        server.process.send_signal(sig)
        # Before, uvicorn waited for the streams to end, which they never do.
        assert server.process.wait(timeout=10) is not None
        for stream in streams:
            stream.close()
        server.stop()
