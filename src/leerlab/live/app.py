"""The live web app (ASGI, Starlette): phone pages, presenter view, control routes.

Phones send one plain, idempotent POST per submission: the participant token (cookie,
or the form's hidden field when cookies are blocked) decides whose answer is replaced.
The presenter gets server-sent events. Every request passes :class:`Bewaker` first:
host check, body limit, security headers (CSP allowing only this app), no caching.
The app never reads the client's address.
"""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlparse

import segno
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from leerlab.errors import InvoerFout
from leerlab.live import paginas
from leerlab.live.opslag import Geheugen, Opslag
from leerlab.live.sessie import (
    LiveFout,
    Sessie,
    geldig_token,
    hash_token,
    nieuw_token,
)
from leerlab.models.ladder import (
    MAX_ANTWOORD,
    PERSPECTIEVEN,
    Resultaat,
    laad_trap,
    melding,
    score,
)
from leerlab.models.stemming import Stem, optie_tekst, stem_uit_velden, vragen

#: Largest request body (a full self-test is about 300 bytes).
MAX_BODY = 4096
#: Per participant: a burst of this many POSTs, then one per ``TEMPO`` seconds.
EMMER = 10
TEMPO = 0.5
#: Most participants in one session.
MAX_DEELNEMERS = 1000
#: Seconds between keep-alive comments on the presenter stream.
PING = 15.0

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
STATIC = {"live.css": "text/css; charset=utf-8", "begeleider.js": "text/javascript; charset=utf-8"}
DEELNEMER_COOKIE = "deelnemer"
BEGELEIDER_COOKIE = "begeleider"


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "") or request.headers.get(
        "content-type", ""
    ).startswith("application/json")


def foutantwoord(request: Request, melding: str, status: int) -> Response:
    if _wants_json(request):
        return JSONResponse({"fout": melding}, status_code=status)
    terug = request.url.path if request.method == "GET" else None
    if request.method != "GET":
        parts = request.url.path.split("/")
        terug = "/".join(parts[:3]) if len(parts) >= 3 else "/"
    return HTMLResponse(paginas.fout(melding, terug), status_code=status)


class Bewaker:
    """ASGI middleware: host check, body limit, security headers on every response."""

    def __init__(self, app: ASGIApp, hosts: set[str] | None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if self.hosts is not None and hostname.strip("[]") not in self.hosts:
            await self._plain(send, 400, "Onbekend adres voor deze app.")
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await self._plain(send, 413, "Het verzoek is te groot.")
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def _plain(send: Send, status: int, text: str) -> None:
        body = json.dumps({"fout": text}, ensure_ascii=False).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), *HEADERS],
            }
        )
        await send({"type": "http.response.body", "body": body})


@dataclass
class Emmer:
    tokens: float
    tijd: float


@dataclass
class Kanaal:
    """Wakes every presenter stream of one session when its state changes."""

    event: asyncio.Event = field(default_factory=asyncio.Event)

    def meld(self) -> None:
        self.event.set()
        self.event = asyncio.Event()


