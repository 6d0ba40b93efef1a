"""`leerlab cursus`: Opdrachten uitdelen, verzamelen en nakijken (voor trainers)."""
# ruff: noqa: B008  (typer declares options as argument defaults)

from __future__ import annotations

import warnings
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from leerlab.errors import LeerlabFout

app = typer.Typer(
    help="Opdrachten uitdelen, verzamelen en nakijken (voor trainers).", no_args_is_help=True
)
console = Console()

MAP = typer.Option(Path("."), "--map", "-m", help="De cursusmap (standaard: de huidige map).")


def _cursus(map_: Path):  # type: ignore[no-untyped-def]
    warnings.filterwarnings("ignore", module="sqlalchemy")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    from leerlab.grading.cursusmap import Cursus

    return Cursus(map_)


def _opdrachten(cursus, opdracht: str) -> list[str]:  # type: ignore[no-untyped-def]
    if opdracht == "alle":
        return list(cursus.assignments())
    cursus.check_assignment(opdracht)
    return [opdracht]


@app.command()
def opzetten(
    map_: Path = typer.Argument(..., metavar="MAP", help="Nieuwe map voor deze groep."),
    studenten: Path = typer.Option(
        ..., "--studenten", "-s", help="CSV met kolommen id, voornaam, achternaam, email."
    ),
    cohort: int | None = typer.Option(
        None, "--cohort", help="Getal dat de casusgetallen voor deze groep verandert."
    ),
    naam: str = typer.Option("leerlab", "--naam", help="Naam (id) van de cursus."),
    database: str | None = typer.Option(
        None, "--database", help="Cijferboek in PostgreSQL, bijvoorbeeld "
        "postgresql+pg8000://gebruiker@host/db (standaard: SQLite in de cursusmap).",
    ),
) -> None:  # fmt: skip
    """Maak een cursusmap voor een groep: opdrachten, instellingen en studentenlijst."""
    from leerlab.grading.cursusmap import opzetten as maak

    warnings.filterwarnings("ignore", module="sqlalchemy")
    cursus = maak(map_, studenten, naam, cohort, database)
    aantal = len(cursus.assignments())
    variant = f" met cohortgetal {cohort}" if cohort is not None else ""
    console.print(f"Cursusmap {cursus.root} staat klaar: {aantal} opdrachten{variant}.")
    console.print("Volgende stap: [bold]leerlab cursus uitdelen h01 --map MAP[/bold]")


@app.command()
def uitdelen(
    opdracht: str = typer.Argument(..., help="Opdracht, bijvoorbeeld h01, of 'alle'."),
    map_: Path = MAP,
) -> None:
    """Maak de studentversie (zonder uitwerkingen) en een zip voor de leeromgeving."""
    from leerlab.grading.uitdelen import uitdelen as deel_uit

    cursus = _cursus(map_)
    for naam in _opdrachten(cursus, opdracht):
        zip_pad = deel_uit(cursus, naam)
        console.print(f"{naam}: studentversie in release/{naam}/, zip: {zip_pad}")


@app.command()
def verzamelen(
    opdracht: str = typer.Argument(..., help="Opdracht, bijvoorbeeld h01."),
    bron: Path = typer.Argument(..., help="Map of zip met de ingeleverde notebooks."),
    map_: Path = MAP,
) -> None:
    """Haal inleveringen uit een map of zip en koppel ze aan studenten."""
    from leerlab.grading.verzamelen import verzamelen as verzamel

    cursus = _cursus(map_)
    uitkomst = verzamel(cursus, opdracht, bron)
    console.print(f"Ingeleverd: {len(uitkomst.ingeleverd)} studenten.")
    for student, opmerking in uitkomst.opmerkingen.items():
        console.print(f"  {student}: {opmerking}")
    if uitkomst.ontbrekend:
        console.print(f"Ontbreekt ({len(uitkomst.ontbrekend)}): {', '.join(uitkomst.ontbrekend)}")
    for bestand, reden in uitkomst.onbekend:
        console.print(f"Niet gekoppeld: {bestand} ({reden})")


