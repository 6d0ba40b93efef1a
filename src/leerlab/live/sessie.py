"""The state of one live session and its privacy rules (no network, no storage).

A session collects one ladder self-test (kind ``zelftest``) or one ballot of the funding
vote (kind ``stemming``, :mod:`leerlab.models.stemming`) per participant (keyed by a hash
of a random per-session cookie, never a name or an address). The presenter payload carries only the
count until the facilitator reveals; the profile itself comes from
:func:`leerlab.models.ladder.groepsprofiel`, so the thresholds and texts are the book's.

Privacy rules on top of the model's ``MIN_GROEP``:

1. No profile before the facilitator reveals, and none below ``MIN_GROEP`` complete answers.
2. A perspective with fewer than ``MIN_GROEP`` answers is never shown apart; when one is
   hidden, the other is not shown apart either (otherwise "iedereen" minus the shown
   perspective would give the hidden person's answers).
3. The profile shown is a snapshot taken at the click. It does not follow later answers;
   a new snapshot (also the final one at closing) is taken only when at least
   ``MIN_GROEP`` participants changed something since the previous snapshot, so no two
   shown profiles differ by one or two people.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from leerlab.errors import LeerlabFout
from leerlab.models.ladder import (
    MIN_GROEP,
    Groepsprofiel,
    Resultaat,
    groepsprofiel,
    score,
)
from leerlab.models.stemming import Stem, beschrijving, uitslag
from leerlab.views.ladder_charts import groep_beschrijving

#: Letters for session codes: no 0/o, 1/l/i, so a code can be read aloud or typed.
CODE_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"
#: 16 characters of 31 = 79 bits: not guessable within any rate limit.
CODE_LENGTE = 16
#: The kinds of session: the ladder self-test, or the funding vote of session 6.
SOORTEN = ("zelftest", "stemming")
#: Sessions close by themselves after this many hours (answers deleted, aggregate kept).
STANDAARD_UREN = 8.0


class LiveFout(LeerlabFout):
    """A request the app refuses; ``status`` is the HTTP status code to answer with."""

    def __init__(self, melding: str, status: int = 400) -> None:
        super().__init__(melding)
        self.status = status


def nieuwe_code() -> str:
    return "".join(secrets.choice(CODE_ALFABET) for _ in range(CODE_LENGTE))


def nieuwe_sleutel() -> str:
    """A facilitator secret (shown once, stored only as a hash)."""
    return secrets.token_urlsafe(24)


def nieuw_token() -> str:
    """A participant token for the cookie (stored only as a hash)."""
    return secrets.token_urlsafe(18)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def geldig_token(token: str | None) -> bool:
    return (
        token is not None
        and 16 <= len(token) <= 64
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in token)
    )


def profiel_uit(gegevens: dict[str, Any]) -> Groepsprofiel:
    """A Groepsprofiel back from its stored JSON form (JSON turned the int keys into text)."""

    def ints(d: dict[str, Any]) -> dict[int, Any]:
        return {int(k): v for k, v in d.items()}

    return Groepsprofiel(
        aantal=gegevens["aantal"],
        onvolledig=gegevens["onvolledig"],
        situaties=gegevens["situaties"],
        per_perspectief=gegevens["per_perspectief"],
        verdeling={g: ints(d) for g, d in gegevens["verdeling"].items()},
        profiel={g: ints(d) for g, d in gegevens["profiel"].items()},
        gemiddelde_positie=gegevens["gemiddelde_positie"],
        kloof=None if gegevens["kloof"] is None else ints(gegevens["kloof"]),
        kloof_positie=gegevens["kloof_positie"],
        verborgen=gegevens["verborgen"],
    )


Antwoord = Resultaat | Stem


def volledig(resultaat: Antwoord) -> bool:
    if isinstance(resultaat, Stem):
        return True  # a ballot has at least one choice (Stem checks it)
    return score(resultaat.antwoorden, resultaat.perspectief).positie is not None


@dataclass
class Sessie:
    """One session: the answers, the reveal state and the snapshot that is shown."""

    code: str
    sleutel_hash: str
    situatie: str
    aangemaakt: float
    verloopt: float
    antwoorden: dict[str, Antwoord] = field(default_factory=dict)
    onthuld: bool = False
    #: {"samenvatting": ..., "beschrijving": ...} frozen at the last reveal.
    momentopname: dict[str, Any] | None = None
    #: participants (hashes) who answered, edited or withdrew since the last snapshot.
    gewijzigd: set[str] = field(default_factory=set)
    gesloten: bool = False
    versie: int = 0
    soort: str = "zelftest"

    @classmethod
    def nieuw(
        cls, situatie: str, uren: float = STANDAARD_UREN, soort: str = "zelftest"
    ) -> tuple[Sessie, str]:
        """A new session and its facilitator secret (the secret is not kept)."""
        if soort not in SOORTEN:
            raise LiveFout(f"Onbekende soort sessie '{soort}'. Kies uit: {', '.join(SOORTEN)}.")
        sleutel = nieuwe_sleutel()
        now = time.time()
        sessie = cls(
            code=nieuwe_code(),
            sleutel_hash=hash_token(sleutel),
            situatie=situatie,
            aangemaakt=now,
            verloopt=now + uren * 3600,
            soort=soort,
        )
        return sessie, sleutel

    @property
    def stemming(self) -> bool:
        return self.soort == "stemming"

    def nieuwe_sleutel(self) -> str:
        """Replace the facilitator secret (after a restart: whoever has the terminal)."""
        sleutel = nieuwe_sleutel()
        self.sleutel_hash = hash_token(sleutel)
        return sleutel

    def sleutel_klopt(self, sleutel: str | None) -> bool:
        return sleutel is not None and secrets.compare_digest(
            hash_token(sleutel), self.sleutel_hash
        )

    # ------------------------------------------------------------------ changes

    def _open(self) -> None:
        if self.gesloten:
            raise LiveFout("Deze sessie is gesloten. Antwoorden kan niet meer.", 410)

    def antwoord(self, deelnemer: str, resultaat: Antwoord) -> bool:
        """Store (or replace) a participant's answers; True when it changed anything."""
        self._open()
        if isinstance(resultaat, Stem) != self.stemming:
            raise LiveFout("Dit antwoord past niet bij deze sessie.")
        if self.antwoorden.get(deelnemer) == resultaat:
            return False
        self.antwoorden[deelnemer] = resultaat
        self.gewijzigd.add(deelnemer)
        self.versie += 1
        return True

    def intrekken(self, deelnemer: str) -> bool:
        self._open()
        if self.antwoorden.pop(deelnemer, None) is None:
            return False
        self.gewijzigd.add(deelnemer)
        self.versie += 1
        return True

    def _profiel(self) -> dict[str, Any] | None:
        if self.stemming:
            stemmen = [r for r in self.antwoorden.values() if isinstance(r, Stem)]
            telling = uitslag(stemmen)
            if telling is None:
                return None
            return {"samenvatting": telling, "beschrijving": beschrijving(telling)}
        complete = [r for r in self.antwoorden.values() if isinstance(r, Resultaat) and volledig(r)]
        if len(complete) < MIN_GROEP:
            return None
        profiel = groepsprofiel(complete)
        return {
            "samenvatting": profiel.samenvatting(),
            "beschrijving": groep_beschrijving(profiel),
            "gegevens": asdict(profiel),
        }

    def _mag_nieuwe_momentopname(self) -> bool:
        return self.momentopname is None or len(self.gewijzigd) >= MIN_GROEP

    def onthul(self) -> None:
        self._open()
        if self._mag_nieuwe_momentopname():
            nieuw = self._profiel()
            if nieuw is not None:
                self.momentopname = nieuw
                self.gewijzigd = set()
        self.onthuld = True
        self.versie += 1

    def verberg(self) -> None:
        self._open()
        self.onthuld = False
        self.versie += 1

    def sluit(self) -> None:
        """Close: keep only the aggregate (under rule 3), delete every answer."""
        if self.gesloten:
            return
        if self._mag_nieuwe_momentopname():
            nieuw = self._profiel()
            if nieuw is not None:
                self.momentopname = nieuw
        self.antwoorden = {}
        self.gewijzigd = set()
        self.gesloten = True
        self.onthuld = True
        self.versie += 1

    def getoond_profiel(self) -> Groepsprofiel | None:
        """The profile behind the shown snapshot (for the chart exports)."""
        if not (self.onthuld and self.momentopname and "gegevens" in self.momentopname):
            return None
        return profiel_uit(self.momentopname["gegevens"])

    def verlopen(self, now: float | None = None) -> bool:
        return (now or time.time()) >= self.verloopt

    # ------------------------------------------------------------------ what is shown

    def aantal_volledig(self) -> int:
        return sum(1 for r in self.antwoorden.values() if volledig(r))

    def stand(self) -> dict[str, Any]:
        """The presenter payload: the count, and the snapshot only once revealed."""
        aantal = len(self.antwoorden)
        shown = self.momentopname if self.onthuld else None
        if self.stemming:
            melding = self._melding_stemming(aantal, shown)
        elif self.gesloten:
            melding = "De sessie is gesloten. Alle losse antwoorden zijn gewist."
            if shown is None:
                melding += " Er waren te weinig volledige antwoorden voor een groepsprofiel."
        elif not self.onthuld:
            melding = f"{aantal} {'antwoord' if aantal == 1 else 'antwoorden'}."
        elif shown is None:
            melding = (
                f"Nog te weinig volledige antwoorden ({self.aantal_volledig()}). "
                f"Het groepsprofiel verschijnt vanaf {MIN_GROEP} deelnemers."
            )
        elif self.gewijzigd:
            melding = (
                f"Dit profiel is van het moment dat je het toonde. Sindsdien hebben "
                f"{len(self.gewijzigd)} deelnemers iets veranderd. Een nieuw profiel kan "
                f"vanaf {MIN_GROEP} veranderingen."
            )
        else:
            melding = "Dit is het groepsprofiel."
        return {
            "soort": self.soort,
            "versie": self.versie,
            "aantal": aantal,
            "onthuld": self.onthuld,
            "gesloten": self.gesloten,
            "melding": melding,
            "profiel": None if shown is None else shown["samenvatting"],
            "beschrijving": None if shown is None else shown["beschrijving"],
        }

    def _melding_stemming(self, aantal: int, shown: dict[str, Any] | None) -> str:
        if self.gesloten:
            melding = "De stemming is gesloten. Alle losse stemmen zijn gewist."
            if shown is None:
                melding += " Er waren te weinig stemmen voor een uitslag."
            return melding
        if not self.onthuld:
            return f"{aantal} {'stem' if aantal == 1 else 'stemmen'}."
        if shown is None:
            return (
                f"Nog te weinig stemmen ({aantal}). De uitslag verschijnt vanaf "
                f"{MIN_GROEP} stemmen."
            )
        if self.gewijzigd:
            return (
                f"Deze uitslag is van het moment dat je hem toonde. Sindsdien hebben "
                f"{len(self.gewijzigd)} deelnemers iets veranderd. Een nieuwe uitslag kan "
                f"vanaf {MIN_GROEP} veranderingen."
            )
        return "Dit is de uitslag van de stemming."

    # ------------------------------------------------------------------ storage form

    def als_rij(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "sleutel_hash": self.sleutel_hash,
            "situatie": self.situatie,
            "aangemaakt": self.aangemaakt,
            "verloopt": self.verloopt,
            "onthuld": int(self.onthuld),
            "momentopname": None if self.momentopname is None else json.dumps(self.momentopname),
            "gewijzigd": json.dumps(sorted(self.gewijzigd)),
            "gesloten": int(self.gesloten),
            "versie": self.versie,
            "soort": self.soort,
        }

    @classmethod
    def uit_rij(cls, rij: dict[str, Any], antwoorden: dict[str, Antwoord]) -> Sessie:
        return cls(
            code=rij["code"],
            sleutel_hash=rij["sleutel_hash"],
            situatie=rij["situatie"],
            aangemaakt=float(rij["aangemaakt"]),
            verloopt=float(rij["verloopt"]),
            antwoorden=antwoorden,
            onthuld=bool(rij["onthuld"]),
            momentopname=None if rij["momentopname"] is None else json.loads(rij["momentopname"]),
            gewijzigd=set(json.loads(rij["gewijzigd"])),
            gesloten=bool(rij["gesloten"]),
            versie=int(rij["versie"]),
            soort=rij.get("soort") or "zelftest",
        )
