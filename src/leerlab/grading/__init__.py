"""Grading: the trainer's workflow on top of nbgrader (set up, release, collect, grade, report).

Modules, in the order a trainer uses them: :mod:`.cursusmap` (course folder and students),
:mod:`.varianten` (cohort seed), :mod:`.uitdelen` (release + zip), :mod:`.verzamelen`
(collect from folder or zip), :mod:`.nakijken` (parallel sandboxed autograde with
:mod:`.sandbox` and the capped client in :mod:`.runner`), :mod:`.feedback` (Dutch HTML),
:mod:`.cijfers` (grades CSV) and :mod:`.controleer` (the student's own check).
"""
