"""Read-only SQL over the event store, for the web views.

Every value reaches DuckDB as a ``?`` parameter; column names and sort orders come only from the
whitelists in this module. Filters are validated once (:class:`Filters`) and turned into one
WHERE clause (:func:`where`) shared by every query, so each view answers the same question.
"""

from __future__ import annotations

import base64
import binascii
import calendar
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import duckdb
from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

from polybius.documents import ARTICLE_FIELDS
from polybius.records import COLUMNS, Column
from polybius.settings import MAX_PAGE_SIZE, PAGE_SIZE

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CODE = re.compile(r"^[A-Za-z0-9]+$")
_CAMEO = re.compile(r"^\d{2,4}$")
_ROOT = re.compile(r"^\d{2}$")
_PLOVER = re.compile(r"^[A-Za-z_]+$")

Modality = Literal["asserted", "future", "intent", "hypothetical"]

#: The record's location columns, in contract order.
LOCATION_COLUMNS = tuple(c for c in COLUMNS if c.path[0] == "location")
#: Location columns that a filter of their own kind covers: ``place`` (part of the name), ``bbox``.
_SEARCHED = ("location_name", "lat", "lon")
#: Every other location column is an exact-match filter under its column name (``location_admin1``,
#: ``geonameid``…): a field added to ``Location`` becomes filterable by itself.
LOCATION_FILTERS = tuple(c for c in LOCATION_COLUMNS if c.name not in _SEARCHED)

if TYPE_CHECKING:  # a model of its own, so that Filters' bases have a consistent order

    class _LocationFilters(BaseModel):
        """One exact-match filter per location column, built at run time."""

else:
    _LocationFilters = create_model(
        "_LocationFilters",
        **{
            c.name: (
                c.python_type | None,
                Field(None, description=f"Location {c.path[-1]}, exactly (ignoring case for text)."),
            )
            for c in LOCATION_FILTERS
        },
    )


class _EventFilters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date_from: str | None = Field(None, description="Events on or after: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_to: str | None = Field(None, description="Events on or before: YYYY, YYYY-MM or YYYY-MM-DD.")
    actor: str | None = Field(None, description="Source or target: code prefix, name (part of it) or country.")
    source: str | None = Field(None, description="Source actor code prefix, e.g. RUS or RUSGOV.")
    target: str | None = Field(None, description="Target actor code prefix.")
    dyad: str | None = Field(None, description="SRC,TGT code prefixes, either direction.")
    cameo: str | None = Field(None, description="CAMEO code prefix, e.g. 19 or 0841.")
    root: str | None = Field(None, description="CAMEO root, two digits.")
    plover: str | None = Field(None, description="PLOVER type, e.g. ASSAULT.")
    quad_class: int | None = Field(
        None, ge=1, le=4, description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."
    )
    place: str | None = Field(None, description="Location name (part of it), case-insensitive.")
    bbox: str | None = Field(None, description="minlon,minlat,maxlon,maxlat.")
    q: str | None = Field(None, description="Free text in the sentence, case-insensitive.")
    modality: Modality | None = Field(None, description="asserted, future, intent or hypothetical.")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("date_from", "date_to")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None and not _valid_date(value):
            raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
        return value

    @field_validator("source", "target")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        if value is not None and not _CODE.match(value.strip()):
            raise ValueError("expected an actor code prefix (letters and digits)")
        return value.strip().upper() if value else value

    @field_validator("dyad")
    @classmethod
    def _dyad(cls, value: str | None) -> str | None:
        if value is None:
            return value
        parts = [p.strip() for p in value.split(",")]
        if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
            raise ValueError("expected two actor code prefixes SRC,TGT")
        return ",".join(parts).upper()

    @field_validator("cameo")
    @classmethod
    def _cameo(cls, value: str | None) -> str | None:
        if value is not None and not _CAMEO.match(value):
            raise ValueError("expected a CAMEO code prefix of 2 to 4 digits")
        return value

    @field_validator("root")
    @classmethod
    def _root(cls, value: str | None) -> str | None:
        if value is not None and not _ROOT.match(value):
            raise ValueError("expected a CAMEO root of 2 digits")
        return value

    @field_validator("plover")
    @classmethod
    def _plover(cls, value: str | None) -> str | None:
        if value is not None and not _PLOVER.match(value):
            raise ValueError("expected a PLOVER type such as ASSAULT")
        return value.upper() if value else value

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: str | None) -> str | None:
        if value is not None:
            parse_bbox(value)
        return value

    @model_validator(mode="after")
    def _ordered_dates(self) -> _EventFilters:
        if self.date_from and self.date_to and self.date_from[: len(self.date_to)] > self.date_to:
            raise ValueError(f"date_from {self.date_from!r} is after date_to {self.date_to!r}")
        return self


