"""The funding vote of session 6: its data, its tally and every route of a vote session,
with every bad input (Dutch error, nothing changes)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from leerlab.live.app import Live, maak_app
from leerlab.live.opslag import Geheugen, SQLiteOpslag
from leerlab.live.sessie import LiveFout, Sessie, hash_token
from leerlab.models.bekostiging import MODEL_NAMEN, preset, scenarios, tabel_rijen, vergelijk
from leerlab.models.naslag import begrippen
from leerlab.models.stemming import Optie, Stem, optie_tekst, stem_uit_velden, uitslag, vragen

BASE = "http://testserver"
ORIGIN = {"origin": BASE}
JSON = {"accept": "application/json", **ORIGIN}

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`:DeprecationWarning")


def stem(betalen: str | None, afspraken: str | None) -> Stem:
    return Stem(keuzes={"betalen": betalen, "afspraken": afspraken})


# --------------------------------------------------------------------------- the model


def test_every_option_shows_only_the_courses_data() -> None:
    definities = {b.term: b.definitie for b in begrippen()}
    for vraag in vragen():
        for optie in vraag.opties:
            tekst = optie_tekst(optie)
            if optie.model is not None:
                assert tekst.label == MODEL_NAMEN[optie.model]
                assert tekst.uitleg == definities[optie.begrip]
                assert tekst.bronnen  # every way of paying cites lines of a source
                assert tekst.kenmerken == ((optie.noot,) if optie.noot else ())
            else:
                assert tekst.label == scenarios()[optie.scenario].titel
                assert tekst.uitleg == scenarios()[optie.scenario].uitleg
                assert len(tekst.kenmerken) == len(optie.kenmerken)
    # the simulator's own payment for outcomes is marked as the book's, not the sources'
    uitkomst = optie_tekst(next(o for o in vragen()[0].opties if o.id == "uitkomst"))
    assert "zeggen de bronnen niet" in uitkomst.kenmerken[0]
    lab = optie_tekst(next(o for o in vragen()[1].opties if o.id == "lab-advies"))
    assert lab.kenmerken[0].startswith("Contractduur: 10 (jaar).")
    assert lab.bronnen == ("Verslag Alternatieven-lab (2021), regel 141",)


def test_a_note_belongs_to_a_way_of_paying_only() -> None:
    noot = "Dit staat niet in de bronnen; het is een keuze."
    assert Optie(id="x", model="pxq", begrip="P×Q-bekostiging", noot=noot).noot == noot
    with pytest.raises(ValueError, match="noot hoort alleen bij een model"):
        Optie(id="x", scenario="standaard", kenmerken=["contractduur"], noot=noot)


def test_tally_by_hand() -> None:
    ballots = [
        stem("populatie", "lab-advies"),
        stem("populatie", "lab-advies"),
        stem("pxq", "korte-contracten"),
        stem("populatie", None),
    ]
    u = uitslag(ballots)
    assert u is not None and u["aantal"] == 4
    betalen, afspraken = u["vragen"]
    assert betalen["telling"] == {"pxq": 1, "lumpsum": 0, "populatie": 3, "uitkomst": 0}
    assert betalen["winnaar"] == "populatie"
    assert afspraken["aantal"] == 3 and afspraken["winnaar"] == "lab-advies"
    assert afspraken["telling"]["lab-advies"] == 2 and afspraken["telling"]["standaard"] == 0
    # The simulator row is the one the book's simulator gives for that choice.
    row = next(
        r
        for r in tabel_rijen(vergelijk(preset("lab-advies")))
        if r["Model"] == MODEL_NAMEN["populatie"]
    )
    assert u["simulator"]["waarden"]["Kosten gemeente"] == row["Kosten gemeente"]
    assert u["simulator"]["waarden"]["Zorg niet geleverd"] == row["Zorg niet geleverd"]


def test_below_three_nothing_and_a_tie_runs_no_simulation() -> None:
    assert uitslag([stem("pxq", "standaard"), stem("pxq", "standaard")]) is None
    with pytest.raises(ValueError, match="minstens één vraag"):
        stem(None, None)
    tie = [stem(m, "standaard") for m in ("pxq", "lumpsum", "pxq", "lumpsum")]
    u = uitslag(tie)
    assert u is not None and u["vragen"][0]["winnaar"] is None
    assert u["vragen"][1]["winnaar"] == "standaard" and u["simulator"] is None


def test_a_question_with_fewer_than_three_answers_shows_no_tally() -> None:
    u = uitslag([stem("pxq", "standaard"), stem("pxq", None), stem("lumpsum", None)])
    assert u is not None
    assert u["vragen"][0]["telling"] == {"pxq": 2, "lumpsum": 1, "populatie": 0, "uitkomst": 0}
    assert u["vragen"][1]["telling"] is None and u["vragen"][1]["aantal"] == 1
    assert u["simulator"] is None


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"betalen": "goud"}, "'goud' is geen keuze"),
        ({"onzin": "pxq"}, "Onbekende vraag 'onzin'"),
        ({"betalen": "", "afspraken": ""}, "Kies bij minstens één vraag"),
        ({}, "Kies bij minstens één vraag"),
        ({"perspectief": "bewoner"}, "Onbekende vraag 'perspectief'"),
    ],
)
def test_bad_ballots_get_a_dutch_error(fields: dict[str, str], fragment: str) -> None:
    from leerlab.errors import InvoerFout

    with pytest.raises(InvoerFout, match=fragment):
        stem_uit_velden(fields)


def test_a_ladder_answer_does_not_fit_a_vote_session() -> None:
    sessie, _ = Sessie.nieuw("s", soort="stemming")
    from leerlab.models.ladder import Resultaat

    with pytest.raises(LiveFout, match="past niet"):
        sessie.antwoord("x", Resultaat(situatie="s", perspectief="bewoner", antwoorden={}))
    with pytest.raises(LiveFout, match="Onbekende soort"):
        Sessie.nieuw("s", soort="quiz")


# --------------------------------------------------------------------------- the routes


@pytest.fixture
def room() -> Iterator[tuple[TestClient, Sessie, str, Live]]:
    live = Live(Geheugen())
    sessie, sleutel = Sessie.nieuw("Sessie 6", soort="stemming")
    live.voeg_toe(sessie)
    with TestClient(maak_app(live, hosts={"testserver"}), base_url=BASE) as client:
        yield client, sessie, sleutel, live


def phone(client: TestClient, code: str) -> TestClient:
    other = TestClient(client.app, base_url=BASE)
    assert other.get(f"/s/{code}").status_code == 200
    return other


def boss(client: TestClient, code: str, sleutel: str) -> TestClient:
    b = TestClient(client.app, base_url=BASE)
    b.get(f"/begeleider/{code}", params={"sleutel": sleutel}, follow_redirects=False)
    return b


def state(sessie: Sessie) -> tuple[object, ...]:
    return (sessie.versie, dict(sessie.antwoorden), sessie.momentopname, sessie.onthuld)


def test_ballot_page_lists_every_option_with_its_source(room) -> None:
    client, sessie, _, _ = room
    page = client.get(f"/s/{sessie.code}")
    assert page.status_code == 200 and "deelnemer" in page.cookies
    for vraag in vragen():
        assert vraag.vraag in page.text
        for optie in vraag.opties:
            assert f'name="{vraag.id}" value="{optie.id}"' in page.text
    assert "Bron: RMO-advies" in page.text and "Geen keuze" in page.text
    assert 'aria-describedby="uitleg-betalen-pxq"' in page.text
    # The ladder's perspective pages do not exist in a vote.
    r = client.get(f"/s/{sessie.code}/bewoner", headers={"accept": "application/json"})
    assert r.status_code == 404 and "stemming" in r.json()["fout"]


def test_vote_replace_withdraw_and_reveal(room) -> None:
    client, sessie, sleutel, _ = room
    a = phone(client, sessie.code)
    r = a.post(
        f"/s/{sessie.code}/antwoord",
        data={"betalen": "pxq", "afspraken": "standaard"},
        headers=ORIGIN,
    )
    assert r.status_code == 200 and "Je stem is ontvangen." in r.text
    # Sending again replaces the earlier vote (same cookie): still one vote.
    r = a.post(
        f"/s/{sessie.code}/antwoord",
        data={"betalen": "populatie", "afspraken": "lab-advies"},
        headers=JSON,
    )
    assert r.json() == {"ontvangen": True, "melding": "Je stem is ontvangen."}
    assert len(sessie.antwoorden) == 1
    again = a.get(f"/s/{sessie.code}").text  # the earlier choice is shown again
    assert 'value="populatie" aria-describedby="uitleg-betalen-populatie" checked' in again
    b = phone(client, sessie.code)
    b.post(f"/s/{sessie.code}/antwoord", data={"betalen": "populatie"}, headers=ORIGIN)
    desk = boss(client, sessie.code, sleutel)
    assert desk.get(f"/begeleider/{sessie.code}/stand").json()["melding"] == "2 stemmen."
    r = desk.post(f"/begeleider/{sessie.code}/onthul", headers=JSON)
    assert r.json()["profiel"] is None and "Nog te weinig stemmen (2)" in r.json()["melding"]
    assert desk.get(f"/begeleider/{sessie.code}/export.json").status_code == 409
    c = phone(client, sessie.code)
    c.post(
        f"/s/{sessie.code}/antwoord",
        data={"betalen": "pxq", "afspraken": "lab-advies"},
        headers=ORIGIN,
    )
    r = desk.post(f"/begeleider/{sessie.code}/onthul", headers=JSON)
    shown = r.json()
    assert shown["profiel"]["aantal"] == 3
    assert shown["profiel"]["vragen"][0]["telling"]["populatie"] == 2
    assert "Uitslag van 3 stemmen." in shown["beschrijving"]
    page = desk.get(f"/begeleider/{sessie.code}").text
    assert "Live stemming: Sessie 6" in page and "Toon uitslag" in page
    assert "<caption>Hoe betaalt de gemeente de aanbieders? (3 antwoorden)</caption>" in page
    export = desk.get(f"/begeleider/{sessie.code}/export.json")
    assert export.headers["content-disposition"] == 'attachment; filename="stemming.json"'
    assert export.json() == shown["profiel"]
    html = desk.get(f"/begeleider/{sessie.code}/export.html")
    assert html.status_code == 200 and "<h1>Uitslag stemming: Sessie 6</h1>" in html.text
    assert "<svg" in html.text
    png = desk.get(f"/begeleider/{sessie.code}/export.png")
    assert png.content.startswith(b"\x89PNG")
    # Withdrawing removes the vote.
    r = c.post(f"/s/{sessie.code}/intrekken", headers=ORIGIN)
    assert "Je stem is gewist" in r.text and len(sessie.antwoorden) == 2
    # Closing keeps only the aggregate.
    r = desk.post(f"/begeleider/{sessie.code}/sluit", headers=JSON)
    assert r.json()["gesloten"] and sessie.antwoorden == {}
    assert "De stemming is gesloten" in r.json()["melding"]


@pytest.mark.parametrize(
    ("data", "headers", "status", "fragment"),
    [
        ({"betalen": "goud"}, JSON, 400, "geen keuze"),
        ({"betalen": "pxq", "extra": "1"}, JSON, 400, "Onbekende vraag"),
        ({"betalen": ""}, JSON, 400, "minstens één vraag"),
        ({"perspectief": "bewoner", "a1": "3"}, JSON, 400, "Onbekende vraag"),
        ({"betalen": "pxq"}, {"accept": "application/json"}, 403, "niet van deze app"),
        ({"betalen": "pxq"}, {**JSON, "origin": "http://evil.example"}, 403, "niet van deze"),
    ],
)
def test_bad_votes_change_nothing(room, data, headers, status, fragment) -> None:
    client, sessie, _, _ = room
    a = phone(client, sessie.code)
    a.post(f"/s/{sessie.code}/antwoord", data={"betalen": "lumpsum"}, headers=ORIGIN)
    before = state(sessie)
    r = a.post(f"/s/{sessie.code}/antwoord", data=data, headers=headers)
    assert r.status_code == status and fragment in r.json()["fout"]
    assert state(sessie) == before
    (kept,) = sessie.antwoorden.values()
    assert isinstance(kept, Stem) and kept.keuzes["betalen"] == "lumpsum"


def test_json_ballot_and_oversized_body(room) -> None:
    client, sessie, _, _ = room
    a = phone(client, sessie.code)
    r = a.post(
        f"/s/{sessie.code}/antwoord",
        content=json.dumps({"betalen": "uitkomst", "afspraken": None}),
        headers={**JSON, "content-type": "application/json"},
    )
    assert r.status_code == 200
    (kept,) = sessie.antwoorden.values()
    assert kept == stem("uitkomst", None)
    before = state(sessie)
    r = a.post(
        f"/s/{sessie.code}/antwoord",
        content=b"betalen=" + b"x" * 5000,
        headers={**JSON, "content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413 and state(sessie) == before


def test_controls_need_the_facilitator(room) -> None:
    client, sessie, _, _ = room
    a = phone(client, sessie.code)
    for path in ("onthul", "verberg", "sluit"):
        r = a.post(f"/begeleider/{sessie.code}/{path}", headers=JSON)
        assert r.status_code == 403 and "begeleider" in r.json()["fout"]
    for path in ("stand", "export.json", "export.html", "export.png"):
        r = a.get(f"/begeleider/{sessie.code}/{path}", headers={"accept": "application/json"})
        assert r.status_code == 403
    assert not sessie.onthuld and not sessie.gesloten


def test_sqlite_keeps_votes_and_upgrades_an_old_file(tmp_path: Path) -> None:
    db = tmp_path / "oud.sqlite"
    # A file written before votes existed: no column 'soort'.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TABLE live_sessies (code TEXT PRIMARY KEY, sleutel_hash TEXT NOT NULL, "
            "situatie TEXT NOT NULL, aangemaakt DOUBLE PRECISION NOT NULL, verloopt DOUBLE "
            "PRECISION NOT NULL, onthuld INTEGER NOT NULL, momentopname TEXT, gewijzigd TEXT "
            "NOT NULL, gesloten INTEGER NOT NULL, versie INTEGER NOT NULL)"
        )
        conn.execute(
            "INSERT INTO live_sessies VALUES ('oudecode', 'h', 'Oud', 1, 9e12, 0, NULL, '[]', 0, 0)"
        )
    opslag = SQLiteOpslag(db)
    (old,) = opslag.laad()
    assert old.soort == "zelftest" and old.situatie == "Oud"
    sessie, _ = Sessie.nieuw("Sessie 6", soort="stemming")
    opslag.bewaar(sessie)
    ballot = stem("populatie", "haarlemmermeer")
    sessie.antwoord(hash_token("t" * 20), ballot)
    opslag.bewaar(sessie, hash_token("t" * 20), ballot)
    opslag.sluit()
    again = {s.code: s for s in SQLiteOpslag(db).laad()}
    assert again[sessie.code].soort == "stemming"
    assert again[sessie.code].antwoorden == {hash_token("t" * 20): ballot}


def test_unknown_kind_on_the_command_line_is_a_dutch_error() -> None:
    from typer.testing import CliRunner

    from leerlab.commands.cli import app
    from leerlab.errors import LeerlabFout

    # main() prints a LeerlabFout as a Dutch error; the runner shows the exception itself.
    result = CliRunner().invoke(app, ["sessie", "live", "--soort", "quiz", "--geen-browser"])
    assert result.exit_code != 0 and isinstance(result.exception, LeerlabFout)
    assert str(result.exception) == "Onbekende soort 'quiz'. Kies uit: zelftest, stemming."
