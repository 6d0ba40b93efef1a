"""Session plans: one per chapter with every part, times that add up, and the harvest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from leerlab.boek import bouw as book
from leerlab.commands.cli import app
from leerlab.errors import DataFout
from leerlab.models import sessies

ROOT = Path(__file__).resolve().parent.parent
NOTITIES = ROOT / "book" / "sessies" / "oogst-notities.yaml"


def hoofdstukken() -> list[Path]:
    return sorted(p for p in (ROOT / "chapters").glob("[0-9][0-9]-*.md"))


def test_every_chapter_has_a_session_plan() -> None:
    plannen = {s.hoofdstuk: s for s in sessies.sessies()}
    assert len(hoofdstukken()) == 8
    for page in hoofdstukken():
        nummer = int(page.name[:2])
        assert nummer in plannen, f"geen sessieplan voor {page.name}"
        assert plannen[nummer].hoofdstukpagina == f"chapters/{page.stem}"


@pytest.mark.parametrize("sessie", sessies.sessies(), ids=lambda s: s.code)
def test_plan_has_all_parts(sessie: sessies.Sessie) -> None:
    for veld in ("doel", "publiek", "leerdoelen", "kernvragen", "voorbereiding", "materialen"):
        assert getattr(sessie, veld), veld
    assert sessie.rollen.facilitator and sessie.rollen.tijdbewaker and sessie.rollen.oogster
    assert {m.methode for m in sessie.methoden} >= {"4 D's", "feedbackvolgorde", "oogst"}
    for hulp in sessie.hulpmiddelen:
        assert (ROOT / f"{hulp.pagina}.md").is_file(), hulp.pagina
    for key, duur in (("kort", 90), ("dagdeel", 210)):
        variant = getattr(sessie, key)
        assert sum(stap.minuten for stap in variant.stappen) == duur
        vormen = {stap.werkvorm for stap in variant.stappen}
        assert vormen >= {"doen", "delen", "dialoog", "duiden", "oogst"}
    # The half day has a round of feedback in the order of the learning network.
    feedback = [s for s in sessie.dagdeel.stappen if s.werkvorm == "feedback"]
    assert feedback, "het dagdeel heeft geen feedbackronde"
    vragen = feedback[0].vragen
    assert len(vragen) == 3
    for vraag, woord in zip(vragen, ("goed", "kwetsbaar", "afwezig"), strict=True):
        assert woord in vraag
    assert len(sessie.handout.kern) >= 3 and sessie.handout.opdracht


@pytest.mark.parametrize("sessie", sessies.sessies(), ids=lambda s: s.code)
def test_session_page_is_in_the_book(sessie: sessies.Sessie) -> None:
    entry = f"book/sessies/sessie-{sessie.code}"
    assert entry in book.toc_entries(ROOT)
    text = (ROOT / f"{entry}.md").read_text(encoding="utf-8")
    assert text.startswith(f"# Sessie {sessie.hoofdstuk}: {sessie.titel}\n")
    assert f"{{sessieplan}} {sessie.hoofdstuk}" in text
    assert f"{{sessiehandout}} {sessie.hoofdstuk}" in text


def _plan_met(tmp_path: Path, wijzig: object) -> Path:
    data = yaml.safe_load((ROOT / "data" / "sessies" / "01.yaml").read_text(encoding="utf-8"))
    wijzig(data[0])  # type: ignore[operator]
    path = tmp_path / "01.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_times_that_do_not_add_up_are_refused(tmp_path: Path) -> None:
    from leerlab.data import load_records

    def langer(plan: dict) -> None:
        plan["kort"]["stappen"][0]["minuten"] += 5

    with pytest.raises(DataFout, match="duren samen 95 minuten, maar de variant duurt 90"):
        load_records(_plan_met(tmp_path, langer), sessies.Sessie)


def test_a_plan_without_dialogue_is_refused(tmp_path: Path) -> None:
    from leerlab.data import load_records

    def zonder_dialoog(plan: dict) -> None:
        for stap in plan["kort"]["stappen"]:
            if stap["werkvorm"] == "dialoog":
                stap["werkvorm"] = "delen"

    with pytest.raises(DataFout, match="4 D's; er ontbreekt: dialoog"):
        load_records(_plan_met(tmp_path, zonder_dialoog), sessies.Sessie)


def test_rendered_plan_links_both_pdfs_and_schedules() -> None:
    sessie = sessies.sessie(6)
    myst = sessies.sessie_myst(sessie)
    assert 'href="pdf/sessie-06-draaiboek.pdf"' in myst
    assert 'href="pdf/sessie-06-handout.pdf"' in myst
    assert "| | **Totaal** | | **90** |" in myst
    assert "| | **Totaal** | | **210** |" in myst
    assert "{doc}`Rekenmodellen voor bekostiging </chapters/06a-rekenmodellen>`" in myst
    # The last step of the half day ends at 3:30.
    assert re.search(r"\| 3:\d\d–3:30 \| Oogsten", myst)
    assert "Handout voor deelnemers" in sessies.handout_myst(sessie)


def test_oogst_makes_one_self_contained_page() -> None:
    notities = sessies.lees_notities(NOTITIES)
    notities.goed.append("<script>alert(1)</script>")
    page = sessies.oogst_html(notities)
    assert '<html lang="nl">' in page
    assert "Eigenaarschap en de Trap van Eigenaarschap" in page
    assert "Jongeren uit de wijk zaten niet aan tafel." in page
    assert "Voorstel voor een eigen budget maken" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert not re.search(r"(src|href)=\"https?:", page)


def test_oogst_cli_writes_summary(tmp_path: Path) -> None:
    uit = tmp_path / "oogst.html"
    result = CliRunner().invoke(app, ["sessie", "oogst", str(NOTITIES), "--uit", str(uit)])
    assert result.exit_code == 0, result.output
    assert "Wat is opvallend afwezig" in uit.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("sessie: 3\ndatum: 2026-03-12\n", "veld 'netwerk': dit veld ontbreekt"),
        ("sessie: 12\n", "veld 'sessie': deze waarde moet hoogstens 8 zijn"),
        ("- een lijst\n", "moet velden bevatten"),
        ("sessie: [3\n", "geen geldige YAML"),
    ],
)
def test_bad_notes_give_a_dutch_error_and_write_nothing(
    tmp_path: Path, inhoud: str, melding: str
) -> None:
    notities = tmp_path / "notities.yaml"
    notities.write_text(inhoud, encoding="utf-8")
    uit = tmp_path / "oogst.html"
    with pytest.raises(DataFout, match=re.escape(melding)):
        sessies.maak_oogst(notities, uit)
    assert not uit.exists()


def test_cli_error_is_one_dutch_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    leerlab = Path(sys.executable).parent / "leerlab"
    result = subprocess.run(
        [str(leerlab), "sessie", "oogst", str(tmp_path / "weg.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("Fout:")
    assert "bestaat niet" in result.stderr
    assert "Traceback" not in result.stderr
