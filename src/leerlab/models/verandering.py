"""E = K × A: the effect of a change is its quality times its acceptance (Siegers).

One formula, used twice: on numbers in Python and on Altair parameters in the book
(:mod:`leerlab.views.verandering_charts`), so the in-page slider computes exactly what
the tests check here.
"""

from __future__ import annotations

from typing import Any

from leerlab.errors import InvoerFout


def effect(kwaliteit: Any, acceptatie: Any) -> Any:
    """Effect of a change (0–100) from quality and acceptance, each 0–10.

    Works on floats and on Altair parameter expressions alike.
    """
    return kwaliteit * acceptatie


def check_score(naam: str, waarde: float) -> float:
    if not 0 <= waarde <= 10:
        raise InvoerFout(f"{naam} moet tussen 0 en 10 liggen; je gaf {waarde}.")
    return waarde
