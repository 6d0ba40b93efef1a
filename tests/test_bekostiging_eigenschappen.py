"""Property tests of the funding simulator (hypothesis): conservation, linearity, incentives."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from leerlab.models import bekostiging as bk


@st.composite
def invoer(draw: st.DrawFn) -> bk.Invoer:
    """Any allowed input (kept to realistic magnitudes so float rounding stays small)."""
    waarden: dict[str, float] = {}
    for naam, spec in bk.parameters().items():
        hoog = min(spec.max, spec.min + 1e7)
        if naam == "jaren":
            hoog = 12
        if spec.geheel == "ja":
            waarden[naam] = float(draw(st.integers(int(spec.min), int(hoog))))
        else:
            waarden[naam] = draw(st.floats(spec.min, hoog, allow_nan=False))
    return bk.Invoer(**waarden).controleer()  # type: ignore[arg-type]


def close(a: float, b: float, schaal: float = 0.0) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6 + 1e-9 * abs(schaal))


@settings(max_examples=60, deadline=None)
@given(invoer())
def test_money_is_conserved_between_payer_provider_and_unmet_demand(p: bk.Invoer) -> None:
    """Payment = care delivered + provider's prevention + margin; need = delivered + unmet;
    the municipality's cost = payment + its own prevention; domains add up to the totals."""
    for model in bk.MODEL_IDS:
        for r in bk.simuleer(p, model):
            schaal = abs(r["betaling"]) + abs(r["zorg_nodig"]) + p.preventie_kosten
            assert all(math.isfinite(x) for x in r.values()), model
            assert close(
                r["betaling"], r["zorg_geleverd"] + r["aanbieder_preventie"] + r["marge"], schaal
            )
            assert close(r["zorg_nodig"], r["zorg_geleverd"] + r["onvervuld"], schaal)
            assert r["onvervuld"] >= -1e-6 * (1 + schaal)
            assert close(r["gemeente_kosten"], r["betaling"] + r["gemeente_preventie"], schaal)
            for key in ("betaling", "onvervuld"):
                som = sum(r[f"{key}_{d}"] for d in bk.DOMEINEN)
                assert close(r[key], som, schaal), key
            if model not in bk.VASTE_BUDGETTEN and model != "traject":
                assert r["onvervuld"] == 0  # open-ended models pay for all care needed


@settings(max_examples=60, deadline=None)
@given(invoer(), st.floats(0, 10))
def test_pxq_cost_is_linear_in_volume(p: bk.Invoer, factor: float) -> None:
    """Scaling every domain's clients scales what P×Q pays by the same factor (with behaviour
    held fixed: a provider's decision to prevent depends on scale, as programme cost is fixed)."""
    p = p.met(reactie=0)
    geschaald = p.met(
        **{f"clienten_{d}": getattr(p, f"clienten_{d}") * factor for d in bk.DOMEINEN}
    )
    for a, b in zip(bk.simuleer(p, "pxq"), bk.simuleer(geschaald, "pxq"), strict=True):
        assert close(b["betaling"], factor * a["betaling"], factor * a["betaling"])


@settings(max_examples=60, deadline=None)
@given(invoer())
def test_zero_growth_and_full_indexation_force_no_loss_on_a_fixed_budget(p: bk.Invoer) -> None:
    """With no growth, no shock, full indexation and prices at or above cost, a fixed budget
    covers the care needed every year, so a provider that does not prevent never loses."""
    nul = {f"{k}_{d}": 0.0 for k in ("groei", "schok") for d in bk.DOMEINEN}
    prijzen = {
        f"prijs_{d}": max(getattr(p, f"prijs_{d}"), getattr(p, f"kostprijs_{d}"))
        for d in bk.DOMEINEN
    }
    q = p.met(**nul, **prijzen, prijsindexatie=100, bevolkingsgroei=0, reactie=0)
    for model in bk.VASTE_BUDGETTEN:
        for r in bk.simuleer(q, model):
            assert r["marge"] >= -1e-6 * (1 + r["betaling"]), model
            assert r["onvervuld"] <= 1e-6 * (1 + r["betaling"]), model


@settings(max_examples=60, deadline=None)
@given(invoer())
def test_zero_response_same_prevention_in_every_model(p: bk.Invoer) -> None:
    """Without a behavioural response only the municipality prevents: the prevented cases are
    the same in every model, and only who pays (and how much) differs."""
    q = p.met(reactie=0)
    reeksen = {m: bk.simuleer(q, m) for m in bk.MODEL_IDS}
    for t in range(int(q.jaren)):
        effecten = {reeksen[m][t]["preventie_effect"] for m in bk.MODEL_IDS}
        assert len(effecten) == 1
        voorkomen = [reeksen[m][t]["voorkomen"] for m in bk.MODEL_IDS]
        assert max(voorkomen) - min(voorkomen) <= 1e-9 * (1 + max(voorkomen))
        assert all(reeksen[m][t]["aanbieder_preventie"] == 0 for m in bk.MODEL_IDS)


@settings(max_examples=60, deadline=None)
@given(invoer())
def test_no_provider_prevention_where_a_prevented_case_costs_it(p: bk.Invoer) -> None:
    """Under P×Q and per trajectory with price ≥ cost, a prevented case lowers the provider's
    revenue by more than the cost it saves (prices fully indexed): it never prevents there."""
    prijzen = {
        f"prijs_{d}": max(getattr(p, f"prijs_{d}"), getattr(p, f"kostprijs_{d}"))
        for d in bk.DOMEINEN
    }
    q = p.met(**prijzen, urenkorting=0, prijsindexatie=100)
    for model in ("pxq", "traject"):
        assert all(r["aanbieder_preventie"] == 0 for r in bk.simuleer(q, model)), model
    # Under outcome funding with no share of the saving it is the same as P×Q.
    assert all(
        r["aanbieder_preventie"] == 0 for r in bk.simuleer(q.met(gedeelde_besparing=0), "uitkomst")
    )


@settings(max_examples=40, deadline=None)
@given(invoer())
def test_provider_prevents_only_when_it_raises_its_margin(p: bk.Invoer) -> None:
    """Whenever a provider runs prevention in a contract, its margin over that contract (within
    the simulated years) is at least what it would have been without."""
    for model in bk.MODEL_IDS:
        met = bk.simuleer(p, model)
        if not any(r["aanbieder_investeert"] for r in met):
            continue
        zonder = bk.simuleer(p.met(reactie=0, gemeente_preventie=p.gemeente_preventie), model)
        eerste = next(i for i, r in enumerate(met) if r["aanbieder_investeert"])
        duur = int(p.contractduur)
        if eerste % duur == 0 and eerste + duur <= len(met) and eerste < duur:
            winst = sum(met[i]["marge"] - zonder[i]["marge"] for i in range(eerste, eerste + duur))
            assert winst > 0, model


@settings(max_examples=40, deadline=None)
@given(invoer())
def test_prevention_with_zero_effect_never_pays_back(p: bk.Invoer) -> None:
    v = bk.vergelijk(p.met(preventie_effect=0))
    for u in v.uitslagen.values():
        assert u.terug_gemeente is None and u.terug_aanbieder is None, u.model
