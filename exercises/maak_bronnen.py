# ruff: noqa: E501  (long lines are notebook code written as strings)
"""Write the source notebooks in exercises/source/ from the compact definitions below.

nbgrader needs .ipynb files; writing their JSON by hand is error-prone, so each
assignment is defined here once and written with nbformat. Run after a change:

    .venv/bin/python exercises/maak_bronnen.py

tests/test_exercises.py checks that the committed notebooks match this file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

SOURCE = Path(__file__).resolve().parent / "source"
SOL_BEGIN, SOL_END = "### BEGIN SOLUTION", "### END SOLUTION"
HID_BEGIN, HID_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def _meta(grade_id: str, **kw: Any) -> dict[str, Any]:
    base = {"grade": False, "solution": False, "locked": False, "schema_version": 3}
    base.update(kw, grade_id=grade_id)
    return {"nbgrader": base}


def md(text: str) -> NotebookNode:
    return nbformat.v4.new_markdown_cell(text.strip())


def code(src: str) -> NotebookNode:
    return nbformat.v4.new_code_cell(src.strip())


def casus(figures: dict[str, Any]) -> NotebookNode:
    from leerlab.grading.varianten import render_figures

    cell = nbformat.v4.new_code_cell(render_figures(figures))
    cell.metadata = _meta("casusgegevens", locked=True)
    return cell


def antwoord(grade_id: str, before: str, solution: str, after: str = "") -> NotebookNode:
    src = f"{before.strip()}\n{SOL_BEGIN}\n{solution.strip()}\n{SOL_END}"
    if after.strip():
        src += f"\n{after.strip()}"
    cell = nbformat.v4.new_code_cell(src.strip())
    cell.metadata = _meta(grade_id, solution=True)
    return cell


def test(grade_id: str, points: int, visible: str, hidden: str) -> NotebookNode:
    src = f"{visible.strip()}\n\n{HID_BEGIN}\n{hidden.strip()}\n{HID_END}"
    cell = nbformat.v4.new_code_cell(src)
    cell.metadata = _meta(grade_id, grade=True, locked=True, points=points)
    return cell


def schrijf(grade_id: str, points: int, model: str, rubric: str) -> NotebookNode:
    """A written answer, graded by hand; model answer and rubric vanish from the release."""
    text = (
        f"{SOL_BEGIN}\n**Modelantwoord (alleen voor nakijkers).** {model.strip()}\n\n"
        f"**Beoordelingsmodel ({points} punten).**\n\n{rubric.strip()}\n{SOL_END}"
    )
    cell = nbformat.v4.new_markdown_cell(text)
    cell.metadata = _meta(grade_id, grade=True, solution=True, points=points)
    return cell


def slot(name: str) -> list[NotebookNode]:
    return [
        md(
            "## Controleer je werk\n\nSla het notebook eerst op. Voer dan de cel hieronder uit. "
            "Je ziet welke controles al slagen. Verborgen controles draaien pas bij het nakijken."
        ),
        code(
            "import os\n\n"
            'if "NBGRADER_EXECUTION" not in os.environ:\n'
            "    from leerlab.grading.controleer import controleer_hier\n\n"
            f'    controleer_hier("{name}.ipynb")'
        ),
    ]


def notebook(
    name: str, cells: list[NotebookNode], varianten: dict[str, Any], data: list[str]
) -> NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [*cells, *slot(name)]
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "leerlab": {"varianten": varianten, "data": data},
    }
    return nb


CLOSE = "abs({a} - {b}) < 0.01"


# ---------------------------------------------------------------------------- h01
def h01() -> NotebookNode:
    return notebook(
        "h01",
        [
            md("""
# Opdracht 1: Huize Lydia en de wet van Mayer

Bij hoofdstuk 1, *Een verandering van tijdperk*. Bron: Siegers, *Transformatie in een
verandering van tijdperk*.

In Amsterdam-Zuid moest buurthuis Huize Lydia kleiner worden. Het stadsdeel liet de
bewoners zelf plannen maken. Daarvoor golden drie voorwaarden: het buurthuis blijft
maatschappelijk, er komt geen extra geld bij en het is open voor iedereen.

Een verandering werkt pas als mensen haar steunen. Siegers schrijft dat als
**E = K × A**: het effect (E) is de kwaliteit van een plan (K) keer de acceptatie (A).
Beide geef je hier een cijfer van 1 tot 10.

De getallen in de cel hieronder kunnen per groep verschillen. Reken altijd met `CASUS`.
"""),
            casus({"kwaliteit_a": 8, "acceptatie_a": 3, "kwaliteit_b": 6, "acceptatie_b": 8}),
            md("""
## Vraag 1 (2 punten): bereken het effect

Plan A komt van een adviesbureau. Plan B maakten de bewoners zelf.
Bereken `effect_a` en `effect_b` met de wet van Mayer.
"""),
            antwoord(
                "h01-effect",
                "",
                'effect_a = CASUS["kwaliteit_a"] * CASUS["acceptatie_a"]\n'
                'effect_b = CASUS["kwaliteit_b"] * CASUS["acceptatie_b"]',
            ),
            test(
                "h01-effect-test",
                2,
                'assert isinstance(effect_a, (int, float)), "effect_a moet een getal zijn."\n'
                "assert 1 <= effect_a <= 100, (\n"
                '    "effect_a ligt tussen 1 en 100: vermenigvuldig kwaliteit en acceptatie van plan A."\n'
                ")\n"
                'assert 1 <= effect_b <= 100, "effect_b ligt tussen 1 en 100. Gebruik de cijfers van plan B."',
                'assert effect_a == CASUS["kwaliteit_a"] * CASUS["acceptatie_a"], '
                '"Verborgen controle: effect_a klopt niet met CASUS."\n'
                'assert effect_b == CASUS["kwaliteit_b"] * CASUS["acceptatie_b"], '
                '"Verborgen controle: effect_b klopt niet met CASUS."',
            ),
            md("""
