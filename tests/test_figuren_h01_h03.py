"""Unit tests for the chapter figures of chapters 1-3 (figuren_h01/h02/h03).

They check the data each figure shows against the sources, and that the text
alternative says the same thing as the chart.
"""

from __future__ import annotations

import json

from leerlab import figuren_h01


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
