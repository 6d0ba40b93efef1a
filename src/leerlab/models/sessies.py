"""Study sessions for learning networks: the session plans (draaiboeken) and the harvest (oogst).

Session plans live once in ``data/sessies/NN.yaml`` (one per content chapter) and are
checked by :class:`Sessie`: both variants must last exactly as long as their steps add
up to, and every plan uses the sources' own ways of learning (the 4 D's, the feedback
order, the harvest). :func:`sessie_myst` and :func:`handout_myst` render a plan into the
book; :func:`oogst_html` turns a group's notes into a one-page summary.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from leerlab.data import _display_path, _dutch, load_folder, read_yaml
from leerlab.errors import DataFout
from leerlab.models.bronnen import Verwijzing

#: The two variants every plan offers, and how long each lasts in minutes.
VARIANTEN: dict[str, tuple[str, int]] = {
    "kort": ("90 minuten", 90),
    "dagdeel": ("Dagdeel (3,5 uur)", 210),
}

Werkvorm = Literal["opening", "doen", "delen", "dialoog", "duiden", "feedback", "pauze", "oogst"]

#: Label shown in the book for each kind of step.
WERKVORMEN: dict[str, str] = {
    "opening": "Opening",
    "doen": "Doen",
    "delen": "Delen",
    "dialoog": "Dialoog",
    "duiden": "Duiden",
    "feedback": "Feedback",
    "pauze": "Pauze",
    "oogst": "Oogst",
}

#: The four D's of De Boer & Peltenburg (2016): every variant has a step of each.
VIER_D = ("doen", "delen", "dialoog", "duiden")

#: Methods from the sources that every plan must say how it uses.
METHODEN = ("4 D's", "feedbackvolgorde", "oogst")

#: The feedback order of the learning network: what goes well, what is vulnerable,
#: what is strikingly absent (the blind spot).
FEEDBACKVOLGORDE = (
    "Wat gaat er goed?",
    "Wat vind je kwetsbaar?",
    "Wat is opvallend afwezig?",
)


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Stap(_Strikt):
    """One block of a session: how long, what kind of learning, what happens, what to ask."""

    titel: str = Field(min_length=3)
    minuten: int = Field(ge=5, le=120)
    werkvorm: Werkvorm
    wat: str = Field(min_length=20)
    vragen: list[str] = []


class Variant(_Strikt):
    duur: int = Field(ge=30, le=300)
    stappen: list[Stap] = Field(min_length=4)

    @model_validator(mode="after")
    def _tijden_kloppen(self) -> Variant:
        totaal = sum(stap.minuten for stap in self.stappen)
        if totaal != self.duur:
            raise ValueError(
                f"de stappen duren samen {totaal} minuten, maar de variant duurt "
                f"{self.duur} minuten. Pas de minuten van de stappen aan."
            )
        vormen = {stap.werkvorm for stap in self.stappen}
        missing = [d for d in VIER_D if d not in vormen]
        if missing:
            raise ValueError(
                "elke variant heeft een stap voor elk van de 4 D's; er ontbreekt: "
                + ", ".join(missing)
            )
        if "oogst" not in vormen:
            raise ValueError("elke variant eindigt met een oogst; voeg een stap 'oogst' toe")
        return self


class Rollen(_Strikt):
    facilitator: str = Field(min_length=20)
    tijdbewaker: str = Field(min_length=20)
    oogster: str = Field(min_length=20)


class Hulpmiddel(_Strikt):
    """An interactive tool of the course that the group uses together."""

    naam: str = Field(min_length=3)
    pagina: str = Field(pattern=r"^(chapters|book)/[a-z0-9/-]+$")
    hoe: str = Field(min_length=20)


class Methode(_Strikt):
    methode: Literal["4 D's", "feedbackvolgorde", "oogst", "beeldende taal", "doos"]
    hoe: str = Field(min_length=20)


class Handout(_Strikt):
    kern: list[str] = Field(min_length=3, max_length=6)
    vragen: list[str] = Field(min_length=2, max_length=6)
    opdracht: str = Field(min_length=20)


class Sessie(_Strikt):
    """The session plan (draaiboek) for one chapter."""

    hoofdstuk: int = Field(ge=1, le=8)
    titel: str = Field(min_length=3)
    hoofdstukpagina: str = Field(pattern=r"^chapters/[a-z0-9-]+$")
    doel: str = Field(min_length=30)
    publiek: str = Field(min_length=20)
    leerdoelen: list[str] = Field(min_length=2)
    kernvragen: list[str] = Field(min_length=2)
    voorbereiding: list[str] = Field(min_length=2)
    materialen: list[str] = Field(min_length=2)
    rollen: Rollen
    hulpmiddelen: list[Hulpmiddel] = Field(min_length=1)
    methoden: list[Methode] = Field(min_length=3)
    kort: Variant
    dagdeel: Variant
    handout: Handout
    bronnen: list[str] = Field(min_length=1)
    #: Where in the sources the plan's facts (cases, models, methods) come from.
    verwijzingen: list[Verwijzing] = []

    @model_validator(mode="after")
    def _compleet(self) -> Sessie:
        for key, (label, duur) in VARIANTEN.items():
            variant: Variant = getattr(self, key)
            if variant.duur != duur:
                raise ValueError(f"de variant '{key}' ({label}) moet {duur} minuten duren")
        genoemd = {m.methode for m in self.methoden}
        missing = [m for m in METHODEN if m not in genoemd]
        if missing:
            raise ValueError(
                "beschrijf hoe de sessie deze methoden gebruikt: " + ", ".join(missing)
            )
        return self

    @property
    def code(self) -> str:
        """Two-digit chapter number, used in file names: ``01``."""
        return f"{self.hoofdstuk:02d}"


def sessies() -> list[Sessie]:
    """Every session plan in data/sessies/, in chapter order."""
    return sorted(load_folder("sessies/[0-9][0-9].yaml", Sessie), key=lambda s: s.hoofdstuk)


def sessie(hoofdstuk: int) -> Sessie:
    for found in sessies():
        if found.hoofdstuk == hoofdstuk:
            return found
    raise DataFout(
        f"data/sessies/{hoofdstuk:02d}.yaml", "er is geen sessieplan voor dit hoofdstuk."
    )


# --- rendering into the book (MyST) -------------------------------------------------------


def pdf_namen(sessie: Sessie) -> dict[str, str]:
    """File names of the two PDFs of a session, relative to book/sessies/ in the site."""
    return {
        "draaiboek": f"pdf/sessie-{sessie.code}-draaiboek.pdf",
        "handout": f"pdf/sessie-{sessie.code}-handout.pdf",
    }


def _klok(minuten: int) -> str:
    return f"{minuten // 60}:{minuten % 60:02d}"


def _lijst(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def schema_tabel(variant: Variant) -> str:
    """A MyST table: start time, block, kind of learning, minutes."""
    rows = ["| Tijd | Onderdeel | Werkvorm | Minuten |", "|---|---|---|---|"]
    start = 0
    for stap in variant.stappen:
        rows.append(
            f"| {_klok(start)}–{_klok(start + stap.minuten)} | {stap.titel} "
            f"| {WERKVORMEN[stap.werkvorm]} | {stap.minuten} |"
        )
        start += stap.minuten
    rows.append(f"| | **Totaal** | | **{variant.duur}** |")
    return "\n".join(rows)


def _stappen_myst(variant: Variant, label: str) -> str:
    parts = []
    start = 0
    for nummer, stap in enumerate(variant.stappen, start=1):
        parts.append(
            f"### {label}, stap {nummer}: {stap.titel}\n\n"
            '<div class="sessie-stap-start"></div>\n\n'
            f"**{_klok(start)}–{_klok(start + stap.minuten)}** · {stap.minuten} minuten · "
            f"werkvorm: {WERKVORMEN[stap.werkvorm]}\n\n{stap.wat}\n"
        )
        if stap.vragen:
            parts.append("Vragen:\n\n" + _lijst(stap.vragen) + "\n")
        start += stap.minuten
    return "\n".join(parts)


def pdf_links_html(sessie: Sessie) -> str:
    namen = pdf_namen(sessie)
    return (
        '<p class="sessie-pdf">Printen: '
        f'<a href="{namen["draaiboek"]}">draaiboek als PDF</a> · '
        f'<a href="{namen["handout"]}">handout als PDF</a> '
        "(of print deze pagina vanuit je browser).</p>\n"
    )


def sessie_myst(sessie: Sessie) -> str:
    """The whole session plan as MyST: overview, roles, tools, methods, both variants."""
    hulp = "\n".join(f"- {{doc}}`{h.naam} </{h.pagina}>`: {h.hoe}" for h in sessie.hulpmiddelen)
    methoden = "\n".join(f"- **{m.methode}**: {m.hoe}" for m in sessie.methoden)
    bronnen = ", ".join(f"{{cite:t}}`{key}`" for key in sessie.bronnen)
    blocks = [
        "## Overzicht\n",
        pdf_links_html(sessie),
        f"**Hoort bij:** {{doc}}`/{sessie.hoofdstukpagina}`\n",
        f"**Doel:** {sessie.doel}\n",
        f"**Voor wie:** {sessie.publiek}\n",
        "**Duur:** 90 minuten of een dagdeel van 3,5 uur (met pauze). Kies de variant die "
        "past bij jullie tijd.\n",
        "Na de sessie kunnen deelnemers:\n\n" + _lijst(sessie.leerdoelen) + "\n",
        "Kernvragen van deze sessie:\n\n" + _lijst(sessie.kernvragen) + "\n",
        "### Rollen\n",
        f"- **Facilitator:** {sessie.rollen.facilitator}\n"
        f"- **Tijdbewaker:** {sessie.rollen.tijdbewaker}\n"
        f"- **Oogster:** {sessie.rollen.oogster}\n",
        "### Voorbereiding\n",
        _lijst(sessie.voorbereiding) + "\n",
        "### Materialen\n",
        _lijst(sessie.materialen) + "\n",
        "### Interactieve hulpmiddelen\n",
        hulp + "\n",
        "### Zo gebruik je de werkwijzen uit de bronnen\n",
        methoden + "\n",
        f"Bronnen: {bronnen}.\n",
    ]
    for key, (label, _duur) in VARIANTEN.items():
        variant: Variant = getattr(sessie, key)
        blocks += [
            f"## Verloop: {label.lower() if key == 'kort' else label}\n",
            '<div class="sessie-variant-start"></div>\n',
            schema_tabel(variant) + "\n",
            _stappen_myst(variant, "90 min" if key == "kort" else "Dagdeel"),
        ]
    return "\n".join(blocks)


def handout_myst(sessie: Sessie) -> str:
    """The one-page handout for participants: key points, questions, a task to take home."""
    return "\n".join(
        [
            "## Handout voor deelnemers\n",
            '<div class="sessie-handout-start"></div>\n',
            f"*Sessie bij hoofdstuk {sessie.hoofdstuk}: {sessie.titel}*\n",
            "**De kern in het kort**\n",
            _lijst(sessie.handout.kern) + "\n",
            "**Vragen om over na te denken**\n",
            _lijst(sessie.handout.vragen) + "\n",
            "**Geef feedback in deze volgorde**\n",
            "\n".join(f"{n}. {v}" for n, v in enumerate(FEEDBACKVOLGORDE, start=1)) + "\n",
            "**Voor thuis: doen en delen**\n",
            sessie.handout.opdracht + "\n",
            "**Mijn aantekeningen**\n",
            '<div class="sessie-notities" aria-hidden="true"></div>\n',
        ]
    )


# --- the harvest (oogst) ------------------------------------------------------------------


class Actie(_Strikt):
    wat: str = Field(min_length=3)
    wie: str = Field(min_length=2)
    wanneer: str = Field(min_length=2)


class OogstNotities(_Strikt):
    """What a group writes down at the end of a session (see book/sessies/oogst.md)."""

    sessie: int = Field(ge=1, le=8)
    datum: date
    netwerk: str = Field(min_length=2)
    deelnemers: int = Field(ge=1, le=500)
    gemeenten: list[str] = []
    casus: str | None = None
    goed: list[str] = Field(min_length=1)
    kwetsbaar: list[str] = []
    afwezig: list[str] = []
    inzichten: list[str] = Field(min_length=1)
    beelden: list[str] = []
    hulpmiddel: str | None = None
    acties: list[Actie] = []
    vragen: list[str] = []


def lees_notities(path: Path) -> OogstNotities:
    """Read a group's notes; a Dutch DataFout names the file and the field that is wrong."""
    shown = _display_path(path)
    raw: Any = read_yaml(path)
    if not isinstance(raw, dict):
        raise DataFout(shown, "het bestand moet velden bevatten, zoals 'sessie:' en 'goed:'.")
    try:
        return OogstNotities.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        veld = ".".join(str(p) for p in first.get("loc", ()))
        raise DataFout(shown, f"veld '{veld}': {_dutch(dict(first))}") from None


