"""The two HTML overviews of issue 18: who decides (chapter 3) and the lab's answers (chapter 7c).

Hand-checked facts from the sources (rows, labels, counts, lines), every element with a
reference that lies inside its source (and, with the texts, names what it cites), a text
alternative that names every element, and the built pages: the figure is there, its links
land on a real section, it fits a phone and prints on one A4 page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from leerlab.errors import DataFout
from leerlab.models import bronnen
from leerlab.models.overzichten import (
    LabAntwoord,
    Verschuiving,
    lab_antwoorden,
    lab_vragen,
    verschuivingen,
)
from leerlab.views.figuren.beeld import BEELD_MARKER
from leerlab.views.figuren.h03 import (
    met_regels,
    patroon,
    regels_tekst,
    wie_beslist_beeld,
    wie_beslist_beschrijving,
)
from leerlab.views.figuren.h07 import PAGINATITELS, lab_beeld, lab_beschrijving, pagina_kort

ROOT = Path(__file__).resolve().parents[1]


def alle_verwijzingen(records: list) -> list:  # type: ignore[type-arg]
    return [ref for rec in records for ref in bronnen.verwijzingen_in(rec)]


# ----------------------------------------------------------------- (a) who decides
def test_five_rows_by_hand() -> None:
    rijen = verschuivingen()
    assert [r.id for r in rijen] == ["wijk", "plan", "lab", "initiatief", "overheid"]
    assert [r.bron for r in rijen] == [
        "siegers-tijdperk",
        "siegers-tijdperk",
        "alternatievenlab2021",
        "deboer2016",
        "rmo2014",
    ]
    assert [r.eerst.wie for r in rijen] == [
        "de overheid",
        "de hulpverlening",
        "protocollen, van bovenaf",
        "vooral de overheid",
        "een groeiende overheid",
    ]
    assert [r.daarna.kant for r in rijen] == [
        "leefwereld",
        "samen",
        "samen",
        "leefwereld",
        "leefwereld",
    ]
    assert {r.eerst.kant for r in rijen} == {"systeem"}
    # where the source leaves something open, the row says so (slide text, lab, De Boer, RMO)
    assert [r.id for r in rijen if r.vaag] == ["wijk", "lab", "initiatief", "overheid"]


def test_every_cell_cites_lines_inside_its_own_source() -> None:
    afdruk = bronnen.laad_vingerafdruk()
    for rij in verschuivingen():
        for deel in (rij.eerst, rij.daarna, rij.blijft):
            assert deel.verwijzingen, rij.id
            for ref in deel.verwijzingen:
                assert ref.document == rij.bron
                assert bronnen.regelfout(ref.document, *ref.bereik, afdruk) is None
                assert ref.noemt, f"{rij.id}: elke verwijzing noemt wat er staat"


def test_cited_lines_contain_what_they_cite() -> None:
    folder = bronnen.bronteksten_map()
    if folder is None:
        pytest.skip(bronnen.ZONDER_BRONTEKSTEN)
    records = [*verschuivingen(), *lab_vragen(), *lab_antwoorden()]
    fouten = [
        (ref.document, ref.regels, bronnen.naamfouten(ref.document, *ref.bereik, ref.noemt, folder))
        for ref in alle_verwijzingen(records)
    ]
    assert [f for f in fouten if f[2]] == []


def test_a_row_keeps_to_one_source() -> None:
    rij = verschuivingen()[0].model_dump()
    rij["daarna"]["verwijzingen"] = [{"document": "rmo2014", "regels": "1"}]
    with pytest.raises(ValidationError, match="één rij, één bron"):
        Verschuiving.model_validate(rij)


def test_line_labels() -> None:
    ref = verschuivingen()[1].blijft.verwijzingen
    assert regels_tekst(ref) == "regels 369 en 456-458"
    assert regels_tekst(verschuivingen()[2].blijft.verwijzingen) == "regel 21"
    assert met_regels("Zo gaat het.", ref) == "Zo gaat het (regels 369 en 456-458)."


def test_text_alternative_names_every_element() -> None:
    rijen = verschuivingen()
    tekst = wie_beslist_beschrijving(rijen)
    assert tekst.startswith("Een overzicht in 5 rijen.")
    for r in rijen:
        for woord in (r.terrein, r.eerst.wie, r.daarna.wie, r.blijft.kort, r.eerst.uitleg[:-1]):
            assert woord in tekst, woord
        for ref in alle_verwijzingen([r]):
            assert ref.regels in tekst
        if r.vaag:
            assert r.vaag in tekst
    assert "In elke rij beslist eerst de systeemwereld." in tekst


def test_summary_sentence_follows_the_data() -> None:
    rijen = verschuivingen()
    assert "beslist eerst de systeemwereld" in patroon(rijen)
    anders = rijen[0].model_copy(update={"eerst": rijen[0].daarna})
    assert "beslist eerst de systeemwereld" not in patroon([anders, *rijen[1:]])
    assert "Na de kanteling" in patroon([anders, *rijen[1:]])


def test_figure_html_has_a_row_per_record_in_order() -> None:
    figuur = wie_beslist_beeld()
    html = figuur.html()
    assert html.startswith(f'<figure class="{BEELD_MARKER} leerlab-wie" id="h03-wie-beslist"')
    assert re.findall(r'data-rij="([a-z-]+)"', html) == [r.id for r in verschuivingen()]
    assert html.count("leerlab-wie-cel leerlab-kant-systeem") == 5
    assert html.count("leerlab-wie-cel leerlab-kant-samen") == 2
    assert html.count("leerlab-wie-cel leerlab-kant-leefwereld") == 3
    # a colour never stands alone: every cell also carries its side as a word
    assert html.count('<span class="leerlab-wie-tag">') == 10
    assert html.count("Eerst beslist: </span>") == 5
    assert "<script" not in html
    assert figuur._repr_mimebundle_()["text/html"] == html


# ----------------------------------------------------------------- (b) the lab's answers
def test_three_questions_and_thirty_one_answers_by_hand() -> None:
    vragen = lab_vragen()
    assert [v.vraag for v in vragen] == [
        "Hoe organiseer je met lef?",
        "Welke voorwaarden moet een gemeente scheppen?",
        "Hoe schaal je de beweging van moedige gemeenten op?",
    ]
    antwoorden = lab_antwoorden()
    assert [sum(a.vraag == n for a in antwoorden) for n in (1, 2, 3)] == [13, 13, 5]
    per = {(a.vraag, a.nummer): a for a in antwoorden}
    assert per[(1, 1)].titel == "Geef vertrouwen" and per[(1, 1)].verwijzing.regels == "124"
    assert per[(1, 13)].titel == "Pak regelzucht aan"
    assert per[(2, 11)].titel == "Werk met de omgekeerde verordening"
    assert (per[(2, 11)].pagina, per[(2, 11)].anker) == (
        "07c-alternatievenlab",
        "de-omgekeerde-verordening",
    )
    assert per[(3, 1)].pagina == "08a-leren" and per[(3, 5)].verwijzing.regels == "162"
    # the answers sit under their question in the report: 1 in 122-137, 2 in 139-154, 3 in 156-162
    blokken = {1: (122, 137), 2: (139, 154), 3: (156, 162)}
    for a in antwoorden:
        van, tot = blokken[a.vraag]
        assert a.verwijzing.document == "alternatievenlab2021"
        assert van < a.verwijzing.bereik[0] <= tot, a.titel
    regels = [a.verwijzing.bereik[0] for a in antwoorden]
    assert regels == sorted(regels) and len(set(regels)) == 31


def test_answers_point_to_pages_that_exist_with_their_titles() -> None:
    for pagina, titel in PAGINATITELS.items():
        text = (ROOT / "chapters" / f"{pagina}.md").read_text(encoding="utf-8")
        assert re.search(r"^# (.+)$", text, re.MULTILINE).group(1) == titel  # type: ignore[union-attr]
    assert {a.pagina for a in lab_antwoorden()} == set(PAGINATITELS)
    assert pagina_kort("07b-maatwerk") == "7b" and pagina_kort("06-bekostiging") == "6"


def test_gap_in_numbering_is_a_dutch_data_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "_toc.yml").write_text("format: jb-book\n", encoding="utf-8")
    shutil.copytree(ROOT / "data" / "figuren", tmp_path / "data" / "figuren")
    pad = tmp_path / "data" / "figuren" / "lab-antwoorden.yaml"
    pad.write_text(
        pad.read_text(encoding="utf-8").replace("{vraag: 3, nummer: 2,", "{vraag: 3, nummer: 7,"),
        encoding="utf-8",
    )
    monkeypatch.setenv("LEERLAB_ROOT", str(tmp_path))
    with pytest.raises(DataFout, match=r"vraag 3 .*zonder gaten; nu \[1, 7, 3, 4, 5\]"):
        lab_antwoorden()


def test_answer_page_must_be_a_chapter_page() -> None:
    with pytest.raises(ValidationError):
        LabAntwoord.model_validate(
            {
                "vraag": 1,
                "nummer": 1,
                "titel": "Geef vertrouwen",
                "pagina": "https://example.org/x",
                "anker": "x",
                "verwijzing": {"document": "alternatievenlab2021", "regels": "124"},
            }
        )


def test_lab_text_alternative_names_every_question_and_answer() -> None:
    tekst = lab_beschrijving()
    assert "Samen 31 antwoorden: 13 bij vraag 1, 13 bij vraag 2, 5 bij vraag 3." in tekst
    for v in lab_vragen():
        assert v.vraag in tekst
    for a in lab_antwoorden():
        assert f"{a.nummer}. {a.titel} (regel {a.verwijzing.regels}, pagina " in tekst
    for titel in PAGINATITELS.values():
        assert titel in tekst


def test_lab_figure_html() -> None:
    html = lab_beeld().html()
    assert html.count('class="leerlab-lab-vraag"') == 3
    assert html.count('class="leerlab-lab-antwoord"') == 31
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert len(hrefs) == 31 and all(
        re.fullmatch(r"\d\d[a-z]?-[a-z-]+\.html#[a-z0-9-]+", h) for h in hrefs
    )
    assert "Uitleg in de cursus: pagina </span>7b</a>" in html
    assert "<script" not in html


# ----------------------------------------------------------------- the built book
@pytest.mark.build
def test_built_pages_show_both_figures(site: Path) -> None:
    hoofdstuk3 = (site / "chapters" / "03-eigenaarschap.html").read_text(encoding="utf-8")
    assert 'id="h03-wie-beslist"' in hoofdstuk3
    assert hoofdstuk3.count('class="leerlab-wie-rij"') == 5
    assert "Figuur in woorden" in hoofdstuk3
    lab = (site / "chapters" / "07c-alternatievenlab.html").read_text(encoding="utf-8")
    assert 'id="h07-lab-antwoorden"' in lab
    assert lab.count('class="leerlab-lab-antwoord"') == 31


@pytest.mark.build
def test_every_lab_link_lands_on_a_section(site: Path) -> None:
    html = (site / "chapters" / "07c-alternatievenlab.html").read_text(encoding="utf-8")
    figuur = html[html.index('id="h07-lab-antwoorden"') :].split("</figure>")[0]
    links = set(re.findall(r'href="([^"#]+)#([^"]+)"', figuur))
    assert len(links) == 7
    for pagina, anker in links:
        doel = (site / "chapters" / pagina).read_text(encoding="utf-8")
        assert f'id="{anker}"' in doel, f"{pagina}#{anker}"


PAGINAS = [
    ("chapters/03-eigenaarschap.html", "#h03-wie-beslist"),
    ("chapters/07c-alternatievenlab.html", "#h07-lab-antwoorden"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("pad", "figuur"), PAGINAS)
def test_figure_fits_a_phone_and_reads_in_order(open_page, pad: str, figuur: str) -> None:  # type: ignore[no-untyped-def]
    visit = open_page(pad, wait_for_charts=False)
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 800})
    breed = page.evaluate(
        f"(() => {{ const f = document.querySelector('{figuur}');"
        " return [f.scrollWidth, f.clientWidth, document.documentElement.scrollWidth]; })()"
    )
    assert breed[0] <= breed[1] + 1, breed
    assert breed[2] <= 390 + 1, breed
    # the text alternative opens with the keyboard
    page.focus(f"{figuur} summary")
    page.keyboard.press("Enter")
    assert page.is_visible(f"{figuur}-tekst")
    assert not visit.page_errors and not visit.console_errors and not visit.blocked


@pytest.mark.browser
@pytest.mark.parametrize(("pad", "figuur"), PAGINAS)
def test_figure_prints_on_one_a4_page(open_page, server: str, pad: str, figuur: str) -> None:  # type: ignore[no-untyped-def]
    """The figure alone, with the book's screen and print styles, fills one A4 page."""
    visit = open_page(pad, wait_for_charts=False)
    page = visit.page
    buiten = page.evaluate(f"document.querySelector('{figuur}').outerHTML")
    page.set_content(
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        f"<link rel='stylesheet' href='{server}/_static/leerlab.css'>"
        f"<link rel='stylesheet' href='{server}/_static/print.css'></head><body>"
        f"{buiten}</body></html>",
        wait_until="load",
    )
    assert page.evaluate(f"document.querySelectorAll('{figuur}').length") == 1
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    assert not visit.blocked