## Vraag 2 (1 punt): welk plan werkt beter?

Zet in `beste_plan` de tekst `"A"` of `"B"`: het plan met het grootste effect.
"""),
            antwoord("h01-beste", "", 'beste_plan = "A" if effect_a > effect_b else "B"'),
            test(
                "h01-beste-test",
                1,
                'assert beste_plan in ("A", "B"), "Kies \\"A\\" of \\"B\\" (met hoofdletter)."',
                'verwacht = "A" if CASUS["kwaliteit_a"] * CASUS["acceptatie_a"] > '
                'CASUS["kwaliteit_b"] * CASUS["acceptatie_b"] else "B"\n'
                'assert beste_plan == verwacht, "Verborgen controle: dit is niet het plan met het grootste effect."',
            ),
            md("""
## Vraag 3 (2 punten): welke voorstellen passen binnen de voorwaarden?

Het bestand `h01-voorstellen.csv` bevat voorstellen van bewoners (bedachte voorbeelden).
Lees het in met pandas. Zet in `toegestaan` een **gesorteerde lijst** met de namen van de
voorstellen die aan alle drie de voorwaarden voldoen.
Tip: `maatschappelijk` en `voor_iedereen` zijn `"ja"` of `"nee"`; `extra_geld` is in euro.
"""),
            antwoord(
                "h01-voorstellen",
                'import pandas as pd\n\nvoorstellen = pd.read_csv("h01-voorstellen.csv")',
                "mag = (\n"
                '    (voorstellen["maatschappelijk"] == "ja")\n'
                '    & (voorstellen["extra_geld"] == 0)\n'
                '    & (voorstellen["voor_iedereen"] == "ja")\n'
                ")\n"
                'toegestaan = sorted(voorstellen.loc[mag, "voorstel"])',
            ),
            test(
                "h01-voorstellen-test",
                2,
                'assert isinstance(toegestaan, list), "toegestaan moet een lijst zijn: gebruik sorted(...)."\n'
                'assert toegestaan == sorted(toegestaan), "Sorteer de lijst met sorted(...)."\n'
                'assert "Kantoor voor een bedrijf" not in toegestaan, (\n'
                '    "Een kantoor is niet maatschappelijk. Kijk naar de kolom maatschappelijk."\n'
                ")",
                "import pandas as pd\n"
                'd = pd.read_csv("h01-voorstellen.csv")\n'
                'ok = d[(d.maatschappelijk == "ja") & (d.extra_geld == 0) & (d.voor_iedereen == "ja")]\n'
                'assert toegestaan == sorted(ok.voorstel), "Verborgen controle: de lijst is nog niet goed."',
            ),
            md("""
## Vraag 4 (3 punten): advies aan het stadsdeel

Schrijf in 80 tot 150 woorden een advies aan de stadsdeelbestuurder. Leg uit waarom
een plan van de bewoners zelf meer effect kan hebben, ook als het minder goed is
uitgewerkt. Gebruik de wet van Mayer en jouw getallen.
"""),
            schrijf(
                "h01-advies",
                3,
                "Het plan van bewoners heeft een lager cijfer voor kwaliteit, maar veel meer "
                "steun. Omdat effect kwaliteit keer acceptatie is, wint het bewonersplan. "
                "Het stadsdeel kan zich beter richten op kaders (de drie voorwaarden) dan op "
                "het perfecte plan.",
                "- 1 punt: past E = K × A juist toe met de eigen getallen.\n"
                "- 1 punt: legt uit dat acceptatie ontstaat als bewoners zelf mogen besluiten.\n"
                "- 1 punt: concreet advies dat binnen de drie voorwaarden blijft.",
            ),
        ],
        {
            "kwaliteit_a": {"min": 7, "max": 9},
            "acceptatie_a": {"min": 2, "max": 4},
            "kwaliteit_b": {"min": 5, "max": 7},
            "acceptatie_b": {"min": 7, "max": 9},
        },
        ["opdrachten/h01-voorstellen.csv"],
    )


# ---------------------------------------------------------------------------- h02
def h02() -> NotebookNode:
    return notebook(
        "h02",
        [
            md("""
# Opdracht 2: Tijd voor de bedoeling

Bij hoofdstuk 2, *Werken vanuit de bedoeling*. Bron: De Boer en Peltenburg (2016).

In het leertraject van tien gemeenten zagen professionals hoeveel tijd opgaat aan het
systeem: registreren, verantwoorden en overleggen. Die tijd gaat niet naar de inwoner.
Het bestand `h02-tijdsbesteding.csv` geeft uren per maand van vijf wijkteams.
De cijfers zijn bedacht om mee te oefenen.
"""),
            casus({"team": "Oost", "doel_aandeel": 0.6}),
            md("""
## Vraag 1 (2 punten): aandeel tijd bij de inwoner

Lees het bestand in als `teams`. Maak een kolom `aandeel_client`: de uren met de cliënt
gedeeld door alle uren van dat team. Zet in `aandeel_team` het aandeel van het team in
`CASUS["team"]` (een getal tussen 0 en 1).
"""),
            antwoord(
                "h02-aandeel",
                'import pandas as pd\n\nteams = pd.read_csv("h02-tijdsbesteding.csv")',
                'totaal = teams["uren_client"] + teams["uren_registratie"] + teams["uren_overleg"]\n'
                'teams["aandeel_client"] = teams["uren_client"] / totaal\n'
                'aandeel_team = float(teams.loc[teams["team"] == CASUS["team"], "aandeel_client"].iloc[0])',
            ),
            test(
                "h02-aandeel-test",
                2,
                'assert "aandeel_client" in teams.columns, "Maak de kolom aandeel_client in teams."\n'
                "assert 0 < aandeel_team < 1, (\n"
                '    "aandeel_team is een aandeel tussen 0 en 1, geen percentage. Deel door alle uren."\n'
                ")",
                "import pandas as pd\n"
                'd = pd.read_csv("h02-tijdsbesteding.csv").set_index("team")\n'
                'r = d.loc[CASUS["team"]]\n'
                "verwacht = r.uren_client / (r.uren_client + r.uren_registratie + r.uren_overleg)\n"
                "assert abs(aandeel_team - verwacht) < 0.001, "
                '"Verborgen controle: aandeel_team hoort bij een ander team of is verkeerd berekend."',
            ),
            md("""
