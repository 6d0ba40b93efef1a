"""The listening socket switches Nagle's algorithm off on every connection it accepts.

With the default ``proto=0`` asyncio leaves TCP_NODELAY off, and every answer waited
for the phone's delayed ACK (about 40 ms; bench/live.py shows the ratio within one run).
"""

from __future__ import annotations

import asyncio
import socket

from leerlab.live.server import tcp_socket


def accepted_nodelay(sock: socket.socket) -> int:
    """TCP_NODELAY of the transport asyncio makes for an accepted connection."""
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    seen: list[int] = []

    async def run() -> None:
        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            conn = writer.get_extra_info("socket")
            seen.append(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=sock)
        reader, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        await reader.read()
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(run())
    return seen[0]


def test_tcp_socket_turns_nagle_off_for_every_connection() -> None:
    assert accepted_nodelay(tcp_socket(socket.AF_INET)) != 0


def test_a_plain_socket_would_leave_nagle_on() -> None:
    # The control: what server.start used before (so the test above can fail).
    assert accepted_nodelay(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) == 0
