"""Errors whose message is written for a reader: Dutch, saying what is wrong and how to fix it."""


class LeerlabFout(Exception):
    """Base class: the message is shown to a reader as is, never as a traceback."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding

    def __str__(self) -> str:
        return self.melding


class DataFout(LeerlabFout):
    """A data file is missing or does not match its schema."""

    def __init__(
        self, bestand: str, melding: str, rij: int | None = None, kolom: str | None = None
    ) -> None:
        plek = bestand
        if rij is not None:
            plek += f", rij {rij}"
        if kolom:
            plek += f", kolom '{kolom}'"
        super().__init__(f"Fout in {plek}: {melding}")
        self.bestand = bestand
        self.rij = rij
        self.kolom = kolom


class InvoerFout(LeerlabFout, ValueError):
    """A calculator or command got a value outside its allowed range."""
