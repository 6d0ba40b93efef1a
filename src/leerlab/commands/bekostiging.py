"""`leerlab bekostiging`: Rekenmodellen voor bekostigen en contracteren."""

import typer

app = typer.Typer(help="Rekenmodellen voor bekostigen en contracteren.", no_args_is_help=True)