## Vraag 2 (2 punten): welke teams halen het doel niet?

De gemeente wil dat elk team minstens `CASUS["doel_aandeel"]` van zijn tijd bij de
inwoner is. Zet in `onder_doel` een gesorteerde lijst met de teams die dat niet halen.
"""),
            antwoord(
                "h02-doel",
                "",
                'onder_doel = sorted(teams.loc[teams["aandeel_client"] < CASUS["doel_aandeel"], "team"])',
            ),
            test(
                "h02-doel-test",
                2,
                'assert isinstance(onder_doel, list), "onder_doel moet een lijst zijn."\n'
                'assert all(t in set(teams["team"]) for t in onder_doel), "Gebruik de teamnamen uit het bestand."',
                "import pandas as pd\n"
                'd = pd.read_csv("h02-tijdsbesteding.csv")\n'
                "a = d.uren_client / (d.uren_client + d.uren_registratie + d.uren_overleg)\n"
                'assert onder_doel == sorted(d.team[a < CASUS["doel_aandeel"]]), '
                '"Verborgen controle: de lijst met teams onder het doel klopt niet."',
            ),
            md("""
## Vraag 3 (2 punten): bedoeling of systeem?

Geef bij elke activiteit aan of die vooral de **bedoeling** dient (wat de inwoner nodig
heeft) of vooral het **systeem** (regels, verantwoording). Vul het woordenboek `soort`
met de waarden `"bedoeling"` of `"systeem"`.

- `"a"`: een huisbezoek om samen te kijken wat er nodig is;
- `"b"`: een formulier invullen zodat de uren betaald worden;
- `"c"`: met de buurvrouw regelen dat zij boodschappen doet;
- `"d"`: een kwartaalrapport over aantallen trajecten.
"""),
            antwoord(
                "h02-soort",
                "",
                'soort = {"a": "bedoeling", "b": "systeem", "c": "bedoeling", "d": "systeem"}',
            ),
            test(
                "h02-soort-test",
                2,
                'assert set(soort) == {"a", "b", "c", "d"}, "Geef een antwoord voor a, b, c en d."\n'
                'assert set(soort.values()) <= {"bedoeling", "systeem"}, (\n'
                '    "Gebruik alleen de woorden \\"bedoeling\\" en \\"systeem\\"."\n'
                ")",
                'assert soort == {"a": "bedoeling", "b": "systeem", "c": "bedoeling", "d": "systeem"}, '
                '"Verborgen controle: minstens één activiteit staat bij de verkeerde soort."',
            ),
            md("""
## Vraag 4 (3 punten): een stap voor jouw team

Kies het team uit `CASUS`. Beschrijf in 80 tot 150 woorden één verandering die meer tijd
vrijmaakt voor de inwoner. Leg uit hoe de gemeente daarbij kan helpen.
"""),
            schrijf(
                "h02-stap",
                3,
                "Het team besteedt veel uren aan registratie. Stel: alleen vastleggen wat de "
                "inwoner en het team zelf nodig hebben. De gemeente spreekt daarvoor minder "
                "verantwoording af en vertrouwt op het gesprek in het team.",
                "- 1 punt: noemt het aandeel van het gekozen team en wat dat betekent.\n"
                "- 1 punt: een concrete verandering die systeemtijd vermindert.\n"
                "- 1 punt: de rol van de gemeente (ruimte geven, minder regels) is duidelijk.",
            ),
        ],
        {
            "team": {"keuzes": ["Noord", "Oost", "Zuid", "West", "Centrum"]},
            "doel_aandeel": {"min": 0.5, "max": 0.65, "stap": 0.05},
        },
        ["opdrachten/h02-tijdsbesteding.csv"],
    )


# ---------------------------------------------------------------------------- h03
LADDER_RULE = """
def _positie(rij):
    bereikt = 0
    for trede in range(1, 6):
        gemiddeld = (rij[f"p{trede}a"] + rij[f"p{trede}b"]) / 2 / 4
        if gemiddeld >= 0.75:
            bereikt = trede
    return bereikt
"""


def h03() -> NotebookNode:
    return notebook(
        "h03",
        [
            md("""
# Opdracht 3: De trap van eigenaarschap in een buurthuis

Bij hoofdstuk 3, *Eigenaarschap*. Bron: Siegers, *Transformatie in een verandering van
tijdperk* (de Trap van Eigenaarschap).

Zes professionals rond een buurthuis vulden de zelftest in. Het bestand
`h03-buurthuis.csv` bevat hun antwoorden (0 = klopt niet, 4 = klopt helemaal) op de
stellingen `p1a` tot en met `p5b`. De antwoorden zijn bedacht.
Je rekent met het model van de cursus: `leerlab.models.ladder.score`.
"""),
            casus({"respondent": "R2", "grens": 3}),
            md("""
## Vraag 1 (2 punten): de positie van één respondent

Lees het bestand in als `antwoorden`. Zoek de rij van `CASUS["respondent"]`. Maak daar een
woordenboek van (stelling → antwoord) en bereken met `score(..., "professional")` de
uitslag. Zet de trede in `positie` (een geheel getal van 0 tot en met 5).
"""),
            antwoord(
                "h03-positie",
                "import pandas as pd\n\nfrom leerlab.models.ladder import score\n\n"
                'antwoorden = pd.read_csv("h03-buurthuis.csv")',
                'rij = antwoorden.set_index("respondent").loc[CASUS["respondent"]]\n'
                'uitslag = score({k: int(v) for k, v in rij.items()}, "professional")\n'
                "positie = uitslag.positie",
            ),
            test(
                "h03-positie-test",
                2,
                'assert isinstance(positie, int), "positie is een geheel getal: gebruik uitslag.positie."\n'
                'assert 0 <= positie <= 5, "De trap heeft vijf treden; 0 betekent: geen trede bereikt."',
                LADDER_RULE.strip() + "\n"
                "import pandas as pd\n"
                'd = pd.read_csv("h03-buurthuis.csv").set_index("respondent")\n'
                'assert positie == _positie(d.loc[CASUS["respondent"]]), '
                '"Verborgen controle: dit is niet de positie van de respondent uit CASUS."',
            ),
            md("""
