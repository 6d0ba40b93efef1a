"""Dutch citation and bibliography styles for sphinxcontrib-bibtex.

The stock styles write "and", "and others" and "et al." into a Dutch book. These
subclasses change only those words: "en", "en anderen" and "e.a.". Registered under
the name ``leerlab`` (set ``bibtex_reference_style`` and ``bibtex_default_style``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pybtex.plugin
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import names, sentence
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

NAAM = "leerlab"


def _personen() -> PersonStyle:
    return PersonStyle(sep2=" en ", last_sep=" en ", other=Text(" e.a."))


def _haakjes() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class Verwijsstijl(AuthorYearReferenceStyle):
    """In-text citations with round brackets: (De Boer en Peltenburg, 2016), Graas e.a. (2018)."""

    bracket_textual: BracketStyle = field(default_factory=_haakjes)
    bracket_parenthetical: BracketStyle = field(default_factory=_haakjes)
    bracket_author: BracketStyle = field(default_factory=_haakjes)
    bracket_label: BracketStyle = field(default_factory=_haakjes)
    bracket_year: BracketStyle = field(default_factory=_haakjes)
    person: PersonStyle = field(default_factory=_personen)


class Bibliografiestijl(PlainStyle):  # type: ignore[misc]
    """The bibliography: pybtex's plain style with Dutch joining words."""

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        formatted = names(role, sep=", ", sep2=" en ", last_sep=" en ")
        return sentence[formatted] if as_sentence else formatted

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        by_name_style: Any = self.name_style.format  # BaseStyle binds format_name per instance

        def format_name(person: Any, abbreviate: bool = False) -> Any:
            return Text("anderen") if str(person) == "others" else by_name_style(person, abbreviate)

        self.format_name = format_name


def registreer() -> None:
    """Make both styles findable as ``leerlab`` (safe to call more than once)."""
    pybtex.plugin.register_plugin("pybtex.style.formatting", NAAM, Bibliografiestijl, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", NAAM, Verwijsstijl, force=True)
