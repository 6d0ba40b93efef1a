"""Where sessions live: memory only (default), SQLite (``--bewaar``) or PostgreSQL (URL).

Memory is always the working copy; a database is written through on every change
(one transaction per change) and read back at start, so a restart loses nothing.
The same SQL runs on SQLite and PostgreSQL (``ON CONFLICT ... DO UPDATE``). No table
has a column for a name, an address or a time of an answer.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import unquote, urlparse

from leerlab.errors import LeerlabFout
from leerlab.live.sessie import Antwoord, Sessie
from leerlab.models.ladder import Resultaat
from leerlab.models.stemming import Stem

#: The perspectief column of a stored ballot (a ballot has no perspective).
STEM = "stemming"

SESSIE_KOLOMMEN = (
    "code",
    "sleutel_hash",
    "situatie",
    "aangemaakt",
    "verloopt",
    "onthuld",
    "momentopname",
    "gewijzigd",
    "gesloten",
    "versie",
    "soort",
)

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS live_sessies (
        code TEXT PRIMARY KEY,
        sleutel_hash TEXT NOT NULL,
        situatie TEXT NOT NULL,
        aangemaakt DOUBLE PRECISION NOT NULL,
        verloopt DOUBLE PRECISION NOT NULL,
        onthuld INTEGER NOT NULL,
        momentopname TEXT,
        gewijzigd TEXT NOT NULL,
        gesloten INTEGER NOT NULL,
        versie INTEGER NOT NULL,
        soort TEXT NOT NULL DEFAULT 'zelftest'
    )""",
    """CREATE TABLE IF NOT EXISTS live_antwoorden (
        code TEXT NOT NULL REFERENCES live_sessies(code) ON DELETE CASCADE,
        deelnemer TEXT NOT NULL,
        perspectief TEXT NOT NULL,
        antwoorden TEXT NOT NULL,
        PRIMARY KEY (code, deelnemer)
    )""",
)

_UPSERT_SESSIE = (
    f"INSERT INTO live_sessies ({', '.join(SESSIE_KOLOMMEN)}) "
    f"VALUES ({', '.join('?' for _ in SESSIE_KOLOMMEN)}) ON CONFLICT (code) DO UPDATE SET "
    + ", ".join(f"{k} = excluded.{k}" for k in SESSIE_KOLOMMEN[1:])
)
_UPSERT_ANTWOORD = (
    "INSERT INTO live_antwoorden (code, deelnemer, perspectief, antwoorden) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (code, deelnemer) DO UPDATE SET perspectief = excluded.perspectief, "
    "antwoorden = excluded.antwoorden"
)


class Opslag(Protocol):
    naam: str

    def laad(self) -> list[Sessie]: ...

    def bewaar(
        self,
        sessie: Sessie,
        deelnemer: str | None = None,
        resultaat: Antwoord | None = None,
        *,
        wis_deelnemer: bool = False,
        wis_alles: bool = False,
    ) -> None: ...

    def sluit(self) -> None: ...


class Geheugen:
    """Nothing leaves memory: stopping the command deletes every answer."""

    naam = "alleen in het geheugen (stoppen wist alles)"

    def laad(self) -> list[Sessie]:
        return []

    def bewaar(
        self,
        sessie: Sessie,
        deelnemer: str | None = None,
        resultaat: Antwoord | None = None,
        *,
        wis_deelnemer: bool = False,
        wis_alles: bool = False,
    ) -> None:
        return None

    def sluit(self) -> None:
        return None


