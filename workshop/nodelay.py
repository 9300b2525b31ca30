"""Send small messages at once: ``TCP_NODELAY`` on the server's listening sockets.

A rerun answers with a burst of small websocket frames. With Nagle's algorithm on, the
kernel holds a small segment back until the previous one is acknowledged, and browsers
delay their acknowledgements by up to 40 ms: every round trip then waits about 40 ms
for nothing. asyncio means to switch Nagle off on every TCP connection, but it checks
the socket's protocol number, which is 0 for a socket made with ``socket.socket(family,
SOCK_STREAM)`` as the server's is, so it never does. On Linux an accepted connection
inherits ``TCP_NODELAY`` from its listening socket: setting it there once covers every
connection, without touching the web server's code.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

_FDS = Path("/proc/self/fd")


def listening_sockets() -> list[int]:
    """The file descriptors of this process's listening TCP sockets (none where the
    system does not list a process's descriptors)."""
    if not _FDS.is_dir():
        return []
    found = []
    for entry in _FDS.iterdir():
        try:
            fd = int(entry.name)
            if not os.readlink(entry).startswith("socket:"):
                continue
            probe = socket.socket(fileno=os.dup(fd))
        except (ValueError, OSError):
            continue
        with probe:
            if _is_tcp_listener(probe):
                found.append(fd)
    return found


def _is_tcp_listener(sock: socket.socket) -> bool:
    try:
        return (
            sock.family in (socket.AF_INET, socket.AF_INET6)
            and sock.type == socket.SOCK_STREAM
            and bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
        )
    except OSError:
        return False


def set_on_listening_sockets() -> int:
    """Switch Nagle's algorithm off on every listening TCP socket of this process, and
    so on each connection they accept from now on. Returns how many were set."""
    done = 0
    for fd in listening_sockets():
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            done += 1
    return done
