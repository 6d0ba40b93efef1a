"""The per-page case table: rows from data/casussen in the order the page names them."""

from __future__ import annotations

import pytest

from leerlab.views.casussen import casussen_tabel


def test_rows_follow_the_data_in_the_given_order() -> None:
    tabel = casussen_tabel("canta", "rotterdam-centrum")
    assert [r.plaats for r in tabel.rijen] == ["Amsterdam", "Rotterdam (deelgemeente Centrum)"]
    assert tabel.rijen[0].titel == "De Canta in Amsterdam"
    assert tabel.rijen[0].betrokkenen == "gemeente Amsterdam, weduwnaar, media"


def test_html_has_caption_headers_and_one_row_per_case() -> None:
    html = casussen_tabel("canta", bijschrift="Casus <b>hier</b>")._repr_html_()
    assert "<caption>Casus &lt;b&gt;hier&lt;/b&gt;</caption>" in html
    assert html.count('<th scope="col">') == 3
    assert html.count("<tr>") == 2  # header + one case
    assert "<td>Amsterdam</td>" in html


@pytest.mark.parametrize("ids", [("bestaat-niet",), ()])
def test_unknown_or_no_case_is_refused_in_dutch(ids: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="casus"):
        casussen_tabel(*ids)