## Vraag 2 (2 punten): hoeveel staan er hoog op de trap?

Bereken voor elke respondent de positie. Zet in `aantal_hoog` hoeveel respondenten op
trede `CASUS["grens"]` of hoger staan.
"""),
            antwoord(
                "h03-hoog",
                "",
                "posities = [\n"
                '    score({k: int(v) for k, v in r.items()}, "professional").positie\n'
                '    for _, r in antwoorden.set_index("respondent").iterrows()\n'
                "]\n"
                'aantal_hoog = sum(p >= CASUS["grens"] for p in posities)',
            ),
            test(
                "h03-hoog-test",
                2,
                'assert 0 <= aantal_hoog <= 6, "Er zijn zes respondenten: het aantal ligt tussen 0 en 6."',
                LADDER_RULE.strip() + "\n"
                "import pandas as pd\n"
                'd = pd.read_csv("h03-buurthuis.csv").set_index("respondent")\n'
                'verwacht = sum(_positie(r) >= CASUS["grens"] for _, r in d.iterrows())\n'
                'assert aantal_hoog == verwacht, "Verborgen controle: het aantal klopt niet."',
            ),
            md("""
## Vraag 3 (2 punten): welke trede is dit?

Geef bij elke situatie de trede (1 tot en met 5). Vul `treden` in.

- `"a"`: de gemeente stuurt een brief dat het buurthuis over een maand sluit;
- `"b"`: bewoners maken zelf een plan; de gemeente noemt vooraf de kaders en helpt mee;
- `"c"`: bewoners geven advies, daarna besluit de gemeente;
- `"d"`: een enquête vraagt wat bewoners van een plan vinden.
"""),
            antwoord("h03-treden", "", 'treden = {"a": 1, "b": 5, "c": 3, "d": 2}'),
            test(
                "h03-treden-test",
                2,
                'assert set(treden) == {"a", "b", "c", "d"}, "Geef een trede voor a, b, c en d."\n'
                'assert all(t in range(1, 6) for t in treden.values()), "Een trede is 1, 2, 3, 4 of 5."',
                'assert treden == {"a": 1, "b": 5, "c": 3, "d": 2}, '
                '"Verborgen controle: minstens één situatie staat op de verkeerde trede."',
            ),
            md("""
## Vraag 4 (3 punten): een stap omhoog

Kies situatie `"c"`. Beschrijf in 80 tot 150 woorden hoe de gemeente één trede hoger kan
komen. Wat doet de gemeente dan anders, en wat doen de bewoners?
"""),
            schrijf(
                "h03-stap",
                3,
                "Van advies vragen naar regisseren: bewoners voeren zelf een deel van het plan "
                "uit, de gemeente houdt de regie. Nog beter: kaders stellen en bewoners laten "
                "besluiten, zodat regie en verantwoordelijkheid samenvallen.",
                "- 1 punt: noemt de juiste volgende trede (regisseren / uitvoeren).\n"
                "- 1 punt: beschrijft de rol van de gemeente én die van bewoners.\n"
                "- 1 punt: verbindt de stap met eigenaarschap (regie en verantwoordelijkheid).",
            ),
        ],
        {
            "respondent": {"keuzes": ["R1", "R2", "R3", "R4", "R5", "R6"]},
            "grens": {"min": 2, "max": 4},
        },
        ["opdrachten/h03-buurthuis.csv"],
    )


# ---------------------------------------------------------------------------- h04
def h04() -> NotebookNode:
    return notebook(
        "h04",
        [
            md("""
# Opdracht 4: Mevrouw de Vries en de Nieuwe Route

Bij hoofdstuk 4, *De Nieuwe Route*. Bron: Siegers, *De Nieuwe Route*.

Mevrouw de Vries wordt vergeetachtig. Haar dochter zorgt al jaren voor haar, samen met de
thuiszorg. De thuiszorg en de huisarts besluiten dat zij naar een verzorgingshuis gaat.
De dochter stemt in, maar haar moeder wil liever thuis blijven.

De bedragen hieronder zijn **bedacht**; de bron noemt geen kosten. Ze laten zien
hoe je twee routes kunt vergelijken.
"""),
            casus({"uren_thuiszorg": 6, "tarief_thuiszorg": 55, "kosten_verzorgingshuis": 1400}),
            md("""
## Vraag 1 (2 punten): kosten per jaar

`uren_thuiszorg` is het aantal uren per week, `tarief_thuiszorg` de prijs per uur en
`kosten_verzorgingshuis` de prijs per week. Reken met 52 weken.
Bereken `kosten_thuis`, `kosten_verzorgingshuis` en `verschil` (verzorgingshuis min thuis).
"""),
            antwoord(
                "h04-kosten",
                "",
                'kosten_thuis = CASUS["uren_thuiszorg"] * CASUS["tarief_thuiszorg"] * 52\n'
                'kosten_verzorgingshuis = CASUS["kosten_verzorgingshuis"] * 52\n'
                "verschil = kosten_verzorgingshuis - kosten_thuis",
            ),
            test(
                "h04-kosten-test",
                2,
                'assert kosten_thuis > 0, "kosten_thuis is uren keer tarief keer 52 weken."\n'
                "assert verschil == kosten_verzorgingshuis - kosten_thuis, (\n"
                '    "verschil is kosten_verzorgingshuis min kosten_thuis, in die volgorde."\n'
                ")",
                'assert kosten_thuis == CASUS["uren_thuiszorg"] * CASUS["tarief_thuiszorg"] * 52, '
                '"Verborgen controle: kosten_thuis klopt niet."\n'
                'assert kosten_verzorgingshuis == CASUS["kosten_verzorgingshuis"] * 52, '
                '"Verborgen controle: kosten_verzorgingshuis klopt niet."',
            ),
            md("""