@dataclass
class Live:
    """Everything the app holds: sessions, storage, rate-limit buckets, streams."""

    opslag: Opslag
    deelnemers_urls: dict[str, str] = field(default_factory=dict)
    sessies: dict[str, Sessie] = field(default_factory=dict)
    emmers: dict[str, Emmer] = field(default_factory=dict)
    kanalen: dict[str, Kanaal] = field(default_factory=dict)
    stoppen: asyncio.Event | None = None

    def voeg_toe(self, sessie: Sessie) -> None:
        self.sessies[sessie.code] = sessie
        self.opslag.bewaar(sessie)

    def sessie(self, code: str) -> Sessie:
        sessie = self.sessies.get(code)
        if sessie is None:
            raise LiveFout(
                "Deze sessie bestaat niet. Controleer het adres of scan de QR-code.", 404
            )
        if not sessie.gesloten and sessie.verlopen():
            self.sluit(sessie)
        return sessie

    def kanaal(self, code: str) -> Kanaal:
        return self.kanalen.setdefault(code, Kanaal())

    def gewijzigd(self, sessie: Sessie) -> None:
        self.kanaal(sessie.code).meld()

    def sluit(self, sessie: Sessie) -> None:
        sessie.sluit()
        self.opslag.bewaar(sessie, wis_alles=True)
        self.gewijzigd(sessie)

    def rem(self, deelnemer: str) -> None:
        """Token bucket per participant; a LiveFout 429 when it is empty."""
        now = time.monotonic()
        bucket = self.emmers.get(deelnemer)
        if bucket is None:
            if len(self.emmers) > 20 * MAX_DEELNEMERS:
                self.emmers = {k: b for k, b in self.emmers.items() if now - b.tijd < EMMER * TEMPO}
            bucket = self.emmers[deelnemer] = Emmer(EMMER, now)
        bucket.tokens = min(EMMER, bucket.tokens + (now - bucket.tijd) / TEMPO)
        bucket.tijd = now
        if bucket.tokens < 1:
            raise LiveFout(
                "Je stuurt te veel verzoeken kort na elkaar. Wacht een paar seconden.", 429
            )
        bucket.tokens -= 1


# --------------------------------------------------------------------------- input


def _check_origin(request: Request) -> None:
    """Only this app's own pages may post: Origin names this host, or (when a browser
    sends "null" or nothing) Sec-Fetch-Site says same-origin; both cannot be forged by
    another site's page."""
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    if origin in (None, "null") and request.headers.get("sec-fetch-site") == "same-origin":
        return
    if origin is None or origin == "null" or urlparse(origin).netloc.lower() != host.lower():
        raise LiveFout(
            "Dit verzoek komt niet van deze app en is geweigerd. Open de pagina opnieuw.", 403
        )


async def _body(request: Request) -> bytes:
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise LiveFout("Het verzoek is te groot.", 413)
        chunks.append(chunk)
    return b"".join(chunks)


