"""The live app in Chromium: a phone answers through the real page, the presenter follows.

The app runs as the real command on 127.0.0.1; every request elsewhere is blocked. The
pages run under the app's own CSP (no violations, no console errors); axe runs in a
second context that lets the axe script in, on the phone pages and the presenter view.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import expect

from leerlab.models.ladder import laad_trap, melding, score

from .test_accessibility import run_axe
from .test_live_server import start

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


class Guard:
    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.errors: list[str] = []

    def attach(self, page) -> None:
        def route(route) -> None:
            url = route.request.url
            if urlparse(url).hostname == "127.0.0.1" or url.startswith("data:"):
                route.continue_()
            else:
                self.blocked.append(url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


def axe_clean(page) -> None:
    problems = [f"{v['id']}: {t}" for v in run_axe(page) for t in v["targets"]]
    assert not problems, "\n".join(problems)


def test_phone_answers_and_presenter_reveals(browser, tmp_path: Path) -> None:
    running = start(tmp_path, "--situatie", "Nieuw plan voor het buurthuis")
    try:
        guard = Guard()
        phone = browser.new_context(**PHONE)
        page = phone.new_page()
        guard.attach(page)
        page.goto(running.deelnemers)
        assert page.locator("h1").inner_text() == "Zelftest Trap van Eigenaarschap"
        page.get_by_role("link", name="Bewoner of cliënt").click()
        page.wait_for_url("**/bewoner")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        items = laad_trap().items_van("bewoner")
        chosen: dict[str, int | None] = {}
        for number, item in enumerate(items):
            group = page.get_by_role("group", name=f"{number + 1}. {item.tekst}", exact=False)
            if number == 0:
                group.get_by_label("Weet ik niet").check()
                chosen[item.id] = None
            elif number == 1:
                # By keyboard: focus the first option, then arrow to "Klopt deels".
                group.get_by_label("Klopt niet").focus()
                page.keyboard.press("Space")
                page.keyboard.press("ArrowDown")
                page.keyboard.press("ArrowDown")
                chosen[item.id] = 2
            else:
                value = (number * 3) % 5
                group.get_by_label(laad_trap().schaal[value].label, exact=True).check()
                chosen[item.id] = value
        page.get_by_role("button", name="Verstuur mijn antwoorden").click()
        page.wait_for_selector("text=Je antwoorden zijn ontvangen.")
        expected = melding(score(chosen, "bewoner"))
        assert expected in page.locator("main").inner_text()
        # Editing shows the earlier answers again.
        page.get_by_role("link", name="Antwoorden aanpassen").click()
        second = page.get_by_role("group", name=f"2. {items[1].tekst}", exact=False)
        assert second.get_by_label("Klopt deels").is_checked()
        page.close()

        boss = browser.new_context()
        presenter = boss.new_page()
        guard.attach(presenter)
        presenter.goto(running.begeleider)
        assert "sleutel" not in presenter.url  # the secret leaves the address bar
        stand = presenter.locator("#stand")
        assert stand.inner_text() == "1 antwoord."
        assert presenter.locator("img.qr").evaluate("img => img.naturalWidth") > 100
        # Two more phones answer (plain HTTP); the presenter's stream updates the count.
        code = running.deelnemers.rsplit("/", 1)[-1]
        for value in (3, 4):
            with httpx.Client(base_url=running.base) as other:
                other.get(f"/s/{code}")
                data = {"perspectief": "professional"}
                data |= {i.id: str(value) for i in laad_trap().items_van("professional")}
                r = other.post(f"/s/{code}/antwoord", data=data, headers={"origin": running.base})
                assert r.status_code == 200
        expect(stand).to_have_text("3 antwoorden.")  # CSP-safe polling (no eval)
        assert presenter.locator("#profiel table").count() == 0
        presenter.get_by_role("button", name="Toon groepsprofiel").click()
        presenter.wait_for_selector("#profiel table")
        assert "Groepsprofiel van 3 deelnemers" in presenter.locator("#profiel").inner_text()
        assert guard.blocked == [] and guard.errors == []

        # axe (its script needs the CSP lifted in this separate context only).
        checker = browser.new_context(bypass_csp=True, **PHONE)
        page = checker.new_page()
        guard.attach(page)
        page.goto(running.deelnemers)
        axe_clean(page)
        page.goto(running.deelnemers + "/professional")
        axe_clean(page)
        page.get_by_role("button", name="Verstuur mijn antwoorden").click()
        page.wait_for_selector("text=Je antwoorden zijn ontvangen.")
        axe_clean(page)
        desk = browser.new_context(bypass_csp=True)
        page = desk.new_page()
        guard.attach(page)
        page.goto(running.begeleider)
        page.wait_for_selector("#profiel table")
        axe_clean(page)
        assert guard.blocked == []
        for context in (phone, boss, checker, desk):
            context.close()
    finally:
        running.stop()


def test_phone_votes_by_keyboard_and_presenter_shows_the_result(browser, tmp_path: Path) -> None:
    running = start(tmp_path, "--soort", "stemming", "--situatie", "Sessie 6 in De Linde")
    try:
        guard = Guard()
        phone = browser.new_context(**PHONE)
        page = phone.new_page()
        guard.attach(page)
        page.goto(running.deelnemers)
        assert page.locator("h1").inner_text() == "Stemming: geld en sturing"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        first = page.get_by_role("group", name="1. Hoe betaalt de gemeente", exact=False)
        # By keyboard: focus the first way of paying, select it, arrow to "Per inwoner".
        first.get_by_role("radio", name="P×Q per uur").focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        assert first.get_by_role("radio", name="Per inwoner").is_checked()
        # The explanation under an option is its accessible description.
        described = first.get_by_role("radio", name="Per inwoner").get_attribute("aria-describedby")
        assert "bedrag per inwoner" in page.locator(f"#{described}").inner_text()
        second = page.get_by_role("group", name="2. Welke afspraken", exact=False)
        second.get_by_role("radio", name="Advies van het Alternatieven-lab", exact=False).check()
        page.get_by_role("button", name="Verstuur mijn stem").focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Je stem is ontvangen.")
        page.get_by_role("link", name="Stem aanpassen").click()
        again = page.get_by_role("group", name="1. Hoe betaalt de gemeente", exact=False)
        assert again.get_by_role("radio", name="Per inwoner").is_checked()
        page.close()

        boss = browser.new_context()
        presenter = boss.new_page()
        guard.attach(presenter)
        presenter.goto(running.begeleider)
        stand = presenter.locator("#stand")
        assert stand.inner_text() == "1 stem."
        code = running.deelnemers.rsplit("/", 1)[-1]
        for choice in ("populatie", "pxq"):
            with httpx.Client(base_url=running.base) as other:
                other.get(f"/s/{code}")
                r = other.post(
                    f"/s/{code}/antwoord",
                    data={"betalen": choice, "afspraken": "lab-advies"},
                    headers={"origin": running.base},
                )
                assert r.status_code == 200
        expect(stand).to_have_text("3 stemmen.")
        assert presenter.locator("#profiel table").count() == 0
        presenter.get_by_role("button", name="Toon uitslag").click()
        presenter.wait_for_selector("#profiel table")
        shown = presenter.locator("#profiel").inner_text()
        assert "Uitslag van 3 stemmen." in shown
        assert "De keuze van de groep in de simulator" in shown
        assert guard.blocked == [] and guard.errors == []

        checker = browser.new_context(bypass_csp=True, **PHONE)
        page = checker.new_page()
        guard.attach(page)
        page.goto(running.deelnemers)
        axe_clean(page)
        page.get_by_role("radio", name="Lumpsum per domein").check()
        page.get_by_role("button", name="Verstuur mijn stem").click()
        page.wait_for_selector("text=Je stem is ontvangen.")
        axe_clean(page)
        desk = browser.new_context(bypass_csp=True)
        page = desk.new_page()
        guard.attach(page)
        page.goto(running.begeleider)
        page.wait_for_selector("#profiel table")
        axe_clean(page)
        assert guard.blocked == []
        for context in (phone, boss, checker, desk):
            context.close()
    finally:
        running.stop()
