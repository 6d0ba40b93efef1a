"""Funding simulator: hand-computed examples per model and domain, bad input, data, CLI, widget."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leerlab.commands.cli import app
from leerlab.errors import InvoerFout
from leerlab.models import bekostiging as bk

#: Round numbers so every expected value below can be checked on paper. Only Jeugd has clients.
HAND = dict(
    jaren=4,
    inwoners=1000,
    bevolkingsgroei=0,
    clienten_jeugd=100,
    clienten_wmo=0,
    clienten_participatie=0,
    uren_jeugd=10,
    uren_wmo=10,
    uren_participatie=10,
    prijs_jeugd=50,
    prijs_wmo=50,
    prijs_participatie=50,
    kostprijs_jeugd=40,
    kostprijs_wmo=40,
    kostprijs_participatie=40,
    groei_jeugd=0,
    groei_wmo=0,
    groei_participatie=0,
    schok_jeugd=0,
    schok_wmo=0,
    schok_participatie=0,
    schokjaar=3,
    rijksbijdrage_jeugd=40000,
    rijksbijdrage_wmo=0,
    rijksbijdrage_participatie=0,
    rijksindexatie=0,
    kostenstijging=0,
    prijsindexatie=100,
    demografische_indexatie=0,
    contractduur=2,
    herijking=1,
    verliesruimte=0,
    ontschotting=0,
    aanbieders=2,
    preventie_effect=20,
    preventie_kosten=1000,
    aanloopjaren=2,
    gemeente_preventie=0,
    reactie=100,
    urenkorting=10,
    gedeelde_besparing=50,
    declaraties_pxq=12,
    declaraties_traject=2,
    controle_aandeel=10,
    rapportages=4,
    aanbesteding_handelingen=5,
    kosten_beschikking=10,
    kosten_declaratie=1,
    kosten_controle=5,
    kosten_rapportage=20,
    kosten_contractbeheer=100,
    kosten_aanbesteding=3,
)


def hand(**wijzigingen: float) -> bk.Invoer:
    return bk.Invoer(**{**HAND, **wijzigingen}).controleer()  # type: ignore[arg-type]


def jaar(p: bk.Invoer, model: str, t: int) -> dict[str, float]:
    return bk.simuleer(p, model)[t - 1]


def check(uit: dict[str, float], **verwacht: float) -> None:
    for key, waarde in verwacht.items():
        assert uit[key] == pytest.approx(waarde, abs=1e-9), key


def test_pxq_by_hand_pays_everything_and_nobody_prevents() -> None:
    # A prevented case costs the provider 10 h × (50 − 40) = 100 € margin: it does not invest.
    y1 = jaar(hand(), "pxq", 1)
    check(
        y1,
        betaling=50000,  # 100 clients × 10 h × 50 €
        zorg_nodig=40000,
        zorg_geleverd=40000,
        marge=10000,
        onvervuld=0,
        aanbieder_preventie=0,
        aanbieder_investeert=0,
        rijksbijdrage=40000,
        tekort=10000,
        # acts: 100 beschikkingen + 1200 declarations + 120 checks + 2 contracts + 10 tender
        handelingen=1432,
        administratie=100 * 10 + 1200 * 1 + 120 * 5 + 2 * 100 + 10 * 3,
    )
    check(jaar(hand(), "pxq", 2), handelingen=1422)  # no tender in a contract's second year


def test_municipality_can_fund_prevention_in_any_model() -> None:
    y1 = jaar(hand(gemeente_preventie=100), "pxq", 1)
    # e(1) = 0.2 × min(1, 1/2) = 0.1: 90 clients, 10 prevented; the municipality pays 1000.
    check(y1, clienten=90, voorkomen=10, betaling=45000, gemeente_preventie=1000)
    check(y1, gemeente_kosten=46000, preventie_effect=0.1)


def test_lumpsum_by_hand_provider_prevents_and_rebasing_takes_the_gain() -> None:
    p = hand()
    met = bk.simuleer(p, "lumpsum")
    # Contract 1 (years 1–2): budget 100 × 10 × 50 = 50000. Investing gives margins 13000 and
    # 17000 against 10000 + 10000 without: the provider invests.
    check(met[0], betaling=50000, clienten=90, aanbieder_preventie=1000, marge=13000)
    check(met[1], betaling=50000, clienten=80, marge=17000)
    # Contract 2 is rebased on year 2's 80 clients: 40000. Stopping would leave 100 clients
    # at 40000 cost (margin 0) against 7000 when going on: it goes on.
    check(met[2], betaling=40000, clienten=80, marge=7000, tekort=0, aanbieder_investeert=1)
    # Acts in year 1: 90 beschikkingen, 4 reports × 2 providers × 3 budgets, 2 contracts, 10 tender.
    check(met[0], handelingen=90 + 24 + 2 + 10, administratie=900 + 24 * 20 + 200 + 30)
    u = bk.vergelijk(p).uitslagen["lumpsum"]
    # Without prevention the municipality pays 50000 a year: it gains 10000 in years 3 and 4.
    assert u.winst_gemeente == pytest.approx(20000)
    assert u.terug_gemeente == 3
    # The provider gains 3000, 7000, then loses 3000 twice: still ahead, from year 1.
    assert u.winst_aanbieder == pytest.approx(4000)
    assert u.terug_aanbieder == 1


def test_without_rebasing_the_fixed_budget_stays_on_year_0() -> None:
    check(jaar(hand(herijking=0), "lumpsum", 3), betaling=50000, marge=17000)


def test_traject_by_hand_cuts_hours_and_rebases_the_price() -> None:
    p = hand()
    # −500 € revenue + 360 € cost per prevented case: no prevention. Hours: 10 × (1 − 0.1) = 9.
    y1 = jaar(p, "traject", 1)
    check(y1, betaling=50000, zorg_geleverd=36000, onvervuld=4000, marge=14000)
    check(y1, onvervuld_clienten=10, aanbieder_investeert=0)  # 4000 € / 400 € per client-year
    check(jaar(p, "traject", 3), betaling=45000)  # new trajectory price: 9 h × 50 €


def test_outcome_shares_the_saving_once() -> None:
    p = hand()
    y1 = jaar(p, "uitkomst", 1)
    # 90 clients × 500 € + half of the 500 € saving for each of 10 prevented cases.
    check(y1, betaling=47500, zorg_geleverd=36000, aanbieder_preventie=1000, marge=10500)
    y2 = jaar(p, "uitkomst", 2)
    check(y2, betaling=40000 + 5000, marge=12000)
    # The municipality's saving plus the provider's bonus is exactly the P×Q payment saved.
    pxq = jaar(p.met(reactie=0), "pxq", 1)["betaling"]
    bonus = 0.5 * 10 * 500
    assert pxq - y1["betaling"] + bonus == pytest.approx(10 * 500)
    # Without prevention outcome funding costs the same as P×Q: no hold-back posing as a saving.
    p0 = p.zonder_preventie()
    for t in range(1, 5):
        assert jaar(p0, "uitkomst", t)["betaling"] == jaar(p0, "pxq", t)["betaling"]


def test_per_inhabitant_follows_population() -> None:
    check(jaar(hand(bevolkingsgroei=10, reactie=0), "populatie", 1), betaling=55000)
    # Rebased at contract 2 on year 2, then one year of growth again: 100 × 500 × 1.1.
    check(jaar(hand(bevolkingsgroei=10, reactie=0), "populatie", 3), betaling=55000)


def test_indexation_of_price_and_cost() -> None:
    p = hand(kostenstijging=10, prijsindexatie=50, reactie=0)
    # Price factor 1.05², cost factor 1.1² in year 2.
    check(jaar(p, "pxq", 2), betaling=1000 * 50 * 1.05**2, zorg_nodig=1000 * 40 * 1.1**2)
    check(jaar(p, "lumpsum", 2), betaling=50000 * 1.05**2)


def test_fixed_budget_runs_out_unmet_demand_then_reserve_then_ontschotting() -> None:
    p = hand(groei_jeugd=10, reactie=0, contractduur=4, herijking=0)
    # Year 3: 133.1 clients need 53240 €; the budget is 50000: 3240 € of care is not given.
    y3 = jaar(p, "lumpsum", 3)
    check(y3, betaling=50000, zorg_nodig=53240, onvervuld=3240, marge=0)
    check(y3, onvervuld_clienten=8.1)
    check(jaar(p, "pxq", 3), betaling=66550, onvervuld=0)  # P×Q simply pays more
    # A 2 % reserve (1000 €) is spent first.
    check(jaar(p.met(verliesruimte=2), "lumpsum", 3), onvervuld=2240, marge=-1000)
    # A Wmo surplus may cover the Jeugd shortfall only when budgets are ontschot.
    wmo = dict(clienten_wmo=100, groei_wmo=-10)
    check(jaar(p.met(**wmo), "lumpsum", 3), onvervuld_jeugd=3240, onvervuld_wmo=0)
    check(jaar(p.met(**wmo, ontschotting=50), "lumpsum", 3), onvervuld=0)


def test_demographic_indexation_keeps_the_lump_sum_in_step() -> None:
    p = hand(groei_jeugd=10, reactie=0, contractduur=4, herijking=0, demografische_indexatie=100)
    check(jaar(p, "lumpsum", 3), betaling=50000 * 1.1**3, onvervuld=0)


def test_shock_from_its_year() -> None:
    p = hand(schok_jeugd=50, reactie=0)
    assert jaar(p, "pxq", 2)["vraag"] == pytest.approx(100)
    assert jaar(p, "pxq", 3)["vraag"] == pytest.approx(150)


def test_short_contracts_stop_the_provider_from_preventing() -> None:
    """One-year contracts: the effect never builds up before the next tender (a = 2)."""
    # Year 1 of any contract: 10 cases × 400 € saved < 1000 €? No: 4000 > 1000, so use a
    # costlier programme: 5000 € a year pays back only after its first year.
    kort = bk.simuleer(hand(contractduur=1, preventie_kosten=5000, herijking=1), "lumpsum")
    lang = bk.simuleer(hand(contractduur=4, preventie_kosten=5000, herijking=1), "lumpsum")
    assert [r["aanbieder_investeert"] for r in kort] == [0, 0, 0, 0]
    assert [r["aanbieder_investeert"] for r in lang] == [1, 1, 1, 1]


@pytest.mark.parametrize(
    ("voordeel", "jaar_terug"),
    [([-100, 50, 60], 3), ([10, -20, 30], 3), ([5, 5], 1), ([-1, -1], None), ([1, -2], None)],
)
def test_omslagjaar_by_hand(voordeel: list[float], jaar_terug: int | None) -> None:
    assert bk.omslagjaar(voordeel) == jaar_terug


@pytest.mark.parametrize(
    ("naam", "waarde", "in_melding"),
    [
        ("clienten_jeugd", -1, "van 0 tot en met 200.000"),
        ("inwoners", 0, "van 1.000 tot en met"),
        ("preventie_effect", 101, "van 0 tot en met 100"),
        ("ontschotting", -5, "van 0 tot en met 100"),
        ("groei_wmo", float("inf"), "−20 tot en met 20"),
        ("prijs_jeugd", float("nan"), "van 0 tot en met 500"),
        ("contractduur", 2.5, "geheel getal"),
        ("herijking", 2, "van 0 tot en met 1"),
        ("jaren", 31, "van 1 tot en met 30"),
    ],
)
def test_bad_input_names_parameter_and_range(naam: str, waarde: float, in_melding: str) -> None:
    with pytest.raises(InvoerFout) as fout:
        bk.vergelijk(bk.preset().met(**{naam: waarde}))
    melding = str(fout.value)
    assert f"({naam})" in melding and in_melding in melding
    assert bk.parameters()[naam].label in melding


def test_unknown_input_scenario_and_model() -> None:
    with pytest.raises(InvoerFout, match="Onbekende invoer: prijs"):
        bk.preset(prijs=3)
    with pytest.raises(InvoerFout, match="Onbekend scenario 'nergens'"):
        bk.preset("nergens")
    with pytest.raises(InvoerFout, match="Onbekend model"):
        bk.simuleer(bk.preset(), "gratis")


def test_scenario_file_round_trip_and_hostile_files() -> None:
    p = bk.preset("lab-advies", groei_wmo=4.5)
    terug = bk.invoer_uit_dict(json.loads(bk.scenario_json(p, "lab-advies")))
    assert terug == p
    for slecht, melding in [
        ([1, 2], "namen met getallen"),
        ({"jaren": "veel"}, r"Aantal jaren \(jaren\)"),
        ({"hack": 1}, "Onbekende invoer: hack"),
        ({"scenario": "nergens"}, "Onbekend scenario"),
    ]:
        with pytest.raises(InvoerFout, match=melding):
            bk.invoer_uit_dict(slecht)  # type: ignore[arg-type]


def test_every_default_has_a_source_or_is_illustrative() -> None:
    for scenario in bk.scenarios():
        waarden = bk.herkomst(scenario)
        assert set(waarden) == set(bk.PARAMETER_NAMEN), scenario
        for w in waarden.values():
            assert w.illustratief != (w.bron is not None)
        bk.preset(scenario)  # every preset passes the range checks


def test_sourced_defaults_point_at_lines_that_say_so() -> None:
    """The cited lines contain the figure (guards against a line number drifting)."""
    from leerlab.models.bronnen import ZONDER_BRONTEKSTEN, bronteksten_map
    from leerlab.models.naslag import BRONNEN

    bronnen = bronteksten_map()  # LEERLAB_BRONNEN; fails when set but the folder is missing
    if bronnen is None:
        pytest.skip(ZONDER_BRONTEKSTEN)
    for scenario in bk.scenarios():
        for w in bk.herkomst(scenario).values():
            if w.bron is None:
                continue
            regels = (bronnen / BRONNEN[w.bron.document]).read_text().splitlines()
            van, _, tot = w.bron.regels.partition("-")
            tekst = " ".join(regels[int(van) - 1 : int(tot or van)]).replace(".", "")
            assert f"{w.waarde:g}" in tekst, (scenario, w.parameter, tekst[:200])


def test_cli_vergelijk_prints_a_dutch_table() -> None:
    result = CliRunner().invoke(
        app, ["bekostiging", "vergelijk", "--jaren", "10", "--zet", "groei_jeugd=0"]
    )
    assert result.exit_code == 0, result.output
    assert "Vijf manieren van betalen over 10 jaar" in result.output
    v = bk.vergelijk(bk.preset(groei_jeugd=0, jaren=10))
    assert bk.euro(v.uitslagen["pxq"].totaal["gemeente_kosten"]) in result.output


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["--zet", "clienten_jeugd=-4"], "Cliënten Jeugd (clienten_jeugd)"),
        (["--zet", "prijs=4"], "Onbekende invoer 'prijs'"),
        (["--jaren", "0"], "Aantal jaren"),
    ],
)
def test_cli_bad_input_is_one_dutch_line(argumenten: list[str], melding: str) -> None:
    leerlab = str(Path(sys.executable).parent / "leerlab")
    out = subprocess.run(
        [leerlab, "bekostiging", "vergelijk", *argumenten],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2
    assert out.stderr.startswith("Fout: ") and melding in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_cli_scenarios_show_sources() -> None:
    result = CliRunner().invoke(app, ["bekostiging", "scenarios"])
    assert result.exit_code == 0
    assert "contractduur = 10 (alternatievenlab2021, regel 141)" in result.output
    assert "illustratief" in result.output


def test_widget_shows_the_models_figures() -> None:
    from leerlab.views.bekostiging_widget import Rekenhulp

    hulp = Rekenhulp()
    hulp.velden["groei_jeugd"].value = 5
    hulp.velden["contractduur"].value = 2
    hulp.velden["jaren"].value = 7
    verwacht = bk.vergelijk(bk.preset(groei_jeugd=5, contractduur=2, jaren=7))
    for model, u in verwacht.uitslagen.items():
        assert bk.euro(u.totaal["gemeente_kosten"]) in hulp.uitvoer.value, model
    hulp.keuze.value = "lab-advies"
    assert hulp.velden["contractduur"].value == 10


def test_widget_is_not_created_in_the_book_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from leerlab.views.bekostiging_widget import notebook_widget

    monkeypatch.setenv("LEERLAB_BOOK", "1")
    assert notebook_widget() is None
    monkeypatch.delenv("LEERLAB_BOOK")
    assert notebook_widget() is not None
