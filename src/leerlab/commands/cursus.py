"""`leerlab cursus`: Opdrachten uitdelen, verzamelen en nakijken (voor trainers)."""

import typer

app = typer.Typer(
    help="Opdrachten uitdelen, verzamelen en nakijken (voor trainers).", no_args_is_help=True
)