## Vraag 2 (2 punten): welke route?

Siegers onderscheidt drie routes. Geef bij elke beschrijving de route: `"oude"`,
`"doodlopende"` of `"nieuwe"`. Vul `route` in.

- `"a"`: de hulpverlening maakt het plan; de familie wordt niet betrokken;
- `"b"`: de familie, het netwerk en de hulpverlening besluiten samen wat nodig is;
- `"c"`: hulpverlening en cliënt maken het plan; de dochter moet het mee uitvoeren.
"""),
            antwoord("h04-route", "", 'route = {"a": "oude", "b": "nieuwe", "c": "doodlopende"}'),
            test(
                "h04-route-test",
                2,
                'assert set(route) == {"a", "b", "c"}, "Geef een route voor a, b en c."\n'
                'assert set(route.values()) <= {"oude", "doodlopende", "nieuwe"}, (\n'
                '    "Kies uit \\"oude\\", \\"doodlopende\\" en \\"nieuwe\\"."\n'
                ")",
                'assert route == {"a": "oude", "b": "nieuwe", "c": "doodlopende"}, '
                '"Verborgen controle: minstens één beschrijving hoort bij een andere route."',
            ),
            md("""
## Vraag 3 (3 punten): de Nieuwe Route voor mevrouw de Vries

Beschrijf in 100 tot 150 woorden hoe het gesprek over mevrouw de Vries volgens de Nieuwe
Route had kunnen lopen. Wie zitten aan tafel, wie besluit en wat doet de thuiszorg?
"""),
            schrijf(
                "h04-nieuwe-route",
                3,
                "Mevrouw de Vries, haar dochter, haar zoon en andere naasten besluiten samen "
                "met de thuiszorg. Zij maken het plan en dragen er verantwoordelijkheid voor. "
                "De thuiszorg denkt mee en ondersteunt, maar neemt het besluit niet over.",
                "- 1 punt: mevrouw de Vries en haar netwerk besluiten zelf mee.\n"
                "- 1 punt: regie en verantwoordelijkheid liggen bij dezelfde mensen.\n"
                "- 1 punt: de rol van de professional is ondersteunen, niet overnemen.",
            ),
        ],
        {
            "uren_thuiszorg": {"min": 4, "max": 10},
            "tarief_thuiszorg": {"min": 50, "max": 70, "stap": 5},
            "kosten_verzorgingshuis": {"min": 1200, "max": 1800, "stap": 100},
        },
        [],
    )


# ---------------------------------------------------------------------------- h05
def h05() -> NotebookNode:
    return notebook(
        "h05",
        [
            md("""
# Opdracht 5: Fricties rond een huishouden

Bij hoofdstuk 5, *Fricties*. Bron: RMO (2014), *Leren innoveren in het sociaal domein*.

De RMO beschrijft wat vernieuwing afremt: de gelijkheidsreflex en het denken in regels,
categorieën en domeinen. Een voorbeeld is de vrouw die een Canta nodig had: de gemeente
aarzelde, want wat als anderen er dan ook een willen?

Het bestand `h05-huishoudens.csv` telt per huishouden en per domein de hulpverleners.
De cijfers zijn bedacht.
"""),
            casus({"grens": 4}),
            md("""
## Vraag 1 (2 punten): hulpverleners per huishouden

Lees het bestand in als `hulp`. Maak `per_huishouden`: een pandas Series met per
huishouden het totaal aantal hulpverleners (gebruik `groupby` en `sum`).
"""),
            antwoord(
                "h05-totaal",
                'import pandas as pd\n\nhulp = pd.read_csv("h05-huishoudens.csv")',
                'per_huishouden = hulp.groupby("huishouden")["hulpverleners"].sum()',
            ),
            test(
                "h05-totaal-test",
                2,
                'assert isinstance(per_huishouden, pd.Series), "Maak een Series met groupby(...).sum()."\n'
                'assert per_huishouden["B"] == 2, "Huishouden B heeft alleen hulp uit de Wmo: 2 hulpverleners."',
                'd = pd.read_csv("h05-huishoudens.csv")\n'
                'assert per_huishouden.to_dict() == d.groupby("huishouden").hulpverleners.sum().to_dict(), '
                '"Verborgen controle: de totalen kloppen niet."',
            ),
            md("""
## Vraag 2 (2 punten): veel hulp tegelijk

Zet in `veel_hulp` een gesorteerde lijst van huishoudens met `CASUS["grens"]` of meer
hulpverleners. Zulke huishoudens merken het meest van de schotten tussen domeinen.
"""),
            antwoord(
                "h05-veel",
                "",
                'veel_hulp = sorted(per_huishouden[per_huishouden >= CASUS["grens"]].index)',
            ),
            test(
                "h05-veel-test",
                2,
                'assert isinstance(veel_hulp, list), "veel_hulp moet een lijst zijn."',
                'd = pd.read_csv("h05-huishoudens.csv").groupby("huishouden").hulpverleners.sum()\n'
                'assert veel_hulp == sorted(d[d >= CASUS["grens"]].index), '
                '"Verborgen controle: de lijst klopt niet. Gebruik >= en de grens uit CASUS."',
            ),
            md("""
## Vraag 3 (2 punten): welke frictie?

Kies bij elk voorbeeld de frictie: `"gelijkheid"` (de gelijkheidsreflex), `"regels"`,
`"categorieen"` of `"domeinen"`. Vul `frictie` in.

