"""axe-core (vendored from npm) finds no WCAG 2.1 A/AA violation on any built page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .conftest import page_entries

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ALLOW = yaml.safe_load((Path(__file__).parent / "a11y-allowlist.yaml").read_text()) or []
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def allowed(rule: str, target: str) -> bool:
    return any(a["rule"] == rule and a["target"] in target for a in ALLOW)


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, help: v.help,"
        " targets: v.nodes.map(n => n.target.join(' '))}))",
        TAGS,
    )
    return result


def axe_problems(page) -> list[str]:
    """Every axe finding on the page that the reviewed allow-list does not cover."""
    return [
        f"{v['id']} ({v['help']}): {target}"
        for v in run_axe(page)
        for target in v["targets"]
        if not allowed(v["id"], target)
    ]


@pytest.mark.parametrize("path", page_entries())
def test_no_axe_violations(open_page, path: str) -> None:
    problems = axe_problems(open_page(path).page)
    assert not problems, "\n".join(problems)


def test_allowlist_entries_have_reasons() -> None:
    for entry in ALLOW:
        assert {"rule", "target", "reason", "reviewed"} <= set(entry), entry
        assert len(entry["reason"]) > 20
