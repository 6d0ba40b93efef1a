"""The theme's HTML is made Dutch and axe-clean by rules that each do what they say."""

from leerlab.boek.theme_fixes import fix_page


def test_search_button_gets_name_from_visible_text() -> None:
    html = (
        '<button class="btn search-button-field x" title="Zoeken" aria-label="Zoeken">'
        "Zoeken Ctrl+K</button>"
    )
    fixed = fix_page(html)
    assert "aria-label" not in fixed and "Zoeken Ctrl+K" in fixed


def test_colour_switch_removed_and_labels_dutch() -> None:
    html = (
        '<button class="btn theme-switch-button" aria-label="Color mode">'
        '<i title="Light"></i></button>'
        '<nav aria-label="Main"></nav><a>Skip to main content</a>'
    )
    fixed = fix_page(html)
    assert "theme-switch" not in fixed
    assert 'aria-label="Hoofdstukken"' in fixed


def test_expander_and_citations() -> None:
    html = (
        '<summary><span class="toctree-toggle" role="presentation"><i></i></span></summary>'
        '<div role="list"><div class="citation" role="doc-biblioentry"></div></div>'
    )
    fixed = fix_page(html)
    assert "Onderdelen tonen of verbergen" in fixed
    assert 'role="listitem"' in fixed and "doc-biblioentry" not in fixed