class _SQL:
    """Shared write-through logic; subclasses give a DB-API connection and a paramstyle."""

    naam = ""
    param = "?"

    def __init__(self, connection: Any) -> None:
        self.db = connection
        cur = self.db.cursor()
        for statement in SCHEMA:
            cur.execute(statement)
        self.db.commit()
        try:  # a database written before votes existed has no column 'soort'
            cur.execute("SELECT soort FROM live_sessies WHERE 1 = 0")
            cur.fetchall()
            self.db.commit()
        except Exception:  # sqlite3 and pg8000 raise their own kinds
            self.db.rollback()
            cur = self.db.cursor()
            cur.execute(
                "ALTER TABLE live_sessies ADD COLUMN soort TEXT NOT NULL DEFAULT 'zelftest'"
            )
            self.db.commit()

    def _sql(self, text: str) -> str:
        return text if self.param == "?" else text.replace("?", self.param)

    def laad(self) -> list[Sessie]:
        cur = self.db.cursor()
        cur.execute(f"SELECT {', '.join(SESSIE_KOLOMMEN)} FROM live_sessies")
        rows = [dict(zip(SESSIE_KOLOMMEN, r, strict=True)) for r in cur.fetchall()]
        out = []
        for row in rows:
            cur.execute(
                self._sql(
                    "SELECT deelnemer, perspectief, antwoorden FROM live_antwoorden WHERE code = ?"
                ),
                (row["code"],),
            )
            answers: dict[str, Antwoord] = {}
            for deelnemer, perspectief, antwoorden in cur.fetchall():
                if perspectief == STEM:
                    answers[deelnemer] = Stem(keuzes=json.loads(antwoorden))
                else:
                    answers[deelnemer] = Resultaat(
                        situatie=row["situatie"],
                        perspectief=perspectief,
                        antwoorden=json.loads(antwoorden),
                    )
            out.append(Sessie.uit_rij(row, answers))
        self.db.commit()
        return out

    def bewaar(
        self,
        sessie: Sessie,
        deelnemer: str | None = None,
        resultaat: Antwoord | None = None,
        *,
        wis_deelnemer: bool = False,
        wis_alles: bool = False,
    ) -> None:
        cur = self.db.cursor()
        try:
            row = sessie.als_rij()
            cur.execute(self._sql(_UPSERT_SESSIE), tuple(row[k] for k in SESSIE_KOLOMMEN))
            if wis_alles:
                cur.execute(self._sql("DELETE FROM live_antwoorden WHERE code = ?"), (sessie.code,))
            elif deelnemer is not None and wis_deelnemer:
                cur.execute(
                    self._sql("DELETE FROM live_antwoorden WHERE code = ? AND deelnemer = ?"),
                    (sessie.code, deelnemer),
                )
            elif deelnemer is not None and resultaat is not None:
                if isinstance(resultaat, Stem):
                    kind, values = STEM, json.dumps(resultaat.keuzes, sort_keys=True)
                else:
                    kind = resultaat.perspectief
                    values = json.dumps(resultaat.antwoorden, sort_keys=True)
                cur.execute(self._sql(_UPSERT_ANTWOORD), (sessie.code, deelnemer, kind, values))
            self.db.commit()
        except Exception:
            self.db.rollback()
            raise

    def sluit(self) -> None:
        self.db.close()


class SQLiteOpslag(_SQL):
    def __init__(self, pad: Path) -> None:
        self.naam = f"bewaard in {pad}"
        try:
            pad.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(pad, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            connection.isolation_level = "DEFERRED"  # one transaction per change
        except sqlite3.Error as exc:
            raise LeerlabFout(f"Kan {pad} niet openen als database: {exc}.") from None
        super().__init__(connection)


class PostgresOpslag(_SQL):
    param = "%s"

    def __init__(self, url: str) -> None:
        try:
            import pg8000.dbapi
        except ImportError:
            raise LeerlabFout(
                "Voor PostgreSQL is het pakket pg8000 nodig: pip install pg8000."
            ) from None
        parts = urlparse(url)
        self.naam = f"bewaard in PostgreSQL-database {parts.path.lstrip('/')} op {parts.hostname}"
        try:
            connection = pg8000.dbapi.connect(
                user=unquote(parts.username or ""),
                password=unquote(parts.password) if parts.password else None,
                host=parts.hostname or "localhost",
                port=parts.port or 5432,
                database=parts.path.lstrip("/") or None,
            )
        except Exception as exc:  # pg8000 raises several kinds; all mean "cannot connect"
            raise LeerlabFout(f"Kan geen verbinding maken met PostgreSQL: {exc}.") from None
        super().__init__(connection)


def maak_opslag(bewaar: Path | None = None, database: str | None = None) -> Opslag:
    if bewaar is not None and database is not None:
        raise LeerlabFout(
            "Kies --bewaar (SQLite-bestand) of --database (PostgreSQL), niet allebei."
        )
    if database is not None:
        if not database.startswith(("postgresql://", "postgres://")):
            raise LeerlabFout(
                "--database moet een PostgreSQL-adres zijn, zoals postgresql://gebruiker@host/db."
            )
        return PostgresOpslag(database)
    if bewaar is not None:
        return SQLiteOpslag(bewaar)
    return Geheugen()
