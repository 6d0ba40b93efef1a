"""Dutch HTML feedback per student, built from the autograded notebook and the gradebook.

Never shown: the source of test cells (so no hidden test can leak, not even through a
traceback), model answers and rubrics (they only exist in source/). Shown: the student's
own work, per check the points and the Dutch message of a failed assertion, the grader's
scores and comments, and why points were lost. No scripts and nothing from the internet.
"""

from __future__ import annotations

import html
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from leerlab.grading.cursusmap import Cursus, students_of
from leerlab.grading.nakijken import read_status

CSS = """
body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1a1a1a}
pre{background:#f4f4f4;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .6rem;text-align:left}
.goed{color:#135e13}.fout{color:#9b1c1c}.open{color:#6b4e00}
section{border-top:1px solid #ccc;margin-top:1rem}
"""
ALLOWED_TAGS = ["p", "em", "strong", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4",
                "blockquote", "br", "a", "table", "thead", "tbody", "tr", "th", "td"]  # fmt: skip

#: Files of a submission that nbgrader's release_feedback reads beside each page.
RELEASE_FILES = ("timestamp.txt", "submission_secret.txt")


@dataclass
class Punten:
    naam: str
    score: float | None
    max_score: float
    handmatig: bool
    open: bool
    commentaar: str


def _markdown(text: str) -> str:
    import bleach
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    rendered = markdown2html_mistune(text)
    return str(bleach.clean(rendered, tags=ALLOWED_TAGS, attributes={"a": ["href"]}, strip=True))