- `"a"`: de gemeente weigert een uitzondering, want dan wil iedereen die;
- `"b"`: iemand past net niet in een indicatie en krijgt daarom niets;
- `"c"`: een gezin heeft drie loketten voor jeugd, werk en schulden;
- `"d"`: een medewerker volgt het protocol, ook als het de inwoner niet helpt.
"""),
            antwoord(
                "h05-frictie",
                "",
                'frictie = {"a": "gelijkheid", "b": "categorieen", "c": "domeinen", "d": "regels"}',
            ),
            test(
                "h05-frictie-test",
                2,
                'assert set(frictie) == {"a", "b", "c", "d"}, "Geef een frictie voor a, b, c en d."\n'
                'assert set(frictie.values()) <= {"gelijkheid", "regels", "categorieen", "domeinen"}, (\n'
                '    "Kies uit \\"gelijkheid\\", \\"regels\\", \\"categorieen\\" en \\"domeinen\\"."\n'
                ")",
                'assert frictie == {"a": "gelijkheid", "b": "categorieen", "c": "domeinen", '
                '"d": "regels"}, "Verborgen controle: minstens één voorbeeld heeft een andere frictie."',
            ),
            md("""
## Vraag 4 (3 punten): ruimte voor maatwerk

Schrijf in 80 tot 150 woorden hoe een gemeente kan omgaan met de vraag uit het
Canta-voorbeeld: *wat als anderen er dan ook een willen?*
"""),
            schrijf(
                "h05-maatwerk",
                3,
                "Gelijk behandelen betekent niet: iedereen hetzelfde geven. Kijk naar wat deze "
                "persoon nodig heeft en leg uit waarom. Een volgende vraag wordt ook op eigen "
                "merites bekeken. Zo wordt maatwerk de regel.",
                "- 1 punt: benoemt de gelijkheidsreflex.\n"
                "- 1 punt: onderscheidt gelijke behandeling van dezelfde behandeling.\n"
                "- 1 punt: een werkbare aanpak voor de gemeente (uitleg, afweging per situatie).",
            ),
        ],
        {"grens": {"min": 3, "max": 5}},
        ["opdrachten/h05-huishoudens.csv"],
    )


# ---------------------------------------------------------------------------- h06
def h06() -> NotebookNode:
    return notebook(
        "h06",
        [
            md("""
# Opdracht 6: P×Q of een bedrag per inwoner?

Bij hoofdstuk 6, *Bekostiging*. Bron: RMO (2014) en het Nationaal Alternatieven-lab (2021).

Bij **P×Q** betaalt de gemeente een prijs (P) keer de hoeveelheid zorg (Q). Hoe meer zorg,
hoe meer geld. Bij **populatiegebonden bekostiging** krijgt een aanbieder een vast bedrag
per inwoner, of die nu zorg gebruikt of niet.

Je rekent met de rekenmodellen van de cursus (`leerlab.models.bekostiging`). De bedragen zijn
bedacht; de bronnen noemen geen prijzen.
"""),
            casus(
                {
                    "inwoners": 30000,
                    "clienten": 800,
                    "uren_per_client": 40,
                    "prijs_per_uur": 65,
                    "bedrag_per_inwoner": 70,
                }
            ),  # fmt: skip
            code("""
import os

if "NBGRADER_EXECUTION" not in os.environ:
    from leerlab.models.bekostiging import standaard_invoer

    print(standaard_invoer())
"""),
            md("""
## Vraag 1 (2 punten): wat betaalt de gemeente in jaar 0?

Maak met `standaard_invoer(...)` een invoer `p` met de vijf getallen uit `CASUS`.
Bereken dan met `pxq(p, 0)` en `populatie(p, 0)` de betaling (sleutel `"betaling"`).
Zet de bedragen in `betaling_pxq` en `betaling_populatie`.
"""),
            antwoord(
                "h06-betaling",
                "from leerlab.models.bekostiging import populatie, pxq, standaard_invoer",
                "p = standaard_invoer(**CASUS)\n"
                'betaling_pxq = pxq(p, 0)["betaling"]\n'
                'betaling_populatie = populatie(p, 0)["betaling"]',
            ),
            test(
                "h06-betaling-test",
                2,
                "assert betaling_pxq > 0 and betaling_populatie > 0, "
                '"Beide betalingen zijn positieve bedragen in euro per jaar."\n'
                'assert betaling_populatie == CASUS["bedrag_per_inwoner"] * CASUS["inwoners"], (\n'
                '    "Populatiegebonden: bedrag per inwoner keer het aantal inwoners. '
                'Gaf je alle getallen uit CASUS mee?"\n'
                ")",
                'verwacht = CASUS["prijs_per_uur"] * CASUS["clienten"] * CASUS["uren_per_client"]\n'
                "assert abs(betaling_pxq - verwacht) < 0.01, "
                '"Verborgen controle: betaling_pxq klopt niet met CASUS."',
            ),
            md("""
## Vraag 2 (1 punt): welk model is in jaar 0 goedkoper?

Zet in `goedkoper` de tekst `"pxq"` of `"populatie"`.
"""),
            antwoord(
                "h06-goedkoper",
                "",
                'goedkoper = "pxq" if betaling_pxq < betaling_populatie else "populatie"',
            ),
            test(
                "h06-goedkoper-test",
                1,
                'assert goedkoper in ("pxq", "populatie"), "Kies \\"pxq\\" of \\"populatie\\"."',
                'a = CASUS["prijs_per_uur"] * CASUS["clienten"] * CASUS["uren_per_client"]\n'
                'b = CASUS["bedrag_per_inwoner"] * CASUS["inwoners"]\n'
                'assert a == b or goedkoper == ("pxq" if a < b else "populatie"), '
                '"Verborgen controle: dat model is niet het goedkoopste."',
            ),
            md("""
## Vraag 3 (2 punten): welk model past?

Kies bij elke situatie: `"pxq"`, `"lumpsum"` of `"populatie"`. Vul `model` in.

