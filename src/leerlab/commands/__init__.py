"""Sub-command groups of the leerlab CLI, one module per group."""