class Filters(_LocationFilters, _EventFilters):  # in this order, the location filters are listed last
    """The filters every view shares; an empty value is no filter (what an empty form field sends)."""


def _valid_date(value: str) -> bool:
    match = _DATE.match(value)
    if not match:
        return False
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]  # type: ignore[arg-type]


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """``minlon,minlat,maxlon,maxlat`` as numbers, checked to be a box on the globe."""
    try:
        minlon, minlat, maxlon, maxlat = (float(part) for part in value.split(","))
    except ValueError:
        raise ValueError("expected four numbers minlon,minlat,maxlon,maxlat") from None
    if not (-180 <= minlon <= maxlon <= 180):
        raise ValueError("longitudes must satisfy -180 ≤ minlon ≤ maxlon ≤ 180")
    if not (-90 <= minlat <= maxlat <= 90):
        raise ValueError("latitudes must satisfy -90 ≤ minlat ≤ maxlat ≤ 90")
    return minlon, minlat, maxlon, maxlat


def where(filters: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its parameters for ``filters``, over the ``events`` table."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    f = filters
    if f.date_from:
        # An event dated less precisely than the bound counts when its period reaches it:
        # "2024-01" is on or after "2024-01-15".
        add("(date >= ? OR starts_with(?, date))", f.date_from, f.date_from)
    if f.date_to:
        add("date <= ?", f.date_to + "~")  # '~' sorts after digits and '-': "2024-01-31" ≤ "2024-01~"
    if f.actor:
        add(_actor_clause(), *_actor_params(f.actor))
    if f.source:
        add("starts_with(source_code, ?)", f.source)
    if f.target:
        add("starts_with(target_code, ?)", f.target)
    if f.dyad:
        a, b = f.dyad.split(",")
        add(
            "((starts_with(source_code, ?) AND starts_with(target_code, ?))"
            " OR (starts_with(source_code, ?) AND starts_with(target_code, ?)))",
            a,
            b,
            b,
            a,
        )
    if f.cameo:
        add("starts_with(cameo, ?)", f.cameo)
    if f.root:
        add("root = ?", f.root)
    if f.plover:
        add("plover = ?", f.plover)
    if f.quad_class is not None:
        add("quad_class = ?", f.quad_class)
    if f.place:
        add("contains(lower(location_name), ?)", f.place.strip().lower())
    if f.bbox:
        minlon, minlat, maxlon, maxlat = parse_bbox(f.bbox)
        add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", minlon, maxlon, minlat, maxlat)
    for column in LOCATION_FILTERS:
        value = getattr(f, column.name)
        if value is not None:
            add(*_equals(column, value))
    if f.q:
        add("contains(lower(sentence), ?)", f.q.strip().lower())
    if f.modality:
        add("modality = ?", f.modality)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _equals(column: Column, value: Any) -> tuple[str, Any]:
    if column.python_type is str:
        return f"lower({column.name}) = ?", str(value).strip().lower()
    return f"{column.name} = ?", value


def _actor_clause() -> str:
    side = "(starts_with({s}_code, ?) OR contains(lower({s}_name), ?) OR {s}_country = ?)"
    return "(" + side.format(s="source") + " OR " + side.format(s="target") + ")"


def _actor_params(actor: str) -> list[str]:
    actor = actor.strip()
    return [actor.upper(), actor.lower(), actor.upper()] * 2


# --- /api/events: keyset pagination ---------------------------------------------------------

#: Sort name → (key expression, direction). Undated events sort as "" (last when newest first).
SORTS: dict[str, tuple[str, str]] = {
    "date": ("coalesce(date, '')", "ASC"),
    "-date": ("coalesce(date, '')", "DESC"),
    "confidence": ("confidence", "ASC"),
    "-confidence": ("confidence", "DESC"),
    "goldstein": ("goldstein", "ASC"),
    "-goldstein": ("goldstein", "DESC"),
}
Sort = Literal["date", "-date", "confidence", "-confidence", "goldstein", "-goldstein"]


class EventQuery(Filters):
    sort: Sort = Field("-date", description="Sort key; '-' for descending. Ties are broken by event id.")
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Events per page.")
    cursor: str | None = Field(None, description="The previous page's next_cursor.")
    format: Literal["json", "jsonl", "csv"] = Field("json", description="json, jsonl or csv.")

    @field_validator("cursor")
    @classmethod
    def _cursor(cls, value: str | None) -> str | None:
        if value is not None:
            decode_cursor(value)
        return value

    @model_validator(mode="after")
    def _cursor_sort(self) -> EventQuery:
        if self.cursor and decode_cursor(self.cursor)[0] != self.sort:
            raise ValueError(f"cursor: it was made for sort={decode_cursor(self.cursor)[0]!r}, not {self.sort!r}")
        return self


def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    """An opaque page cursor: the sort and the (key, id) of the last event of a page."""
    return base64.urlsafe_b64encode(json.dumps([sort, key, event_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, Any, str]:
    try:
        sort, key, event_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError, binascii.Error):
        raise ValueError("not a cursor this API made (pass next_cursor unchanged)") from None
    key_type = str if sort.endswith("date") else (int, float)
    if sort not in SORTS or not isinstance(event_id, str) or not isinstance(key, key_type):
        raise ValueError("not a cursor this API made (pass next_cursor unchanged)")
    return sort, key, event_id


@dataclass
class EventPage:
    records: list[str]  # the stored JSON text of each record, as is
    next_cursor: str | None


def events_page(con: duckdb.DuckDBPyConnection, query: EventQuery) -> EventPage:
    """One page of events, in ``query.sort`` order, after ``query.cursor``."""
    key, direction = SORTS[query.sort]
    clause, params = where(query)
    if query.cursor:
        _, last_key, last_id = decode_cursor(query.cursor)
        after = "<" if direction == "DESC" else ">"
        clause += (" AND " if clause else " WHERE ") + f"({key}, id) {after} (?, ?)"
        params += [last_key, last_id]
    # Sort on the narrow columns first and read the wide record only for the page's rows: over a
    # million events this is five times faster than sorting with the record in tow.
    rows = con.execute(
        f"WITH page AS (SELECT rowid AS row, {key} AS k, id FROM events{clause}"
        f" ORDER BY k {direction}, id {direction} LIMIT ?)"
        f" SELECT e.record, page.k, page.id FROM page JOIN events e ON e.rowid = page.row"
        f" ORDER BY page.k {direction}, page.id {direction}",
        [*params, query.limit + 1],
    ).fetchall()
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    cursor = encode_cursor(query.sort, rows[-1][1], rows[-1][2]) if more else None
    return EventPage([row[0] for row in rows], cursor)


# --- one event with its article -------------------------------------------------------------


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The event, its article and the character spans of trigger and actors in the article text."""
    row = con.execute(_DETAIL, [event_id]).fetchone()
    if row is None:
        return None
    record = json.loads(row[0])
    article = dict(zip(_ARTICLE_SHOWN, row[5:], strict=True))
    trigger = record["trigger"]
    return {
        "event": record,
        "article": article,
        "spans": {
            "source": _actor_span(row[1:3], record["source"], article["text"], trigger["start"]),
            "trigger": [trigger["start"], trigger["end"]],
            "target": _actor_span(row[3:5], record["target"], article["text"], trigger["start"]),
        },
    }


# The article as the event page shows it: what is stored of it, less where the file came from.
_ARTICLE_SHOWN = [name for name in ARTICLE_FIELDS if name not in ("source", "path")]
_DETAIL = (
    "SELECT e.record, e.source_start, e.source_end, e.target_start, e.target_end, "
    + ", ".join(f"a.{name}" for name in _ARTICLE_SHOWN)
    + " FROM events e JOIN articles a ON a.id = e.article_id WHERE e.id = ?"
)


def _actor_span(stored: tuple[Any, ...], actor: dict[str, Any] | None, text: str, trigger: int) -> list[int] | None:
    """The stored span, else (older stores) the occurrence of the actor's words nearest the trigger."""
    if stored[0] is not None:
        return [stored[0], stored[1]]
    if not actor or not actor.get("text"):
        return None
    phrase = actor["text"]
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - trigger))
    return [start, start + len(phrase)]


