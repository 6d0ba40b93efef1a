"""`leerlab data`: check the data files and write their JSON schemas."""

import typer

from leerlab.errors import LeerlabFout
from leerlab.models import catalogus

app = typer.Typer(help="Controleer de databestanden in data/.", no_args_is_help=True)


@app.command("controleer")
def controleer() -> None:
    """Controleer elk bestand in data/ tegen zijn schema."""
    problems = catalogus.check_all()
    if problems:
        raise LeerlabFout("Er zijn fouten in de data:\n- " + "\n- ".join(problems))
    typer.echo("Alle databestanden zijn in orde.")


@app.command("schema")
def schema() -> None:
    """Schrijf de JSON-schema's van alle databestanden naar data/schema/."""
    for path in catalogus.write_json_schemas():
        typer.echo(f"Geschreven: {path}")


@app.command("vingerafdruk")
def vingerafdruk() -> None:
    """Schrijf de vingerafdruk van de bronteksten (map in LEERLAB_BRONNEN) naar data/bronnen/."""
    from leerlab.models import bronnen

    folder = bronnen.bronteksten_map()
    if folder is None:
        raise LeerlabFout(f"Zet {bronnen.OMGEVING} op de map met de vijf bronteksten.")
    typer.echo(f"Geschreven: {bronnen.schrijf_vingerafdruk(folder)}")
