"""`leerlab ladder`: Trap van Eigenaarschap: zelftest en groepsprofiel."""

import typer

app = typer.Typer(help="Trap van Eigenaarschap: zelftest en groepsprofiel.", no_args_is_help=True)
