"""The event record: one schema for every output (see DESIGN.md, "The event record")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


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


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    admin1: str | None = None
    feature: str | None = None  # country / admin region / city / other
    precision: str | None = None


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
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data, in contract field order."""
        data = asdict(self)
        data.pop("extra")
        return data


__all__ = ["Actor", "EventRecord", "Location", "Trigger"]