@app.command()
def nakijken(
    opdracht: str = typer.Argument(..., help="Opdracht, bijvoorbeeld h01."),
    map_: Path = MAP,
    processen: int = typer.Option(
        0, "--processen", "-p", help="Aantal tegelijk (0 = automatisch)."
    ),
    tijd_per_cel: int = typer.Option(30, "--tijd-per-cel", help="Seconden per cel."),
    tijd_per_notebook: int = typer.Option(
        300, "--tijd-per-notebook", help="Seconden per notebook in totaal."
    ),
    geheugen: int = typer.Option(1536, "--geheugen", help="Geheugen per notebook in MB."),
    deel: str | None = typer.Option(
        None, "--deel", help="Kijk alleen deel I van N na, bijvoorbeeld 2/3 (daarna: samenvoegen)."
    ),
) -> None:
    """Kijk alle inleveringen automatisch na, tegelijk en elk in een afgeschermde omgeving."""
    from leerlab.grading.nakijken import default_workers, samenvatting, submitted_students
    from leerlab.grading.nakijken import nakijken as kijk_na
    from leerlab.grading.sandbox import Limits, guarantees

    cursus = _cursus(map_)
    cursus.check_assignment(opdracht)
    studenten = submitted_students(cursus, opdracht)
    if not studenten:
        raise LeerlabFout(f"Er zijn nog geen inleveringen voor {opdracht}. Doe eerst 'verzamelen'.")
    limits = Limits(
        cel_seconden=tijd_per_cel, totaal_seconden=tijd_per_notebook, geheugen_mb=geheugen
    )
    if deel is not None:
        _nakijken_deel(cursus, opdracht, deel, processen or default_workers(), limits)
        return
    kolommen = (TextColumn("Nakijken"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*kolommen, console=console) as balk:
            taak = balk.add_task("nakijken", total=len(studenten) * len(cursus.notebooks(opdracht)))
            uitkomst = kijk_na(
                cursus, opdracht, studenten, processen or default_workers(), limits,
                progress=lambda _r: balk.advance(taak),
            )  # fmt: skip
    except KeyboardInterrupt:
        raise LeerlabFout(
            "Nakijken afgebroken. Wat al klaar was, staat veilig in het cijferboek. "
            "Start 'nakijken' opnieuw voor de rest."
        ) from None
    tabel = Table(title=f"Nakijken {opdracht}")
    for kolom in ("Student", "Status", "Score", "Redenen"):
        tabel.add_column(kolom)
    for r in sorted(uitkomst, key=lambda r: r.student):
        score = "-" if r.score is None else f"{r.score:g} / {r.max_score:g}"
        tabel.add_row(r.student, r.status, score, "; ".join(r.redenen[:3]))
    console.print(tabel)
    console.print(samenvatting(uitkomst))
    for regel in guarantees():
        console.print(f"Afscherming: {regel}")
    console.print(
        "De tekstvragen beoordeel je zelf: start 'jupyter lab' in de cursusmap en kies "
        "Nbgrader > Formgrader. Maak daarna de feedback met 'leerlab cursus feedback'."
    )


def _nakijken_deel(cursus, opdracht: str, deel: str, processen: int, limits) -> None:  # type: ignore[no-untyped-def]
    from leerlab.grading.delen import lees_deel, nakijken_deel
    from leerlab.grading.nakijken import samenvatting

    i, n = lees_deel(deel)
    try:
        pad, uitkomst = nakijken_deel(cursus, opdracht, i, n, processen, limits)
    except KeyboardInterrupt:
        raise LeerlabFout(
            f"Deel {i} van {n} afgebroken; het cijferboek is niet veranderd. "
            "Start dit deel opnieuw."
        ) from None
    studenten = len({r.student for r in uitkomst})
    console.print(f"Deel {i} van {n}: {studenten} studenten, {samenvatting(uitkomst)}.")
    console.print(f"Deelresultaat: {pad.relative_to(cursus.root)}")
    console.print("Als alle delen klaar zijn: [bold]leerlab cursus samenvoegen[/bold]")


@app.command()
def samenvoegen(
    opdracht: str = typer.Argument("alle", help="Opdracht, bijvoorbeeld h01, of 'alle'."),
    map_: Path = MAP,
) -> None:
    """Zet de deelresultaten van 'nakijken --deel' in het cijferboek (één keer)."""
    from leerlab.grading.delen import samenvoegen as voeg_samen
    from leerlab.grading.delen import te_mergen

    cursus = _cursus(map_)
    namen = te_mergen(cursus) if opdracht == "alle" else _opdrachten(cursus, opdracht)
    if not namen:
        raise LeerlabFout("Er zijn geen deelresultaten. Doe eerst 'nakijken --deel 1/N'.")
    for naam in namen:
        uitkomst = voeg_samen(cursus, naam)
        if uitkomst.al_gedaan:
            console.print(f"{naam}: al samengevoegd ({uitkomst.van} delen); niets veranderd.")
        else:
            console.print(
                f"{naam}: {uitkomst.van} delen samengevoegd, {uitkomst.studenten} studenten."
            )


@app.command()
def feedback(
    opdracht: str = typer.Argument(..., help="Opdracht, bijvoorbeeld h01, of 'alle'."),
    map_: Path = MAP,
) -> None:
    """Maak per student een feedbackpagina (HTML) in feedback/<student>/<opdracht>/."""
    from leerlab.grading.feedback import feedback as maak

    cursus = _cursus(map_)
    for naam in _opdrachten(cursus, opdracht):
        paden = maak(cursus, naam)
        console.print(f"{naam}: {len(paden)} feedbackpagina's geschreven.")


@app.command()
def cijfers(
    map_: Path = MAP,
    uit: Path = typer.Option(Path("cijfers.csv"), "--uit", "-o", help="CSV-bestand om te maken."),
    formaat: str = typer.Option(
        "csv", "--formaat", "-f", help="brightspace, canvas, moodle of csv (eigen tabel)."
    ),
    cesuur: float = typer.Option(
        55.0, "--cesuur", help="Percentage van de punten dat een 5,5 oplevert (standaard 55)."
    ),
    afronding: float = typer.Option(
        0.1, "--afronding", help="Rond het cijfer af op 0,1 of 0,5 (of een andere stap)."
    ),
) -> None:
    """Zet de punten en cijfers (1-10) in een CSV voor de leeromgeving: één rij per student."""
    from leerlab.grading.cijfers import schrijf_cijfers

    if not 0 < cesuur < 100:
        raise LeerlabFout(f"De cesuur is een percentage tussen 0 en 100; je gaf {cesuur:g}.")
    cursus = _cursus(map_)
    pad = schrijf_cijfers(
        cursus, uit, None, formaat.lower(), f"{cesuur / 100:.6g}", f"{afronding:g}"
    )
    console.print(f"Cijfers ({formaat.lower()}) geschreven naar {pad}.")


@app.command()
def controleer(
    notebook: Path = typer.Argument(..., help="Je eigen notebook, bijvoorbeeld h01.ipynb."),
) -> None:
    """Voor studenten: controleer je notebook voordat je het inlevert."""
    from leerlab.grading.controleer import controleer as check

    uitslag = check(notebook)
    console.print(uitslag.tekst())
    if not uitslag.klaar:
        raise typer.Exit(1)


@app.command()
def boekversies(
    doel: Path = typer.Option(
        Path("book/opdrachten"), "--doel", help="Map voor de zips die het boek aanbiedt."
    ),
) -> None:
    """Maak de studentversies (zips) die het boek laat downloaden, zonder uitwerkingen."""
    from leerlab.grading.uitdelen import studentversies

    warnings.filterwarnings("ignore", module="sqlalchemy")
    for pad in studentversies(doel):
        console.print(f"Geschreven: {pad}")


@app.command()
def bron(
    notebook: Path = typer.Argument(..., help="Een opdracht als notebook (.ipynb), met nbgrader."),
    naar: Path = typer.Option(..., "--naar", help="Het bronbestand (.md) in exercises/source/."),
) -> None:
    """Zet een opdracht-notebook om naar een bronbestand (MyST-markdown) voor de cursus."""
    import nbformat

    from leerlab.grading.bronnen import lees_bron, schrijf_bron

    if naar.suffix != ".md":
        raise LeerlabFout(f"Het bronbestand moet op .md eindigen; je gaf {naar.name}.")
    if naar.exists():
        raise LeerlabFout(f"{naar} bestaat al. Kies een andere naam of haal het oude bestand weg.")
    try:
        nb = nbformat.read(notebook, as_version=4)
    except (OSError, ValueError) as fout:
        raise LeerlabFout(f"{notebook} is geen leesbaar notebook: {fout}") from fout
    schrijf_bron(nb, naar)
    lees_bron(naar)  # the same checks as when the course is set up
    console.print(f"Geschreven: {naar}")
