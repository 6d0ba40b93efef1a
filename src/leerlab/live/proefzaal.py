"""A simulated room: many phones and one presenter stream against a running live app.

Used by the tests (exact final counts) and by ``bench/live.py`` (latencies). Phones join,
answer, submit twice, edit, reconnect with their cookie, withdraw or give up half-way;
the presenter follows the server-sent events and reconnects once. Needs ``httpx``
(for the presenter).

Each phone is a :class:`Telefoon`: a small HTTP/1.1 client on asyncio streams that keeps
its connection open and sends a request in one write, as a phone's browser does for a
small form. A phone's own work then costs the simulator about 0.1 ms per request; with an
httpx client per phone (about 1 ms of this process's CPU per request, headers and body in
separate writes) the simulator's event loop fell behind under load and its own delay,
not the app's, dominated the measured latency.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import signal
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

from leerlab.models.ladder import MIN_GROEP, Perspectief, Resultaat, groepsprofiel, laad_trap
from leerlab.models.stemming import Stem, uitslag, vragen


@dataclass
class Verslag:
    """What happened: latencies in seconds, and what the room should add up to."""

    ack: list[float] = field(default_factory=list)
    onthul: list[float] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)
    verwacht: dict[str, Resultaat | Stem] = field(default_factory=dict)
    stroom: list[dict[str, Any]] = field(default_factory=list)
    slotstand: dict[str, Any] = field(default_factory=dict)
    gedrag: dict[str, int] = field(default_factory=dict)
    #: how late the simulator's own event loop woke up (seconds), sampled every 10 ms
    vertraging: list[float] = field(default_factory=list)

    def verwacht_profiel(self) -> dict[str, Any] | None:
        stemmen = [r for r in self.verwacht.values() if isinstance(r, Stem)]
        if stemmen:
            return uitslag(stemmen)
        complete = [r for r in self.verwacht.values() if isinstance(r, Resultaat) and _complete(r)]
        if len(complete) < MIN_GROEP:
            return None
        return groepsprofiel(complete).samenvatting()


def _complete(resultaat: Resultaat) -> bool:
    from leerlab.models.ladder import score

    return score(resultaat.antwoorden, resultaat.perspectief).positie is not None


def _answers(rng: random.Random, perspectief: Perspectief, situatie: str) -> Resultaat:
    ids = [i.id for i in laad_trap().items_van(perspectief)]
    values: dict[str, int | None] = {
        i: (None if rng.random() < 0.1 else rng.randint(0, 4)) for i in ids
    }
    return Resultaat(situatie=situatie, perspectief=perspectief, antwoorden=values)


def _ballot(rng: random.Random) -> Stem:
    keuzes: dict[str, str | None] = {}
    for vraag in vragen():
        keuzes[vraag.id] = None if rng.random() < 0.15 else rng.choice(vraag.opties).id
    if all(k is None for k in keuzes.values()):
        keuzes[vragen()[0].id] = vragen()[0].opties[0].id
    return Stem(keuzes=keuzes)


def _form(resultaat: Resultaat | Stem) -> dict[str, str]:
    if isinstance(resultaat, Stem):
        return {k: v or "" for k, v in resultaat.keuzes.items()}
    return {
        "perspectief": resultaat.perspectief,
        **{k: "" if v is None else str(v) for k, v in resultaat.antwoorden.items()},
    }


class Telefoon:
    """One phone: a keep-alive HTTP/1.1 connection with its own cookies."""

    def __init__(self, base: str) -> None:
        parts = urlparse(base)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.netloc = parts.netloc
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _once(self, raw: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("verbinding gesloten")
        status = int(status_line.split()[1])
        length = 0
        close = False
        while True:
            line = (await self.reader.readline()).decode("latin-1").rstrip("\r\n")
            if not line:
                break
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.lower() == "close":
                close = True
            elif name == "set-cookie":
                key, _, rest = value.split(";", 1)[0].partition("=")
                self.cookies[key.strip()] = rest.strip()
        body = await self.reader.readexactly(length)
        if close:
            await self.aclose()
        return status, body

    async def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        """One request; a connection the server closed while idle is opened again once
        (every route a phone uses is idempotent, so sending twice is safe)."""
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.netloc}"]
        if method == "POST":
            lines += [
                f"Origin: http://{self.netloc}",
                "Accept: application/json",
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
            ]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        try:
            return await self._once(raw)
        except (ConnectionError, asyncio.IncompleteReadError):
            await self.aclose()
            return await self._once(raw)

    async def aclose(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


class _Presenter:
    def __init__(self, client: Any, path: str) -> None:
        self.client = client
        self.path = path
        self.events: list[tuple[float, dict[str, Any]]] = []
        self.changed = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def _follow(self) -> None:
        async with self.client.stream("GET", self.path, timeout=None) as response:
            response.raise_for_status()
            data: list[str] = []
            async for line in response.aiter_lines():
                if line.startswith("data: "):
                    data.append(line[6:])
                elif line == "" and data:
                    self.events.append((time.perf_counter(), json.loads("\n".join(data))))
                    data = []
                    self.changed.set()
                    self.changed = asyncio.Event()

    def start(self) -> None:
        self.task = asyncio.create_task(self._follow())

    async def stop(self) -> None:
        if self.task:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task

    async def wait_for(self, test: Any, timeout: float = 10.0) -> tuple[float, dict[str, Any]]:
        deadline = time.perf_counter() + timeout
        while True:
            for when, event in reversed(self.events):
                if test(event):
                    return when, event
                break  # only the newest event counts
            left = deadline - time.perf_counter()
            if left <= 0:
                last = self.events[-1][1] if self.events else None
                raise TimeoutError(f"stroom: geen passende stand binnen {timeout} s ({last})")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)


async def zaal(
    deelnemers_url: str,
    begeleider_url: str,
    *,
    aantal: int = 300,
    gelijktijdig: int = 60,
    onthullingen: int = 1,
    seed: int = 14,
    stemming: bool = False,
) -> Verslag:
    """Run the room; raises nothing for HTTP errors but lists them in ``fouten``."""
    import httpx

    rng = random.Random(seed)
    parts = urlparse(deelnemers_url)
    base = f"{parts.scheme}://{parts.netloc}"
    code = parts.path.rstrip("/").rsplit("/", 1)[-1]
    origin = {"origin": base, "accept": "application/json"}
    verslag = Verslag()
    tls = ssl.create_default_context()
    limits = asyncio.Semaphore(gelijktijdig)

    def client() -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=base, verify=tls, timeout=30)

    def note(kind: str) -> None:
        verslag.gedrag[kind] = verslag.gedrag.get(kind, 0) + 1

    async def post(c: Telefoon, path: str, data: dict[str, str]) -> int:
        start = time.perf_counter()
        status, body = await c.request("POST", path, data)
        verslag.ack.append(time.perf_counter() - start)
        if status != 200:
            verslag.fouten.append(f"{path}: {status} {body[:120]!r}")
        return status

    async def phone(number: int) -> None:
        behaviour = rng.random()
        perspectief: Perspectief = rng.choice(["professional", "bewoner"])
        first: Resultaat | Stem = _ballot(rng) if stemming else _answers(rng, perspectief, "proef")
        page = f"/s/{code}" if stemming else f"/s/{code}/{perspectief}"
        async with limits:
            c = Telefoon(base)
            try:
                await c.request("GET", f"/s/{code}")
                if not stemming:
                    await c.request("GET", page)
                if behaviour < 0.08:
                    note("afgehaakt")
                    return
                me = c.cookies["deelnemer"]
                await post(c, f"/s/{code}/antwoord", _form(first))
                verslag.verwacht[me] = first
                if behaviour < 0.30:
                    note("dubbel")
                    # Two taps at once: a second connection with the same cookie.
                    twin = Telefoon(base)
                    twin.cookies = dict(c.cookies)
                    try:
                        await asyncio.gather(
                            post(c, f"/s/{code}/antwoord", _form(first)),
                            post(twin, f"/s/{code}/antwoord", _form(first)),
                        )
                    finally:
                        await twin.aclose()
                elif behaviour < 0.50:
                    note("aangepast")
                    other: Perspectief = rng.choice(["professional", "bewoner"])
                    edit = _ballot(rng) if stemming else _answers(rng, other, "proef")
                    await post(c, f"/s/{code}/antwoord", _form(edit))
                    verslag.verwacht[me] = edit
                elif behaviour < 0.65:
                    note("opnieuw verbonden")
                    await c.aclose()
                    c = Telefoon(base)
                    c.cookies["deelnemer"] = me
                    await c.request("GET", page)
                    edit = _ballot(rng) if stemming else _answers(rng, perspectief, "proef")
                    await post(c, f"/s/{code}/antwoord", _form(edit))
                    verslag.verwacht[me] = edit
                elif behaviour < 0.70:
                    note("ingetrokken")
                    await post(c, f"/s/{code}/intrekken", {})
                    del verslag.verwacht[me]
                else:
                    note("gewoon")
            finally:
                await c.aclose()

    async def watch_loop() -> None:
        """How late this process's own event loop runs (the simulator's share of a delay)."""
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.01)
            verslag.vertraging.append(time.perf_counter() - start - 0.01)

    watcher = asyncio.create_task(watch_loop())
    boss = client()
    r = await boss.get(begeleider_url.removeprefix(base), follow_redirects=True)
    r.raise_for_status()
    stream = f"/begeleider/{code}/stroom"
    presenter = _Presenter(boss, stream)
    presenter.start()
    await presenter.wait_for(lambda e: True)
    half = aantal // 2
    await asyncio.gather(*(phone(i) for i in range(half)))
    # The presenter's connection drops and comes back (laptop Wi-Fi).
    await presenter.stop()
    presenter = _Presenter(boss, stream)
    presenter.start()
    await presenter.wait_for(lambda e: True)
    await asyncio.gather(*(phone(i) for i in range(half, aantal)))
    expected = len(verslag.verwacht)
    await presenter.wait_for(lambda e: e["aantal"] == expected and not e["onthuld"])
    for _ in range(onthullingen):
        start = time.perf_counter()
        r = await boss.post(f"/begeleider/{code}/onthul", headers=origin)
        if r.status_code != 200:
            verslag.fouten.append(f"onthul: {r.status_code} {r.text[:120]}")
        when, _ = await presenter.wait_for(lambda e: e["onthuld"] and e["profiel"] is not None)
        verslag.onthul.append(when - start)
        await boss.post(f"/begeleider/{code}/verberg", headers=origin)
        await presenter.wait_for(lambda e: not e["onthuld"])
    await boss.post(f"/begeleider/{code}/onthul", headers=origin)
    _, verslag.slotstand = await presenter.wait_for(lambda e: e["onthuld"])
    verslag.stroom = [e for _, e in presenter.events]
    await presenter.stop()
    await boss.aclose()
    watcher.cancel()
    return verslag


def zaal_sync(*args: Any, **kwargs: Any) -> Verslag:
    """Run :func:`zaal` in its own thread and event loop.

    A caller may already have a running loop in its thread (Playwright's sync API keeps
    one in pytest's main thread), where ``asyncio.run`` is refused.
    """
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(zaal(*args, **kwargs))).result()


# --------------------------------------------------------------------------- the command

CLI = "from leerlab.commands.cli import main; main()"


@dataclass
class Draaiend:
    """The command running in a child process, with the addresses it printed."""

    process: subprocess.Popen[str]
    deelnemers: str
    begeleider: str
    lines: list[str]
    log: Path

    @property
    def base(self) -> str:
        return self.deelnemers.split("/s/")[0]

    def stop(self) -> str:
        """Stop with Ctrl-C (SIGINT), as a facilitator does; returns everything it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        rest = self.process.stdout.read() if self.process.stdout else ""
        return "\n".join(self.lines) + rest + self.log.read_text(encoding="utf-8")


def start_opdracht(tmp_path: Path, *args: str) -> Draaiend:
    """Start `leerlab sessie live` on 127.0.0.1 (free port) and wait until it answers."""
    import httpx

    log = tmp_path / f"stderr-{time.monotonic_ns()}.txt"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CLI,
            "sessie",
            "live",
            "--host",
            "127.0.0.1",
            "--poort",
            "0",
            "--geen-browser",
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
        env=env,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 60
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError(f"de app stopte: {log.read_text()}")
        lines.append(line.rstrip("\n"))
        if line.startswith("Stoppen met Ctrl-C"):
            break
    text = "\n".join(lines)
    deelnemers = re.search(r"QR-code hierboven: (\S+)", text)
    begeleider = re.search(r"Begeleider \(niet delen\): (\S+)", text)
    assert deelnemers and begeleider, text
    running = Draaiend(process, deelnemers.group(1), begeleider.group(1), lines, log)
    # Wait until uvicorn accepts connections.
    for _ in range(100):
        try:
            httpx.get(running.base + "/", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    return running
