"""Property: no presenter payload ever carries a profile (or a vote's result) before
reveal or below 3 people."""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leerlab.live.paginas import profiel_html
from leerlab.live.sessie import LiveFout, Sessie
from leerlab.models.ladder import MIN_GROEP, Resultaat, laad_trap
from leerlab.models.stemming import Stem, vragen

TRAP = laad_trap()
PEOPLE = [f"deelnemer{i}" for i in range(7)]


def answer_strategy() -> st.SearchStrategy[Resultaat]:
    def build(perspectief: str) -> st.SearchStrategy[Resultaat]:
        ids = [i.id for i in TRAP.items_van(perspectief)]
        values = st.lists(
            st.one_of(st.none(), st.integers(0, 4)), min_size=len(ids), max_size=len(ids)
        )
        return values.map(
            lambda v: Resultaat(
                situatie="s", perspectief=perspectief, antwoorden=dict(zip(ids, v, strict=True))
            )
        )

    return st.sampled_from(["professional", "bewoner"]).flatmap(build)


ACTIONS = st.one_of(
    st.tuples(st.just("antwoord"), st.sampled_from(PEOPLE), answer_strategy()),
    st.tuples(st.just("intrekken"), st.sampled_from(PEOPLE), st.none()),
    st.tuples(st.sampled_from(["onthul", "verberg"]), st.none(), st.none()),
    st.tuples(st.just("sluit"), st.none(), st.none()),
)


def check(stand: dict, sessie: Sessie) -> None:
    profiel = stand["profiel"]
    if not stand["onthuld"]:
        assert profiel is None and stand["beschrijving"] is None
        assert profiel_html(stand) == ""
    if profiel is None:
        assert set(stand) == {
            "soort",
            "versie",
            "aantal",
            "onthuld",
            "gesloten",
            "melding",
            "profiel",
            "beschrijving",
        }
        return
    assert profiel["aantal"] >= MIN_GROEP
    for groep, verdeling in profiel["verdeling"].items():
        assert sum(verdeling.values()) >= MIN_GROEP, groep
    small = [p for p, n in profiel["per_perspectief"].items() if 0 < n < MIN_GROEP]
    if small:
        # Rule 2: with a small perspective, nothing but the whole group.
        assert list(profiel["verdeling"]) == ["iedereen"]
        assert profiel["verschil_per_trede"] is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, max_size=40))
def test_no_profile_before_reveal_or_below_three(actions) -> None:
    _replay(Sessie.nieuw("s")[0], actions, check)


def _replay(sessie: Sessie, actions: list, check_stand: Callable[..., None]) -> None:
    """Run the actions; after each, check the payload rules (ladder and vote alike)."""
    shown: str | None = None
    changed: set[str] = set()  # independent bookkeeping of who changed since the last shown
    for kind, who, resultaat in actions:
        try:
            if kind == "antwoord":
                if sessie.antwoord(who, resultaat):
                    changed.add(who)
            elif kind == "intrekken":
                if sessie.intrekken(who):
                    changed.add(who)
            else:
                getattr(sessie, kind)()
        except LiveFout as fout:
            assert sessie.gesloten and fout.status == 410
        stand = sessie.stand()
        check_stand(stand, sessie)
        if stand["profiel"] is not None:
            now = json.dumps(stand["profiel"], sort_keys=True)
            if shown is not None and now != shown:
                # Rule 3: two different shown profiles differ by at least MIN_GROEP people.
                assert len(changed) >= MIN_GROEP
            if now != shown:
                changed = set()
            shown = now
        if sessie.gesloten:
            assert sessie.antwoorden == {}


def test_the_property_reaches_shown_profiles() -> None:
    """The check above is not vacuous: a plain sequence does show a profile."""
    sessie, _ = Sessie.nieuw("s")
    ids = [i.id for i in TRAP.items_van("bewoner")]
    for who in PEOPLE[:3]:
        sessie.antwoord(
            who, Resultaat(situatie="s", perspectief="bewoner", antwoorden=dict.fromkeys(ids, 3))
        )
    sessie.onthul()
    stand = sessie.stand()
    check(stand, sessie)
    assert stand["profiel"]["aantal"] == 3 and "Aantal deelnemers" in profiel_html(stand)


def ballot_strategy() -> st.SearchStrategy[Stem]:
    questions = vragen()
    choice = [st.one_of(st.none(), st.sampled_from([o.id for o in v.opties])) for v in questions]
    return (
        st.tuples(*choice)
        .filter(lambda picks: any(p is not None for p in picks))
        .map(lambda picks: Stem(keuzes={v.id: p for v, p in zip(questions, picks, strict=True)}))
    )


VOTE_ACTIONS = st.one_of(
    st.tuples(st.just("antwoord"), st.sampled_from(PEOPLE), ballot_strategy()),
    st.tuples(st.just("intrekken"), st.sampled_from(PEOPLE), st.none()),
    st.tuples(st.sampled_from(["onthul", "verberg"]), st.none(), st.none()),
    st.tuples(st.just("sluit"), st.none(), st.none()),
)


def check_vote(stand: dict, sessie: Sessie) -> None:
    uitslag = stand["profiel"]
    if not stand["onthuld"]:
        assert uitslag is None and stand["beschrijving"] is None
        assert profiel_html(stand) == ""
    if uitslag is None:
        assert profiel_html(stand) == ""
        return
    assert uitslag["aantal"] >= MIN_GROEP
    for vraag in uitslag["vragen"]:
        if vraag["telling"] is not None:
            assert vraag["aantal"] >= MIN_GROEP
            assert sum(vraag["telling"].values()) == vraag["aantal"]
    # No ballot of anyone leaves the app: only counts and the simulator's row.
    assert set(uitslag) == {"aantal", "vragen", "simulator"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(VOTE_ACTIONS, max_size=40))
def test_no_vote_result_before_reveal_or_below_three(actions) -> None:
    _replay(Sessie.nieuw("s", soort="stemming")[0], actions, check_vote)


def test_the_vote_property_reaches_shown_results() -> None:
    sessie, _ = Sessie.nieuw("s", soort="stemming")
    for who in PEOPLE[:3]:
        sessie.antwoord(who, Stem(keuzes={"betalen": "populatie", "afspraken": "lab-advies"}))
    sessie.onthul()
    stand = sessie.stand()
    check_vote(stand, sessie)
    assert stand["profiel"]["aantal"] == 3
    assert stand["profiel"]["simulator"]["scenario"] == "lab-advies"
    assert "Per inwoner" in profiel_html(stand)
