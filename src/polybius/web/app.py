"""The web app over a store: a JSON API and the page in ``static/`` (``polybius serve``).

The store is opened read-only (STYLE rule 10: ingest is the single writer); each request reads
through its own cursor, since one DuckDB connection must not be shared across threads.
"""

from __future__ import annotations

import html
import io
import json
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator

from polybius.coder import code_text
from polybius.errors import PolybiusError, StoreNotFound
from polybius.records import flatten
from polybius.settings import MAX_REQUEST_BYTES, WEB_HOST, WEB_PORT
from polybius.sinks.formats import write_csv_rows
from polybius.sinks.store import missing_columns, read_as_current
from polybius.web import queries
from polybius.web.queries import EventQuery, ListQuery, PlacesQuery, SeriesQuery

STATIC = Path(__file__).parent / "static"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Cursor = duckdb.DuckDBPyConnection


class CodeRequest(BaseModel):
    """Text to code on the fly; nothing is stored."""

    text: str = Field(description=f"The article text (at most {MAX_REQUEST_BYTES} bytes).")
    date: str | None = Field(None, description="Publication date YYYY-MM-DD when the text states none.")
    all_modalities: bool = Field(False, description="Also return negated and hypothetical events.")

    @field_validator("date")
    @classmethod
    def _iso_day(cls, value: str | None) -> str | None:
        if value and not _ISO_DAY.match(value):
            raise ValueError("expected YYYY-MM-DD")
        return value or None


