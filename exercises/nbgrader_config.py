"""nbgrader settings for the Leerlab course (read by `leerlab cursus` and the nbgrader CLI)."""

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "leerlab"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.zip"]

# Dutch stubs in the student version.
c.ClearSolutions.code_stub = {"python": "# JOUW ANTWOORD HIER\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "JOUW ANTWOORD HIER"

# A deleted test cell is put back (by default it would silently become "manual grading").
c.OverwriteCells.add_missing_cells = True

# Limits while autograding (the course's parallel grader adds a sandbox and memory limit).
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
c.LimitOutput.max_lines = 200

# Feedback never shows hidden tests.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
]
