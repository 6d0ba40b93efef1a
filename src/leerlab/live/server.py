"""Starting the live app: pick or resume a session, bind, print addresses and a QR code.

uvicorn runs with its access log off and no proxy headers: no participant address is
written anywhere. Only the server's own addresses are printed (one per interface).
"""

from __future__ import annotations

import ipaddress
import socket
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import psutil
import segno
import uvicorn

from leerlab.live.app import Live, maak_app
from leerlab.live.opslag import maak_opslag
from leerlab.live.sessie import STANDAARD_UREN, Sessie


@dataclass(frozen=True)
class Adres:
    interface: str
    ip: str

    def url(self, poort: int) -> str:
        host = f"[{self.ip}]" if ":" in self.ip else self.ip
        return f"http://{host}:{poort}"


def adressen(host: str) -> list[Adres]:
    """The addresses phones can use: every IPv4 interface for 0.0.0.0, else ``host``."""
    if host not in ("0.0.0.0", ""):
        return [Adres("gekozen", host)]
    found = []
    for name, addrs in psutil.net_if_addrs().items():
        for addr in addrs:
            if addr.family == socket.AF_INET:
                found.append(Adres(name, addr.address))
    # Phones cannot reach the loopback address: list it last.
    found.sort(key=lambda a: (ipaddress.ip_address(a.ip).is_loopback, a.interface))
    return found


def qr_tekst(url: str) -> str:
    """A full QR code (never Micro QR) for the terminal."""
    import io

    out = io.StringIO()
    segno.make_qr(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def tcp_socket(family: socket.AddressFamily) -> socket.socket:
    """A listening TCP socket whose connections send small writes at once.

    asyncio switches Nagle's algorithm off (TCP_NODELAY) only on connections of a socket
    made with ``proto=IPPROTO_TCP``; with the default proto 0 every response (headers and
    body are two writes) waited for the phone's delayed ACK, about 40 ms per answer.
    """
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def kies_sessie(
    live: Live, situatie: str, uren: float, nieuw: bool, soort: str = "zelftest"
) -> tuple[Sessie, str]:
    """Resume the newest open session of this kind from storage (new secret), or start one."""
    for stored in live.opslag.laad():
        live.sessies[stored.code] = stored
        if not stored.gesloten and stored.verlopen():
            live.sluit(stored)
    open_ = [s for s in live.sessies.values() if not s.gesloten and s.soort == soort]
    if open_ and not nieuw:
        sessie = max(open_, key=lambda s: s.aangemaakt)
        sleutel = sessie.nieuwe_sleutel()
        live.opslag.bewaar(sessie)
        return sessie, sleutel
    sessie, sleutel = Sessie.nieuw(situatie, uren, soort)
    live.voeg_toe(sessie)
    return sessie, sleutel


def start(
    *,
    situatie: str,
    host: str = "0.0.0.0",
    poort: int = 8765,
    bewaar: Path | None = None,
    database: str | None = None,
    uren: float = STANDAARD_UREN,
    nieuw: bool = False,
    browser: bool = True,
    publiek: str | None = None,
    soort: str = "zelftest",
    echo: Callable[[str], None] = print,
) -> None:
    opslag = maak_opslag(bewaar, database)
    live = Live(opslag)
    sessie, sleutel = kies_sessie(live, situatie, uren, nieuw, soort)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = tcp_socket(family)
    try:
        sock.bind((host, poort))
    except OSError as exc:
        from leerlab.errors import LeerlabFout

        raise LeerlabFout(
            f"Poort {poort} op {host} is niet vrij ({exc.strerror}). Kies een andere met --poort."
        ) from None
    sock.listen(512)
    sock.set_inheritable(True)
    poort = sock.getsockname()[1]
    gevonden = adressen(host)
    urls = [(a, f"{a.url(poort)}/s/{sessie.code}") for a in gevonden]
    hosts = {a.ip for a in gevonden} | {"localhost", "127.0.0.1", "::1"}
    if publiek:
        # Behind a reverse proxy with a public name (a server for a whole network).
        urls.insert(0, (Adres("publiek", publiek), f"{publiek.rstrip('/')}/s/{sessie.code}"))
        hosts.add((urlparse(publiek).hostname or "").lower())
    hoofd = urls[0][1]
    live.deelnemers_urls[sessie.code] = hoofd
    app = maak_app(live, hosts=hosts)
    lokaal = Adres("lokaal", "127.0.0.1" if family == socket.AF_INET else "::1")
    if host not in ("0.0.0.0", "", "127.0.0.1", "::1"):
        lokaal = gevonden[0]
    begeleider = f"{lokaal.url(poort)}/begeleider/{sessie.code}?sleutel={sleutel}"

    wat = "Stemming" if sessie.stemming else "Sessie"
    echo(f"{wat} '{sessie.situatie}' ({opslag.naam}).")
    echo("Deelnemers openen een van deze adressen (per netwerk):")
    for adres, url in urls:
        echo(f"  {adres.interface}: {url}")
    echo(qr_tekst(hoofd))
    echo(f"QR-code hierboven: {hoofd}")
    echo(f"Begeleider (niet delen): {begeleider}")
    echo("Stoppen met Ctrl-C.")
    config = uvicorn.Config(
        app,
        access_log=False,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
        date_header=False,
        timeout_graceful_shutdown=1,
        lifespan="on",
    )
    server = uvicorn.Server(config)
    if browser:
        webbrowser.open(begeleider)
    try:
        server.run(sockets=[sock])
    finally:
        opslag.sluit()
