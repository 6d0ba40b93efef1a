"""The PostgreSQL store against a real PostgreSQL that this test starts (initdb/pg_ctl).

The server runs in a temporary folder on 127.0.0.1 as an unprivileged user (PostgreSQL
refuses to run as root; CI runs as root, so the test drops to ``nobody`` there).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from leerlab.live.opslag import PostgresOpslag, maak_opslag
from leerlab.live.proefzaal import start_opdracht, zaal_sync
from leerlab.live.sessie import Sessie
from leerlab.models.ladder import Resultaat, laad_trap

pytestmark = pytest.mark.slow


def tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if found is None:
        pytest.fail(f"{name} ontbreekt: installeer PostgreSQL (apt-get install postgresql).")
    return found


def as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="leerlab-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "LC_ALL": "C"}
    subprocess.run(
        as_user(
            [
                tool("initdb"),
                "-D",
                str(data),
                "-U",
                "leerlab",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ]
        ),
        check=True,
        capture_output=True,
        env=env,
    )
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        as_user(
            [
                tool("pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
        env=env,
    )
    try:
        yield f"postgresql://leerlab@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            as_user([tool("pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
            env=env,
        )
        shutil.rmtree(folder, ignore_errors=True)


def test_store_round_trip(postgres: str) -> None:
    opslag = maak_opslag(database=postgres)
    assert isinstance(opslag, PostgresOpslag)
    sessie, _ = Sessie.nieuw("Wijkteam Noord")
    ids = [i.id for i in laad_trap().items_van("bewoner")]
    answer = Resultaat(
        situatie=sessie.situatie,
        perspectief="bewoner",
        antwoorden=dict.fromkeys(ids, 3) | {ids[0]: None},
    )
    sessie.antwoord("hash1", answer)
    opslag.bewaar(sessie, "hash1", answer)
    sessie.antwoord("hash2", answer)
    opslag.bewaar(sessie, "hash2", answer)
    sessie.intrekken("hash2")
    opslag.bewaar(sessie, "hash2", wis_deelnemer=True)
    opslag.sluit()
    (again,) = [s for s in maak_opslag(database=postgres).laad() if s.code == sessie.code]
    assert again == sessie and again.antwoorden == {"hash1": answer}


def test_command_on_postgres_survives_a_restart(postgres: str, tmp_path: Path) -> None:
    first = start_opdracht(tmp_path, "--database", postgres, "--nieuw", "--situatie", "PG")
    try:
        verslag = zaal_sync(first.deelnemers, first.begeleider, aantal=30, gelijktijdig=10)
        assert verslag.fouten == []
    finally:
        first.stop()
    second = start_opdracht(tmp_path, "--database", postgres)
    try:
        code = second.deelnemers.rsplit("/", 1)[-1]
        assert first.deelnemers.endswith(code)
        with httpx.Client(base_url=second.base) as boss:
            boss.get(second.begeleider.replace(second.base, ""), follow_redirects=True)
            stand = boss.get(f"/begeleider/{code}/stand").json()
        assert stand["aantal"] == len(verslag.verwacht)
        assert stand["profiel"] == verslag.slotstand["profiel"] == verslag.verwacht_profiel()
    finally:
        second.stop()


def test_bad_database_address_is_a_dutch_error() -> None:
    from leerlab.errors import LeerlabFout

    with pytest.raises(LeerlabFout, match="PostgreSQL-adres"):
        maak_opslag(database="mysql://x")
    with pytest.raises(LeerlabFout, match="Kan geen verbinding maken"):
        maak_opslag(database="postgresql://leerlab@127.0.0.1:1/x")
    with pytest.raises(LeerlabFout, match="niet allebei"):
        maak_opslag(bewaar=Path("x.sqlite"), database="postgresql://x")
