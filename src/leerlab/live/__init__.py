"""Live study sessions: participants answer the ladder self-test on their phones.

One command (``leerlab sessie live``) starts a small web app on the facilitator's laptop.
The state and its privacy rules are in :mod:`.sessie`, storage in :mod:`.opslag`, the
web app in :mod:`.app`, its pages in :mod:`.paginas`, and starting it (addresses, QR
code, uvicorn without access log) in :mod:`.server`.
"""
