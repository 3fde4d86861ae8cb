"""The event record: one schema for every output (see DESIGN.md, "The event record").

The dataclasses below are the one definition of the record. :data:`COLUMNS` walks them into the
flat columns every tabular output shares (the CSV header, the DuckDB ``events`` table, the Parquet
copy, the API's CSV and its location filters), so a field added here reaches all of them.

Naming rule for a nested field: ``{parent}_{field}`` (``source_code``, ``location_admin1``,
``trigger_start``), except fields marked :data:`UNPREFIXED`, which keep their own name: a
location's ``lat``, ``lon`` and ``geonameid`` are unambiguous, and map tools look for ``lat``/``lon``.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Union, get_args, get_origin, get_type_hints

#: Field metadata: the flat column is the field's own name, not ``{parent}_{field}``.
UNPREFIXED: Mapping[str, bool] = types.MappingProxyType({"prefixed": False})
#: Field metadata: kept on the Python object only, not in the record's JSON nor its columns.
INTERNAL: Mapping[str, bool] = types.MappingProxyType({"internal": True})


@dataclass(frozen=True)
class Actor:
    """A coded actor as it appears in a record."""

    text: str
    name: str
    code: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None

    @staticmethod
    def make_code(country: str | None, sector: str | None, org: str | None, prefix: str | None) -> str:
        """CAMEO-style concatenation: country (or IGO/IMG/NGO prefix), sector, organisation.

        An actor known only by its role ("soldiers" of an unknown country) is its sector code.
        """
        return "".join(part for part in (country or prefix, sector, org) if part)


@dataclass(frozen=True, kw_only=True)
class Location:
    """Where an event happened, as the gazetteer knows the place; fields in contract order."""

    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None  # the first-level subdivision it lies in
    admin2: str | None = None  # the second-level one
    lat: float | None = field(default=None, metadata=UNPREFIXED)
    lon: float | None = field(default=None, metadata=UNPREFIXED)
    geonameid: int | None = field(default=None, metadata=UNPREFIXED)
    feature: str | None = None  # GeoNames feature code: PCLI, ADM1, ADM2, PPL, PPLC, CONT, RGN, SEA…
    feature_class: str | None = None  # GeoNames feature class: A (country, division), P (populated place), L, H, T, S
    precision: str | None = None  # city / admin1 / admin2 / region / country / continent / sea


@dataclass(frozen=True)
class Trigger:
    text: str
    start: int  # character offsets in the article text
    end: int


@dataclass
class EventRecord:
    """One coded event; field names are a contract other tools read."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_name: str
    root: str
    plover: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    date: str | None
    date_precision: str | None
    date_source: str | None
    location: Location | None
    negated: bool
    modality: str
    trigger: Trigger
    confidence: float
    rule: str
    extra: dict[str, Any] = field(default_factory=dict, repr=False, metadata=INTERNAL)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data, in contract field order."""
        data = asdict(self)
        for name in _internal_fields(EventRecord):
            data.pop(name)
        return data


@dataclass(frozen=True)
class Column:
    """One flat column of the record: its name in CSV, DuckDB and Parquet, and where its value
    is in the record's JSON (``("location", "lat")``)."""

    name: str
    path: tuple[str, ...]
    python_type: type  # str, int, float or bool
    nullable: bool

    def value(self, record: Mapping[str, Any]) -> Any:
        """The column's value in a record's JSON data; None under a missing nested object, and for
        a field that records stored before it was added lack."""
        value: Any = record
        for key in self.path:
            if value is None:
                return None
            value = value.get(key)
        return value


_SCALARS = (str, int, float, bool)


def columns(record_type: type, path: tuple[str, ...] = (), nullable: bool = False) -> Iterator[Column]:
    """The flat columns of a record dataclass, in field order, nested dataclasses walked in place."""
    hints = get_type_hints(record_type)
    for item in fields(record_type):
        if item.metadata.get("internal"):
            continue
        kind, optional = _unwrap_optional(hints[item.name])
        here = (*path, item.name)
        if is_dataclass(kind):
            yield from columns(kind, here, nullable or optional)  # type: ignore[arg-type]
        elif kind in _SCALARS:
            name = "_".join(here) if item.metadata.get("prefixed", True) else item.name
            yield Column(name, here, kind, nullable or optional)
        else:
            raise TypeError(f"{record_type.__name__}.{item.name}: a record field is a scalar or a dataclass")


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """``X | None`` → ``(X, True)``; ``X`` → ``(X, False)``."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(get_args(hint))
    return hint, False


def _internal_fields(record_type: type) -> list[str]:
    return [item.name for item in fields(record_type) if item.metadata.get("internal")]


@dataclass(frozen=True)
class MentionWhere:
    """Where a place mention is written and what it does there (the columns before its place's)."""

    article_id: str
    text: str
    start: int  # character offsets in the article text
    end: int
    role: str  # place, actor, modifier, dateline or adjectival


#: The event record's flat columns, in contract order: the one list every tabular output uses.
COLUMNS: tuple[Column, ...] = tuple(columns(EventRecord))
#: The location's fields, in contract order (a place mention carries them too).
LOCATION_FIELDS: tuple[str, ...] = tuple(item.name for item in fields(Location))
#: Columns of a place mention (``polybius places``): where it is written, its role, the place's fields as
#: in an event's ``location``, and how sure the geoparser is.
PLACE_MENTION_COLUMNS: tuple[str, ...] = (
    *(item.name for item in fields(MentionWhere)), *LOCATION_FIELDS, "confidence"
)


def flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record's JSON data as one flat row, ``{column name: value}`` in :data:`COLUMNS` order."""
    return {column.name: column.value(record) for column in COLUMNS}


__all__ = [
    "COLUMNS",
    "LOCATION_FIELDS",
    "PLACE_MENTION_COLUMNS",
    "Actor",
    "Column",
    "EventRecord",
    "Location",
    "Trigger",
    "columns",
    "flatten",
]
