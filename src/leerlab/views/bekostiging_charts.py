"""The funding-model calculator as one Vega-Lite view: sliders, lines, bars and a break-even table.

Every in-page number comes from the model functions of :mod:`leerlab.models.bekostiging`, applied to
``alt.param`` objects and turned into Vega expressions with :func:`leerlab.views.charts.vega_expr`.
Only sums over years (a window transform) and the break-even rule (last year with a
cumulative gain ≤ 0, plus one) are done by Vega itself; tests check both against Python.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from leerlab.models import bekostiging as bk
from leerlab.views.charts import Figuur, toon, vega_expr

#: Horizon slider and the years in the chart's data grid.
MAX_JAREN_GRAFIEK = 15
STANDAARD_JAREN = 10

TOON_OPTIES = {
    "gemeente_kosten": "Kosten voor de gemeente (euro)",
    "marge": "Marge van de aanbieder (euro)",
    "handelingen": "Administratie (aantal handelingen)",
}

#: Colours with enough contrast on white and distinct dashes, so colour is not the only cue.
KLEUREN = ["#1f5f8b", "#b3541e", "#2e7d32", "#6a3d9a", "#8a6d00", "#c2185b"]
STREPEN = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [10, 2]]

NL_GETALLEN = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€ ", ""],
    "minus": "−",
}


def slider_parameters() -> dict[str, bk.Parameter]:
    """Inputs with a slider (column ``slider`` in parameters.csv), in file order."""
    return {naam: spec for naam, spec in bk.parameters().items() if spec.slider == "ja"}


def slider_label(spec: bk.Parameter) -> str:
    return f"{spec.label} ({spec.eenheid}) "


def _params(standaard: bk.Invoer) -> tuple[bk.Invoer, list[alt.Parameter]]:
    """An Invoer whose slider inputs are Vega params; the other inputs stay numbers."""
    params = []
    waarden: dict[str, Any] = standaard.als_dict()
    for naam, spec in slider_parameters().items():
        param = alt.param(
            name=naam,
            value=waarden[naam],
            bind=alt.binding_range(
                min=float(spec.slider_min or 0),
                max=float(spec.slider_max or 0),
                step=float(spec.stap or 1),
                name=slider_label(spec),
            ),
        )
        params.append(param)
        waarden[naam] = param
    return bk.Invoer(**waarden), params


def per_model(p: bk.Invoer, key: str, jaar: Any = alt.datum.jaar) -> str:
    """Vega expression: output ``key`` of the row's model (datum.model) in year ``jaar``."""
    modellen = list(bk.MODELLEN.values())
    expressie: Any = modellen[-1].functie(p, jaar)[key]
    for model in reversed(modellen[:-1]):
        expressie = alt.expr.if_(
            alt.datum.model == model.id, model.functie(p, jaar)[key], expressie
        )
    return vega_expr(expressie)


def _grid(jaren: bool = True) -> alt.Data:
    rows = [
        {"model": m.id, "modelnaam": m.naam, "volgorde": i}
        for i, m in enumerate(bk.MODELLEN.values())
    ]
    if jaren:
        rows = [{**r, "jaar": j} for r in rows for j in range(1, MAX_JAREN_GRAFIEK + 1)]
    return alt.Data(values=rows)


def _kleur(legenda: bool = True) -> alt.Color:
    namen = [m.naam for m in bk.MODELLEN.values()]
    return alt.Color(
        "modelnaam:N",
        title="Model",
        sort=namen,
        scale=alt.Scale(domain=namen, range=KLEUREN),
        legend=alt.Legend(orient="bottom", columns=3, titleOrient="left") if legenda else None,
    )


def _beschrijving(standaard: bk.Invoer, jaren: int) -> str:
    v = bk.vergelijk(standaard, jaren)
    s = v.samenvatting
    goedkoopst = min(s.values(), key=lambda x: x.totaal_gemeente)
    duurst = max(s.values(), key=lambda x: x.totaal_gemeente)
    pxq = v.reeksen["pxq"][0]
    pop = v.reeksen["populatie"][0]
    return (
        f"Vier grafieken met schuifjes vergelijken zes manieren van betalen over {jaren} jaar. "
        f"Met de standaardwaarden is '{bk.MODELLEN[goedkoopst.model].naam}' voor de gemeente "
        f"het goedkoopst ({bk.euro(goedkoopst.totaal_gemeente)} in totaal) en "
        f"'{bk.MODELLEN[duurst.model].naam}' het duurst ({bk.euro(duurst.totaal_gemeente)}). "
        f"Bij P×Q levert één uur zorg meer de aanbieder {bk.euro(pxq['marge_extra_uur'])} "
        f"marge op, en kost één voorkomen geval hem {bk.euro(-pxq['marge_voorkomen_geval'])}. "
        f"Bij betalen per inwoner levert een voorkomen geval "
        f"{bk.euro(pop['marge_voorkomen_geval'])} op. De tabel onder de grafiek geeft alle "
        "getallen bij de standaardwaarden."
    )


