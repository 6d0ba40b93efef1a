"""The leerlab command line (cli.py wires one module per command group). Top layer."""