- `"a"`: de aanbieder krijgt per geleverd uur betaald;
- `"b"`: een wijkteam krijgt een vast budget per jaar voor een taak in een gebied;
- `"c"`: de aanbieder krijgt per inwoner betaald, ook als die geen zorg gebruikt;
- `"d"`: bij welk model verdient de aanbieder **meer** als hij meer zorg levert?
"""),
            antwoord(
                "h06-model",
                "",
                'model = {"a": "pxq", "b": "lumpsum", "c": "populatie", "d": "pxq"}',
            ),
            test(
                "h06-model-test",
                2,
                'assert set(model) == {"a", "b", "c", "d"}, "Geef een model voor a, b, c en d."\n'
                'assert set(model.values()) <= {"pxq", "lumpsum", "populatie"}, (\n'
                '    "Kies uit \\"pxq\\", \\"lumpsum\\" en \\"populatie\\"."\n'
                ")",
                'assert model == {"a": "pxq", "b": "lumpsum", "c": "populatie", "d": "pxq"}, '
                '"Verborgen controle: minstens één situatie hoort bij een ander model."',
            ),
            md("""
## Vraag 4 (3 punten): advies over preventie

De gemeente wil dat aanbieders zorg voorkomen. Schrijf in 80 tot 150 woorden welk model
je adviseert, en welk risico de gemeente dan in de gaten moet houden.
"""),
            schrijf(
                "h06-advies",
                3,
                "Populatiegebonden bekostiging: de aanbieder houdt geld over als minder zorg "
                "nodig is, dus preventie loont. Risico: onderbehandeling. Stuur daarom ook op "
                "maatschappelijke doelen en tevredenheid van cliënten.",
                "- 1 punt: kiest een model dat preventie beloont en legt de prikkel uit.\n"
                "- 1 punt: noemt het risico van onderbehandeling (of een ander terecht risico).\n"
                "- 1 punt: een maatregel tegen dat risico.",
            ),
        ],
        {
            "inwoners": {"min": 20000, "max": 60000, "stap": 5000},
            "clienten": {"min": 500, "max": 1500, "stap": 50},
            "uren_per_client": {"min": 30, "max": 50, "stap": 5},
            "prijs_per_uur": {"min": 55, "max": 75, "stap": 5},
            "bedrag_per_inwoner": {"min": 50, "max": 90, "stap": 5},
        },
        [],
    )


# ---------------------------------------------------------------------------- h07
def h07() -> NotebookNode:
    return notebook(
        "h07",
        [
            md("""
# Opdracht 7: Minder aanbieders, werken per gebied

Bij hoofdstuk 7, *Wat de gemeente regelt*. Bron: verslag van het Nationaal
Alternatieven-lab (2021).

In het Alternatieven-lab adviseerden sprekers gemeenten onder meer: sluit lange contracten,
werk met minder aanbieders, organiseer per postcode en stuur op uitkomst in plaats van
productie. Het bestand `h07-aanbieders.csv` toont per gebied welke aanbieders er werken.
De gegevens zijn bedacht.
"""),
            casus({"gebied": "Oost", "max_aanbieders": 3}),
            md("""
## Vraag 1 (2 punten): aanbieders per gebied

Lees het bestand in als `aanbod`. Zet in `aantal_gebied` het aantal **verschillende**
aanbieders in `CASUS["gebied"]`.
"""),
            antwoord(
                "h07-aantal",
                'import pandas as pd\n\naanbod = pd.read_csv("h07-aanbieders.csv")',
                'aantal_gebied = int(aanbod.loc[aanbod["gebied"] == CASUS["gebied"], "aanbieder"].nunique())',
            ),
            test(
                "h07-aantal-test",
                2,
                'assert isinstance(aantal_gebied, int), "aantal_gebied is een geheel getal (gebruik int(...))."\n'
                'assert aantal_gebied >= 1, "Elk gebied heeft minstens één aanbieder."',
                'd = pd.read_csv("h07-aanbieders.csv")\n'
                'assert aantal_gebied == d[d.gebied == CASUS["gebied"]].aanbieder.nunique(), '
                '"Verborgen controle: tel de verschillende aanbieders in het gebied uit CASUS."',
            ),
            md("""
## Vraag 2 (2 punten): waar zijn het er te veel?

De gemeente wil per gebied hooguit `CASUS["max_aanbieders"]` aanbieders. Zet in `te_veel`
een gesorteerde lijst van gebieden met meer aanbieders dan dat.
"""),
            antwoord(
                "h07-teveel",
                "",
                'per_gebied = aanbod.groupby("gebied")["aanbieder"].nunique()\n'
                'te_veel = sorted(per_gebied[per_gebied > CASUS["max_aanbieders"]].index)',
            ),
            test(
                "h07-teveel-test",
                2,
                'assert isinstance(te_veel, list), "te_veel moet een lijst zijn."',
                'd = pd.read_csv("h07-aanbieders.csv").groupby("gebied").aanbieder.nunique()\n'
                'assert te_veel == sorted(d[d > CASUS["max_aanbieders"]].index), '
                '"Verborgen controle: de lijst klopt niet. Let op: méér dan het maximum."',
            ),
            md("""
## Vraag 3 (2 punten): uitkomst of productie?

Geef bij elke maat aan of die over **uitkomst** (`"outcome"`) of over **productie**
(`"output"`) gaat. Vul `soort` in.

- `"a"`: het aantal geleverde uren begeleiding;
- `"b"`: minder jongeren die school verlaten zonder diploma;
- `"c"`: het aantal afgesloten trajecten;
- `"d"`: meer inwoners die zeggen dat ze weer mee kunnen doen.
"""),
            antwoord(
                "h07-soort",
                "",
                'soort = {"a": "output", "b": "outcome", "c": "output", "d": "outcome"}',
            ),
            test(
                "h07-soort-test",
                2,
                'assert set(soort) == {"a", "b", "c", "d"}, "Geef een antwoord voor a, b, c en d."\n'
                'assert set(soort.values()) <= {"outcome", "output"}, "Kies \\"outcome\\" of \\"output\\"."',
                'assert soort == {"a": "output", "b": "outcome", "c": "output", "d": "outcome"}, '
                '"Verborgen controle: minstens één maat is verkeerd ingedeeld."',
            ),
            md("""