def rekenmodel_grafiek(scenario: str = "standaard", jaren: int = STANDAARD_JAREN) -> Figuur:
    """The interactive calculator: every model side by side, over the years, and its incentive."""
    standaard = bk.standaard_invoer(scenario)
    jaren = bk.controleer_jaren(jaren)
    p, params = _params(standaard)
    p0 = p.zonder_preventie()
    horizon = alt.param(
        name="jaren",
        value=jaren,
        bind=alt.binding_range(min=1, max=MAX_JAREN_GRAFIEK, step=1, name="Aantal jaren "),
    )
    keuze = alt.param(
        name="toon",
        value="gemeente_kosten",
        bind=alt.binding_select(
            options=list(TOON_OPTIES),
            labels=list(TOON_OPTIES.values()),
            name="Wat wil je zien? ",
        ),
    )
    kleur = _kleur()
    t = alt.datum.jaar

    waarde = alt.expr.if_(
        keuze == "gemeente_kosten",
        alt.datum.gemeente_kosten,
        alt.expr.if_(keuze == "marge", alt.datum.marge, alt.datum.handelingen),
    )
    jaarreeks = (
        alt.Chart(_grid())
        .transform_filter(t <= horizon)
        .transform_calculate(
            gemeente_kosten=per_model(p, "gemeente_kosten"),
            marge=per_model(p, "marge"),
            handelingen=per_model(p, "handelingen"),
        )
        .transform_calculate(waarde=vega_expr(waarde))
        .transform_window(opgeteld="sum(waarde)", groupby=["model"], sort=[alt.SortField("jaar")])
    )
    lijnen = (
        jaarreeks.mark_line(point=True, strokeWidth=2)
        .encode(
            x=alt.X("jaar:Q", title="Jaar", axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("opgeteld:Q", title="Opgeteld vanaf jaar 1", axis=alt.Axis(format="~s")),
            color=kleur,
            strokeDash=alt.StrokeDash(
                "modelnaam:N",
                legend=None,
                scale=alt.Scale(domain=[m.naam for m in bk.MODELLEN.values()], range=STREPEN),
            ),
            tooltip=[
                alt.Tooltip("modelnaam:N", title="Model"),
                alt.Tooltip("jaar:Q", title="Jaar"),
                alt.Tooltip("waarde:Q", title="Dit jaar", format=",.0f"),
                alt.Tooltip("opgeteld:Q", title="Opgeteld", format=",.0f"),
            ],
        )
        .properties(width=520, height=260, title="Opgeteld over de jaren")
    )
    staven_basis = jaarreeks.transform_aggregate(
        totaal="sum(waarde)", groupby=["model", "modelnaam"]
    ).encode(
        y=alt.Y("modelnaam:N", title=None, sort=[m.naam for m in bk.MODELLEN.values()]),
        x=alt.X("totaal:Q", title="Totaal over de gekozen jaren", axis=alt.Axis(format="~s")),
    )
    staven = alt.layer(
        staven_basis.mark_bar().encode(color=_kleur(legenda=False)),
        staven_basis.mark_text(align="left", dx=4, color="#222").encode(
            text=alt.Text("totaal:Q", format=",.0f")
        ),
    ).properties(width=520, height=180, title="Naast elkaar: totaal over de periode")

    prikkels = {
        "uur": ("Eén uur zorg meer", "marge_extra_uur"),
        "geval": ("Eén geval voorkomen", "marge_voorkomen_geval"),
    }
    prikkel_rijen = [
        {**r, "prikkel": k, "prikkelnaam": naam}
        for r in _grid(jaren=False).values  # type: ignore[attr-defined]
        for k, (naam, _) in prikkels.items()
    ]
    prikkel_expr = alt.expr.if_(
        alt.datum.prikkel == "uur",
        alt.datum.marge_extra_uur,
        alt.datum.marge_voorkomen_geval,
    )
    prikkel_basis = (
        alt.Chart(alt.Data(values=prikkel_rijen))
        .transform_calculate(
            marge_extra_uur=per_model(p, "marge_extra_uur", 1),
            marge_voorkomen_geval=per_model(p, "marge_voorkomen_geval", 1),
        )
        .transform_calculate(prikkelwaarde=vega_expr(prikkel_expr))
        .transform_calculate(labelplek="max(datum.prikkelwaarde, 0)")
        .encode(
            y=alt.Y("modelnaam:N", title=None, sort=[m.naam for m in bk.MODELLEN.values()]),
            yOffset=alt.YOffset("prikkelnaam:N", sort=[n for n, _ in prikkels.values()]),
            x=alt.X("prikkelwaarde:Q", title="Wat het de aanbieder oplevert (euro marge)"),
        )
    )
    prikkel = alt.layer(
        prikkel_basis.mark_bar().encode(
            color=alt.Color(
                "prikkelnaam:N",
                title="Wat gebeurt er?",
                sort=[n for n, _ in prikkels.values()],
                scale=alt.Scale(range=["#b3541e", "#1f5f8b"]),
            )
        ),
        prikkel_basis.mark_text(align="left", dx=4, color="#222").encode(
            x=alt.X("labelplek:Q"), text=alt.Text("prikkelwaarde:Q", format="$,.0f")
        ),
    ).properties(width=520, height=260, title="De prikkel: wat levert het de aanbieder op?")

    tol = bk.TOLERANTIE

    def terug(cumulatief: str) -> str:
        return f"datum.{cumulatief} <= {tol} ? datum.jaar : 0"

    def label(laatste: str) -> str:
        return (
            f"datum.{laatste} + 1 > jaren ? 'niet binnen de periode' : "
            f"'jaar ' + (datum.{laatste} + 1)"
        )

    pxq_kosten = vega_expr(bk.pxq(p, t)["gemeente_kosten"])
    terugverdien = (
        alt.Chart(_grid())
        .transform_filter(t <= horizon)
        .transform_calculate(
            winst_gemeente=f"({per_model(p0, 'gemeente_kosten')}) - "
            f"({per_model(p, 'gemeente_kosten')})",
            winst_aanbieder=f"({per_model(p, 'marge')}) - ({per_model(p0, 'marge')})",
            voordeel_pxq=f"({pxq_kosten}) - ({per_model(p, 'gemeente_kosten')})",
        )
        .transform_window(
            cum_gemeente="sum(winst_gemeente)",
            cum_aanbieder="sum(winst_aanbieder)",
            cum_pxq="sum(voordeel_pxq)",
            groupby=["model"],
            sort=[alt.SortField("jaar")],
        )
        .transform_calculate(
            niet_gemeente=terug("cum_gemeente"),
            niet_aanbieder=terug("cum_aanbieder"),
            niet_pxq=terug("cum_pxq"),
        )
        .transform_aggregate(
            laatste_gemeente="max(niet_gemeente)",
            laatste_aanbieder="max(niet_aanbieder)",
            laatste_pxq="max(niet_pxq)",
            groupby=["model", "modelnaam"],
        )
        .transform_calculate(
            gemeente=label("laatste_gemeente"),
            aanbieder=label("laatste_aanbieder"),
            pxq="datum.model == 'pxq' ? '—' : " + label("laatste_pxq"),
        )
        .transform_fold(["gemeente", "aanbieder", "pxq"], as_=["wie", "tekst"])
        .transform_calculate(
            kolom="datum.wie == 'gemeente' ? 'Gemeente verdient preventie terug' : "
            "datum.wie == 'aanbieder' ? 'Aanbieder verdient preventie terug' : "
            "'Goedkoper dan P×Q (opgeteld)'"
        )
        .mark_text(align="left", fontSize=12, color="#222")
        .encode(
            y=alt.Y(
                "modelnaam:N",
                title=None,
                sort=[m.naam for m in bk.MODELLEN.values()],
                axis=alt.Axis(domain=False, ticks=False, labelPadding=8),
            ),
            x=alt.X(
                "kolom:N",
                title=None,
                sort=[
                    "Gemeente verdient preventie terug",
                    "Aanbieder verdient preventie terug",
                    "Goedkoper dan P×Q (opgeteld)",
                ],
                axis=alt.Axis(orient="top", labelAngle=0, labelLimit=200, labelAlign="left"),
                scale=alt.Scale(paddingOuter=0, align=0),
            ),
            text="tekst:N",
        )
        .properties(width=520, height=180, title="Vanaf welk jaar?")
    )

    chart = (
        alt.vconcat(lijnen, staven, prikkel, terugverdien, spacing=30)
        .add_params(horizon, keuze, *params)
        .resolve_scale(color="independent")
        .configure(locale={"number": NL_GETALLEN})
        .configure_view(strokeWidth=0)
        .configure_axis(labelFontSize=12, titleFontSize=12)
    )
    return toon(chart, _beschrijving(standaard, jaren), naam="rekenmodel-bekostiging")


def prikkel_tabel_html(scenario: str = "standaard", jaren: int = STANDAARD_JAREN) -> str:
    """The default figures as an accessible HTML table (the chart's long text alternative)."""
    import html

    rijen = bk.tabel_rijen(bk.vergelijk(bk.standaard_invoer(scenario), jaren))
    kolommen = list(rijen[0])
    kop = "".join(f'<th scope="col">{html.escape(k)}</th>' for k in kolommen)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{html.escape(r[kolommen[0]])}</th>'
        + "".join(f"<td>{html.escape(r[k])}</td>" for k in kolommen[1:])
        + "</tr>"
        for r in rijen
    )
    return (
        '<div class="leerlab-tabel" role="region" tabindex="0" '
        'aria-label="Tabel: de modellen bij de standaardwaarden">'
        f"<table><caption>De zes modellen over {jaren} jaar bij de standaardwaarden van "
        f"scenario '{html.escape(scenario)}'</caption><thead><tr>{kop}</tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )
