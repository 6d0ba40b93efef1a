"""`leerlab sessie live` as a real server on 127.0.0.1: 300 phones, restart, logs, QR."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from leerlab.live.proefzaal import Draaiend as Running
from leerlab.live.proefzaal import start_opdracht, zaal_sync
from leerlab.live.server import qr_tekst

from .live_hulp import zbar


def start(tmp_path: Path, *args: str) -> Running:
    return start_opdracht(tmp_path, *args)


pytestmark = pytest.mark.slow


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Running]]:
    started: list[Running] = []
    yield started
    for running in started:
        running.stop()


def test_three_hundred_phones_exact_counts_and_profile(tmp_path: Path, servers) -> None:
    running = start(tmp_path, "--situatie", "Proefzaal")
    servers.append(running)
    verslag = zaal_sync(running.deelnemers, running.begeleider, aantal=300)
    assert verslag.fouten == []
    assert {"dubbel", "aangepast", "opnieuw verbonden", "ingetrokken", "afgehaakt"} <= set(
        verslag.gedrag
    ), verslag.gedrag
    final = verslag.slotstand
    assert final["aantal"] == len(verslag.verwacht)  # nothing lost, nothing counted twice
    assert final["profiel"] == verslag.verwacht_profiel()
    # Before the reveal the stream carried only counts.
    before = verslag.stroom[: next(i for i, e in enumerate(verslag.stroom) if e["onthuld"])]
    assert before and all(e["profiel"] is None and e["html"] == "" for e in before)
    counts = [e["aantal"] for e in before]
    assert counts[-1] == len(verslag.verwacht)
    log = running.stop()
    # No participant address in anything the app wrote (only the server's own address is
    # printed, in the join and facilitator lines).
    written = [line for line in log.splitlines() if running.base not in line]
    assert not re.search(r"\b127\.0\.0\.1\b", "\n".join(written)), log
    assert '"GET ' not in log and '"POST ' not in log


def test_restart_with_bewaar_loses_nothing(tmp_path: Path, servers) -> None:
    db = tmp_path / "sessie.sqlite"
    first = start(tmp_path, "--bewaar", str(db), "--situatie", "Buurthuis")
    servers.append(first)
    verslag = zaal_sync(first.deelnemers, first.begeleider, aantal=40, gelijktijdig=20)
    assert verslag.fouten == []
    shown = verslag.slotstand
    first.stop()
    second = start(tmp_path, "--bewaar", str(db))
    servers.append(second)
    assert second.deelnemers == first.deelnemers.replace(first.base, second.base), (
        "dezelfde sessie loopt door"
    )
    assert second.begeleider != first.begeleider  # a new facilitator secret
    with httpx.Client(base_url=second.base) as boss:
        old = boss.get(first.begeleider.replace(first.base, ""), follow_redirects=False)
        assert old.status_code == 403  # the old secret no longer works
        boss.get(second.begeleider.replace(second.base, ""), follow_redirects=True)
        code = second.deelnemers.rsplit("/", 1)[-1]
        stand = boss.get(f"/begeleider/{code}/stand").json()
    assert stand["aantal"] == shown["aantal"] == len(verslag.verwacht)
    assert stand["onthuld"] and stand["profiel"] == shown["profiel"]
    second.stop()
    # The file holds no address and no name: only hashes, perspectives and answers.
    raw = db.read_bytes()
    assert b"127.0.0.1" not in raw
    with sqlite3.connect(db) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(live_antwoorden)")}
    assert columns == {"code", "deelnemer", "perspectief", "antwoorden"}


def test_closing_deletes_answers_from_the_file(tmp_path: Path, servers) -> None:
    db = tmp_path / "sessie.sqlite"
    running = start(tmp_path, "--bewaar", str(db))
    servers.append(running)
    verslag = zaal_sync(running.deelnemers, running.begeleider, aantal=12, gelijktijdig=6)
    code = running.deelnemers.rsplit("/", 1)[-1]
    with httpx.Client(base_url=running.base) as boss:
        boss.get(running.begeleider.replace(running.base, ""), follow_redirects=True)
        r = boss.post(
            f"/begeleider/{code}/sluit",
            headers={"origin": running.base, "accept": "application/json"},
        )
        assert r.status_code == 200
        export = boss.get(f"/begeleider/{code}/export.json").json()
    assert export == verslag.verwacht_profiel()
    running.stop()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM live_antwoorden").fetchone() == (0,)
        (kept,) = conn.execute("SELECT momentopname FROM live_sessies").fetchone()
    assert kept is not None


def test_terminal_qr_decodes_to_the_join_address(tmp_path: Path, servers) -> None:
    running = start(tmp_path)
    servers.append(running)
    text = "\n".join(running.lines)
    qr = qr_tekst(running.deelnemers)
    assert qr in text
    # Turn the printed half-block characters back into pixels and let zbar read them.
    rows: list[list[int]] = []
    for line in qr.splitlines():
        top, bottom = [], []
        for char in line:
            top.append(1 if char in "█▀" else 0)
            bottom.append(1 if char in "█▄" else 0)
        rows += [top, bottom]
    width = max(len(r) for r in rows)
    # The terminal shows light modules as blocks (for dark terminals): dark = no block.
    dark = [[1 - v for v in r + [0] * (width - len(r))] for r in rows]
    scale = 6
    pixels = [[v for v in row for _ in range(scale)] for row in dark for _ in range(scale)]
    border = [[0] * (width * scale + 48) for _ in range(24)]
    image = border + [[0] * 24 + row + [0] * 24 for row in pixels] + border
    pbm = tmp_path / "qr.pbm"
    pbm.write_text(
        f"P1\n{len(image[0])} {len(image)}\n" + "\n".join(" ".join(map(str, r)) for r in image)
    )
    assert zbar(pbm) == [f"QR-Code:{running.deelnemers}"]


def test_answers_one_after_another_are_not_held_back(tmp_path: Path, servers) -> None:
    """The real command answers a phone at once: with Nagle's algorithm on (as before),
    each answer on a kept-open connection waited about 40 ms for a delayed ACK."""
    import asyncio
    import statistics
    import time

    from leerlab.live.proefzaal import Telefoon
    from leerlab.models.ladder import laad_trap

    running = start(tmp_path)
    servers.append(running)
    code = running.deelnemers.rsplit("/", 1)[-1]
    form = {"perspectief": "bewoner", **{i.id: "3" for i in laad_trap().items_van("bewoner")}}

    async def run() -> list[float]:
        phone = Telefoon(running.base)
        times = []
        for _ in range(21):
            phone.cookies = {}  # a new participant each time (no rate limit)
            begin = time.perf_counter()
            status, _ = await phone.request("POST", f"/s/{code}/antwoord", form)
            times.append(time.perf_counter() - begin)
            assert status == 200
        await phone.aclose()
        return times

    assert statistics.median(asyncio.run(run())) < 0.020


def test_vote_room_exact_counts_and_restart(tmp_path: Path, servers) -> None:
    """The funding vote with 150 phones (double taps, edits, reconnects, withdrawals):
    nothing lost or counted twice, only counts before the reveal, and a restart with
    --bewaar resumes the same vote."""
    db = tmp_path / "stemming.sqlite"
    first = start(tmp_path, "--soort", "stemming", "--bewaar", str(db), "--situatie", "Sessie 6")
    servers.append(first)
    assert any(line.startswith("Stemming 'Sessie 6'") for line in first.lines)
    verslag = zaal_sync(
        first.deelnemers, first.begeleider, aantal=150, gelijktijdig=30, stemming=True
    )
    assert verslag.fouten == []
    final = verslag.slotstand
    assert final["soort"] == "stemming"
    assert final["aantal"] == len(verslag.verwacht)
    assert final["profiel"] == verslag.verwacht_profiel() and final["profiel"] is not None
    before = verslag.stroom[: next(i for i, e in enumerate(verslag.stroom) if e["onthuld"])]
    assert before and all(e["profiel"] is None and e["html"] == "" for e in before)
    first.stop()
    second = start(tmp_path, "--soort", "stemming", "--bewaar", str(db))
    servers.append(second)
    assert second.deelnemers == first.deelnemers.replace(first.base, second.base)
    with httpx.Client(base_url=second.base) as boss:
        boss.get(second.begeleider.replace(second.base, ""), follow_redirects=True)
        code = second.deelnemers.rsplit("/", 1)[-1]
        stand = boss.get(f"/begeleider/{code}/stand").json()
    assert stand["aantal"] == final["aantal"] and stand["profiel"] == final["profiel"]
