"""The HTML of the live app: plain forms that work without script, Dutch B1 text.

Every page links only the app's own stylesheet (and, for the facilitator, one script);
the CSP forbids inline scripts and styles, so nothing here uses them. The phone pages
need no script at all: the self-test is one form, sent with a normal POST.
"""

from __future__ import annotations

import html
from typing import Any

from leerlab.models.ladder import MIN_GROEP, PERSPECTIEF_LABEL, PERSPECTIEVEN, laad_trap
from leerlab.models.stemming import optie_tekst, vragen

e = html.escape


def pagina(titel: str, inhoud: str, *, script: str | None = None) -> str:
    scripts = f'<script src="/static/{script}" defer></script>' if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(titel)}</title>\n"
        '<link rel="stylesheet" href="/static/live.css">\n'
        f"{scripts}</head>\n<body>\n<main>\n<h1>{e(titel)}</h1>\n{inhoud}\n</main>\n"
        "</body>\n</html>\n"
    )


def welkom() -> str:
    return pagina(
        "Leerlab live",
        "<p>Scan de QR-code van je begeleider, of typ het adres dat op het scherm staat.</p>",
    )


def fout(melding: str, terug: str | None = None) -> str:
    link = f'<p><a href="{e(terug)}">Terug</a></p>' if terug else ""
    return pagina("Dat lukte niet", f'<p class="fout" role="alert">{e(melding)}</p>{link}')


_PRIVACY = (
    "<p>Je antwoorden zijn anoniem. Je geeft geen naam. Je begeleider ziet alleen hoeveel "
    f"mensen hebben geantwoord. Een groepsprofiel verschijnt pas als minstens {MIN_GROEP} "
    "mensen hebben geantwoord, en alleen als de begeleider het laat zien. Als de sessie "
    "sluit, worden alle losse antwoorden gewist.</p>"
)


def kies_perspectief(code: str, situatie: str) -> str:
    links = "".join(
        f'<li><a class="knop" href="/s/{code}/{p}">{e(PERSPECTIEF_LABEL[p])}</a></li>'
        for p in PERSPECTIEVEN
    )
    return pagina(
        "Zelftest Trap van Eigenaarschap",
        f"<p>De situatie: <strong>{e(situatie)}</strong>.</p>"
        f'<h2>Vanuit wie kijk je naar de situatie?</h2><ul class="keuzes">{links}</ul>' + _PRIVACY,
    )


def _radio(name: str, value: str, label: str, checked: bool) -> str:
    state = " checked" if checked else ""
    return f'<label><input type="radio" name="{name}" value="{e(value)}"{state}> {e(label)}</label>'


def vragenlijst(
    code: str,
    situatie: str,
    perspectief: str,
    token: str,
    eerder: dict[str, int | None] | None,
) -> str:
    trap = laad_trap()
    fieldsets = []
    for number, item in enumerate(trap.items_van(perspectief), start=1):
        current = None if eerder is None else eerder.get(item.id)
        options = "".join(
            _radio(item.id, str(o.waarde), o.label, current == o.waarde) for o in trap.schaal
        )
        options += _radio(item.id, "", "Weet ik niet", eerder is not None and current is None)
        fieldsets.append(
            f'<fieldset><legend>{number}. {e(item.tekst)} <span class="code">({item.id})</span>'
            f'</legend><div class="opties">{options}</div></fieldset>'
        )
    uitleg = (
        "<p>Je hebt al geantwoord. Pas aan wat je wilt en verstuur opnieuw. Je vorige "
        "antwoorden worden dan vervangen.</p>"
        if eerder is not None
        else "<p>Kies bij elke stelling hoe goed die past bij de situatie. Weet je het niet? "
        "Kies dan 'Weet ik niet'.</p>"
    )
    return pagina(
        f"Zelftest: {PERSPECTIEF_LABEL[perspectief].lower()}",
        f"<p>De situatie: <strong>{e(situatie)}</strong>.</p>{uitleg}"
        f'<form method="post" action="/s/{code}/antwoord">'
        f'<input type="hidden" name="perspectief" value="{perspectief}">'
        f'<input type="hidden" name="deelnemer" value="{e(token)}">'
        + "".join(fieldsets)
        + '<p><button type="submit">Verstuur mijn antwoorden</button></p></form>'
        f'<p><a href="/s/{code}">Ander perspectief kiezen</a></p>',
    )


