"""The live app's HTTP API: every route, every bad input (Dutch error, nothing changes)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from leerlab.live.app import CSP, MAX_BODY, Live, maak_app
from leerlab.live.opslag import Geheugen
from leerlab.live.sessie import CODE_LENGTE, Sessie, hash_token
from leerlab.models.ladder import Resultaat, groepsprofiel, laad_trap, melding, score

from .live_hulp import zbar

BASE = "http://testserver"
ORIGIN = {"origin": BASE}
JSON = {"accept": "application/json", **ORIGIN}

# Starlette prefers httpx2 for its TestClient; httpx (pinned) works the same here.
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`:DeprecationWarning")


def items(perspectief: str) -> list[str]:
    return [i.id for i in laad_trap().items_van(perspectief)]


def answers(perspectief: str, value: int) -> dict[str, str]:
    return {"perspectief": perspectief, **{i: str(value) for i in items(perspectief)}}


@pytest.fixture
def room() -> Iterator[tuple[TestClient, Sessie, str, Live]]:
    live = Live(Geheugen())
    sessie, sleutel = Sessie.nieuw("Buurthuis De Linde")
    live.voeg_toe(sessie)
    with TestClient(maak_app(live, hosts={"testserver"}), base_url=BASE) as client:
        yield client, sessie, sleutel, live


def phone(client: TestClient, code: str) -> TestClient:
    """A new phone: its own cookie jar, joined through the start page."""
    other = TestClient(client.app, base_url=BASE)
    assert other.get(f"/s/{code}").status_code == 200
    return other


def login(client: TestClient, code: str, sleutel: str) -> TestClient:
    boss = TestClient(client.app, base_url=BASE)
    r = boss.get(f"/begeleider/{code}", params={"sleutel": sleutel}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/begeleider/{code}"
    return boss


def snapshot(sessie: Sessie) -> tuple[int, dict[str, Resultaat], object, bool, bool]:
    return (
        sessie.versie,
        dict(sessie.antwoorden),
        sessie.momentopname,
        sessie.onthuld,
        sessie.gesloten,
    )


def test_session_code_and_secret_are_long_and_random() -> None:
    codes = {Sessie.nieuw("x")[0].code for _ in range(200)}
    assert len(codes) == 200 and all(len(c) == CODE_LENGTE for c in codes)
    sessie, sleutel = Sessie.nieuw("x")
    assert len(sleutel) >= 32 and sleutel not in json.dumps(sessie.als_rij())


def test_phone_pages_use_the_books_items_and_scale(room) -> None:
    client, sessie, _, _ = room
    start = client.get(f"/s/{sessie.code}")
    assert start.status_code == 200 and "deelnemer" in start.cookies
    assert "Professional of organisatie" in start.text and "Bewoner of cliënt" in start.text
    for perspectief in ("professional", "bewoner"):
        page = client.get(f"/s/{sessie.code}/{perspectief}").text
        for item in laad_trap().items_van(perspectief):
            assert item.tekst in page.replace("&#x27;", "'").replace("&quot;", '"')
        for option in laad_trap().schaal:
            assert option.label in page
        assert "Weet ik niet" in page and "<script" not in page


def test_submit_edit_and_resubmit_replace_one_answer(room) -> None:
    client, sessie, _, _ = room
    code = sessie.code
    p = phone(client, code)
    given = answers("professional", 3)
    r = p.post(f"/s/{code}/antwoord", data=given, headers=ORIGIN)
    assert r.status_code == 200
    expected = melding(
        score({k: int(v) for k, v in given.items() if k != "perspectief"}, "professional")
    )
    assert expected.replace("'", "&#x27;") in r.text
    assert p.post(f"/s/{code}/antwoord", data=given, headers=ORIGIN).status_code == 200
    assert len(sessie.antwoorden) == 1
    # An edit (other perspective, one "weet ik niet") replaces the earlier answer.
    edit = answers("bewoner", 4) | {items("bewoner")[0]: ""}
    r = p.post(f"/s/{code}/antwoord", data=edit, headers=JSON)
    assert r.status_code == 200 and r.json()["ontvangen"] is True
    (stored,) = sessie.antwoorden.values()
    assert stored.perspectief == "bewoner" and stored.antwoorden[items("bewoner")[0]] is None
    # The form shows the earlier answers for editing.
    page = p.get(f"/s/{code}/bewoner").text
    assert 'value="4" checked' in page
    # A JSON client with the same cookie, and a form with only the hidden token, are the same
    # participant.
    token = p.cookies["deelnemer"]
    bare = TestClient(client.app, base_url=BASE)
    r = bare.post(f"/s/{code}/antwoord", data=edit | {"deelnemer": token}, headers=ORIGIN)
    assert r.status_code == 200 and len(sessie.antwoorden) == 1
    assert list(sessie.antwoorden) == [hash_token(token)]


def test_withdraw_removes_the_answer(room) -> None:
    client, sessie, _, _ = room
    p = phone(client, sessie.code)
    p.post(f"/s/{sessie.code}/antwoord", data=answers("professional", 2), headers=ORIGIN)
    r = p.post(f"/s/{sessie.code}/intrekken", headers=ORIGIN)
    assert r.status_code == 200 and "gewist" in r.text and sessie.antwoorden == {}
    stranger = TestClient(client.app, base_url=BASE)
    r = stranger.post(f"/s/{sessie.code}/intrekken", headers=JSON)
    assert r.status_code == 404 and "geen antwoorden" in r.json()["fout"]


BAD_POSTS = [
    # (description, headers, body kwargs, status, words in the Dutch message)
    (
        "geen Origin",
        {"accept": "application/json"},
        {"data": answers("professional", 1)},
        403,
        "niet van deze app",
    ),
    (
        "vreemde Origin",
        {"accept": "application/json", "origin": "http://kwaad.example"},
        {"data": answers("professional", 1)},
        403,
        "niet van deze app",
    ),
    (
        "Origin null",
        {"accept": "application/json", "origin": "null"},
        {"data": answers("professional", 1)},
        403,
        "niet van deze app",
    ),
    (
        "Origin null van een andere site",
        {"accept": "application/json", "origin": "null", "sec-fetch-site": "cross-site"},
        {"data": answers("professional", 1)},
        403,
        "niet van deze app",
    ),
    ("geen perspectief", JSON, {"data": {"p1a": "1"}}, 400, "Kies eerst"),
    ("onbekend perspectief", JSON, {"data": {"perspectief": "wethouder"}}, 400, "Kies eerst"),
    (
        "onbekende stelling",
        JSON,
        {"data": answers("professional", 1) | {"x9": "1"}},
        400,
        "Onbekende stelling 'x9'",
    ),
    (
        "stelling van ander perspectief",
        JSON,
        {"data": answers("professional", 1) | {items("bewoner")[0]: "1"}},
        400,
        "Onbekende stelling",
    ),
    ("antwoord 5", JSON, {"data": answers("professional", 5)}, 400, "0 tot 4"),
    ("antwoord -1", JSON, {"data": answers("professional", 1) | {"p1a": "-1"}}, 400, "0 tot 4"),
    (
        "antwoord tekst",
        JSON,
        {"data": answers("professional", 1) | {"p1a": "veel"}},
        400,
        "0 tot 4",
    ),
    ("antwoord 3.0", JSON, {"data": answers("professional", 1) | {"p1a": "3.0"}}, 400, "0 tot 4"),
    (
        "dubbel veld",
        JSON,
        {
            "content": "perspectief=bewoner&perspectief=professional",
            "headers": {"content-type": "application/x-www-form-urlencoded"},
        },
        400,
        "twee keer",
    ),
    (
        "kapot formulier",
        JSON,
        {
            "content": "perspectief",
            "headers": {"content-type": "application/x-www-form-urlencoded"},
        },
        400,
        "niet goed verstuurd",
    ),
    (
        "geen UTF-8",
        JSON,
        {
            "content": b"perspectief=\xff\xfe",
            "headers": {"content-type": "application/x-www-form-urlencoded"},
        },
        400,
        "UTF-8",
    ),
    (
        "verkeerd type",
        JSON,
        {"content": "hallo", "headers": {"content-type": "text/plain"}},
        415,
        "formulier",
    ),
    ("JSON-lijst", JSON, {"json": [1, 2]}, 400, "JSON-object"),
    (
        "JSON kapot",
        JSON,
        {"content": "{", "headers": {"content-type": "application/json"}},
        400,
        "geen geldige JSON",
    ),
    (
        "JSON ja/nee",
        JSON,
        {"json": {"perspectief": "bewoner", "b1a": True}},
        400,
        "ongeldige waarde",
    ),
    (
        "JSON lijst als waarde",
        JSON,
        {"json": {"perspectief": ["bewoner"]}},
        400,
        "ongeldige waarde",
    ),
    (
        "te groot",
        JSON,
        {
            "content": "perspectief=bewoner&x=" + "a" * MAX_BODY,
            "headers": {"content-type": "application/x-www-form-urlencoded"},
        },
        413,
        "te groot",
    ),
]


@pytest.mark.parametrize("case", BAD_POSTS, ids=[c[0] for c in BAD_POSTS])
def test_bad_submissions_change_nothing(room, case) -> None:
    client, sessie, _, _ = room
    _, headers, kwargs, status, words = case
    p = phone(client, sessie.code)
    p.post(f"/s/{sessie.code}/antwoord", data=answers("bewoner", 2), headers=ORIGIN)
    before = snapshot(sessie)
    kwargs = dict(kwargs)
    headers = {**headers, **kwargs.pop("headers", {})}
    r = p.post(f"/s/{sessie.code}/antwoord", headers=headers, **kwargs)
    assert r.status_code == status, r.text
    assert words in r.json()["fout"]
    assert snapshot(sessie) == before


def test_same_origin_browser_without_origin_header_is_accepted(room) -> None:
    client, sessie, _, _ = room
    p = phone(client, sessie.code)
    headers = {"accept": "application/json", "origin": "null", "sec-fetch-site": "same-origin"}
    r = p.post(f"/s/{sessie.code}/antwoord", data=answers("bewoner", 2), headers=headers)
    assert r.status_code == 200 and len(sessie.antwoorden) == 1


def test_bad_submission_from_a_browser_gets_a_dutch_page(room) -> None:
    client, sessie, _, _ = room
    p = phone(client, sessie.code)
    r = p.post(f"/s/{sessie.code}/antwoord", data={"perspectief": "x"}, headers=ORIGIN)
    assert r.status_code == 400 and '<html lang="nl">' in r.text and "Kies eerst" in r.text
    assert f'href="/s/{sessie.code}"' in r.text


def test_unknown_session_route_and_method(room) -> None:
    client, sessie, _, _ = room
    for path in ("/s/bestaatniet", "/s/bestaatniet/bewoner", "/begeleider/bestaatniet/stand"):
        r = client.get(path, headers={"accept": "application/json"})
        assert r.status_code == 404 and "bestaat niet" in r.json()["fout"]
    r = client.get(f"/s/{sessie.code}/wethouder", headers={"accept": "application/json"})
    assert r.status_code == 404 and "perspectief bestaat niet" in r.json()["fout"]
    assert client.get("/nergens").status_code == 404
    assert "bestaat niet" in client.get("/nergens").text
    r = client.delete(f"/s/{sessie.code}/antwoord", headers={"accept": "application/json"})
    assert r.status_code == 405 and "kan dat niet" in r.json()["fout"]
    r = client.get("/static/geheim.py", headers={"accept": "application/json"})
    assert r.status_code == 404


def test_security_headers_host_check_and_static_files(room) -> None:
    client, _, _, _ = room
    r = client.get("/")
    assert r.headers["content-security-policy"] == CSP
    assert "default-src 'none'" in CSP and "http" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"
    assert "server" not in r.headers
    assert client.get("/static/live.css").headers["content-type"].startswith("text/css")
    assert "EventSource" in client.get("/static/begeleider.js").text
    r = client.get("/", headers={"host": "rebind.example"})
    assert r.status_code == 400 and "Onbekend adres" in r.json()["fout"]
    r = client.post("/s/x/antwoord", headers={"content-length": "999999", **ORIGIN})
    assert r.status_code == 413


def test_rate_limit_per_participant(room) -> None:
    client, sessie, _, _ = room
    p = phone(client, sessie.code)
    statuses = [
        p.post(f"/s/{sessie.code}/antwoord", data=answers("bewoner", i % 5), headers=JSON)
        for i in range(25)
    ]
    limited = [r for r in statuses if r.status_code == 429]
    assert limited and "te veel verzoeken" in limited[0].json()["fout"]
    assert len(sessie.antwoorden) == 1
    # Another phone is not slowed down by the first.
    q = phone(client, sessie.code)
    assert (
        q.post(f"/s/{sessie.code}/antwoord", data=answers("bewoner", 1), headers=JSON).status_code
        == 200
    )


FACILITATOR_ROUTES = [
    ("GET", "/begeleider/{code}"),
    ("GET", "/begeleider/{code}/stand"),
    ("GET", "/begeleider/{code}/stroom"),
    ("GET", "/begeleider/{code}/qr.png"),
    ("GET", "/begeleider/{code}/export.json"),
    ("GET", "/begeleider/{code}/export.png"),
    ("GET", "/begeleider/{code}/export.html"),
    ("POST", "/begeleider/{code}/onthul"),
    ("POST", "/begeleider/{code}/verberg"),
    ("POST", "/begeleider/{code}/sluit"),
]


@pytest.mark.parametrize("method,path", FACILITATOR_ROUTES)
def test_facilitator_routes_need_the_secret(room, method: str, path: str) -> None:
    client, sessie, sleutel, _ = room
    before = snapshot(sessie)
    url = path.format(code=sessie.code)
    r = client.request(method, url, headers=JSON)
    assert r.status_code == 403 and "Alleen de begeleider" in r.json()["fout"]
    client.cookies.set(
        "begeleider",
        sleutel[:-1] + ("y" if sleutel.endswith("x") else "x"),
        path=f"/begeleider/{sessie.code}",
    )
    r = client.request(method, url, headers=JSON)
    assert r.status_code == 403
    assert snapshot(sessie) == before


def test_wrong_link_and_control_without_origin(room) -> None:
    client, sessie, sleutel, _ = room
    r = client.get(
        f"/begeleider/{sessie.code}",
        params={"sleutel": "raden"},
        headers={"accept": "application/json"},
    )
    assert r.status_code == 403 and "klopt niet" in r.json()["fout"]
    boss = login(client, sessie.code, sleutel)
    before = snapshot(sessie)
    r = boss.post(f"/begeleider/{sessie.code}/onthul", headers={"accept": "application/json"})
    assert r.status_code == 403 and snapshot(sessie) == before


def add(client: TestClient, code: str, perspectief: str, value: int, n: int) -> None:
    for _ in range(n):
        p = phone(client, code)
        r = p.post(f"/s/{code}/antwoord", data=answers(perspectief, value), headers=JSON)
        assert r.status_code == 200, r.text


def test_count_only_until_reveal_then_profile_from_three(room) -> None:
    client, sessie, sleutel, _ = room
    code = sessie.code
    boss = login(client, code, sleutel)
    add(client, code, "professional", 3, 2)
    page = boss.get(f"/begeleider/{code}").text
    assert "2 antwoorden." in page and "Groepsprofiel</h2>" not in page
    stand = boss.get(f"/begeleider/{code}/stand").json()
    assert stand["aantal"] == 2 and stand["profiel"] is None and stand["html"] == ""
    r = boss.post(f"/begeleider/{code}/onthul", headers=JSON)
    assert r.status_code == 200 and r.json()["profiel"] is None
    assert "Nog te weinig volledige antwoorden (2)" in r.json()["melding"]
    add(client, code, "professional", 3, 1)
    assert boss.get(f"/begeleider/{code}/stand").json()["profiel"] is None  # no live update
    r = boss.post(f"/begeleider/{code}/onthul", headers=ORIGIN, follow_redirects=False)
    assert r.status_code == 303
    stand = boss.get(f"/begeleider/{code}/stand").json()
    expected = groepsprofiel(list(sessie.antwoorden.values())).samenvatting()
    assert stand["profiel"] == expected  # the same JSON as `leerlab ladder groep`
    assert stand["profiel"]["verdeling"]["iedereen"]["5"] == 3  # all "klopt grotendeels"
    assert "Aantal deelnemers per positie" in stand["html"]
    page = boss.get(f"/begeleider/{code}").text
    assert "Groepsprofiel</h2>" in page and 'src="/begeleider/' in page
    export = boss.get(f"/begeleider/{code}/export.json")
    assert export.json() == expected
    boss.post(f"/begeleider/{code}/verberg", headers=ORIGIN)
    stand = boss.get(f"/begeleider/{code}/stand").json()
    assert stand["profiel"] is None and stand["melding"] == "3 antwoorden."


def test_snapshot_changes_only_after_three_changes(room) -> None:
    client, sessie, sleutel, _ = room
    code = sessie.code
    boss = login(client, code, sleutel)
    add(client, code, "professional", 4, 3)
    first = boss.post(f"/begeleider/{code}/onthul", headers=JSON).json()["profiel"]
    add(client, code, "professional", 0, 2)
    again = boss.post(f"/begeleider/{code}/onthul", headers=JSON).json()
    assert again["profiel"] == first and "2 deelnemers iets veranderd" in again["melding"]
    add(client, code, "professional", 0, 1)
    third = boss.post(f"/begeleider/{code}/onthul", headers=JSON).json()["profiel"]
    assert third != first and third["aantal"] == 6


def test_small_perspective_is_not_subtractable(room) -> None:
    client, sessie, sleutel, _ = room
    code = sessie.code
    boss = login(client, code, sleutel)
    add(client, code, "professional", 4, 3)
    add(client, code, "bewoner", 0, 1)
    profiel = boss.post(f"/begeleider/{code}/onthul", headers=JSON).json()["profiel"]
    assert list(profiel["verdeling"]) == ["iedereen"]
    assert profiel["verschil_per_trede"] is None
    assert sorted(profiel["niet_apart_getoond"]) == ["bewoner", "professional"]
    full = groepsprofiel(list(sessie.antwoorden.values()))
    assert list(full.verdeling) == ["iedereen"]  # the model itself hides it now
    assert profiel == full.samenvatting()


def test_close_deletes_answers_keeps_aggregate(room) -> None:
    client, sessie, sleutel, _ = room
    code = sessie.code
    boss = login(client, code, sleutel)
    add(client, code, "bewoner", 2, 3)
    add(client, code, "professional", 4, 3)
    expected = groepsprofiel(list(sessie.antwoorden.values())).samenvatting()
    r = boss.post(f"/begeleider/{code}/sluit", headers=ORIGIN, follow_redirects=False)
    assert r.status_code == 303
    assert sessie.antwoorden == {} and sessie.gesloten
    assert boss.get(f"/begeleider/{code}/export.json").json() == expected
    assert expected["verschil_per_trede"] is not None
    page = boss.get(f"/begeleider/{code}").text
    assert "gesloten" in page and "/onthul" not in page
    p = TestClient(client.app, base_url=BASE)
    r = p.get(f"/s/{code}", headers={"accept": "application/json"})
    assert r.status_code == 410 and "gesloten" in r.json()["fout"]
    r = p.post(f"/s/{code}/antwoord", data=answers("bewoner", 1), headers=JSON)
    assert r.status_code == 410 and sessie.antwoorden == {}
    r = boss.post(f"/begeleider/{code}/onthul", headers=JSON)
    assert r.status_code == 410


def test_export_before_reveal_is_refused(room) -> None:
    client, sessie, sleutel, _ = room
    boss = login(client, sessie.code, sleutel)
    add(client, sessie.code, "bewoner", 2, 3)
    r = boss.get(f"/begeleider/{sessie.code}/export.json", headers={"accept": "application/json"})
    assert r.status_code == 409 and "nog geen groepsprofiel" in r.json()["fout"]


def test_expired_session_closes_itself(room) -> None:
    client, sessie, _, _ = room
    add(client, sessie.code, "bewoner", 2, 3)
    sessie.verloopt = 0
    r = client.get(f"/s/{sessie.code}", headers={"accept": "application/json"})
    assert r.status_code == 410 and sessie.gesloten and sessie.antwoorden == {}
    assert sessie.momentopname is not None  # the aggregate is kept


def test_qr_png_decodes_to_the_join_address(room, tmp_path) -> None:
    client, sessie, sleutel, live = room
    url = f"http://192.0.2.7:8765/s/{sessie.code}"
    live.deelnemers_urls[sessie.code] = url
    boss = login(client, sessie.code, sleutel)
    png = boss.get(f"/begeleider/{sessie.code}/qr.png")
    assert png.headers["content-type"] == "image/png"
    (tmp_path / "qr.png").write_bytes(png.content)
    assert zbar(tmp_path / "qr.png") == [f"QR-Code:{url}"]
    page = boss.get(f"/begeleider/{sessie.code}").text
    assert url in page and f'alt="QR-code met het adres {url}"' in page


def test_addresses_list_every_interface_loopback_last() -> None:
    from leerlab.live.server import adressen

    found = adressen("0.0.0.0")
    assert found and found[-1].ip.startswith("127.")
    assert adressen("192.0.2.5")[0].url(8765) == "http://192.0.2.5:8765"
    assert adressen("::1")[0].url(80) == "http://[::1]:80"


def test_command_refuses_a_busy_port_in_dutch(tmp_path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from leerlab.commands.cli import main; main()",
                "sessie",
                "live",
                "--host",
                "127.0.0.1",
                "--poort",
                str(port),
                "--geen-browser",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"Poort {port} op 127.0.0.1 is niet vrij" in done.stderr
    assert "Traceback" not in done.stderr


def test_png_and_html_exports_use_the_group_commands_chart(room) -> None:
    import json as _json

    import vl_convert as vlc

    from leerlab.live.sessie import profiel_uit
    from leerlab.views.ladder_charts import groep_grafiek

    client, sessie, sleutel, _ = room
    code = sessie.code
    boss = login(client, code, sleutel)
    for path in ("export.png", "export.html"):
        r = boss.get(f"/begeleider/{code}/{path}", headers={"accept": "application/json"})
        assert r.status_code == 409
    add(client, code, "bewoner", 1, 3)
    add(client, code, "professional", 4, 3)
    boss.post(f"/begeleider/{code}/onthul", headers=JSON)
    spec = groep_grafiek(groepsprofiel(list(sessie.antwoorden.values()))).to_dict()
    png = boss.get(f"/begeleider/{code}/export.png")
    assert png.headers["content-type"] == "image/png"
    assert png.content == vlc.vegalite_to_png(spec, scale=2)  # what `leerlab ladder groep` writes
    stored = _json.loads(_json.dumps(sessie.momentopname["gegevens"]))  # as after a restart
    assert groep_grafiek(profiel_uit(stored)).to_dict() == spec
    page = boss.get(f"/begeleider/{code}/export.html").text
    assert '<html lang="nl">' in page and "<svg" in page and "Grafiek in woorden" in page
