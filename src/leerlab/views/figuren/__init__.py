"""The figures of each chapter, one module per chapter (h01 … h08)."""
