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
from pybtex.style.names import BaseNameStyle, name_part
from pybtex.style.template import (
    FieldIsMissing,
    first_of,
    join,
    names,
    node,
    optional,
    sentence,
    tag,
)
from pybtex.style.template import field as bibfield
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

NAAM = "leerlab"


class Achternaamstijl(BaseNameStyle):  # type: ignore[misc]
    """Surname for in-text citations; a Dutch prefix without first name gets a capital:
    "De Boer en Peltenburg (2016)", "Van der Steen e.a. (2013)"."""

    def format(self, person: Any, abbr: bool = True) -> Any:
        prefix = list(person.rich_prelast_names)
        if prefix:
            prefix[0] = prefix[0].capfirst()
        return join[name_part(tie=True)[prefix], name_part[person.rich_last_names]]


@node
def _namen(children: Any, data: Any, role: str, full: bool) -> Any:
    """Dutch author list: "A", "A en B", "A e.a." (three or more, or an explicit "others")."""
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError as missing:
        raise FieldIsMissing(role, data["entry"]) from missing
    style = data["style"].person
    real = [p for p in persons if str(p) != "others"]
    if not real:
        raise FieldIsMissing(role, data["entry"])
    formatted = [style.style_plugin.format(p, style.abbreviate) for p in real]
    if len(real) < len(persons) or (len(real) > 2 and not full):
        return join[formatted[0], " e.a."].format_data(data)
    return join(sep=", ", sep2=" en ", last_sep=" en ")[formatted].format_data(data)


@dataclass
class Personen(PersonStyle):
    """Person names in citations, joined the Dutch way."""

    style: str = NAAM

    def names(self, role: str, full: bool) -> Any:
        return _namen(role=role, full=full)

    def author_or_editor_or_title(self, full: bool) -> Any:
        return first_of[
            optional[_namen(role="author", full=full)],
            optional[_namen(role="editor", full=full)],
            tag("em")[bibfield("title")],
        ]


def _personen() -> PersonStyle:
    return Personen()


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

        surname_only = Achternaamstijl()

        def format_name(person: Any, abbreviate: bool = False) -> Any:
            if str(person) == "others":
                return Text("anderen")
            if not person.first_names and person.prelast_names:  # "Van der Steen", not "van ..."
                return surname_only.format(person, abbreviate)
            return by_name_style(person, abbreviate)

        self.format_name = format_name


def registreer() -> None:
    """Make both styles findable as ``leerlab`` (safe to call more than once)."""
    pybtex.plugin.register_plugin("pybtex.style.formatting", NAAM, Bibliografiestijl, force=True)
    pybtex.plugin.register_plugin("pybtex.style.names", NAAM, Achternaamstijl, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", NAAM, Verwijsstijl, force=True)
