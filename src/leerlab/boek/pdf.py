"""Print the session plans, handouts and the harvest form to PDF from the built book.

Headless Chromium (Debian's, through Playwright's ``executable_path``; never a downloaded
browser) opens each built page with print media, so the PDFs look exactly like printing
from the browser with book/_static/print.css. One browser serves every PDF, and a PDF is
only made again when its page or the print stylesheet changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from leerlab.errors import LeerlabFout
from leerlab.models.sessies import pdf_namen, sessies

#: Folder (inside the site) where the PDFs of the sessions land; pages link to pdf/...
PDF_MAP = Path("book") / "sessies" / "pdf"
OOGST_PAGINA = Path("book") / "sessies" / "oogst.html"
OOGST_PDF = "pdf/oogst-formulier.pdf"
#: Bump when the way PDFs are made changes, so cached PDFs are made again.
VERSIE = "1"

_FOOTER = (
    '<div style="font-size:8px;width:100%;padding:0 15mm;color:#333;'
    'font-family:DejaVu Sans,Arial,sans-serif;display:flex;justify-content:space-between">'
    '<span>Leerlab sociaal domein · <span class="title"></span></span>'
    '<span>pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span>'
    "</div>"
)

#: Runs in the page before printing: keep only the part this PDF is for.
_KIES_DEEL = """
(mode) => {
  document.documentElement.classList.add('leerlab-print-' + mode);
  const marker = document.querySelector('.sessie-handout-start');
  if (!marker) return;
  const handout = marker.closest('section');
  if (mode === 'draaiboek') {
    handout.style.display = 'none';
  } else if (mode === 'handout') {
    for (const el of handout.parentElement.children) {
      if (el !== handout && el.tagName !== 'H1') el.style.display = 'none';
    }
  }
}
"""


@dataclass(frozen=True)
class Afdruk:
    """One PDF: which built page, which part of it, and where the PDF goes."""

    pagina: Path
    pdf: Path
    deel: str  # "draaiboek", "handout" or "alles"
    titel: str


@dataclass
class PdfVerslag:
    gemaakt: list[Path] = field(default_factory=list)
    overgeslagen: list[Path] = field(default_factory=list)
    seconden: float = 0.0

    @property
    def alle(self) -> list[Path]:
        return self.gemaakt + self.overgeslagen


def afdrukken(site: Path) -> list[Afdruk]:
    """Every PDF the build makes: a plan and a handout per session, and the harvest form."""
    jobs = []
    for sessie in sessies():
        pagina = site / "book" / "sessies" / f"sessie-{sessie.code}.html"
        for deel, naam in pdf_namen(sessie).items():
            titel = f"Sessie {sessie.hoofdstuk}: {sessie.titel} ({deel})"
            jobs.append(Afdruk(pagina, site / "book" / "sessies" / naam, deel, titel))
    jobs.append(
        Afdruk(site / OOGST_PAGINA, site / "book" / "sessies" / OOGST_PDF, "alles", "Oogst")
    )
    return jobs


#: Headless Chromium flags for a closed network: no background connections, no sandbox (root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_pad() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise LeerlabFout(
            "Chromium ontbreekt, dus er komen geen PDF's. Installeer het met "
            "`make system-deps` (apt-get install chromium)."
        )
    return found


def _vingerafdruk(job: Afdruk, css: bytes) -> str:
    digest = hashlib.sha256(VERSIE.encode() + job.deel.encode() + css)
    digest.update(job.pagina.read_bytes())
    return digest.hexdigest()


def maak_pdfs(site: Path, *, opnieuw: bool = False) -> PdfVerslag:
    """Make every PDF of :func:`afdrukken` with one headless Chromium; skip unchanged ones."""
    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    verslag = PdfVerslag()
    jobs = afdrukken(site)
    missing = [job.pagina for job in jobs if not job.pagina.is_file()]
    if missing:
        raise LeerlabFout(
            "Deze pagina's ontbreken in het gebouwde boek, dus er komt geen PDF van: "
            + ", ".join(str(p.relative_to(site)) for p in missing)
        )
    css_path = site / "_static" / "print.css"
    css = css_path.read_bytes() if css_path.is_file() else b""
    manifest_path = site / PDF_MAP / "manifest.json"
    manifest: dict[str, str] = {}
    if manifest_path.is_file() and not opnieuw:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    todo = []
    for job in jobs:
        key = job.pdf.relative_to(site).as_posix()
        if job.pdf.is_file() and manifest.get(key) == _vingerafdruk(job, css):
            verslag.overgeslagen.append(job.pdf)
        else:
            todo.append(job)
    if todo:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium_pad(),
                args=CHROMIUM_ARGS,
            )
            try:
                page = browser.new_page()
                page.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith(("file:", "data:", "blob:"))
                        else route.abort()
                    ),
                )
                page.emulate_media(media="print")
                for job in todo:
                    page.goto(job.pagina.resolve().as_uri(), wait_until="load")
                    page.evaluate(_KIES_DEEL, job.deel)
                    job.pdf.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(
                        path=str(job.pdf),
                        format="A4",
                        print_background=True,
                        prefer_css_page_size=True,
                        outline=True,
                        tagged=True,
                        display_header_footer=True,
                        header_template="<span></span>",
                        footer_template=_FOOTER,
                    )
                    manifest[job.pdf.relative_to(site).as_posix()] = _vingerafdruk(job, css)
                    verslag.gemaakt.append(job.pdf)
            finally:
                browser.close()
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    verslag.seconden = time.perf_counter() - start
    return verslag


def pdfs_na_bouw(site: Path) -> None:
    """Called at the end of the book build: make the PDFs and say in one line what happened."""
    try:
        verslag = maak_pdfs(site)
    except LeerlabFout as fout:
        print(f"Let op: {fout}", file=sys.stderr)
        return
    print(
        f"PDF's: {len(verslag.gemaakt)} gemaakt, {len(verslag.overgeslagen)} ongewijzigd "
        f"({verslag.seconden:.1f} s)."
    )
