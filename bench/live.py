"""300 simulated phones against `leerlab sessie live` on this machine (one run, ratios to goals).

The command runs as a child process on 127.0.0.1 (the phones share the machine's cores
with it, as on a facilitator's laptop). Each phone is its own HTTP client: join, open the
form, answer; some submit twice, edit, reconnect or withdraw, some give up. One presenter
follows the server-sent events. Measured:

- answer -> acknowledged: time of every POST until its response (goal p95 <= 100 ms);
- reveal -> shown: from the facilitator's click until the presenter stream carries the
  profile (goal p95 <= 1 s), over ``--onthullingen`` reveals;
- memory per participant: growth of the server's resident memory divided by the answers;
- the simulator's own delay: how late its event loop wakes up (p95), so a reader can see
  how much of a latency is this process and not the app;
- one ratio within this run: answers sent one after another on one connection, to the same
  app behind a listening socket made as before (proto 0: asyncio leaves Nagle's algorithm on)
  and behind :func:`leerlab.live.server.tcp_socket` (TCP_NODELAY on every connection).

Usage: ``.venv/bin/python bench/live.py [--aantal 300] [--gelijktijdig 60] [--stemming]``
(``--stemming``: the funding vote of session 6 instead of the self-test).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from leerlab.live.proefzaal import Telefoon, start_opdracht, zaal
from leerlab.models.ladder import laad_trap

GOAL_ACK = 0.100
GOAL_ONTHUL = 1.0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# A child process serving the app behind either listening socket (argv[1]: oud | nieuw).
LISTENER = """
import socket, sys, uvicorn
from leerlab.live.app import Live, maak_app
from leerlab.live.opslag import Geheugen
from leerlab.live.server import tcp_socket
from leerlab.live.sessie import Sessie
live = Live(Geheugen())
sessie, _ = Sessie.nieuw("AB")
live.voeg_toe(sessie)
if sys.argv[1] == "oud":
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
else:
    sock = tcp_socket(socket.AF_INET)
sock.bind(("127.0.0.1", 0))
sock.listen(512)
print(sock.getsockname()[1], sessie.code, flush=True)
config = uvicorn.Config(maak_app(live), access_log=False, log_level="warning")
uvicorn.Server(config).run(sockets=[sock])
"""


def one_after_another(kind: str, answers: int = 40) -> list[float]:
    """Seconds per answer, sent one after another over one keep-alive connection."""
    process = subprocess.Popen(
        [sys.executable, "-c", LISTENER, kind], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port, code = process.stdout.readline().split()
        form = {"perspectief": "professional"}
        form |= {item.id: "2" for item in laad_trap().items_van("professional")}

        async def run() -> list[float]:
            phone = Telefoon(f"http://127.0.0.1:{port}")
            for _ in range(100):  # wait until uvicorn accepts
                try:
                    await phone.request("GET", "/")
                    break
                except OSError:
                    await asyncio.sleep(0.1)
            times = []
            for _ in range(answers):
                phone.cookies = {}  # a new participant each time: no rate limit
                start = time.perf_counter()
                status, _ = await phone.request("POST", f"/s/{code}/antwoord", form)
                times.append(time.perf_counter() - start)
                assert status == 200, status
            await phone.aclose()
            return times

        return asyncio.run(run())
    finally:
        process.terminate()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aantal", type=int, default=300)
    parser.add_argument("--gelijktijdig", type=int, default=60)
    parser.add_argument("--onthullingen", type=int, default=20)
    parser.add_argument("--stemming", action="store_true", help="de stemming van sessie 6")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leerlab-live-") as tmp:
        soort = ("--soort", "stemming") if args.stemming else ()
        running = start_opdracht(Path(tmp), "--situatie", "Bench", *soort)
        try:
            server = psutil.Process(running.process.pid)
            before = server.memory_info().rss
            cpu_before = sum(server.cpu_times()[:2])
            start = time.perf_counter()
            verslag = asyncio.run(
                zaal(
                    running.deelnemers,
                    running.begeleider,
                    aantal=args.aantal,
                    gelijktijdig=args.gelijktijdig,
                    onthullingen=args.onthullingen,
                    stemming=args.stemming,
                )
            )
            seconds = time.perf_counter() - start
            after = server.memory_info().rss
            cpu = sum(server.cpu_times()[:2]) - cpu_before
        finally:
            running.stop()
    if verslag.fouten:
        raise SystemExit(f"fouten: {verslag.fouten[:5]}")
    exact = verslag.slotstand["aantal"] == len(verslag.verwacht)
    profile = verslag.slotstand["profiel"] == verslag.verwacht_profiel()
    ack50, ack95 = pct(verslag.ack, 50), pct(verslag.ack, 95)
    on50, on95 = pct(verslag.onthul, 50), pct(verslag.onthul, 95)
    per = (after - before) / max(1, len(verslag.verwacht))
    print(
        f"live ({'stemming' if args.stemming else 'zelftest'}): {args.aantal} telefoons, "
        f"{len(verslag.ack)} verzoeken, {seconds:.1f} s, "
        f"{os.cpu_count()} kernen; gedrag {verslag.gedrag}"
    )
    print(f"  eindtelling exact: {exact}; profiel gelijk aan Python: {profile}")
    print(
        f"  antwoord -> bevestigd: p50 {1000 * ack50:.1f} ms, p95 {1000 * ack95:.1f} ms, "
        f"gemiddeld {1000 * statistics.mean(verslag.ack):.1f} ms; "
        f"p95 / doel (100 ms) = {ack95 / GOAL_ACK:.2f}"
    )
    print(
        f"  onthullen -> getoond: p50 {1000 * on50:.1f} ms, p95 {1000 * on95:.1f} ms "
        f"({len(verslag.onthul)} keer); p95 / doel (1 s) = {on95 / GOAL_ONTHUL:.2f}"
    )
    print(
        f"  server-CPU: {cpu:.2f} s, {1000 * cpu / len(verslag.ack):.2f} ms per antwoord "
        "(met de pagina's ervoor); de rest van de wachttijd is wachten op de gedeelde kernen"
    )
    print(
        f"  geheugen per deelnemer: {per / 1024:.1f} KiB "
        f"(server {before / 2**20:.0f} -> {after / 2**20:.0f} MiB)"
    )
    lag = pct(verslag.vertraging, 95)
    print(f"  eigen vertraging van de simulator (event loop): p95 {1000 * lag:.1f} ms")
    old, new = one_after_another("oud"), one_after_another("nieuw")
    print(
        f"  na elkaar op een verbinding (40 antwoorden): socket zoals voorheen (Nagle aan) "
        f"p50 {1000 * statistics.median(old):.1f} ms, met TCP_NODELAY "
        f"p50 {1000 * statistics.median(new):.1f} ms; "
        f"verhouding {statistics.median(old) / statistics.median(new):.0f}x"
    )
    if not (exact and profile):
        raise SystemExit("telling of profiel klopt niet")


if __name__ == "__main__":
    main()
