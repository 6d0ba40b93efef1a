"""The package's layers: imports point downwards only (see book/architectuur.md).

bottom (errors, paths, data) ← models ← views ← boek; models ← grading; views ← live;
everything ← commands.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "leerlab"

#: Layer of each top-level part of the package → the layers it may import.
ALLOWED: dict[str, set[str]] = {
    "bottom": {"bottom"},
    "models": {"bottom", "models"},
    "views": {"bottom", "models", "views"},
    "grading": {"bottom", "models", "grading"},
    "boek": {"bottom", "models", "views", "boek"},
    "live": {"bottom", "models", "views", "live"},
    "commands": {"bottom", "models", "views", "grading", "boek", "live", "commands"},
}
BOTTOM = {"errors", "paths", "data", "__init__"}


def layer_of(module: str) -> str:
    """'leerlab.views.charts' → 'views'; 'leerlab.errors' → 'bottom'."""
    parts = module.split(".")
    assert parts[0] == "leerlab", module
    if len(parts) == 1 or parts[1] in BOTTOM:
        return "bottom"
    assert parts[1] in ALLOWED, f"{module}: onbekende laag {parts[1]!r}"
    return parts[1]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    """Is this dotted name a module or package of leerlab (not a logger name)?"""
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """Every leerlab module a file in ``package`` imports, at any depth (also in functions)."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("leerlab")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("leerlab"):
                found.append((node.lineno, target))
                # `from leerlab import views` imports a sub-package
                found += [
                    (node.lineno, f"{target}.{a.name}") for a in node.names if target == "leerlab"
                ]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # importlib / Sphinx extension names such as "leerlab.boek.sessies_sphinx"
            value = node.value.partition(":")[0]
            if value.startswith("leerlab.") and is_module(value):
                found.append((node.lineno, value))
    return found


def upward_imports(source: str, package: str, own: str) -> list[str]:
    return [
        f"regel {line}: {target} ({layer_of(target)})"
        for line, target in imported_modules(source, package)
        if target != "leerlab" and layer_of(target) not in ALLOWED[own]
    ]


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_layer() -> None:
    for path in SOURCES:
        layer_of(module_name(path) or "leerlab")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_downwards(path: Path) -> None:
    name = module_name(path) or "leerlab"
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wrong = upward_imports(path.read_text(encoding="utf-8"), package, layer_of(name))
    assert not wrong, f"{path.relative_to(PACKAGE)} importeert een hogere laag: {wrong}"


def test_the_checker_sees_an_upward_import() -> None:
    """The test above can fail: a model importing a view, or the book builder lazily, is caught."""
    source = (
        "from leerlab.views.charts import toon\n"
        "from ..errors import LeerlabFout\n"
        "def f():\n    from ..boek import bouw\n"
    )
    wrong = upward_imports(source, "leerlab.models", "models")
    assert wrong == ["regel 1: leerlab.views.charts (views)", "regel 4: leerlab.boek (boek)"]
