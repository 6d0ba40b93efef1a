"""`leerlab bekostiging`: Rekenmodellen voor bekostigen en contracteren."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from leerlab.errors import InvoerFout
from leerlab.models import bekostiging as bk

app = typer.Typer(help="Rekenmodellen voor bekostigen en contracteren.", no_args_is_help=True)


def _wijzigingen(zet: list[str]) -> dict[str, float]:
    uit: dict[str, float] = {}
    for item in zet:
        naam, teken, waarde = item.partition("=")
        if not teken:
            raise InvoerFout(
                f"Schrijf --zet als naam=waarde, bijvoorbeeld groei=5 (je gaf '{item}')."
            )
        naam = naam.strip()
        if naam not in bk.PARAMETER_NAMEN:
            raise InvoerFout(
                f"Onbekende invoer '{naam}'. Kies uit: {', '.join(bk.PARAMETER_NAMEN)}."
            )
        try:
            uit[naam] = float(waarde.replace(",", "."))
        except ValueError:
            spec = bk.parameters()[naam]
            raise InvoerFout(
                f"{spec.label} ({naam}) moet {spec.bereik()} zijn ({spec.eenheid}); "
                f"je gaf '{waarde}'."
            ) from None
    return uit


@app.command("vergelijk")
def vergelijk(
    jaren: Annotated[
        str | None, typer.Option("--jaren", help="Aantal jaren (1 tot en met 30).")
    ] = None,
    scenario: Annotated[
        str, typer.Option("--scenario", help="Scenario uit data/bekostiging/scenarios.yaml.")
    ] = "standaard",
    zet: Annotated[
        list[str] | None,
        typer.Option("--zet", help="Verander een invoer, bijvoorbeeld --zet groei=5 (mag vaker)."),
    ] = None,
) -> None:
    """Vergelijk alle manieren van betalen over een aantal jaren."""
    wijzigingen = _wijzigingen(zet or [])
    if jaren is not None:
        wijzigingen["jaren"] = bk.parameters()["jaren"].controleer(jaren)
    invoer = bk.preset(scenario, **wijzigingen)
    uitkomst = bk.vergelijk(invoer)
    rijen = bk.tabel_rijen(uitkomst)
    tabel = Table(title=f"Vijf manieren van betalen over {int(invoer.jaren)} jaar ({scenario})")
    for kolom in rijen[0]:
        tabel.add_column(kolom, justify="left" if kolom in ("Model", "Volumerisico") else "right")
    for rij in rijen:
        tabel.add_row(*rij.values())
    Console(width=220).print(tabel)
    typer.echo("Bedragen opgeteld over alle jaren; 'Zorg niet geleverd' is zorg die nodig was.")


@app.command("scenarios")
def scenarios() -> None:
    """Toon de scenario's en waar elk getal vandaan komt."""
    for scenario in bk.scenarios().values():
        typer.echo(f"{scenario.id}: {scenario.titel}")
        for naam, waarde in bk.herkomst(scenario.id).items():
            bron = (
                "illustratief"
                if waarde.illustratief or waarde.bron is None
                else f"{waarde.bron.document}, regel {waarde.bron.regels}"
            )
            typer.echo(f"  {naam} = {waarde.waarde:g} ({bron})")
