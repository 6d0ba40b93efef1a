"""Trap van Eigenaarschap: hand-checked scoring, properties, data checks, exports, group command."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leerlab.errors import DataFout, InvoerFout, LeerlabFout
from leerlab.models import ladder as L
from leerlab.views.ladder_charts import groep_beschrijving

ROOT = Path(__file__).resolve().parent.parent
PROF = [f"p{n}{x}" for n in range(1, 6) for x in "ab"]
BEW = [f"b{n}{x}" for n in range(1, 6) for x in "ab"]


def answers(ids: list[str], values: list[int | None]) -> dict[str, int | None]:
    return dict(zip(ids, values, strict=True))


# --------------------------------------------------------------------------- hand-checked


def test_all_fully_agreed_is_top_rung() -> None:
    u = L.score(answers(PROF, [4] * 10), "professional")
    assert u.positie == 5
    assert u.scores == {1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 1.0}
    assert u.status == {1: "bereikt", 2: "bereikt", 3: "bereikt", 4: "bereikt", 5: "positie"}
    assert not u.gemengd and u.op_weg_naar is None and u.ontbrekend == []
    assert L.laad_trap().effect_bij(5).naam == "eigenaarschap"


def test_all_disagreed_is_below_the_ladder() -> None:
    u = L.score(answers(BEW, [0] * 10), "bewoner")
    assert u.positie == 0
    assert set(u.status.values()) == {"niet"}
    assert L.melding(u).startswith("Je situatie staat nog niet op de trap")
    assert "afhankelijkheid" in L.melding(u)


def test_worked_example_with_rounding_and_partial_rung() -> None:
    # rung 1: (4+3)/8 = 0.875; rung 2: 6/8 = 0.75 (exactly the threshold: reached);
    # rung 3: 5/8 = 0.625 (partly); rung 4: 1/8; rung 5: 0.
    u = L.score(answers(PROF, [4, 3, 3, 3, 2, 3, 1, 0, 0, 0]), "professional")
    assert u.positie == 2
    assert [u.procent(n) for n in range(1, 6)] == [88, 75, 63, 13, 0]  # half rounds up
    assert u.status == {1: "bereikt", 2: "positie", 3: "deels", 4: "niet", 5: "niet"}
    assert u.op_weg_naar == 3 and not u.gemengd
    assert L.melding(u) == (
        "Je situatie staat op trede 2: raadplegen en mening geven. Het effect op mensen: "
        "onzekerheid. Trede 3 is deels bereikt."
    )


def test_mixed_answers_are_flagged() -> None:
    # Residents carry out the plan (rung 4) but nobody asked their opinion (rungs 2-3).
    u = L.score(answers(BEW, [4, 4, 1, 1, 0, 0, 4, 3, 1, None]), "bewoner")
    assert u.positie == 4
    assert u.gemengd
    assert u.scores[5] == 0.25  # only b5a answered: 1/4
    assert u.ontbrekend == ["b5b"] and u.tekort == []
    assert "gemengd" in L.melding(u) and "Niet beantwoord: stelling 4." in L.melding(u)
    assert L.laad_trap().effect_bij(4).naam == "verantwoordelijkheid"


def test_the_questionnaire_order_is_fixed_shuffled_and_hides_the_rungs() -> None:
    """Rung order would show the ladder and steer answers; the order is the same everywhere."""
    trap = L.laad_trap()
    assert [i.id for i in trap.vragenlijst("professional")] == [
        "p4a", "p1b", "p5a", "p2a", "p3a", "p4b", "p3b", "p1a", "p5b", "p2b",
    ]  # fmt: skip
    for perspectief in L.PERSPECTIEVEN:
        order = trap.vragenlijst(perspectief)
        assert sorted(i.id for i in order) == sorted(i.id for i in trap.items_van(perspectief))
        assert all(a.trede != b.trede for a, b in zip(order, order[1:], strict=False))
        assert [trap.stelling_nummer(i.id) for i in order] == list(range(1, len(order) + 1))


def test_the_page_and_widget_show_numbers_not_item_codes() -> None:
    from leerlab.views.ladder_pagina import zelftest_html

    page = zelftest_html()
    for item in L.laad_trap().items:
        assert f"({item.id})" not in page
    from leerlab.views.ladder_widget import ZelftestWidget

    labels = [box.children[0].value for box in ZelftestWidget().blokken["professional"].children]
    first = L.laad_trap().vragenlijst("professional")[0]
    assert labels[0] == f"<b>1. {first.tekst}</b>"
    assert not [label for label in labels if "(p" in label]
    assert page.index(first.tekst) < page.index(L.laad_trap().items_van("professional")[0].tekst)


def test_a_rung_without_answers_gives_no_result_and_names_the_items() -> None:
    values: list[int | None] = [4, 4, 3, 3, None, None, 2, 2, 1, 1]
    u = L.score(answers(PROF, values), "professional")
    assert u.positie is None and not u.volledig
    assert u.tekort == [3]
    assert u.ontbrekend == ["p3a", "p3b"]
    assert u.status[3] == "onbekend"
    assert L.melding(u) == (
        "Nog geen uitslag. Beantwoord minstens de helft van de stellingen bij elke trede. "
        "Bij trede 3 is dat nog niet zo. Open stellingen: 5, 7."
    )  # p3a and p3b are the 5th and 7th statements of the questionnaire


def test_missing_keys_count_as_skipped() -> None:
    u = L.score({"p1a": 4}, "professional")
    assert u.tekort == [2, 3, 4, 5] and u.scores[1] == 1.0


@pytest.mark.parametrize(
    ("given", "perspectief", "fragment"),
    [
        ({"b1a": 2}, "professional", "b1a"),
        ({"p1a": 5}, "professional", "0 tot 4"),
        ({"p1a": -1}, "professional", "0 tot 4"),
        ({"p1a": True}, "professional", "0 tot 4"),
        ({"p1a": 2.5}, "professional", "0 tot 4"),
        ({}, "wethouder", "professional"),
    ],
)
def test_bad_answers_get_a_dutch_error(given: dict, perspectief: str, fragment: str) -> None:
    with pytest.raises(InvoerFout, match=fragment):
        L.score(given, perspectief)


def test_chapter_states_the_thresholds_of_the_model() -> None:
    text = (ROOT / "chapters" / "03a-zelftest.md").read_text(encoding="utf-8")
    assert f"minstens {round(100 * L.DREMPEL_BEREIKT)}\n  procent" in text
    assert f"Tussen {round(100 * L.DREMPEL_DEELS)} en {round(100 * L.DREMPEL_BEREIKT)}" in text


# --------------------------------------------------------------------------- properties

answer = st.one_of(st.none(), st.integers(0, 4))


@st.composite
def answer_sets(draw: st.DrawFn) -> tuple[str, dict[str, int | None]]:
    perspectief = draw(st.sampled_from(L.PERSPECTIEVEN))
    ids = PROF if perspectief == "professional" else BEW
    return perspectief, {i: draw(answer) for i in ids}


@settings(max_examples=300, deadline=None)
@given(answer_sets(), st.data())
def test_more_agreement_never_lowers_the_result(
    case: tuple[str, dict[str, int | None]], data: st.DataObject
) -> None:
    perspectief, before = case
    answered = [k for k, v in before.items() if v is not None and v < 4]
    if not answered:
        return
    item = data.draw(st.sampled_from(answered))
    value = before[item]
    assert value is not None
    after = dict(before, **{item: data.draw(st.integers(value + 1, 4))})
    u0, u1 = L.score(before, perspectief), L.score(after, perspectief)
    assert u0.tekort == u1.tekort
    for n in range(1, 6):
        if u0.scores[n] is not None:
            assert u1.scores[n] is not None and u1.scores[n] >= u0.scores[n]
    if u0.positie is not None:
        assert u1.positie is not None and u1.positie >= u0.positie
    if u0.op_weg_naar is not None and u1.op_weg_naar is not None:
        assert max(u1.positie or 0, u1.op_weg_naar) >= u0.op_weg_naar


@settings(max_examples=300, deadline=None)
@given(answer_sets())
def test_skipped_items_give_a_result_only_when_each_rung_has_an_answer(
    case: tuple[str, dict[str, int | None]],
) -> None:
    perspectief, given_answers = case
    u = L.score(given_answers, perspectief)
    items = L.laad_trap().items_van(perspectief)
    empty_rungs = [
        n for n in range(1, 6) if all(given_answers[i.id] is None for i in items if i.trede == n)
    ]
    assert u.tekort == empty_rungs
    assert (u.positie is None) == bool(empty_rungs)
    assert u.ontbrekend == [k for k, v in given_answers.items() if v is None]
    if u.positie is not None:
        assert 0 <= u.positie <= 5
        assert u.positie == 0 or u.scores[u.positie] >= L.DREMPEL_BEREIKT  # type: ignore[operator]
        assert all(
            s is not None and s < L.DREMPEL_BEREIKT for n, s in u.scores.items() if n > u.positie
        )


@settings(max_examples=200, deadline=None)
@given(answer_sets(), st.integers(1, 5))
def test_skipping_one_rung_leaves_the_other_rungs_alone(
    case: tuple[str, dict[str, int | None]], rung: int
) -> None:
    perspectief, full = case
    prefix = "p" if perspectief == "professional" else "b"
    skipped = {k: (None if k.startswith(f"{prefix}{rung}") else v) for k, v in full.items()}
    u_full, u_skip = L.score(full, perspectief), L.score(skipped, perspectief)
    assert u_skip.scores[rung] is None and rung in u_skip.tekort
    assert {n: s for n, s in u_full.scores.items() if n != rung} == {
        n: s for n, s in u_skip.scores.items() if n != rung
    }


# --------------------------------------------------------------------------- data


def test_ladder_data_is_faithful_to_the_source() -> None:
    trap = L.laad_trap()
    assert [t.systeemwereld for t in trap.treden] == [
        "informeren",
        "raadplegen",
        "advies vragen",
        "regisseren",
        "kaderstellen, faciliteren & samenwerken",
    ]
    assert [t.leefwereld for t in trap.treden] == [
        "aanhoren",
        "mening geven",
        "meedenken",
        "uitvoeren",
        "regievoeren",
    ]
    # Four effects beside five rungs, as in the source; each rung related to exactly one.
    assert [e.naam for e in trap.effecten] == [
        "afhankelijkheid",
        "onzekerheid",
        "verantwoordelijkheid",
        "eigenaarschap",
    ]
    for perspectief in L.PERSPECTIEVEN:
        items = trap.items_van(perspectief)
        assert sorted(i.trede for i in items) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


@pytest.fixture
def ladder_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ladder"
    shutil.copytree(ROOT / "data" / "ladder", folder)
    return folder


def test_a_rung_without_items_is_a_data_error(ladder_copy: Path) -> None:
    path = ladder_copy / "items.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("perspectief: bewoner\n  trede: 3", "perspectief: bewoner\n  trede: 2")
    )
    with pytest.raises(DataFout, match="geen stelling voor trede 3"):
        L.lees_trap(ladder_copy)


def test_an_effect_on_two_rungs_is_a_data_error(ladder_copy: Path) -> None:
    path = ladder_copy / "effecten.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("treden: [4]", "treden: [3, 4]"))
    with pytest.raises(DataFout, match="precies één effect"):
        L.lees_trap(ladder_copy)


def test_a_bad_item_row_is_named(ladder_copy: Path) -> None:
    path = ladder_copy / "items.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("trede: 5", "trede: 6", 1))
    with pytest.raises(DataFout, match=r"items.yaml, rij 9, kolom 'trede'"):
        L.lees_trap(ladder_copy)


# --------------------------------------------------------------------------- exports


def test_json_and_csv_exports_read_back(tmp_path: Path) -> None:
    given_answers = answers(BEW, [4, 3, 2, None, 1, 0, 4, 4, 2, 1])
    (tmp_path / "a.json").write_text(L.naar_json('Buurthuis, "De Linde"', "bewoner", given_answers))
    (tmp_path / "b.csv").write_text(L.naar_csv('Buurthuis, "De Linde"', "bewoner", given_answers))
    doc = json.loads((tmp_path / "a.json").read_text())
    assert doc["situatie"] == 'Buurthuis, "De Linde"' and doc["perspectief"] == "bewoner"
    assert doc["uitslag"]["positie"] == L.score(given_answers, "bewoner").positie
    read = L.lees_resultaten([tmp_path / "a.json", tmp_path / "b.csv"])
    assert read.problemen == []
    for resultaat in read.resultaten:
        assert resultaat.situatie == 'Buurthuis, "De Linde"'
        assert resultaat.antwoorden == given_answers


def test_csv_saved_by_a_dutch_spreadsheet_is_read(tmp_path: Path) -> None:
    given_answers = answers(PROF, [4, 4, 3, 3, 2, 2, 1, 1, 0, None])
    text = L.naar_csv("Wijkteam Noord", "professional", given_answers).replace(",", ";")
    (tmp_path / "excel.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    read = L.lees_resultaten([tmp_path / "excel.csv"])
    assert read.problemen == []
    assert read.resultaten[0].antwoorden == given_answers


def test_exported_score_columns_are_recomputed_not_trusted(tmp_path: Path) -> None:
    text = L.naar_json("x", "professional", answers(PROF, [0] * 10))
    doc = json.loads(text)
    doc["uitslag"]["positie"] = 5
    (tmp_path / "a.json").write_text(json.dumps(doc))
    (r,) = L.lees_resultaten([tmp_path / "a.json"]).resultaten
    assert L.score(r.antwoorden, r.perspectief).positie == 0


def test_example_group_is_valid_and_shows_a_gap() -> None:
    profiel = L.groepsprofiel(L.voorbeeldgroep())
    assert profiel.aantal == 10 and profiel.per_perspectief == {"professional": 5, "bewoner": 5}
    assert profiel.kloof_positie == pytest.approx(3.0 - 1.8)
    assert profiel.kloof is not None and max(profiel.kloof, key=profiel.kloof.__getitem__) == 3
    assert profiel.verdeling["iedereen"] == {0: 1, 1: 1, 2: 3, 3: 3, 4: 2, 5: 0}


def test_a_small_subgroup_is_not_shown_apart_nor_by_subtraction() -> None:
    group = L.voorbeeldgroep()
    profiel = L.groepsprofiel(group[:4] + group[5:7])  # 4 professionals, 2 residents
    # With "iedereen" and "professional" both shown, the two residents' mean would follow by
    # subtraction (6 × whole − 4 × professionals = 2 × residents): so only the whole group shows.
    assert set(profiel.profiel) == {"iedereen"} and set(profiel.verdeling) == {"iedereen"}
    assert profiel.kloof is None and profiel.verborgen == ["professional", "bewoner"]
    tekst = groep_beschrijving(profiel)
    assert "Bewoner of cliënt: minder dan 3 deelnemers, daarom niet apart getoond." in tekst
    assert "Professional of organisatie: niet apart getoond, want de andere groep heeft" in tekst
    both = L.groepsprofiel(group)  # 5 and 5: both perspectives and the gap are shown
    assert set(both.profiel) == {"iedereen", "professional", "bewoner"} and both.verborgen == []


def test_fewer_than_three_complete_results_are_refused() -> None:
    group = L.voorbeeldgroep()
    incomplete = L.Resultaat(situatie="x", perspectief="bewoner", antwoorden={"b1a": 4})
    with pytest.raises(LeerlabFout, match="Te weinig volledige resultaten: 2"):
        L.groepsprofiel([group[0], group[6], incomplete])


# --------------------------------------------------------------------------- group command


def run_cli(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    from leerlab.commands import cli

    monkeypatch.setattr(sys, "argv", ["leerlab", *args])
    try:
        cli.main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


@pytest.fixture
def exports(tmp_path: Path) -> list[Path]:
    paths = []
    for n, r in enumerate(L.voorbeeldgroep(), start=1):
        path = tmp_path / "in" / f"deelnemer-{n:02d}.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(L.naar_json(r.situatie, r.perspectief, r.antwoorden), encoding="utf-8")
        paths.append(path)
    return paths


def test_group_command_on_ten_exports(
    exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "uit"
    code = run_cli(monkeypatch, "ladder", "groep", *map(str, exports), "--uit", str(out))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Groepsprofiel van 10 deelnemers" in captured.out
    summary = json.loads((out / "groepsprofiel.json").read_text(encoding="utf-8"))
    assert summary["verdeling"]["bewoner"] == {"0": 1, "1": 1, "2": 2, "3": 0, "4": 1, "5": 0}
    assert summary["verschil_positie"] == pytest.approx(1.2)
    assert (out / "groepsprofiel.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (out / "groepsprofiel.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Grafiek in woorden" in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")
    assert "Nieuw plan voor buurthuis" not in page  # anonymous: no situation names


def test_group_command_refuses_a_group_of_two(
    exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "uit"
    code = run_cli(monkeypatch, "ladder", "groep", *map(str, exports[:2]), "--uit", str(out))
    assert code == 2
    assert "Te weinig volledige resultaten: 2" in capsys.readouterr().err
    assert not out.exists()


def test_group_command_names_bad_files_and_lines_and_reports_the_rest(
    exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    bad = tmp_path / "in"
    (bad / "kapot.json").write_text('{\n  "situatie": "x",\n  "perspectief": \n}\n')
    (bad / "rol.json").write_text('{"situatie": "x", "perspectief": "wethouder", "antwoorden": {}}')
    good = L.naar_csv("x", "bewoner", answers(BEW, [4] * 10))
    (bad / "lijst.csv").write_text(good + "x,bewoner,,,,,,,,7,4,4,4,4,4,4,4,4,4\n")
    (bad / "notities.txt").write_text("geen uitslag")
    files = [*exports, *(bad / n for n in ("kapot.json", "rol.json", "lijst.csv", "notities.txt"))]
    out = tmp_path / "uit"
    code = run_cli(monkeypatch, "ladder", "groep", *map(str, files), "--uit", str(out))
    captured = capsys.readouterr()
    assert code == 0
    assert "kapot.json, regel 4: dit is geen geldige JSON" in captured.err
    assert "rol.json, regel 1: veld 'perspectief'" in captured.err
    assert "'professional' of 'bewoner'" in captured.err
    assert "lijst.csv, regel 3: antwoord op b1a moet een geheel getal van 0 tot 4" in captured.err
    assert "notities.txt: alleen .json- en .csv-bestanden" in captured.err
    assert "Groepsprofiel van 11 deelnemers" in captured.out  # 10 + the good CSV row
    assert json.loads((out / "groepsprofiel.json").read_text())["aantal"] == 11


def test_group_command_takes_a_folder(
    exports: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "uit"
    code = run_cli(monkeypatch, "ladder", "groep", str(exports[0].parent), "--uit", str(out))
    assert code == 0
    assert "Groepsprofiel van 10 deelnemers" in capsys.readouterr().out


def test_score_command(exports: list[Path], monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert run_cli(monkeypatch, "ladder", "score", str(exports[0])) == 0
    assert "staat op trede 3" in capsys.readouterr().out


# --------------------------------------------------------------------------- front ends


def test_widget_gives_the_model_result_and_saves(tmp_path: Path) -> None:
    from leerlab.views.ladder_widget import ZelftestWidget

    w = ZelftestWidget()
    w.perspectief.value = "bewoner"
    values = [4, 4, 1, 1, 0, 0, 4, 3, 1, None]
    for item_id, value in zip(BEW, values, strict=True):
        w.keuzes[item_id].value = value
    assert w.uitslag() == L.score(answers(BEW, values), "bewoner")
    assert "gemengd" in w.melding.value
    assert w.bewaar("json", tmp_path) is None  # no situation name yet
    w.situatie.value = "Ons buurthuis"
    saved = w.bewaar("csv", tmp_path)
    assert saved is not None and saved.name == "trap-ons-buurthuis-bewoner.csv"
    (r,) = L.lees_resultaten([saved]).resultaten
    assert r.antwoorden == answers(BEW, values)


def test_page_script_takes_its_rule_from_python() -> None:
    from leerlab.views.ladder_pagina import script_text, zelftest_html

    script = script_text()
    for literal in ("0.75", "0.5", "75", "50"):
        assert literal not in script, f"drempel {literal} hoort uit Python te komen"
    page = zelftest_html()
    start = page.index('class="trap-config">') + len('class="trap-config">')
    config = json.loads(page[start : page.index("</script>", start)])
    assert config["drempelBereikt"] == L.DREMPEL_BEREIKT
    assert config["drempelDeels"] == L.DREMPEL_DEELS
    assert config["nodig"]["bewoner"] == {str(n): 1 for n in range(1, 6)}
    assert [i["id"] for i in config["items"]] == PROF + BEW


def test_notebook_widget_cell_runs_outside_the_book(monkeypatch: pytest.MonkeyPatch) -> None:
    """The remove-cell for JupyterLab builds the widget when LEERLAB_BOOK is not set."""
    import jupytext

    notebook = jupytext.read(ROOT / "chapters" / "03a-zelftest.md")
    (cell,) = [c for c in notebook.cells if "zelftest_widget" in c.source]
    assert "remove-cell" in cell.metadata.get("tags", [])
    shown: list[object] = []
    monkeypatch.delenv("LEERLAB_BOOK", raising=False)
    exec(cell.source, {"os": __import__("os"), "display": shown.append})
    assert len(shown) == 1 and type(shown[0]).__name__ == "VBox"
    monkeypatch.setenv("LEERLAB_BOOK", "1")
    exec(cell.source, {"os": __import__("os"), "display": shown.append})
    assert len(shown) == 1  # the book build skips it
