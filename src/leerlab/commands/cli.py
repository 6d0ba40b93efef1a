"""The ``leerlab`` command: one entry point for authors, trainers and CI.

Sub-command groups live in :mod:`leerlab.commands`; this module wires them together,
makes the help Dutch and turns every :class:`~leerlab.errors.LeerlabFout` into a clear
Dutch message with exit code 2 instead of a traceback.
"""

from __future__ import annotations

import importlib
import re
import sys

import typer
import typer._click.core
import typer._click.exceptions as click_exceptions
import typer._click.formatting
import typer.exceptions
import typer.rich_utils

from leerlab.errors import LeerlabFout

#: Click/Typer's own strings, in Dutch.
NL = {
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Arguments": "Argumenten",
    "Commands": "Opdrachten",
    "[default: {}]": "[standaard: {}]",
    "[required]": "[verplicht]",
    "Error": "Fout",
    "Missing argument {param_hint}.": "Argument {param_hint} ontbreekt.",
    "Missing option {param_hint}.": "Optie {param_hint} ontbreekt.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Try {command} for help.": "Probeer {command} voor hulp.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Missing command.": "Geef een opdracht.",
    "Aborted!": "Afgebroken.",
    "Show the version and exit.": "Toon de versie en stop.",
}


#: Typer's vendored click builds these messages with f-strings: translate them afterwards.
ERRORS_NL: list[tuple[str, str]] = [
    (r"Missing argument (.+?)\.", r"Argument \1 ontbreekt."),
    (r"Missing option (.+?)\.", r"Optie \1 ontbreekt."),
    (r"Missing parameter:? (.+?)\.?$", r"Waarde \1 ontbreekt."),
    (r"No such option: (\S+)", r"Onbekende optie: \1"),
    (r"\(Possible options: (.+?)\)", r"(bedoel je: \1)"),
    (r"Invalid value for (.+?): ", r"Ongeldige waarde voor \1: "),
    (r"Invalid value: ", "Ongeldige waarde: "),
    (r"Got unexpected extra arguments? \((.+?)\)", r"Onverwacht extra argument: \1"),
    (r"Option (\S+) requires an argument\.", r"Optie \1 heeft een waarde nodig."),
    (r"(\S+) is not a valid integer( range)?\.", r"\1 is geen geheel getal."),
    (r"(\S+) is not a valid float( range)?\.", r"\1 is geen getal."),
    (r"(\S+) is not one of (.+?)\.", r"\1 is geen van deze keuzes: \2."),
    (r"(File|Directory|Path) (.+?) does not exist\.", r"\2 bestaat niet."),
    (r"(\S+) is not in the range (.+?)\.", r"\1 ligt niet in het bereik \2."),
    (r"Input should be a valid integer.*", "dit moet een geheel getal zijn."),
    (r"Input should be a valid number.*", "dit moet een getal zijn (gebruik een punt)."),
    (r"Input should be greater than or equal to (\S+)", r"dit moet minstens \1 zijn"),
    (r"Input should be less than or equal to (\S+)", r"dit moet hoogstens \1 zijn"),
    (r"Input should be greater than (\S+)", r"dit moet meer dan \1 zijn"),
    (r"Input should be less than (\S+)", r"dit moet minder dan \1 zijn"),
    (r"Input should be (.+)", r"dit moet \1 zijn."),
]


def dutch_error(message: str) -> str:
    """Translate a click/typer usage error into Dutch (unknown messages pass unchanged)."""
    for pattern, replacement in ERRORS_NL:
        message = re.sub(pattern, replacement, message)
    return message


def _nl(message: str) -> str:
    return NL.get(message, message)


def _use_dutch() -> None:
    """Click and Typer look their words up through gettext at call time; answer in Dutch."""
    for name, module in list(sys.modules.items()):
        if name.startswith(("click", "typer")) and hasattr(module, "_"):
            module._ = _nl  # type: ignore[attr-defined]
    typer.rich_utils._ = _nl  # type: ignore[attr-defined]
    original = typer._click.core.Command.get_help_option

    def dutch_help_option(self: typer._click.core.Command, ctx: object) -> object:
        option = original(self, ctx)  # type: ignore[arg-type]
        if option is not None:
            option.help = NL["Show this message and exit."]
        return option

    typer._click.core.Command.get_help_option = dutch_help_option  # type: ignore[method-assign,assignment]
    write_usage = typer._click.formatting.HelpFormatter.write_usage

    def dutch_usage(self: object, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, prefix or "Gebruik: ")  # type: ignore[arg-type]

    typer._click.formatting.HelpFormatter.write_usage = dutch_usage  # type: ignore[method-assign,assignment]
    typer.rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
    typer.rich_utils.OPTIONS_PANEL_TITLE = "Opties"
    typer.rich_utils.COMMANDS_PANEL_TITLE = "Opdrachten"
    typer.rich_utils.DEFAULT_STRING = "[standaard: {}]"
    typer.rich_utils.REQUIRED_LONG_STRING = "[verplicht]"


_use_dutch()

app = typer.Typer(
    name="leerlab",
    help="Leerlab sociaal domein: bouw de cursus, controleer de data en werk met de opdrachten.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: name of the command group → module in leerlab.commands that defines ``app``.
GROUPS = {
    "data": "data",
    "boek": "boek",
    "ladder": "ladder",
    "bekostiging": "bekostiging",
    "cursus": "cursus",
    "sessie": "sessie",
}

for _name, _module in GROUPS.items():
    _sub = importlib.import_module(f"leerlab.commands.{_module}").app
    if _sub.registered_commands or _sub.registered_groups:
        app.add_typer(_sub, name=_name)


def main() -> None:
    """Run the CLI; a LeerlabFout becomes one Dutch line on stderr and exit code 2."""
    try:
        code = app(standalone_mode=False)
        # Without standalone mode click returns a command's typer.Exit code instead of exiting.
        if isinstance(code, int) and code:
            sys.exit(code)
    except LeerlabFout as fout:
        typer.echo(f"Fout: {fout}", err=True)
        sys.exit(2)
    except typer.exceptions.Abort:
        typer.echo("Afgebroken.", err=True)
        sys.exit(130)
    except click_exceptions.NoArgsIsHelpError:
        sys.exit(0)
    except click_exceptions.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "leerlab"
        typer.echo(f"Fout: {dutch_error(exc.format_message())}", err=True)
        typer.echo(f"Typ '{command} --help' voor hulp.", err=True)
        sys.exit(exc.exit_code)
    except click_exceptions.ClickException as exc:
        typer.echo(f"Fout: {dutch_error(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except typer.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
