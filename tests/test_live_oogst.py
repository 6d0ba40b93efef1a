"""The harvest form in the book: the browser's summary equals `leerlab sessie oogst`.

The page's script must build, from what a reader types, exactly the page Python builds
from the same notes, and its download must be a notes file the command accepts.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leerlab.commands.cli import app
from leerlab.live.oogstpagina import config
from leerlab.models import sessies

PAGE = "book/sessies/oogst.html"
NOTITIES = Path("book/sessies/oogst-notities.yaml")
ROOT = "[data-leerlab-script='oogst']"

HOSTILE = sessies.OogstNotities(
    sessie=6,
    datum=date(2026, 11, 30),
    netwerk="<script>alert('netwerk')</script>",
    deelnemers=500,
    gemeenten=["A & B", '"Citaat"', "</textarea><b>vet</b>"],
    casus="<img src=x onerror=alert(1)>",
    goed=["<script>document.title='gehackt'</script>", "Ève & Zoë <3"],
    kwetsbaar=["{{ sessie }} ${x} </li></ul>"],
    inzichten=["'; DROP TABLE oogst; --"],
    hulpmiddel="<iframe src='https://voorbeeld.nl'></iframe>",
    acties=[sessies.Actie(wat="<b>vet</b>", wie="<i>", wanneer="</td></tr>")],
    vragen=["<!-- commentaar -->"],
)
MINIMAL = sessies.OogstNotities(
    sessie=8,
    datum=date(2027, 1, 5),
    netwerk="Netwerk Zuid",
    deelnemers=1,
    goed=["Kort en goed."],
    inzichten=["Eén inzicht."],
)


def fill(page, notes: sessies.OogstNotities) -> None:
    page.fill("#oogst-sessie", str(notes.sessie))
    page.fill("#oogst-datum", notes.datum.isoformat())
    page.fill("#oogst-netwerk", notes.netwerk)
    page.fill("#oogst-deelnemers", str(notes.deelnemers))
    for name in ("gemeenten", "goed", "kwetsbaar", "afwezig", "inzichten", "beelden", "vragen"):
        page.fill(f"#oogst-{name}", "\n".join(getattr(notes, name)))
    page.fill("#oogst-casus", notes.casus or "")
    page.fill("#oogst-hulpmiddel", notes.hulpmiddel or "")
    for i in range(1, config()["aantalActies"] + 1):
        actie = notes.acties[i - 1] if i <= len(notes.acties) else None
        for field in ("wat", "wie", "wanneer"):
            page.fill(f"#oogst-actie-{i}-{field}", getattr(actie, field) if actie else "")


def submit(page) -> None:
    before = page.locator(ROOT).get_attribute("data-klaar") or "0"
    page.get_by_role("button", name="Maak de samenvatting").click()
    page.wait_for_function(
        "(b) => document.querySelector(\"[data-leerlab-script='oogst']\").dataset.klaar !== b",
        arg=before,
    )


def test_config_comes_from_the_schema() -> None:
    cfg = config()
    schema = sessies.OogstNotities.model_json_schema()
    assert set(cfg["velden"]) | {"acties"} == set(schema["properties"])
    assert cfg["velden"]["sessie"]["min"] == 1 and cfg["velden"]["sessie"]["max"] == 8
    assert cfg["velden"]["deelnemers"]["max"] == 500
    assert cfg["velden"]["goed"]["verplicht"] and cfg["velden"]["goed"]["minItems"] == 1
    assert not cfg["velden"]["casus"]["verplicht"]
    assert cfg["actie"] == {"wat": 3, "wie": 2, "wanneer": 2}
    assert cfg["teksten"] is sessies.OOGST_TEKSTEN


@pytest.mark.browser
def test_browser_summary_equals_python_and_download_round_trips(open_page, tmp_path: Path) -> None:
    visit = open_page(PAGE)
    page = visit.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for number, notes in enumerate([sessies.lees_notities(NOTITIES), MINIMAL, HOSTILE]):
        expected = sessies.oogst_html(notes)
        fill(page, notes)
        submit(page)
        frame_el = page.locator(f"{ROOT} iframe.oogst-uitvoer")
        assert frame_el.get_attribute("srcdoc") == expected
        shown = frame_el.content_frame.locator("body").inner_text()
        reference = page.context.new_page()
        reference.set_content(expected)
        assert shown == reference.locator("body").inner_text()
        reference.close()
        assert frame_el.content_frame.locator("script, img, b, i, iframe").count() == 0
        with page.expect_download() as info:
            page.get_by_role("button", name="Download de notities (JSON)").click()
        saved = tmp_path / f"notities-{number}.json"
        saved.write_bytes(Path(info.value.path()).read_bytes())
        assert info.value.suggested_filename == f"oogst-notities-sessie-{notes.sessie}.json"
        json.loads(saved.read_text(encoding="utf-8"))
        uit = tmp_path / f"oogst-{number}.html"
        result = CliRunner().invoke(app, ["sessie", "oogst", str(saved), "--uit", str(uit)])
        assert result.exit_code == 0, result.output
        assert uit.read_text(encoding="utf-8") == expected
    shown = page.locator(f"{ROOT} iframe.oogst-uitvoer").content_frame.locator("body").inner_text()
    assert "<script>document.title='gehackt'</script>" in shown
    assert dialogs == []
    assert visit.blocked == [] and visit.page_errors == [] and visit.console_errors == []


@pytest.mark.browser
def test_bad_input_gives_dutch_errors_and_no_summary(open_page) -> None:
    page = open_page(PAGE).page
    page.fill("#oogst-sessie", "12")
    page.fill("#oogst-netwerk", "X")
    page.fill("#oogst-actie-1-wat", "ab")
    submit(page)
    errors = page.locator(f"{ROOT} .oogst-fouten li").all_inner_texts()
    assert "Sessie (nummer): kies een heel getal van 1 tot en met 8." in errors
    assert "Netwerk: schrijf minstens 2 tekens." in errors
    assert "Datum: dit veld is verplicht." in errors
    assert "1. Wat gaat er goed?: schrijf minstens 1 punt op." in errors
    assert "Afspraak 1, Wat: schrijf minstens 3 tekens." in errors
    assert page.locator(f"{ROOT} iframe.oogst-uitvoer").is_hidden()
    assert page.evaluate("document.activeElement.id") == "oogst-sessie"
    assert page.locator("#oogst-netwerk").get_attribute("aria-invalid") == "true"


@pytest.mark.browser
def test_form_fits_a_phone(open_page) -> None:
    page = open_page(PAGE).page
    page.set_viewport_size({"width": 360, "height": 740})
    over = page.evaluate(
        "() => [...document.querySelectorAll(\"[data-leerlab-script='oogst'] input,"
        " [data-leerlab-script='oogst'] textarea\")]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth).length"
    )
    assert over == 0
    page.focus("#oogst-sessie")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "oogst-datum"
