"""nbgrader settings of the formgrader service only (JUPYTER_CONFIG_PATH of that service).

The service runs in the course folder made by ``leerlab cursus opzetten``; that folder's own
nbgrader_config.py (course id, Dutch stubs, limits) is read from there as well.
"""

import os

c = get_config()  # noqa: F821

c.CourseDirectory.root = os.environ.get("LEERLAB_CURSUSMAP", os.getcwd())