async def _fields(request: Request) -> dict[str, str]:
    """The posted fields (form or JSON object of strings/numbers/null), strictly."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    raw = await _body(request)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise LiveFout("Het verzoek is geen UTF-8-tekst.") from None
    if kind == "application/x-www-form-urlencoded":
        try:
            pairs = parse_qsl(
                text, keep_blank_values=True, strict_parsing=bool(text), max_num_fields=40
            )
        except ValueError:
            raise LiveFout("Het formulier is niet goed verstuurd. Probeer het opnieuw.") from None
        out: dict[str, str] = {}
        for key, value in pairs:
            if key in out:
                raise LiveFout(f"Het veld '{key[:40]}' staat er twee keer in.")
            out[key] = value
        return out
    if kind == "application/json":
        try:
            doc = json.loads(text) if text else {}
        except json.JSONDecodeError:
            raise LiveFout("Dit is geen geldige JSON.") from None
        if not isinstance(doc, dict) or len(doc) > 40:
            raise LiveFout("Stuur een JSON-object met velden.")
        converted: dict[str, str] = {}
        for key, value in doc.items():
            if value is None:
                converted[key] = ""
            elif isinstance(value, bool) or not isinstance(value, str | int):
                raise LiveFout(f"Het veld '{key[:40]}' heeft een ongeldige waarde.")
            else:
                converted[key] = str(value)
        return converted
    if kind == "" and not raw:
        return {}
    raise LiveFout("Stuur het formulier als formulier of als JSON.", 415)


def lees_antwoord(fields: dict[str, str], situatie: str) -> Resultaat:
    """A Resultaat from posted fields, or a Dutch LiveFout naming what is wrong."""
    perspectief = fields.get("perspectief")
    if perspectief not in PERSPECTIEVEN:
        raise LiveFout("Kies eerst vanuit wie je kijkt: professional of bewoner.")
    own = {item.id for item in laad_trap().items_van(perspectief)}
    answers: dict[str, int | None] = {}
    for key, value in fields.items():
        if key in ("perspectief", "deelnemer"):
            continue
        if key not in own:
            raise LiveFout(f"Onbekende stelling '{key[:40]}' voor dit perspectief.")
        if value == "":
            answers[key] = None
        elif value.isdigit() and len(value) == 1 and 0 <= int(value) <= MAX_ANTWOORD:
            answers[key] = int(value)
        else:
            raise LiveFout(
                f"Het antwoord op {key} moet 0 tot {MAX_ANTWOORD} zijn of 'weet ik niet'."
            )
    full = {item_id: answers.get(item_id) for item_id in sorted(own)}
    try:
        return Resultaat(situatie=situatie, perspectief=perspectief, antwoorden=full)
    except ValidationError as exc:  # pragma: no cover - the checks above are stricter
        raise LiveFout(f"Deze antwoorden kloppen niet: {exc.errors()[0]['msg']}") from None


def lees_stem(fields: dict[str, str]) -> Stem:
    """A ballot from posted fields, or a Dutch LiveFout naming what is wrong."""
    try:
        return stem_uit_velden(fields)
    except InvoerFout as fout:
        raise LiveFout(str(fout)) from None


# --------------------------------------------------------------------------- routes


Handler = Callable[[Request], Awaitable[Response]]


def stem_grafiek(telling: dict[str, Any]) -> dict[str, Any]:
    """A Vega-Lite bar chart of the vote (for the PNG and HTML downloads): one row of bars
    per question that has a tally."""
    rows = [
        {"vraag": vraag["vraag"], "keuze": vraag["labels"][optie], "stemmen": count}
        for vraag in telling["vragen"]
        if vraag["telling"] is not None
        for optie, count in vraag["telling"].items()
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "facet": {"row": {"field": "vraag", "type": "nominal", "title": None, "sort": None}},
        "spec": {
            "width": 360,
            "mark": {"type": "bar", "color": "#1f5f8b"},
            "encoding": {
                "y": {"field": "keuze", "type": "nominal", "title": None, "sort": None},
                "x": {
                    "field": "stemmen",
                    "type": "quantitative",
                    "title": "Stemmen",
                    "axis": {"tickMinStep": 1},
                },
            },
        },
        "resolve": {"scale": {"y": "independent"}},
    }


def maak_app(
    live: Live | None = None,
    *,
    hosts: set[str] | None = None,
) -> Starlette:
    """The ASGI app. ``hosts``: names/addresses the app answers to (None: any)."""
    state = live or Live(Geheugen())
    laad_trap()  # fail at start, not at the first phone, when the data is broken
    if any(s.stemming for s in state.sessies.values()):
        for vraag in vragen():
            for optie in vraag.opties:
                optie_tekst(optie)
    perspectief_namen = set(PERSPECTIEVEN)

    def guarded(handler: Handler) -> Handler:
        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except LiveFout as fout:
                return foutantwoord(request, fout.melding, fout.status)

        return run

    def token(request: Request) -> str | None:
        cookie = request.cookies.get(DEELNEMER_COOKIE)
        return cookie if geldig_token(cookie) else None

    def set_token(response: Response, code: str, value: str) -> None:
        response.set_cookie(
            DEELNEMER_COOKIE,
            value,
            max_age=24 * 3600,
            path=f"/s/{code}",
            httponly=True,
            samesite="lax",
            secure=False,
        )

    def facilitator(request: Request) -> Sessie:
        sessie = state.sessie(request.path_params["code"])
        if not sessie.sleutel_klopt(request.cookies.get(BEGELEIDER_COOKIE)):
            raise LiveFout(
                "Alleen de begeleider mag dit. Open de begeleiderslink uit het terminalvenster.",
                403,
            )
        return sessie

    async def welkom(request: Request) -> Response:
        return HTMLResponse(paginas.welkom())

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            raise LiveFout("Dit bestand bestaat niet.", 404)
        text = (resources.files("leerlab.live") / "web" / name).read_text(encoding="utf-8")
        return Response(text, media_type=STATIC[name])

    async def join(request: Request) -> Response:
        sessie = state.sessie(request.path_params["code"])
        if sessie.gesloten:
            raise LiveFout("Deze sessie is gesloten. Dank je wel voor het meedoen.", 410)
        if sessie.stemming:
            value = token(request) or nieuw_token()
            earlier = sessie.antwoorden.get(hash_token(value))
            keuzes = earlier.keuzes if isinstance(earlier, Stem) else None
            response = HTMLResponse(paginas.stembiljet(sessie.code, sessie.situatie, value, keuzes))
            set_token(response, sessie.code, value)
            return response
        response = HTMLResponse(paginas.kies_perspectief(sessie.code, sessie.situatie))
        if token(request) is None:
            set_token(response, sessie.code, nieuw_token())
        return response

    async def form(request: Request) -> Response:
        sessie = state.sessie(request.path_params["code"])
        perspectief = request.path_params["perspectief"]
        if sessie.stemming:
            raise LiveFout(
                "Deze sessie is een stemming. Open het adres van de QR-code zonder iets erachter.",
                404,
            )
        if perspectief not in perspectief_namen:
            raise LiveFout("Dit perspectief bestaat niet. Kies professional of bewoner.", 404)
        if sessie.gesloten:
            raise LiveFout("Deze sessie is gesloten. Dank je wel voor het meedoen.", 410)
        value = token(request) or nieuw_token()
        earlier = sessie.antwoorden.get(hash_token(value))
        answers = (
            earlier.antwoorden
            if isinstance(earlier, Resultaat) and earlier.perspectief == perspectief
            else None
        )
        response = HTMLResponse(
            paginas.vragenlijst(sessie.code, sessie.situatie, perspectief, value, answers)
        )
        set_token(response, sessie.code, value)
        return response

    def participant(request: Request, fields: dict[str, str]) -> tuple[str, bool]:
        value = token(request)
        if value is not None:
            return value, False
        hidden = fields.get("deelnemer")
        if geldig_token(hidden):
            assert hidden is not None
            return hidden, True
        return nieuw_token(), True

    async def submit(request: Request) -> Response:
        _check_origin(request)
        sessie = state.sessie(request.path_params["code"])
        fields = await _fields(request)
        value, new_cookie = participant(request, fields)
        deelnemer = hash_token(value)
        state.rem(deelnemer)
        if sessie.gesloten:
            raise LiveFout("Deze sessie is gesloten. Antwoorden kan niet meer.", 410)
        resultaat: Resultaat | Stem = (
            lees_stem(fields) if sessie.stemming else lees_antwoord(fields, sessie.situatie)
        )
        if deelnemer not in sessie.antwoorden and len(sessie.antwoorden) >= MAX_DEELNEMERS:
            raise LiveFout("Deze sessie is vol. Vraag je begeleider om hulp.", 503)
        if sessie.antwoord(deelnemer, resultaat):
            state.opslag.bewaar(sessie, deelnemer, resultaat)
            state.gewijzigd(sessie)
        response: Response
        if isinstance(resultaat, Stem):
            if _wants_json(request):
                response = JSONResponse({"ontvangen": True, "melding": "Je stem is ontvangen."})
            else:
                response = HTMLResponse(paginas.stem_klaar(sessie.code))
            if new_cookie:
                set_token(response, sessie.code, value)
            return response
        tekst = melding(score(resultaat.antwoorden, resultaat.perspectief))
        if _wants_json(request):
            response = JSONResponse({"ontvangen": True, "melding": tekst})
        else:
            response = HTMLResponse(paginas.klaar(sessie.code, resultaat.perspectief, tekst))
        if new_cookie:
            set_token(response, sessie.code, value)
        return response

    async def withdraw(request: Request) -> Response:
        _check_origin(request)
        sessie = state.sessie(request.path_params["code"])
        await _fields(request)
        value = token(request)
        if value is None:
            raise LiveFout("Er zijn geen antwoorden van jou om in te trekken.", 404)
        deelnemer = hash_token(value)
        state.rem(deelnemer)
        if sessie.intrekken(deelnemer):
            state.opslag.bewaar(sessie, deelnemer, wis_deelnemer=True)
            state.gewijzigd(sessie)
        if _wants_json(request):
            return JSONResponse({"ingetrokken": True})
        return HTMLResponse(paginas.ingetrokken(sessie.code, sessie.stemming))

    async def presenter(request: Request) -> Response:
        code = request.path_params["code"]
        sessie = state.sessie(code)
        sleutel = request.query_params.get("sleutel")
        if sleutel is not None:
            if not sessie.sleutel_klopt(sleutel):
                raise LiveFout("Deze begeleiderslink klopt niet.", 403)
            response = RedirectResponse(f"/begeleider/{code}", status_code=303)
            response.set_cookie(
                BEGELEIDER_COOKIE,
                sleutel,
                path=f"/begeleider/{code}",
                httponly=True,
                samesite="strict",
            )
            return response
        facilitator(request)
        url = state.deelnemers_urls.get(code) or f"{request.base_url}s/{code}"
        return HTMLResponse(paginas.begeleider(code, sessie.situatie, url, sessie.stand()))

    def bericht(sessie: Sessie) -> str:
        stand = sessie.stand()
        stand["html"] = paginas.profiel_html(stand)
        return f"event: stand\ndata: {json.dumps(stand, ensure_ascii=False)}\n\n"

    async def stream(request: Request) -> Response:
        sessie = facilitator(request)

        async def events() -> AsyncIterator[str]:
            last = -1
            while True:
                kanaal = state.kanaal(sessie.code)
                wake = kanaal.event
                if sessie.versie != last:
                    last = sessie.versie
                    yield bericht(sessie)
                try:
                    await asyncio.wait_for(wake.wait(), PING)
                    await asyncio.sleep(0.05)  # coalesce a burst of answers
                except TimeoutError:
                    yield ": ping\n\n"

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"x-accel-buffering": "no"},
        )

    async def stand(request: Request) -> Response:
        sessie = facilitator(request)
        data = sessie.stand()
        data["html"] = paginas.profiel_html(data)
        return JSONResponse(data)

    def control(action: Callable[[Sessie], None]) -> Handler:
        async def run(request: Request) -> Response:
            _check_origin(request)
            sessie = facilitator(request)
            await _fields(request)
            if sessie.gesloten:
                raise LiveFout("Deze sessie is al gesloten.", 410)
            action(sessie)
            if sessie.gesloten:
                state.opslag.bewaar(sessie, wis_alles=True)
            else:
                state.opslag.bewaar(sessie)
            state.gewijzigd(sessie)
            if _wants_json(request):
                return JSONResponse(sessie.stand())
            return RedirectResponse(f"/begeleider/{sessie.code}", status_code=303)

        return run

    async def qr(request: Request) -> Response:
        sessie = facilitator(request)
        url = state.deelnemers_urls.get(sessie.code) or f"{request.base_url}s/{sessie.code}"
        out = io.BytesIO()
        segno.make_qr(url, error="m").save(out, kind="png", scale=8, border=4)
        return Response(out.getvalue(), media_type="image/png")

    def shown_vote(sessie: Sessie) -> dict[str, Any]:
        telling = sessie.stand()["profiel"] if sessie.onthuld or sessie.gesloten else None
        if telling is None:
            raise LiveFout(
                "Er is nog geen uitslag om te downloaden. Toon hem eerst (vanaf 3 stemmen).",
                409,
            )
        return dict(telling)

    def attachment(body: str | bytes, media_type: str, name: str) -> Response:
        return Response(
            body,
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    async def export(request: Request) -> Response:
        sessie = facilitator(request)
        if sessie.stemming:
            text = json.dumps(shown_vote(sessie), ensure_ascii=False, indent=2) + "\n"
            return attachment(text, "application/json", "stemming.json")
        profiel = sessie.stand()["profiel"] if sessie.onthuld or sessie.gesloten else None
        if profiel is None:
            raise LiveFout(
                "Er is nog geen groepsprofiel om te downloaden. Toon het eerst "
                "(vanaf 3 volledige antwoorden).",
                409,
            )
        return Response(
            json.dumps(profiel, ensure_ascii=False, indent=2) + "\n",
            media_type="application/json",
            headers={"content-disposition": 'attachment; filename="groepsprofiel.json"'},
        )

    def shown_profile(request: Request) -> tuple[Sessie, Any]:
        sessie = facilitator(request)
        profiel = sessie.getoond_profiel()
        if profiel is None:
            raise LiveFout(
                "Er is nog geen groepsprofiel om te downloaden. Toon het eerst "
                "(vanaf 3 volledige antwoorden).",
                409,
            )
        return sessie, profiel

    async def export_png(request: Request) -> Response:
        import vl_convert as vlc

        from leerlab.views.ladder_charts import groep_grafiek

        sessie = facilitator(request)
        if sessie.stemming:
            spec = stem_grafiek(shown_vote(sessie))
            png = vlc.vegalite_to_png(spec, scale=2)
            return attachment(png, "image/png", "stemming.png")
        _, profiel = shown_profile(request)
        png = vlc.vegalite_to_png(groep_grafiek(profiel).to_dict(), scale=2)
        return Response(
            png,
            media_type="image/png",
            headers={"content-disposition": 'attachment; filename="groepsprofiel.png"'},
        )

    async def export_html(request: Request) -> Response:
        import vl_convert as vlc

        from leerlab.views.ladder_charts import groep_grafiek

        sessie = facilitator(request)
        if sessie.stemming:
            svg = vlc.vegalite_to_svg(stem_grafiek(shown_vote(sessie)))
            page = paginas.export_pagina(sessie.situatie, sessie.stand(), svg)
            return attachment(page, "text/html; charset=utf-8", "stemming.html")
        sessie, profiel = shown_profile(request)
        svg = vlc.vegalite_to_svg(groep_grafiek(profiel).to_dict())
        page = paginas.export_pagina(sessie.situatie, sessie.stand(), svg)
        return Response(
            page,
            media_type="text/html; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="groepsprofiel.html"'},
        )

    routes = [
        Route("/", guarded(welkom)),
        Route("/static/{name}", guarded(static)),
        Route("/s/{code}", guarded(join)),
        Route("/s/{code}/antwoord", guarded(submit), methods=["POST"]),
        Route("/s/{code}/intrekken", guarded(withdraw), methods=["POST"]),
        Route("/s/{code}/{perspectief}", guarded(form)),
        Route("/begeleider/{code}", guarded(presenter)),
        Route("/begeleider/{code}/stroom", guarded(stream)),
        Route("/begeleider/{code}/stand", guarded(stand)),
        Route("/begeleider/{code}/qr.png", guarded(qr)),
        Route("/begeleider/{code}/export.json", guarded(export)),
        Route("/begeleider/{code}/export.png", guarded(export_png)),
        Route("/begeleider/{code}/export.html", guarded(export_html)),
        Route("/begeleider/{code}/onthul", guarded(control(Sessie.onthul)), methods=["POST"]),
        Route("/begeleider/{code}/verberg", guarded(control(Sessie.verberg)), methods=["POST"]),
        Route("/begeleider/{code}/sluit", guarded(control(Sessie.sluit)), methods=["POST"]),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        text = {
            404: "Deze pagina bestaat niet.",
            405: "Deze pagina kan dat niet. Gebruik de knoppen op de pagina.",
        }.get(status, "Er ging iets mis in de app. Probeer het opnieuw.")
        return foutantwoord(request, text, status)

    async def closer() -> None:
        while True:
            await asyncio.sleep(60)
            for sessie in list(state.sessies.values()):
                if not sessie.gesloten and sessie.verlopen():
                    state.sluit(sessie)

    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(closer())
        try:
            yield
        finally:
            task.cancel()

    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: http_error},
        lifespan=lifespan,
    )
    app.state.live = state
    app.add_middleware(Bewaker, hosts=hosts)
    return app