def _outputs(cell: NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            parts.append(out.get("text", ""))
        elif kind in ("execute_result", "display_data"):
            parts.append(str(out.get("data", {}).get("text/plain", "")))
        elif kind == "error":
            parts.append(f"{out.get('ename', '')}: {out.get('evalue', '')}")
    text = "\n".join(p for p in parts if p).strip()
    return f"<pre aria-label='uitvoer'>{html.escape(text[:5000])}</pre>" if text else ""


def _error_message(cell: NotebookNode) -> str:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            evalue = str(out.get("evalue", "")).strip()
            return f"{out.get('ename', 'Fout')}: {evalue}" if evalue else out.get("ename", "Fout")
    return ""


def _points(cursus: Cursus, assignment: str, student: str, notebook: str) -> dict[str, Punten]:
    with cursus.gradebook() as gb:
        sub = gb.find_submission_notebook(notebook, assignment, student)
        comments = {c.name: (c.manual_comment or "") for c in sub.comments}
        return {
            g.name: Punten(
                g.name,
                None if g.score is None else float(g.score),
                float(g.max_score),
                g.cell.cell_type == "markdown" or g.auto_score is None,
                bool(g.needs_manual_grade) or (g.auto_score is None and g.manual_score is None),
                comments.get(g.name, ""),
            )
            for g in sub.grades
        }


def _score_text(p: Punten) -> str:
    if p.open:
        return f"<span class='open'>nog niet beoordeeld</span> (max. {p.max_score:g})"
    css = "goed" if p.score == p.max_score else "fout"
    return f"<span class='{css}'>{p.score:g} van {p.max_score:g} punten</span>"


def _cell_html(cell: NotebookNode, points: dict[str, Punten]) -> str:
    from nbgrader import utils

    meta = cell.metadata.get("nbgrader", {})
    grade_id = meta.get("grade_id", "")
    if utils.is_grade(cell) and not utils.is_solution(cell):
        p = points.get(grade_id)
        message = _error_message(cell)
        detail = f"<p>Wat ging er mis: {html.escape(message[:400])}</p>" if message else ""
        return (
            f"<section><h3>Controle {html.escape(grade_id)}</h3>"
            f"<p>{_score_text(p) if p else ''}</p>{detail}</section>"
        )
    if cell.cell_type == "markdown":
        body = _markdown(cell.source)
        if utils.is_grade(cell) and grade_id in points:
            p = points[grade_id]
            note = (
                f"<p>Opmerking van de nakijker: {html.escape(p.commentaar)}</p>"
                if p.commentaar
                else ""
            )
            return (
                f"<section><h3>Jouw geschreven antwoord ({html.escape(grade_id)})</h3>"
                f"<blockquote>{body}</blockquote><p>{_score_text(p)}</p>{note}</section>"
            )
        return f"<div>{body}</div>"
    label = "Jouw code" if utils.is_solution(cell) else "Code"
    return (
        f"<section><h3 class='sr'>{label}</h3><pre>{html.escape(cell.source)}</pre>"
        f"{_outputs(cell)}</section>"
    )


def render(cursus: Cursus, assignment: str, student: str, notebook: str, naam: str = "") -> str:
    """The feedback page for one student's notebook (a full HTML document)."""
    status = read_status(cursus).get(assignment, {}).get(student, {}).get(notebook, {})
    reasons = status.get("redenen", [])
    path = cursus.folder("autograded", student, assignment) / f"{notebook}.ipynb"
    title = f"Feedback {assignment}: {naam or student}"
    parts = [f"<h1>{html.escape(title)}</h1>"]
    if status.get("status") in ("onleesbaar", "ontbreekt") or not path.is_file():
        why = "; ".join(reasons) or "er is geen nagekeken notebook"
        parts.append(f"<p>Dit werk kon niet worden nagekeken: {html.escape(why)}. "
                     "Neem contact op met je trainer.</p>")  # fmt: skip
    else:
        nb = nbformat.read(path, as_version=4)
        points = _points(cursus, assignment, student, notebook)
        total = sum(p.score or 0 for p in points.values())
        most = sum(p.max_score for p in points.values())
        open_parts = [p for p in points.values() if p.open]
        waiting = (
            f" {len(open_parts)} onderdeel/onderdelen nog niet beoordeeld." if open_parts else ""
        )
        parts.append(f"<p><strong>Score: {total:g} van {most:g} punten.</strong>{waiting}</p>")
        rows = "".join(
            f"<tr><th scope='row'>{html.escape(p.naam)}</th><td>{_score_text(p)}</td></tr>"
            for p in points.values()
        )
        parts.append(
            "<table><caption>Punten per onderdeel</caption><thead><tr><th scope='col'>Onderdeel"
            f"</th><th scope='col'>Punten</th></tr></thead><tbody>{rows}</tbody></table>"
        )
        if reasons:
            items = "".join(f"<li>{html.escape(r)}</li>" for r in reasons)
            parts.append(f"<h2>Waarom punten verloren gingen</h2><ul>{items}</ul>")
        parts.append("<h2>Je werk</h2>")
        parts += [_cell_html(cell, points) for cell in nb.cells]
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n<html lang='nl'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body><main>{body}</main></body></html>\n"
    )


def feedback(cursus: Cursus, assignment: str, students: list[str] | None = None) -> list[Path]:
    """Write feedback/<student>/<assignment>/<notebook>.html for every graded student."""
    cursus.check_assignment(assignment)
    names = {s.id: s.naam for s in students_of(cursus)}
    status = read_status(cursus).get(assignment, {})
    wanted = students if students is not None else sorted(status)
    written: list[Path] = []
    for student in wanted:
        folder = cursus.folder("feedback", student, assignment)
        folder.mkdir(parents=True, exist_ok=True)
        for notebook in cursus.notebooks(assignment):
            target = folder / f"{notebook}.html"
            tmp = folder / f".{notebook}.html.tmp"
            tmp.write_text(render(cursus, assignment, student, notebook, names.get(student, "")),
                           encoding="utf-8")  # fmt: skip
            os.replace(tmp, target)
            written.append(target)
        # `nbgrader release_feedback` (hub exchange) names each page after a hash of the
        # submission's secret and needs the timestamp: copy both, as generate_feedback does.
        submitted = cursus.folder("submitted", student, assignment)
        for name in RELEASE_FILES:
            if (submitted / name).is_file():
                shutil.copyfile(submitted / name, folder / name)
    return written