_OOGST_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4;
  color: #111; max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1rem 0 .25rem; border-bottom: 1px solid #555; }
p.meta { margin: 0 0 .5rem; color: #333; }
ul, ol { margin: .25rem 0; padding-left: 1.4rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: .2rem .4rem; text-align: left; vertical-align: top; }
.kolommen { display: grid; grid-template-columns: repeat(3, 1fr); gap: .75rem; }
@page { size: A4; margin: 14mm; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } }
"""


# Every text of the summary, also used by the book's in-browser form (live/oogstpagina.py).
OOGST_TEKSTEN = {
    "titel": "Oogst van sessie {sessie}",
    "deelnemers": "{n} deelnemers",
    "gemeenten": "gemeenten: ",
    "casus": "Casus:",
    "hulpmiddel": "Uitkomst van het hulpmiddel:",
    "feedback": "Feedback",
    "goed": "Wat gaat goed",
    "kwetsbaar": "Wat is kwetsbaar",
    "afwezig": "Wat is opvallend afwezig",
    "inzichten": "Wat we hebben geleerd (duiden)",
    "beelden": "Beelden en woorden die bleven hangen",
    "acties": "Afspraken: wie doet wat?",
    "wat": "Wat",
    "wie": "Wie",
    "wanneer": "Wanneer",
    "geen_acties": "Geen afspraken genoteerd.",
    "vragen": "Vragen voor de volgende keer",
    "leeg": "Niets genoteerd.",
}
OOGST_CSS = _OOGST_CSS


def _items(items: list[str], leeg: str = OOGST_TEKSTEN["leeg"]) -> str:
    if not items:
        return f"<p>{leeg}</p>"
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def oogst_html(notities: OogstNotities, titel: str | None = None) -> str:
    """A self-contained one-page HTML summary of a session's harvest (no external files)."""
    T = OOGST_TEKSTEN
    kop = titel or T["titel"].format(sessie=notities.sessie)
    try:
        kop_sessie = sessie(notities.sessie).titel
    except DataFout:
        kop_sessie = ""
    meta = [
        f"{notities.datum.strftime('%d-%m-%Y')}",
        html.escape(notities.netwerk),
        T["deelnemers"].format(n=notities.deelnemers),
    ]
    if notities.gemeenten:
        meta.append(T["gemeenten"] + html.escape(", ".join(notities.gemeenten)))
    acties = (
        f"<table><thead><tr><th scope='col'>{T['wat']}</th><th scope='col'>{T['wie']}</th>"
        f"<th scope='col'>{T['wanneer']}</th></tr></thead><tbody>"
        + "".join(
            f"<tr><td>{html.escape(a.wat)}</td><td>{html.escape(a.wie)}</td>"
            f"<td>{html.escape(a.wanneer)}</td></tr>"
            for a in notities.acties
        )
        + "</tbody></table>"
        if notities.acties
        else f"<p>{T['geen_acties']}</p>"
    )
    extra = []
    if notities.casus:
        extra.append(f"<p><strong>{T['casus']}</strong> {html.escape(notities.casus)}</p>")
    if notities.hulpmiddel:
        extra.append(
            f"<p><strong>{T['hulpmiddel']}</strong> {html.escape(notities.hulpmiddel)}</p>"
        )
    onderwerp = f": {html.escape(kop_sessie)}" if kop_sessie else ""
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(kop)}</title>
<style>{_OOGST_CSS}</style>
</head>
<body>
<main>
<h1>{html.escape(kop)}{onderwerp}</h1>
<p class="meta">{" · ".join(meta)}</p>
{"".join(extra)}
<h2>{T["feedback"]}</h2>
<div class="kolommen">
<section><h3>{T["goed"]}</h3>{_items(notities.goed)}</section>
<section><h3>{T["kwetsbaar"]}</h3>{_items(notities.kwetsbaar)}</section>
<section><h3>{T["afwezig"]}</h3>{_items(notities.afwezig)}</section>
</div>
<h2>{T["inzichten"]}</h2>
{_items(notities.inzichten)}
<h2>{T["beelden"]}</h2>
{_items(notities.beelden)}
<h2>{T["acties"]}</h2>
{acties}
<h2>{T["vragen"]}</h2>
{_items(notities.vragen)}
</main>
</body>
</html>
"""


def maak_oogst(notities_pad: Path, uit: Path) -> Path:
    """Read the notes, write the one-page summary; nothing is written when the notes are bad."""
    notities = lees_notities(notities_pad)
    uit.parent.mkdir(parents=True, exist_ok=True)
    uit.write_text(oogst_html(notities), encoding="utf-8")
    return uit
