"""Property tests of the funding models (hypothesis): linearity, invariance, conservation."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leerlab.models import bekostiging as bk

pct = st.floats(0, 100)
geld = st.floats(0, 500)
jaar = st.integers(1, 30)


@st.composite
def invoer(draw: st.DrawFn) -> bk.Invoer:
    return bk.Invoer(
        inwoners=draw(st.integers(1, 10**6)),
        clienten=draw(st.integers(0, 10**5)),
        uren_per_client=draw(st.floats(0, 500)),
        prijs_per_uur=draw(geld),
        kostprijs_per_uur=draw(geld),
        trajectprijs=draw(st.floats(0, 10**5)),
        budget=draw(st.floats(1, 10**8)),
        bedrag_per_inwoner=draw(st.floats(0.01, 1000)),
        groei=draw(st.floats(-50, 50)),
        preventie_aandeel=draw(pct),
        preventie_investering=draw(st.floats(0, 10**6)),
        aanloopjaren=draw(st.integers(1, 30)),
        contractduur=draw(st.integers(1, 30)),
        uitkomstdeel=draw(pct),
        uitkomstbonus=draw(st.floats(0, 10**4)),
        dubbel_werk=draw(pct),
        domeinen=draw(st.integers(1, 10)),
        aanbieders=draw(st.integers(1, 500)),
        declaraties_per_client=draw(st.floats(0, 365)),
        declaraties_per_traject=draw(st.floats(0, 100)),
        rapportages_per_jaar=draw(st.floats(0, 52)),
        aanbesteding_handelingen=draw(st.floats(0, 1000)),
    ).controleer()


def close(a: float, b: float, schaal: float = 0.0) -> bool:
    """Equal up to rounding; ``schaal`` is the size of the terms a difference came from."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6 + 1e-12 * abs(schaal))


@settings(max_examples=80, deadline=None)
@given(invoer(), st.floats(0, 10), jaar)
def test_pxq_cost_is_linear_in_volume(p: bk.Invoer, factor: float, t: int) -> None:
    """Scaling the number of clients scales what P×Q pays for care by the same factor."""
    een = bk.pxq(p, float(t))
    geschaald = bk.pxq(p.met(clienten=p.clienten * factor), float(t))
    assert close(geschaald["betaling"], factor * een["betaling"])
    meer_uren = bk.pxq(p.met(uren_per_client=p.uren_per_client * factor), float(t))
    assert close(meer_uren["betaling"], factor * een["betaling"])


@settings(max_examples=80, deadline=None)
@given(invoer(), st.integers(0, 10**5), st.floats(0, 500), jaar)
def test_lump_sum_is_invariant_to_volume(p: bk.Invoer, clienten: int, uren: float, t: int) -> None:
    """However many clients or hours, the municipality pays the same lump sum."""
    voor = bk.lumpsum(p, float(t))["gemeente_kosten"]
    na = bk.lumpsum(p.met(clienten=clienten, uren_per_client=uren), float(t))["gemeente_kosten"]
    assert voor == na
    pop = bk.populatie(p, float(t))["gemeente_kosten"]
    assert pop == bk.populatie(p.met(clienten=clienten), float(t))["gemeente_kosten"]


@settings(max_examples=80, deadline=None)
@given(invoer(), jaar)
def test_money_is_conserved_between_payer_and_provider(p: bk.Invoer, t: int) -> None:
    """What the municipality pays is the provider's cost plus margin plus its own prevention;
    and the real cost (care plus prevention) does not depend on how it is paid."""
    echte_kosten = set()
    schaal = 0.0
    for model in bk.MODELLEN.values():
        uit = model.functie(p, float(t))
        assert all(math.isfinite(x) for x in uit.values()), model.id
        assert close(
            uit["gemeente_kosten"],
            uit["aanbieder_kosten"] + uit["marge"] + uit["gemeente_preventie"],
            schaal=uit["aanbieder_kosten"],
        )
        assert close(uit["betaling"], uit["gemeente_kosten"] - uit["gemeente_preventie"])
        if model.id != "ontschot":  # ontschotting removes hours, so it really is cheaper
            echte_kosten.add(uit["aanbieder_kosten"] + uit["gemeente_preventie"])
            schaal = max(schaal, abs(uit["betaling"]), abs(uit["aanbieder_kosten"]))
    assert max(echte_kosten) - min(echte_kosten) <= 1e-6 + 1e-12 * schaal


@settings(max_examples=50, deadline=None)
@given(invoer(), st.integers(1, 30))
def test_prevention_with_zero_effect_never_pays_back(p: bk.Invoer, jaren: int) -> None:
    v = bk.vergelijk(p.met(preventie_aandeel=0), jaren)
    for s in v.samenvatting.values():
        assert s.terugverdiend_gemeente is None, s.model
        assert s.terugverdiend_aanbieder is None, s.model
        assert s.terugverdiend_samenleving is None, s.model


@settings(max_examples=50, deadline=None)
@given(invoer(), st.integers(1, 30))
def test_society_gain_does_not_depend_on_the_model(p: bk.Invoer, jaren: int) -> None:
    """Who pays moves the gain of prevention around; it does not create or destroy it."""
    v = bk.vergelijk(p, jaren)
    jaren_terug = {
        s.terugverdiend_samenleving for m, s in v.samenvatting.items() if m != "ontschot"
    }
    assert len(jaren_terug) == 1


@pytest.mark.parametrize("model", list(bk.MODELLEN))
def test_every_model_gives_every_output(model: str) -> None:
    uit = bk.bereken(bk.standaard_invoer(), model, 1)
    assert tuple(uit) == bk.UITKOMSTEN
