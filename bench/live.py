"""300 simulated phones against `leerlab sessie live` on this machine (one run, ratios to goals).

The command runs as a child process on 127.0.0.1 (the phones share the machine's cores
with it, as on a facilitator's laptop). Each phone is its own HTTP client: join, open the
form, answer; some submit twice, edit, reconnect or withdraw, some give up. One presenter
follows the server-sent events. Measured:

- answer -> acknowledged: time of every POST until its response (goal p95 <= 100 ms);
- reveal -> shown: from the facilitator's click until the presenter stream carries the
  profile (goal p95 <= 1 s), over ``--onthullingen`` reveals;
- memory per participant: growth of the server's resident memory divided by the answers.

Usage: ``.venv/bin/python bench/live.py [--aantal 300] [--gelijktijdig 60]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

import psutil

from leerlab.live.proefzaal import start_opdracht, zaal

GOAL_ACK = 0.100
GOAL_ONTHUL = 1.0


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aantal", type=int, default=300)
    parser.add_argument("--gelijktijdig", type=int, default=60)
    parser.add_argument("--onthullingen", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="leerlab-live-") as tmp:
        running = start_opdracht(Path(tmp), "--situatie", "Bench")
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
        f"live: {args.aantal} telefoons, {len(verslag.ack)} verzoeken, {seconds:.1f} s, "
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
    if not (exact and profile):
        raise SystemExit("telling of profiel klopt niet")


if __name__ == "__main__":
    main()
