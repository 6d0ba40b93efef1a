"""Leerlab sociaal domein: the Python side of the course book.

Data flows one way: ``data/`` → models → charts and widgets → chapters and exercises.
"""

__version__ = "0.1.0"
