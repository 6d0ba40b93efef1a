"""What readers see: charts, widgets and the self-test page, drawn from the models.

Views know the models; they never import the book builder (leerlab.boek).
"""
