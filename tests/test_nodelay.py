"""Small messages leave at once: connections the server accepts have Nagle's algorithm
off, so a rerun's frames never wait for the browser's delayed acknowledgement."""

from __future__ import annotations

import socket
import sys

import pytest

from workshop import nodelay

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")


def accepted_nodelay(listener: socket.socket) -> int:
    with socket.create_connection(listener.getsockname()[:2]):
        conn, _ = listener.accept()
        with conn:
            return conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def listener() -> socket.socket:
    sock = socket.socket(socket.AF_INET)  # made as the web server makes its own
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


def test_connections_accepted_after_the_switch_have_nagle_off():
    with listener() as sock:
        assert accepted_nodelay(sock) == 0  # what the server had before
        assert sock.fileno() in nodelay.listening_sockets()
        assert nodelay.set_on_listening_sockets() >= 1
        assert accepted_nodelay(sock) == 1


def test_only_listening_tcp_sockets_are_touched():
    with socket.socket(socket.AF_INET) as plain, listener() as sock:
        plain.bind(("127.0.0.1", 0))  # bound, not listening
        found = nodelay.listening_sockets()
        assert sock.fileno() in found
        assert plain.fileno() not in found
