"""Funding-model calculators: hand-computed examples, bad input, data, CLI and widget."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leerlab.commands.cli import app
from leerlab.errors import InvoerFout
from leerlab.models import bekostiging as bk
from leerlab.views.bekostiging_charts import slider_parameters

#: Round numbers so every expected value below can be checked on paper.
HAND = dict(
    inwoners=5000,
    clienten=100,
    uren_per_client=10,
    prijs_per_uur=50,
    kostprijs_per_uur=40,
    trajectprijs=500,
    budget=50000,
    bedrag_per_inwoner=10,
    groei=0,
    preventie_aandeel=20,
    preventie_investering=1000,
    aanloopjaren=2,
    contractduur=2,
    uitkomstdeel=10,
    uitkomstbonus=300,
    dubbel_werk=10,
    domeinen=3,
    aanbieders=2,
    declaraties_per_client=12,
    declaraties_per_traject=2,
    rapportages_per_jaar=4,
    aanbesteding_handelingen=5,
)


@pytest.fixture
def p() -> bk.Invoer:
    return bk.Invoer(**HAND).controleer()


def check(uit: dict[str, float], **verwacht: float) -> None:
    for key, waarde in verwacht.items():
        assert uit[key] == pytest.approx(waarde), key


# Year 1: e = 0.2 · min(1, 1/2) = 0.1, so 90 clients in care, 10 prevented, 900 hours.
# A contract starts in year 1 (tender: 2 providers × 5 acts = 10).


def test_pxq_by_hand(p: bk.Invoer) -> None:
    check(
        bk.bereken(p, "pxq", 1),
        clienten=90,
        voorkomen=10,
        uren=900,
        betaling=45000,  # 50 €/h × 900 h
        gemeente_preventie=1000,
        gemeente_kosten=46000,
        aanbieder_kosten=36000,  # 40 €/h × 900 h
        marge=9000,
        handelingen=1090,  # 12 × 90 declarations + 10 tender acts
        marge_extra_uur=10,  # 50 − 40
        marge_voorkomen_geval=-100,  # −50 × 10 revenue + 40 × 10 cost saved
        gemeente_extra_client=500,
        marge_extra_client=100,
    )


def test_traject_by_hand(p: bk.Invoer) -> None:
    check(
        bk.bereken(p, "traject", 1),
        betaling=45000,  # 500 € × 90 trajectories
        marge=9000,
        handelingen=190,  # 2 × 90 + 10
        marge_extra_uur=-40,
        marge_voorkomen_geval=-100,  # −500 + 400
    )


def test_lumpsum_by_hand_and_rebased_at_new_contract(p: bk.Invoer) -> None:
    check(
        bk.bereken(p, "lumpsum", 1),
        betaling=50000,
        gemeente_kosten=50000,
        aanbieder_kosten=37000,  # 36000 care + 1000 prevention
        marge=13000,
        handelingen=34,  # 4 reports × 2 providers × 3 domains + 10
        marge_extra_uur=-40,
        marge_voorkomen_geval=400,
        gemeente_extra_client=0,
    )
    check(bk.bereken(p, "lumpsum", 2), betaling=50000, handelingen=24)
    # Year 3 starts contract 2, re-based on year 2: v(2) = 1 − 0.2 = 0.8.
    check(
        bk.bereken(p, "lumpsum", 3),
        betaling=40000,
        aanbieder_kosten=33000,  # 80 clients × 10 h × 40 € + 1000
        marge=7000,
        handelingen=34,
    )


def test_populatie_by_hand(p: bk.Invoer) -> None:
    for jaar in (1, 3):
        check(bk.bereken(p, "populatie", jaar), betaling=50000, gemeente_kosten=50000)
    check(bk.bereken(p, "populatie", 1), marge=13000, marge_voorkomen_geval=400)


def test_uitkomst_by_hand(p: bk.Invoer) -> None:
    check(
        bk.bereken(p, "uitkomst", 1),
        betaling=48000,  # 50000 × 0.9 + 300 × 10
        marge=11000,
        handelingen=134,  # 24 + 100 measurements + 10
        marge_voorkomen_geval=700,  # 300 bonus + 400 saved
    )


def test_ontschot_by_hand(p: bk.Invoer) -> None:
    check(
        bk.bereken(p, "ontschot", 1),
        betaling=50000,
        uren=810,  # 900 × 0.9
        aanbieder_kosten=33400,
        marge=16600,
        handelingen=18,  # 4 × 2 + 10: one budget, one set of reports
        marge_voorkomen_geval=360,  # 9 h × 40 €
    )
    # Contract 2: 50000 × v(2) 0.8 × (1 − 0.1) = 36000; 720 h × 40 + 1000 = 29800.
    check(bk.bereken(p, "ontschot", 3), betaling=36000, marge=6200)


def test_growth_compounds_per_year(p: bk.Invoer) -> None:
    q = p.met(groei=10, preventie_aandeel=0)
    check(bk.bereken(q, "pxq", 2), clienten=121, betaling=121 * 10 * 50)


@pytest.mark.parametrize(
    ("voordeel", "jaar"),
    [([-100, 50, 60], 3), ([10, -20, 30], 3), ([5, 5], 1), ([-1, -1], None), ([1, -2], None)],
)
def test_omslagjaar_by_hand(voordeel: list[float], jaar: int | None) -> None:
    assert bk.omslagjaar(voordeel) == jaar


def test_break_even_years_by_hand(p: bk.Invoer) -> None:
    s = bk.vergelijk(p, 4).samenvatting
    # P×Q: the municipality pays 1000 and saves 50 × 10 × 10 = 5000 in year 1.
    assert s["pxq"].terugverdiend_gemeente == 1
    assert s["pxq"].terugverdiend_aanbieder is None  # it only loses revenue
    # Per inhabitant: the municipality pays the same with or without prevention.
    assert s["populatie"].terugverdiend_gemeente is None
    assert s["populatie"].terugverdiend_aanbieder == 1
    # Lump sum: the municipality gains only from contract 2 (year 3) on.
    assert s["lumpsum"].terugverdiend_gemeente == 3
    assert s["pxq"].verschil_met_pxq == 0
    assert s["pxq"].goedkoper_dan_pxq_vanaf is None


def test_short_contracts_move_prevention_gains_to_the_municipality() -> None:
    def winst(contractduur: int) -> tuple[float, float, bk.Samenvatting]:
        v = bk.vergelijk(bk.standaard_invoer(contractduur=contractduur), 10)
        met, zonder = v.reeksen["lumpsum"], v.zonder_preventie["lumpsum"]
        gemeente = sum(
            z["gemeente_kosten"] - m["gemeente_kosten"] for m, z in zip(met, zonder, strict=True)
        )
        aanbieder = sum(m["marge"] - z["marge"] for m, z in zip(met, zonder, strict=True))
        return gemeente, aanbieder, v.samenvatting["lumpsum"]

    gemeente_kort, aanbieder_kort, kort = winst(1)
    gemeente_lang, aanbieder_lang, lang = winst(10)
    assert gemeente_lang == 0  # one contract: the budget never moves
    assert gemeente_kort > 0 and aanbieder_kort < aanbieder_lang
    assert (kort.terugverdiend_aanbieder, lang.terugverdiend_aanbieder) == (None, 2)


@pytest.mark.parametrize(
    ("naam", "waarde", "in_melding"),
    [
        ("clienten", -1, "0 of meer"),
        ("inwoners", 0, "1 of meer"),
        ("preventie_aandeel", 101, "van 0 tot en met 100"),
        ("preventie_aandeel", -5, "van 0 tot en met 100"),
        ("dubbel_werk", 150, "van 0 tot en met 100"),
        ("budget", 0, "groter dan 0"),
        ("bedrag_per_inwoner", 0, "groter dan 0"),
        ("groei", float("inf"), "−50 tot en met 50"),
        ("prijs_per_uur", float("nan"), "van 0 tot en met 1.000"),
        ("contractduur", 2.5, "geheel getal"),
        ("aanloopjaren", 0, "van 1 tot en met 30"),
    ],
)
def test_bad_input_names_parameter_and_range(naam: str, waarde: float, in_melding: str) -> None:
    with pytest.raises(InvoerFout) as fout:
        bk.vergelijk(bk.standaard_invoer().met(**{naam: waarde}), 10)
    melding = str(fout.value)
    assert f"({naam})" in melding
    assert in_melding in melding
    assert bk.parameters()[naam].label in melding


@pytest.mark.parametrize("jaren", [0, 31, 2.5, "tien"])
def test_bad_number_of_years(jaren: object) -> None:
    with pytest.raises(InvoerFout, match=r"Aantal jaren \(jaren\).*1 en 30"):
        bk.vergelijk(bk.standaard_invoer(), jaren)  # type: ignore[arg-type]


def test_unknown_input_and_scenario_and_model() -> None:
    with pytest.raises(InvoerFout, match="Onbekende invoer: prijs"):
        bk.standaard_invoer(prijs=3)
    with pytest.raises(InvoerFout, match="Onbekend scenario 'nergens'"):
        bk.standaard_invoer("nergens")
    with pytest.raises(InvoerFout, match="Onbekend model"):
        bk.bereken(bk.standaard_invoer(), "gratis", 1)


def test_every_default_has_a_source_or_is_illustrative() -> None:
    for scenario in bk.scenarios():
        waarden = bk.herkomst(scenario)
        assert set(waarden) == set(bk.PARAMETER_NAMEN), scenario
        for w in waarden.values():
            assert w.illustratief != (w.bron is not None)
        bk.standaard_invoer(scenario)  # every scenario passes the range checks


def test_sourced_defaults_point_at_lines_that_say_so() -> None:
    """The cited lines contain the figure (guards against a line number drifting)."""
    from leerlab.models.bronnen import ZONDER_BRONTEKSTEN, bronteksten_map
    from leerlab.models.naslag import BRONNEN

    bronnen = bronteksten_map()  # LEERLAB_BRONNEN; fails when set but the folder is missing
    if bronnen is None:
        pytest.skip(ZONDER_BRONTEKSTEN)
    #: A value that is a count of things the lines name, rather than a figure in them.
    geteld = {"domeinen": ["Jeugdwet", "Wmo", "Participatiewet"]}
    for scenario in bk.scenarios():
        for w in bk.herkomst(scenario).values():
            if w.bron is None:
                continue
            regels = (bronnen / BRONNEN[w.bron.document]).read_text().splitlines()
            van, _, tot = w.bron.regels.partition("-")
            tekst = " ".join(regels[int(van) - 1 : int(tot or van)])
            for verwacht in geteld.get(w.parameter, [f"{w.waarde:g}"]):
                assert verwacht in tekst, (scenario, w.parameter, tekst)


def test_slider_ranges_never_give_nan_or_infinity() -> None:
    """Every corner of the sliders (the browser's whole input space) gives finite figures."""
    sliders = slider_parameters()
    basis = bk.standaard_invoer()
    for hoeken in itertools.product(*[(s.slider_min, s.slider_max) for s in sliders.values()]):
        v = bk.vergelijk(basis.met(**dict(zip(sliders, hoeken, strict=True))), 15)
        for rijen in (*v.reeksen.values(), *v.zonder_preventie.values()):
            for rij in rijen:
                assert all(math.isfinite(x) for x in rij.values())


def test_cli_vergelijk_prints_a_dutch_table() -> None:
    result = CliRunner().invoke(
        app, ["bekostiging", "vergelijk", "--jaren", "10", "--zet", "groei=0"]
    )
    assert result.exit_code == 0, result.output
    assert "Zes manieren van betalen over 10 jaar" in result.output
    totaal = bk.vergelijk(bk.standaard_invoer(groei=0), 10).samenvatting["pxq"].totaal_gemeente
    assert bk.euro(totaal) in result.output


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["--zet", "clienten=-4"], "Cliënten in jaar 0 (clienten)"),
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
    assert "contractduur = 10 (alternatievenlab2021, regel 54)" in result.output
    assert "illustratief" in result.output


def test_widget_shows_the_models_figures() -> None:
    from leerlab.views.bekostiging_widget import Rekenhulp

    hulp = Rekenhulp()
    hulp.sliders["groei"].value = 5
    hulp.sliders["contractduur"].value = 2
    hulp.jaren.value = 7
    verwacht = bk.vergelijk(bk.standaard_invoer(groei=5, contractduur=2), 7)
    for model, s in verwacht.samenvatting.items():
        assert bk.euro(s.totaal_gemeente) in hulp.uitvoer.value, model
    assert set(hulp.sliders) == set(slider_parameters())
    assert "Zes modellen over 7 jaar" in hulp.uitvoer.value


def test_widget_is_not_created_in_the_book_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from leerlab.views.bekostiging_widget import notebook_widget

    monkeypatch.setenv("LEERLAB_BOOK", "1")
    assert notebook_widget() is None
    monkeypatch.delenv("LEERLAB_BOOK")
    assert notebook_widget() is not None
