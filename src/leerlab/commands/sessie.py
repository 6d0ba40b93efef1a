"""`leerlab sessie`: Leersessies voor lerende netwerken: oogst en handouts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from leerlab.paths import repo_root

app = typer.Typer(
    help="Leersessies voor lerende netwerken: oogst en handouts.", no_args_is_help=True
)


@app.command("oogst")
def oogst(
    notities: Annotated[Path, typer.Argument(help="YAML-bestand met de notities van de groep.")],
    uit: Annotated[
        Path, typer.Option("--uit", help="Waar de samenvatting van één pagina komt (HTML).")
    ] = Path("oogst.html"),
) -> None:
    """Maak van de notities van een groep een oogst van één pagina (HTML, om te printen)."""
    from leerlab.models.sessies import maak_oogst

    pad = maak_oogst(notities, uit)
    typer.echo(f"De oogst staat in {pad}. Open het bestand in je browser en print het.")


@app.command("pdf")
def pdf(
    opnieuw: Annotated[
        bool, typer.Option("--opnieuw", help="Maak ook ongewijzigde PDF's opnieuw.")
    ] = False,
) -> None:
    """Maak de PDF's van draaiboeken, handouts en oogstformulier uit het gebouwde boek."""
    from leerlab.boek.pdf import maak_pdfs

    site = repo_root() / "_build" / "html"
    verslag = maak_pdfs(site, opnieuw=opnieuw)
    typer.echo(
        f"{len(verslag.gemaakt)} PDF's gemaakt, {len(verslag.overgeslagen)} ongewijzigd, "
        f"in {verslag.seconden:.1f} seconden."
    )


@app.command("controleer")
def controleer() -> None:
    """Controleer alle sessieplannen: onderdelen, tijden en werkvormen."""
    from leerlab.models.sessies import sessies

    gevonden = sessies()
    typer.echo(f"{len(gevonden)} sessieplannen zijn in orde.")


@app.command("live")
def live(
    situatie: Annotated[
        str, typer.Option("--situatie", help="Over welke situatie gaat de zelftest?")
    ] = "Onze situatie",
    host: Annotated[
        str, typer.Option("--host", help="Adres om op te luisteren; 0.0.0.0 = alle netwerken.")
    ] = "0.0.0.0",
    poort: Annotated[int, typer.Option("--poort", help="Poort (0 = kies zelf een vrije).")] = 8765,
    bewaar: Annotated[
        Path | None,
        typer.Option(
            "--bewaar", help="Bewaar de sessie in dit SQLite-bestand (overleeft herstart)."
        ),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option("--database", help="PostgreSQL-adres, voor een server voor een heel netwerk."),
    ] = None,
    uren: Annotated[
        float, typer.Option("--uren", help="Na zoveel uur sluit de sessie vanzelf.", min=0.1)
    ] = 8.0,
    nieuw: Annotated[
        bool, typer.Option("--nieuw", help="Begin een nieuwe sessie, ook als er een open is.")
    ] = False,
    publiek: Annotated[
        str | None,
        typer.Option("--publiek-adres", help="Openbaar adres achter een proxy, zoals https://..."),
    ] = None,
    geen_browser: Annotated[
        bool, typer.Option("--geen-browser", help="Open de begeleidersweergave niet zelf.")
    ] = False,
    soort: Annotated[
        str,
        typer.Option(
            "--soort",
            help="zelftest (Trap van Eigenaarschap) of stemming (over bekostiging, sessie 6).",
        ),
    ] = "zelftest",
) -> None:
    """Start een live sessie: deelnemers doen de zelftest of stemmen op hun telefoon."""
    from leerlab.errors import LeerlabFout
    from leerlab.live.server import start
    from leerlab.live.sessie import SOORTEN

    if soort not in SOORTEN:
        raise LeerlabFout(f"Onbekende soort '{soort}'. Kies uit: {', '.join(SOORTEN)}.")

    start(
        situatie=situatie,
        host=host,
        poort=poort,
        bewaar=bewaar,
        database=database,
        uren=uren,
        nieuw=nieuw,
        browser=not geen_browser,
        publiek=publiek,
        soort=soort,
        echo=lambda line: typer.echo(line),
    )