def klaar(code: str, perspectief: str, melding: str) -> str:
    return pagina(
        "Dank je wel",
        '<p class="ok" role="status">Je antwoorden zijn ontvangen.</p>'
        f"<h2>Jouw eigen uitslag</h2><p>{e(melding)}</p>"
        "<p>Deze uitslag zie alleen jij. Je begeleider ziet alleen het groepsprofiel.</p>"
        f'<p><a href="/s/{code}/{perspectief}">Antwoorden aanpassen</a></p>'
        f'<form method="post" action="/s/{code}/intrekken">'
        '<button type="submit">Mijn antwoorden intrekken</button></form>',
    )


def ingetrokken(code: str, stemming: bool = False) -> str:
    if stemming:
        return pagina(
            "Stem ingetrokken",
            '<p role="status">Je stem is gewist. Hij telt niet meer mee.</p>'
            f'<p><a href="/s/{code}">Toch weer stemmen</a></p>',
        )
    return pagina(
        "Antwoorden ingetrokken",
        '<p role="status">Je antwoorden zijn gewist. Ze tellen niet meer mee.</p>'
        f'<p><a href="/s/{code}">Toch weer meedoen</a></p>',
    )


# --------------------------------------------------------------------------- the vote

_PRIVACY_STEM = (
    "<p>Je stem is anoniem. Je geeft geen naam. Je begeleider ziet alleen hoeveel mensen "
    f"hebben gestemd. De uitslag verschijnt pas bij minstens {MIN_GROEP} stemmen, en alleen "
    "als de begeleider hem laat zien. Als de sessie sluit, worden alle losse stemmen gewist.</p>"
)


def stembiljet(code: str, situatie: str, token: str, eerder: dict[str, str | None] | None) -> str:
    """The ballot: one group of radio buttons per question, each option with the course's
    explanation and its sources; 'Geen keuze' leaves a question open."""
    groepen = []
    for number, vraag in enumerate(vragen(), start=1):
        current = None if eerder is None else eerder.get(vraag.id)
        opties = []
        for optie in vraag.opties:
            tekst = optie_tekst(optie)
            uitleg_id = f"uitleg-{vraag.id}-{optie.id}"
            kenmerken = "".join(f"<li>{e(k)}</li>" for k in tekst.kenmerken)
            bronnen = "; ".join(tekst.bronnen)
            state = " checked" if current == optie.id else ""
            opties.append(
                '<div class="optie"><label>'
                f'<input type="radio" name="{vraag.id}" value="{optie.id}" '
                f'aria-describedby="{uitleg_id}"{state}> <strong>{e(tekst.label)}</strong></label>'
                f'<div class="uitleg" id="{uitleg_id}"><p>{e(tekst.uitleg)}</p>'
                + (f"<ul>{kenmerken}</ul>" if kenmerken else "")
                + (f'<p class="bron">Bron: {e(bronnen)}</p>' if bronnen else "")
                + "</div></div>"
            )
        leeg = " checked" if eerder is not None and current is None else ""
        opties.append(
            f'<div class="optie"><label><input type="radio" name="{vraag.id}" value=""{leeg}>'
            " Geen keuze</label></div>"
        )
        groepen.append(
            f"<fieldset><legend>{number}. {e(vraag.vraag)}</legend>{''.join(opties)}</fieldset>"
        )
    uitleg = (
        "<p>Je hebt al gestemd. Pas aan wat je wilt en verstuur opnieuw. Je vorige stem "
        "wordt dan vervangen.</p>"
        if eerder is not None
        else "<p>Kies bij elke vraag wat jij de beste keuze vindt voor de gemeente. Onder elke "
        "keuze staat wat het cursusboek erover zegt, met de bron.</p>"
    )
    return pagina(
        "Stemming: geld en sturing",
        f"<p>De sessie: <strong>{e(situatie)}</strong>.</p>{uitleg}"
        f'<form method="post" action="/s/{code}/antwoord">'
        f'<input type="hidden" name="deelnemer" value="{e(token)}">'
        + "".join(groepen)
        + '<p><button type="submit">Verstuur mijn stem</button></p></form>'
        + _PRIVACY_STEM,
    )


