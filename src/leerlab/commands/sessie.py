"""`leerlab sessie`: Leersessies voor lerende netwerken: oogst en handouts."""

import typer

app = typer.Typer(
    help="Leersessies voor lerende netwerken: oogst en handouts.", no_args_is_help=True
)