## Vraag 4 (3 punten): brief aan de wethouder

Schrijf in 100 tot 150 woorden aan de wethouder wat de gemeente in `CASUS["gebied"]` kan
regelen. Gebruik twee adviezen uit het Alternatieven-lab.
"""),
            schrijf(
                "h07-brief",
                3,
                "In dit gebied werken veel aanbieders naast elkaar. Advies: één team per "
                "postcodegebied met een lang contract, en afrekenen op uitkomsten zoals "
                "meedoen, niet op uren.",
                "- 1 punt: gebruikt het aantal aanbieders in het gekozen gebied.\n"
                "- 1 punt: twee adviezen uit de bron, juist weergegeven.\n"
                "- 1 punt: legt uit waarom dit de inwoner helpt.",
            ),
        ],
        {
            "gebied": {"keuzes": ["Noord", "Zuid", "Oost", "West"]},
            "max_aanbieders": {"min": 1, "max": 3},
        },
        ["opdrachten/h07-aanbieders.csv"],
    )


# ---------------------------------------------------------------------------- h08
def h08() -> NotebookNode:
    return notebook(
        "h08",
        [
            md("""
# Opdracht 8: Een leernetwerk laten groeien

Bij hoofdstuk 8, *Leren en opschalen*. Bron: De Boer en Peltenburg (2016) en het
Nationaal Alternatieven-lab (2021).

Tien gemeenten leerden samen in een leertraject over werken vanuit de bedoeling.
Het bestand `h08-leernetwerk.csv` toont hoeveel mensen per gemeente naar drie
bijeenkomsten kwamen. De aantallen zijn bedacht.
"""),
            casus({"start_teams": 2, "groei": 0.5, "doel_teams": 20}),
            md("""
## Vraag 1 (2 punten): wie blijft komen?

Lees het bestand in als `netwerk`. Zet in `gemiddeld` een Series met per gemeente het
gemiddelde aantal deelnemers. Zet in `trouwste` de gemeente met het hoogste gemiddelde.
"""),
            antwoord(
                "h08-gemiddeld",
                'import pandas as pd\n\nnetwerk = pd.read_csv("h08-leernetwerk.csv")',
                'gemiddeld = netwerk.groupby("gemeente")["deelnemers"].mean()\n'
                "trouwste = gemiddeld.idxmax()",
            ),
            test(
                "h08-gemiddeld-test",
                2,
                'assert isinstance(gemiddeld, pd.Series), "gemiddeld is een Series: groupby(...).mean()."\n'
                'assert trouwste in set(netwerk["gemeente"]), "trouwste is de naam van een gemeente."',
                'd = pd.read_csv("h08-leernetwerk.csv").groupby("gemeente").deelnemers.mean()\n'
                'assert (gemiddeld.round(6) == d.round(6)).all(), "Verborgen controle: de gemiddelden kloppen niet."\n'
                'assert trouwste == d.idxmax(), "Verborgen controle: trouwste klopt niet."',
            ),
            md("""
## Vraag 2 (2 punten): hoeveel rondes tot het doel?

Een aanpak start in `CASUS["start_teams"]` teams. Na elke ronde groeit het aantal teams
met een vast deel (`CASUS["groei"]`, 0,5 is 50 procent). Zet in `rondes` het kleinste
aantal rondes waarna er minstens `CASUS["doel_teams"]` teams meedoen.
"""),
            antwoord(
                "h08-rondes",
                "",
                'teams, rondes = CASUS["start_teams"], 0\n'
                'while teams < CASUS["doel_teams"]:\n'
                '    teams *= 1 + CASUS["groei"]\n'
                "    rondes += 1",
            ),
            test(
                "h08-rondes-test",
                2,
                'assert isinstance(rondes, int) and rondes >= 0, "rondes is een geheel getal, 0 of meer."',
                'n, k = CASUS["start_teams"], 0\n'
                'while n < CASUS["doel_teams"]:\n'
                '    n *= 1 + CASUS["groei"]\n'
                "    k += 1\n"
                'assert rondes == k, "Verborgen controle: het aantal rondes klopt niet."',
            ),
            md("""
## Vraag 3 (3 punten): opschalen zonder kopiëren

Schrijf in 100 tot 150 woorden waarom je een goede aanpak niet zomaar kopieert naar
andere teams. Wat moet een leernetwerk doen om te groeien?
"""),
            schrijf(
                "h08-opschalen",
                3,
                "Een aanpak werkt door de manier van denken, niet door het format. Nieuwe "
                "teams moeten zelf ontdekken wat de bedoeling is. Een leernetwerk deelt "
                "ervaringen, laat mensen bij elkaar meekijken en geeft ruimte om te oefenen.",
                "- 1 punt: legt uit waarom kopiëren van een vorm niet werkt.\n"
                "- 1 punt: noemt wat een leernetwerk doet (samen leren, uitwisselen).\n"
                "- 1 punt: verbindt de groei uit vraag 2 met tijd en aandacht per ronde.",
            ),
        ],
        {
            "start_teams": {"min": 1, "max": 4},
            "groei": {"min": 0.3, "max": 0.8, "stap": 0.1},
            "doel_teams": {"min": 15, "max": 40, "stap": 5},
        },
        ["opdrachten/h08-leernetwerk.csv"],
    )


ASSIGNMENTS = {"h01": h01, "h02": h02, "h03": h03, "h04": h04, "h05": h05, "h06": h06,
               "h07": h07, "h08": h08}  # fmt: skip


def build(target: Path = SOURCE) -> list[Path]:
    written = []
    for name, make in ASSIGNMENTS.items():
        folder = target / name
        folder.mkdir(parents=True, exist_ok=True)
        nb = make()
        for index, cell in enumerate(nb.cells):
            cell["id"] = f"{name}-{index:02d}"
        path = folder / f"{name}.ipynb"
        nbformat.validate(nb)
        nbformat.write(nb, path)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE):
        print(p)
