"""The PostgreSQL store against a real PostgreSQL that this test starts (initdb/pg_ctl,
see tests/postgres_hulp.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from leerlab.live.opslag import PostgresOpslag, maak_opslag
from leerlab.live.proefzaal import start_opdracht, zaal_sync
from leerlab.live.sessie import Sessie
from leerlab.models.ladder import Resultaat, laad_trap

from .postgres_hulp import postgres_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with postgres_server() as url:
        yield url


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


def test_vote_round_trip_and_an_old_table_is_upgraded(postgres: str) -> None:
    from leerlab.models.stemming import Stem

    opslag = maak_opslag(database=postgres)
    assert isinstance(opslag, PostgresOpslag)
    # A table from before votes existed: no column 'soort' (the upgrade adds it back).
    cur = opslag.db.cursor()
    cur.execute("ALTER TABLE live_sessies DROP COLUMN soort")
    opslag.db.commit()
    opslag.sluit()
    opslag = maak_opslag(database=postgres)
    assert all(s.soort == "zelftest" for s in opslag.laad())
    sessie, _ = Sessie.nieuw("Sessie 6", soort="stemming")
    ballot = Stem(keuzes={"betalen": "lumpsum", "afspraken": None})
    sessie.antwoord("hash9", ballot)
    opslag.bewaar(sessie, "hash9", ballot)
    opslag.sluit()
    (again,) = [s for s in maak_opslag(database=postgres).laad() if s.code == sessie.code]
    assert again == sessie and again.soort == "stemming" and again.antwoorden == {"hash9": ballot}
