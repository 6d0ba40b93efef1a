"""`leerlab ladder`: Trap van Eigenaarschap: zelftest en groepsprofiel."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Annotated

import typer

from leerlab.errors import LeerlabFout
from leerlab.models.ladder import Groepsprofiel, groepsprofiel, lees_resultaten, melding, score

app = typer.Typer(help="Trap van Eigenaarschap: zelftest en groepsprofiel.", no_args_is_help=True)

_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Groepsprofiel Trap van Eigenaarschap</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }}
figure {{ margin: 1.5rem 0; }} svg {{ max-width: 100%; height: auto; }}
table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #999; padding: 0.2rem 0.6rem; }}
</style>
</head>
<body>
<main>
<h1>Groepsprofiel: Trap van Eigenaarschap</h1>
<p>{aantal} deelnemers. Het profiel toont alleen aantallen en gemiddelden.</p>
<figure>
<div role="img" aria-labelledby="beschrijving">{svg}</div>
<figcaption id="beschrijving"><strong>Grafiek in woorden:</strong> {beschrijving}</figcaption>
</figure>
<h2>Gemiddelde score per trede</h2>
{tabel}
</main>
</body>
</html>
"""


def _table(profiel: Groepsprofiel) -> str:
    from leerlab.models.ladder import laad_trap
    from leerlab.views.ladder_charts import _label

    trap = laad_trap()
    groups = list(profiel.profiel)
    head = "".join(f'<th scope="col">{html.escape(_label(g))}</th>' for g in groups)
    if profiel.kloof is not None:
        head += '<th scope="col">Verschil (professional min bewoner)</th>'
    rows = []
    for n in range(1, 6):
        cells = "".join(f"<td>{round(100 * profiel.profiel[g][n])}%</td>" for g in groups)
        if profiel.kloof is not None:
            cells += f"<td>{round(100 * profiel.kloof[n]):+d}</td>"
        rows.append(f'<tr><th scope="row">{html.escape(trap.trede(n).naam)}</th>{cells}</tr>')
    return (
        f'<table><thead><tr><th scope="col">Trede</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


@app.command("groep")
def groep(
    resultaten: Annotated[
        list[Path],
        typer.Argument(
            help="Geëxporteerde uitslagen van de zelftest (.json of .csv), of een map met "
            "zulke bestanden."
        ),
    ],
    uit: Annotated[
        Path, typer.Option("--uit", help="Map voor groepsprofiel.html, .png en .json.")
    ] = Path("groepsprofiel"),
) -> None:
    """Maak een anoniem groepsprofiel van drie of meer uitslagen."""
    import vl_convert as vlc

    from leerlab.views.ladder_charts import groep_beschrijving, groep_grafiek

    ingelezen = lees_resultaten(resultaten)
    for probleem in ingelezen.problemen:
        typer.echo(f"Overgeslagen: {probleem}", err=True)
    profiel = groepsprofiel(ingelezen.resultaten)
    spec = groep_grafiek(profiel).to_dict()
    beschrijving = groep_beschrijving(profiel)
    uit.mkdir(parents=True, exist_ok=True)
    svg = vlc.vegalite_to_svg(spec)
    page = _PAGE.format(
        aantal=profiel.aantal,
        svg=svg,
        beschrijving=html.escape(beschrijving),
        tabel=_table(profiel),
    )
    (uit / "groepsprofiel.html").write_text(page, encoding="utf-8")
    (uit / "groepsprofiel.png").write_bytes(vlc.vegalite_to_png(spec, scale=2))
    (uit / "groepsprofiel.json").write_text(
        json.dumps(profiel.samenvatting(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    typer.echo(beschrijving)
    typer.echo(f"Geschreven in {uit}: groepsprofiel.html, groepsprofiel.png, groepsprofiel.json")
    if ingelezen.problemen:
        typer.echo(
            f"Let op: {len(ingelezen.problemen)} bestand(en) of regel(s) overgeslagen; "
            "zie de meldingen hierboven.",
            err=True,
        )


@app.command("score")
def score_cmd(
    bestand: Annotated[Path, typer.Argument(help="Eén geëxporteerde uitslag (.json of .csv).")],
) -> None:
    """Reken een geëxporteerde uitslag opnieuw uit en toon de positie op de trap."""
    ingelezen = lees_resultaten([bestand])
    if ingelezen.problemen:
        raise LeerlabFout("\n".join(ingelezen.problemen))
    if not ingelezen.resultaten:
        raise LeerlabFout(f"{bestand}: er staat geen uitslag in.")
    for resultaat in ingelezen.resultaten:
        uitslag = score(resultaat.antwoorden, resultaat.perspectief)
        typer.echo(f"{resultaat.situatie} ({resultaat.perspectief}): {melding(uitslag)}")