def create_app(db_path: str | Path) -> FastAPI:
    """The app over the store at ``db_path``, opened read-only."""
    path = Path(db_path)
    if not path.is_file():
        raise StoreNotFound(str(path))
    connection = duckdb.connect(str(path), read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        connection.close()

    app = FastAPI(
        title="polybius",
        summary="Political events coded from news text: browse, filter, aggregate, code.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.connection = connection
    app.state.missing_columns = missing_columns(connection)  # a store written by an older polybius
    app.state.lock = threading.Lock()  # for opening cursors
    app.state.coder_lock = threading.Lock()  # the coder is one object per process, not thread-safe
    app.add_middleware(BodyLimit, limit=MAX_REQUEST_BYTES)
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    _pages(app)
    _api(app)
    return app


def serve(db: str | Path, host: str = WEB_HOST, port: int = WEB_PORT) -> None:
    """Serve the app over ``db`` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port)


def _cursor(request: Request) -> Iterator[Cursor]:
    """A cursor of the app's read-only connection for this request's thread."""
    with request.app.state.lock:
        cursor = request.app.state.connection.cursor()
    try:
        read_as_current(cursor, request.app.state.missing_columns)
        yield cursor
    finally:
        cursor.close()


Db = Annotated[Cursor, Depends(_cursor)]


def _api(app: FastAPI) -> None:
    @app.get("/api/events", tags=["events"])
    def events(query: Annotated[EventQuery, Query()], db: Db) -> Response:
        """Events matching the filters, one page at a time (pass `next_cursor` back as `cursor`)."""
        page = queries.events_page(db, query)
        headers = {"X-Next-Cursor": page.next_cursor} if page.next_cursor else {}
        if query.format == "jsonl":
            body = "".join(record + "\n" for record in page.records)
            return Response(body, media_type="application/x-ndjson", headers=headers)
        if query.format == "csv":
            return Response(_csv(page.records), media_type="text/csv; charset=utf-8", headers=headers)
        body = '{"events": [' + ", ".join(page.records) + '], "next_cursor": ' + json.dumps(page.next_cursor) + "}"
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: str, db: Db) -> dict[str, Any]:
        """One event with its article and the character spans of its trigger and actors."""
        detail = queries.event_detail(db, event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return detail

    @app.get("/api/actors", tags=["aggregates"])
    def actors(query: Annotated[ListQuery, Query()], db: Db) -> dict[str, Any]:
        """Actors of the matching events, most events first."""
        return {"actors": queries.actors(db, query)}

    @app.get("/api/series", tags=["aggregates"])
    def series(query: Annotated[SeriesQuery, Query()], db: Db) -> dict[str, Any]:
        """Events and summed Goldstein score per period and quad class."""
        return {"interval": query.interval, "series": queries.series(db, query)}

    @app.get("/api/network", tags=["aggregates"])
    def network(query: Annotated[ListQuery, Query()], db: Db) -> dict[str, Any]:
        """The busiest source → target dyads and their actors."""
        return queries.network(db, query)

    @app.get("/api/places", tags=["aggregates"])
    def places(query: Annotated[PlacesQuery, Query()], db: Db) -> dict[str, Any]:
        """Located events grouped by place."""
        return {"places": queries.places(db, query)}

    @app.post("/api/code", tags=["coding"])
    def code(body: CodeRequest) -> dict[str, Any]:
        """Code a text with the same coder as `polybius code`; nothing is stored."""
        if len(body.text.encode()) > MAX_REQUEST_BYTES:
            raise HTTPException(413, f"text: longer than {MAX_REQUEST_BYTES} bytes")
        try:
            with app.state.coder_lock:
                records = code_text(body.text, body.date, all_modalities=body.all_modalities)
        except PolybiusError as error:
            raise HTTPException(422, f"text: {error}") from error
        return {"events": [record.to_dict() for record in records]}


def _csv(records: list[str]) -> str:
    out = io.StringIO()
    write_csv_rows((flatten(json.loads(record)) for record in records), out)
    return out.getvalue()


def _pages(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        bundle = next(STATIC.glob("vendor/**/swagger-ui-bundle.js"), None)
        if bundle is None:
            return HTMLResponse(_plain_docs(app.openapi()))
        folder = "/static/" + bundle.parent.relative_to(STATIC).as_posix()
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="polybius API",
            swagger_js_url=f"{folder}/swagger-ui-bundle.js",
            swagger_css_url=f"{folder}/swagger-ui.css",
            swagger_favicon_url=f"{folder}/favicon-32x32.png",
        )


def _plain_docs(schema: dict[str, Any]) -> str:
    """The API reference as plain HTML, for when Swagger UI is not vendored: no CDN is reached."""
    parts = [f"<h1>{html.escape(schema['info']['title'])} API</h1>", '<p><a href="/openapi.json">openapi.json</a></p>']
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            parts.append(f"<h2><code>{method.upper()} {html.escape(path)}</code></h2>")
            parts.append(f"<p>{html.escape(operation.get('description') or operation.get('summary', ''))}</p>")
            rows = [
                f"<tr><td><code>{html.escape(p['name'])}</code></td>"
                f"<td>{html.escape(p.get('description', ''))}</td></tr>"
                for p in operation.get("parameters", [])
            ]
            if rows:
                parts.append("<table>" + "".join(rows) + "</table>")
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>polybius API</title></head><body>'
        + "".join(parts)
        + "</body></html>"
    )


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    """One readable line per bad parameter: ``date_from: expected YYYY, …, got '2024-13'``.

    Bad query or path parameters are a 400; a bad JSON body (``/api/code``) a 422."""
    messages = []
    for problem in error.errors():
        reason = str(problem["msg"]).removeprefix("Value error, ")
        where = [str(part) for part in problem["loc"][1:]]
        name = ".".join(where) if where else ""
        given = problem.get("input")
        got = f", got {given!r}" if name and isinstance(given, str | int | float) else ""
        messages.append(f"{name}: {reason}{got}" if name else reason)
    in_body = any(problem["loc"][:1] == ("body",) for problem in error.errors())
    return JSONResponse({"detail": "; ".join(messages)}, status_code=422 if in_body else 400)


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with a 413, by their Content-Length or as they stream."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        received = 0

        async def counted() -> MutableMapping[str, Any]:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise HTTPException(413, self._message)
            return message

        await self.app(scope, counted, send)

    @property
    def _message(self) -> str:
        return f"request body larger than {self.limit} bytes (1 MB); send a shorter text"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await JSONResponse({"detail": self._message}, status_code=413)(scope, receive, send)