def stem_klaar(code: str) -> str:
    return pagina(
        "Dank je wel",
        '<p class="ok" role="status">Je stem is ontvangen.</p>'
        "<p>Je begeleider ziet alleen de uitslag van de hele groep, niet wat jij koos.</p>"
        f'<p><a href="/s/{code}">Stem aanpassen</a></p>'
        f'<form method="post" action="/s/{code}/intrekken">'
        '<button type="submit">Mijn stem intrekken</button></form>',
    )


def uitslag_html(stand: dict[str, Any]) -> str:
    """The revealed vote as tables with bars (empty when nothing may be shown)."""
    u = stand.get("profiel")
    if not u:
        return ""
    tabellen = []
    for vraag in u["vragen"]:
        if vraag["telling"] is None:
            tabellen.append(
                f"<h3>{e(vraag['vraag'])}</h3><p>Te weinig antwoorden op deze vraag "
                f"({vraag['aantal']}). De telling verschijnt vanaf {MIN_GROEP}.</p>"
            )
            continue
        rows = []
        for optie, count in vraag["telling"].items():
            fractie = count / vraag["aantal"] if vraag["aantal"] else 0
            rows.append(
                f'<tr><th scope="row">{e(vraag["labels"][optie])}</th>'
                f"<td>{_balk(fractie)} {count}</td></tr>"
            )
        tabellen.append(
            f"<table><caption>{e(vraag['vraag'])} ({vraag['aantal']} antwoorden)</caption>"
            '<thead><tr><th scope="col">Keuze</th><th scope="col">Stemmen</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    sim = u["simulator"]
    if sim is None:
        simulator = "<p>De simulator rekent pas als beide vragen een duidelijke winnaar hebben.</p>"
    else:
        cells = "".join(
            f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>'
            for k, v in sim["waarden"].items()
        )
        simulator = (
            f"<table><caption>De keuze van de groep in de simulator: {e(sim['titel'])}"
            "</caption>"
            '<thead><tr><th scope="col">Uitkomst</th><th scope="col">Waarde</th></tr></thead>'
            f"<tbody>{cells}</tbody></table>"
            "<p>Dit zijn bedachte bedragen van de voorbeeldgemeente. Reken het zelf na in de "
            "simulator in het boek (hoofdstuk 6, Rekenmodellen), en lees daar wat het model "
            "niet laat zien.</p>"
        )
    return (
        '<h2 id="profiel-kop">Uitslag</h2>'
        f'<p class="beschrijving">{e(stand["beschrijving"] or "")}</p>'
        + "".join(tabellen)
        + simulator
    )


# --------------------------------------------------------------------------- presenter


def _label(groep: str) -> str:
    return "Iedereen" if groep == "iedereen" else PERSPECTIEF_LABEL[groep]


def _balk(fractie: float) -> str:
    width = round(120 * max(0.0, min(1.0, fractie)))
    return (
        '<svg class="balk" width="120" height="14" aria-hidden="true" focusable="false">'
        f'<rect width="120" height="14" fill="#e6e6e6"></rect>'
        f'<rect width="{width}" height="14" fill="#1f5f8b"></rect></svg>'
    )


def profiel_html(stand: dict[str, Any]) -> str:
    """The revealed profile as tables (empty when nothing may be shown)."""
    if stand.get("soort") == "stemming":
        return uitslag_html(stand)
    profiel = stand.get("profiel")
    if not profiel:
        return ""
    trap = laad_trap()
    groups = list(profiel["verdeling"])
    head = "".join(f'<th scope="col">{e(_label(g))}</th>' for g in groups)
    rows = []
    for positie in range(6):
        naam = trap.duiding(positie).titel
        label = naam if positie == 0 else f"Trede {positie}: {naam}"
        cells = ""
        for g in groups:
            count = profiel["verdeling"][g][str(positie)]
            total = sum(profiel["verdeling"][g].values())
            cells += f"<td>{_balk(count / total if total else 0)} {count}</td>"
        rows.append(f'<tr><th scope="row">{e(label)}</th>{cells}</tr>')
    verdeling = (
        "<table><caption>Aantal deelnemers per positie op de trap</caption>"
        f'<thead><tr><th scope="col">Positie</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    extra = profiel["verschil_per_trede"]
    head2 = head + ('<th scope="col">Verschil (professional min bewoner)</th>' if extra else "")
    rows = []
    for n in range(1, 6):
        cells = ""
        for g in groups:
            value = profiel["gemiddelde_score"][g][str(n)]
            cells += f"<td>{_balk(value / 100)} {round(value)}%</td>"
        if extra:
            cells += f"<td>{round(extra[str(n)]):+d}</td>"
        rows.append(f'<tr><th scope="row">{e(trap.trede(n).naam)}</th>{cells}</tr>')
    scores = (
        "<table><caption>Gemiddelde score per trede</caption>"
        f'<thead><tr><th scope="col">Trede</th>{head2}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return (
        '<h2 id="profiel-kop">Groepsprofiel</h2>'
        f'<p class="beschrijving">{e(stand["beschrijving"] or "")}</p>{verdeling}{scores}'
    )


def begeleider(code: str, situatie: str, deelnemers_url: str, stand: dict[str, Any]) -> str:
    base = f"/begeleider/{code}"
    stemming = stand.get("soort") == "stemming"
    wat = "uitslag" if stemming else "groepsprofiel"
    lidwoord = "de" if stemming else "het"
    bestand = "stemming" if stemming else "groepsprofiel"
    knoppen = (
        ""
        if stand["gesloten"]
        else (
            f'<form method="post" action="{base}/onthul"><button type="submit">'
            f"Toon {wat}</button></form>"
            f'<form method="post" action="{base}/verberg"><button type="submit">'
            f"Verberg {wat}</button></form>"
            f'<form method="post" action="{base}/sluit"><button type="submit" class="gevaar">'
            "Sessie sluiten en antwoorden wissen</button></form>"
        )
    )
    return pagina(
        f"{'Live stemming' if stemming else 'Live sessie'}: {situatie}",
        '<section class="meedoen" aria-labelledby="meedoen-kop">'
        '<h2 id="meedoen-kop">Meedoen</h2>'
        f'<img class="qr" src="{base}/qr.png" width="296" height="296" '
        f'alt="QR-code met het adres {e(deelnemers_url)}">'
        f'<p>Scan de QR-code of ga naar <strong class="adres">{e(deelnemers_url)}</strong></p>'
        "</section>"
        f'<p id="stand" class="stand" aria-live="polite" data-versie="{stand["versie"]}">'
        f"{e(stand['melding'])}</p>"
        f'<div class="knoppen">{knoppen}</div>'
        f'<div id="profiel">{profiel_html(stand)}</div>'
        f"<p>Download {lidwoord} {wat} als "
        f'<a href="{base}/export.json" download="{bestand}.json">JSON</a>, '
        f'<a href="{base}/export.html" download="{bestand}.html">HTML</a> of '
        f'<a href="{base}/export.png" download="{bestand}.png">PNG</a>.</p>',
        script="begeleider.js",
    )


def export_pagina(situatie: str, stand: dict[str, Any], svg: str) -> str:
    """A stand-alone page to keep or print: the chart, the text and the tables."""
    kop = "Uitslag stemming" if stand.get("soort") == "stemming" else "Groepsprofiel"
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{kop}: {e(situatie)}</title>\n<style>\n"
        "body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;\n"
        "  padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }\n"
        "svg { max-width: 100%; height: auto; } table { border-collapse: collapse; }\n"
        "th, td { border: 1px solid #999; padding: 0.2rem 0.6rem; text-align: left; }\n"
        "</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{kop}: {e(situatie)}</h1>\n"
        f'<figure><div role="img" aria-labelledby="beschrijving">{svg}</div>'
        '<figcaption id="beschrijving"><strong>Grafiek in woorden:</strong> '
        f"{e(stand['beschrijving'] or '')}</figcaption></figure>\n"
        f"{profiel_html(stand)}\n</main>\n</body>\n</html>\n"
    )
