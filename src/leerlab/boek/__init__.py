"""Everything that builds the book: Sphinx extensions, theme fixes, citation style, PDFs,
reading times and readability. It may use views and models; nothing below imports it.
"""