# --- aggregates ---------------------------------------------------------------------------

#: Interval → (period expression, shortest date it needs): a month-precision event has no day.
PERIODS: dict[str, tuple[str, int]] = {
    "day": ("date", 10),
    "week": ("strftime(date_trunc('week', TRY_CAST(date AS DATE)), '%Y-%m-%d')", 10),
    "month": ("substr(date, 1, 7)", 7),
}


class SeriesQuery(Filters):
    interval: Literal["day", "week", "month"] = Field(
        "month", description="Period: day, week (labelled by its Monday) or month."
    )


class ListQuery(Filters):
    limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE, description="Most rows returned.")


class PlacesQuery(Filters):
    limit: int = Field(MAX_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Most places returned.")


def series(con: duckdb.DuckDBPyConnection, query: SeriesQuery) -> list[dict[str, Any]]:
    """Events and summed Goldstein per period and quad class; events dated less precisely than
    the interval are left out."""
    period, shortest = PERIODS[query.interval]
    clause, params = where(query)
    clause += (" AND " if clause else " WHERE ") + "length(date) >= ?"
    rows = con.execute(
        f"SELECT {period} AS period, quad_class, count(*), round(sum(goldstein), 2) FROM events{clause}"
        " GROUP BY ALL HAVING period IS NOT NULL ORDER BY period, quad_class",
        [*params, shortest],
    ).fetchall()
    return [{"period": p, "quad_class": c, "events": n, "goldstein": g} for p, c, n, g in rows]


def _filtered(query: Filters) -> tuple[str, list[Any]]:
    """A CTE ``f`` of the filtered events' actors, for aggregates over both sides (narrow: DuckDB
    materialises a CTE used twice)."""
    clause, params = where(query)
    columns = "source_code, source_name, source_country, target_code, target_name, target_country, goldstein"
    return f"WITH f AS (SELECT {columns} FROM events{clause})", params


_SIDES = (
    "sides AS (SELECT source_code AS code, source_name AS name, source_country AS country, 1 AS s, 0 AS t"
    " FROM f WHERE source_code IS NOT NULL UNION ALL"
    " SELECT target_code, target_name, target_country, 0, 1 FROM f WHERE target_code IS NOT NULL)"
)


def actors(con: duckdb.DuckDBPyConnection, query: ListQuery) -> list[dict[str, Any]]:
    """Actors of the filtered events, most active first."""
    cte, params = _filtered(query)
    rows = con.execute(
        f"{cte}, {_SIDES} SELECT code, mode(name), mode(country), sum(s)::INTEGER, sum(t)::INTEGER, count(*)"
        " FROM sides GROUP BY code ORDER BY count(*) DESC, code LIMIT ?",
        [*params, query.limit],
    ).fetchall()
    keys = ("code", "name", "country", "as_source", "as_target", "events")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def network(con: duckdb.DuckDBPyConnection, query: ListQuery) -> dict[str, list[dict[str, Any]]]:
    """The busiest source → target edges, and their actors with how many filtered events each is in."""
    cte, params = _filtered(query)
    edges = con.execute(
        f"{cte} SELECT source_code, target_code, count(*), round(avg(goldstein), 2) FROM f"
        " WHERE source_code IS NOT NULL AND target_code IS NOT NULL"
        " GROUP BY ALL ORDER BY count(*) DESC, source_code, target_code LIMIT ?",
        [*params, query.limit],
    ).fetchall()
    codes = sorted({code for edge in edges for code in edge[:2]})
    nodes = con.execute(
        f"{cte}, {_SIDES} SELECT code, mode(name), count(*) FROM sides WHERE list_contains(?, code)"
        " GROUP BY code ORDER BY count(*) DESC, code",
        [*params, codes],
    ).fetchall()
    return {
        "nodes": [{"code": c, "name": n, "events": k} for c, n, k in nodes],
        "edges": [{"source": s, "target": t, "events": k, "goldstein_mean": g} for s, t, k, g in edges],
    }


def places(con: duckdb.DuckDBPyConnection, query: PlacesQuery) -> list[dict[str, Any]]:
    """Located events grouped by place (every location field, named as in the record), most events first."""
    clause, params = where(query)
    clause += (" AND " if clause else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
    place = ", ".join(c.name for c in LOCATION_COLUMNS)
    rows = con.execute(
        f"SELECT {place}, count(*), round(avg(goldstein), 2) FROM events{clause}"
        f" GROUP BY ALL ORDER BY count(*) DESC, {place} LIMIT ?",
        [*params, query.limit],
    ).fetchall()
    keys = (*(c.path[-1] for c in LOCATION_COLUMNS), "events", "goldstein_mean")
    return [dict(zip(keys, row, strict=True)) for row in rows]


__all__ = [
    "EventPage",
    "EventQuery",
    "Filters",
    "ListQuery",
    "PlacesQuery",
    "SeriesQuery",
    "actors",
    "event_detail",
    "events_page",
    "network",
    "places",
    "series",
    "where",
]
