"""The web app of ``eventwire serve``: pages, static assets and the API.

    GET /                    map, timeline, filters, table and downloads
    GET /events/{event_id}   one event: fields, disagreements, mentions in context (an HTML 404
                             page for an id that is not an event)
    GET /static/...          our scripts and styles, and the vendored libraries and boundaries
    /api/...                 the JSON API (see :mod:`.api`), OpenAPI at /api/openapi.json

The app only reads the database, through a copy of its last committed state
(:mod:`.snapshot`, refreshed when the database changes and no run holds it), so
``eventwire run`` can write meanwhile; it has no route that writes. Static files are served by Starlette's ``StaticFiles``
from this package's ``static/`` folder only (it refuses paths that leave the
folder). Every response carries a strict Content-Security-Policy (no inline
script, nothing from another origin), and requests with an over-long query
string or an unexpected ``Host`` header are refused.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventwire.errors import StoreError
from eventwire.store.query import get_event
from eventwire.version import __version__
from eventwire.web.api import EVENT_ID, router
from eventwire.web.assets import STATIC, check_assets
from eventwire.web.render import server_page
from eventwire.web.snapshot import Snapshot

#: Longest query string accepted (bytes).
MAX_QUERY = 4096

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
            "Cross-Origin-Resource-Policy": "same-origin"}


def allowed_hosts(host: str) -> list[str]:
    """Host headers to accept: loopback names, plus ``host``; anything when bound to all addresses."""
    if host in ("0.0.0.0", "::", ""):
        return ["*"]
    names = ["127.0.0.1", "localhost", "::1", "[::1]", "testserver"]
    try:
        ipaddress.ip_address(host)
        names.append(host if ":" not in host else f"[{host}]")
    except ValueError:
        names.append(host)
    return names


def create_app(db: str | Path, *, host: str = "127.0.0.1") -> FastAPI:
    """The app over the event database ``db`` (opened read-only per request)."""
    check_assets()
    snapshot = Snapshot(db)  # fails now, with a clear message, not on the first request
    app = FastAPI(title="eventwire", version=__version__,
                  description="Conflict events coded from news articles (read-only).",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.db = str(db)
    app.state.snapshot = snapshot
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host))

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        if len(request.scope.get("query_string", b"")) > MAX_QUERY:
            response: Response = JSONResponse({"detail": "query string too long"}, status_code=414)
        elif request.method == "HEAD":  # the GET answer's status and headers, without its body
            request.scope["method"] = "GET"
            full = await call_next(request)
            async for _ in full.body_iterator:
                pass
            response = Response(status_code=full.status_code, headers=dict(full.headers))
        elif request.method != "GET":
            response = JSONResponse({"detail": "this server is read-only"}, status_code=405)
        else:
            response = await call_next(request)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # Say which parameter is wrong, without echoing its (possibly huge or hostile) value.
        where = [".".join(str(p) for p in e.get("loc", ())) + ": " + str(e.get("msg", "")) for e in exc.errors()]
        return JSONResponse({"detail": where[:5]}, status_code=422)

    @app.exception_handler(StoreError)
    async def unreadable(request: Request, exc: StoreError) -> JSONResponse:
        # The database failed under a request (a disk error, say): one clear answer, no traceback.
        return JSONResponse({"detail": str(exc)}, status_code=503)

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")
    pages = {"index": server_page("main.html", title="eventwire", main="app.js"),
             "event": server_page("event.html", title="eventwire: event", main="eventpage.js"),
             "missing": server_page("missing.html", title="eventwire: no such event", main="eventpage.js")}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(pages["index"])

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: Annotated[str, PathParam(max_length=1000)]) -> HTMLResponse:
        if request.query_params:
            raise HTTPException(400, "this page takes no query parameters")
        found = False
        if EVENT_ID.match(event_id):
            try:
                with app.state.snapshot.open() as store:
                    found = get_event(store, event_id) is not None
            except StoreError as exc:
                raise HTTPException(503, str(exc)) from None
        # An unknown id is a page a person reads (with a way back), not the API's JSON.
        return HTMLResponse(pages["event" if found else "missing"], status_code=200 if found else 404)

    return app
