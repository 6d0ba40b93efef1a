"""`leerlab boek`: build and check the book."""

import typer

from leerlab.boek import bouw as book

app = typer.Typer(help="Bouw en controleer het boek.", no_args_is_help=True)


@app.command("bouw")
def bouw() -> None:
    """Bouw het boek (alle hoofdstukken worden uitgevoerd; waarschuwingen gelden als fout),
    met de browserversie (JupyterLite) in _build/html/lab."""
    from leerlab.boek.lite import bouw_lite
    from leerlab.paths import repo_root

    out = book.build()
    bouw_lite(repo_root(), out)
    typer.echo(f"Het boek staat klaar in {out}.")


@app.command("controleer")
def controleer() -> None:
    """Controleer of elke pagina in _toc.yml bestaat en elk hoofdstuk erin staat."""
    problems = book.toc_problems()
    if problems:
        from leerlab.errors import LeerlabFout

        raise LeerlabFout("De inhoudsopgave klopt niet:\n- " + "\n- ".join(problems))
    typer.echo("De inhoudsopgave klopt.")
