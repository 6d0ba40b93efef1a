"""Unit tests for the chapter figures of chapters 1-3 (figuren_h01/h02/h03).

They check the data each figure shows against the sources, and that the text
alternative says the same thing as the chart.
"""

from __future__ import annotations

import json

from leerlab.views.figuren import h01 as figuren_h01


def _spec_text(fig) -> str:
    return json.dumps(fig.spec(), ensure_ascii=False)


def test_overheidsrollen_in_source_order() -> None:
    namen = [r.naam for r in figuren_h01.OVERHEIDSROLLEN]
    assert namen == [
        "Rechtmatige overheid",
        "Presterende overheid",
        "Netwerkende overheid",
        "Participerende overheid",
    ]
    assert [r.stap for r in figuren_h01.OVERHEIDSROLLEN] == [1, 2, 3, 4]


def test_overheidsrollen_figure_has_data_and_text_alternative() -> None:
    fig = figuren_h01.overheidsrollen_figuur()
    spec = _spec_text(fig)
    for rol in figuren_h01.OVERHEIDSROLLEN:
        assert rol.naam in spec
        assert rol.naam in fig.beschrijving
    # the text alternative keeps the order of the chart
    posities = [fig.beschrijving.index(r.naam) for r in figuren_h01.OVERHEIDSROLLEN]
    assert posities == sorted(posities)
    assert fig.naam == "vier-soorten-overheid"


def test_cycli_follow_the_source() -> None:
    from leerlab.views.figuren import h02 as figuren_h02

    assert figuren_h02.VIER_DS.stappen == ("Doen", "Delen", "Dialoog", "Duiden")
    assert [s.split()[0] for s in figuren_h02.PDCA.stappen] == ["Plan", "Do", "Check", "Act"]
    tabel = figuren_h02.cyclus_tabel(figuren_h02.VIER_DS)
    assert list(tabel["volgorde"]) == [1, 2, 3, 4]
    assert tabel["stap"].iloc[0] == "1. Doen"


def test_cycli_figure_text_alternative_names_every_step() -> None:
    from leerlab.views.figuren import h02 as figuren_h02

    fig = figuren_h02.cycli_figuur()
    spec = _spec_text(fig)
    for cyclus in figuren_h02.CYCLI:
        for stap in cyclus.stappen:
            assert stap in fig.beschrijving
            assert stap in spec
    assert fig.beschrijving.index("PDCA") < fig.beschrijving.index("4 D's")


def test_trap_uses_the_ladder_data_and_keeps_five_rungs() -> None:
    from leerlab.models.ladder import laad_trap
    from leerlab.views.figuren import h03 as figuren_h03

    tabel = figuren_h03.trap_tabel()
    assert list(tabel["trede"]) == [1, 2, 3, 4, 5]
    assert list(tabel["leefwereld"]) == [t.leefwereld for t in laad_trap().treden]
    assert tabel["systeemwereld"].iloc[0] == "informeren"
    assert tabel["leefwereld"].iloc[-1] == "regievoeren"


def test_trap_text_alternative_keeps_four_effects_unlinked() -> None:
    from leerlab.views.figuren import h03 as figuren_h03

    assert figuren_h03.EFFECTEN_BRON == (
        "eigenaarschap",
        "verantwoordelijkheid",
        "onzekerheid",
        "afhankelijkheid",
    )
    fig = figuren_h03.trap_figuur()
    assert "5 treden" in fig.beschrijving
    assert "koppelt die vier effecten niet" in fig.beschrijving
    for rij in figuren_h03.trap_tabel().itertuples():
        assert rij.leefwereld in fig.beschrijving
        assert rij.leefwereld in _spec_text(fig)
