"""The course's logic: ladder, funding, change, session plans, reference data.

Models read data/ (through leerlab.data) and compute; they never draw or build pages.
"""
