"""nbgrader settings for every user of a shared machine or hub (/etc/jupyter/nbgrader_config.py).

On the course's JupyterHub (jupyterhub_config.py beside this file) every user server and the
formgrader service find this file through JUPYTER_CONFIG_PATH; the Kubernetes image copies it
to /etc/jupyter. tests/test_hub.py checks the privacy below through a running hub.

The exchange is nbgrader 0.9.6's default file-system exchange. nbgrader 0.9.6 has no
"personalised inbound/outbound" options (grep the package: they are not there), so the privacy of
submissions rests on the layout this default exchange already creates, and which
tests/test_deploy_exchange.py checks with real separate users:

- ``<root>/<course>/inbound`` is mode 2733 (write + search for others, no read): a student can
  drop a submission in but cannot list the folder, so cannot see which submissions exist.
- each submission folder is named ``<student>+<assignment>+<timestamp>+<random>``, with
  ``add_random_string = True`` (64 bits from ``secrets``): a name cannot be guessed, so another
  student cannot open it even though the files in it are world-readable.
- feedback is stored under ``<root>/<course>/feedback/<hash>.html`` in a folder without read
  permission for others; the hash is computed from the student's own submission and timestamp.

A per-student layout (one folder per student, owned by that student and the trainer group) would be
stricter, but needs a custom exchange class and group management on every node; the default layout
keeps stock nbgrader and works the same on one machine, a hub and Kubernetes (shared volume).
"""

import os

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "leerlab"
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
c.Exchange.path_includes_course = True
c.ExchangeSubmit.add_random_string = True
