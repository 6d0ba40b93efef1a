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
