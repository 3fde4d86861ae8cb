"""Schemas of the actor knowledge files in ``actors/data/``.

Each file is JSONL, one small reviewable entry per line, validated at load so a typo in a data
file fails loudly with the file and line rather than silently coding the wrong actor.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from polybius.datafiles import read_jsonl


class SectorEntry(BaseModel):
    """A CAMEO sector (role) code and what the coder knows about its actors (``data/sectors.jsonl``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    state: bool  # an organ of the state: a state acting on it acts on itself ("withdrew its troops")
    leadership: bool  # leads followers: "supporters of the president" are civilians, not the government
    domestic: bool  # without an owner, belongs to the country the article is about ("the rebels")
    home_only: bool  # found only at home: "Syrian rebels" say the article is about Syria
    # A people, not an organisation: its armed men are fighters ("the Serbs said their forces…"),
    # where an organised group's people are of the group ("the rebels said their commander…").
    population: bool


@lru_cache(maxsize=1)
def load_sectors() -> dict[str, SectorEntry]:
    """Every CAMEO sector code polybius knows, by code."""
    entries = read_jsonl(resources.files("polybius.actors") / "data" / "sectors.jsonl", SectorEntry)
    return {entry.code: entry for entry in entries}


SECTORS = frozenset(load_sectors())
SectorAttribute = Literal["state", "leadership", "domestic", "home_only", "population"]


def sector_is(code: str | None, attribute: SectorAttribute) -> bool:
    """Does the sector have the attribute? An unknown code (a user agent's) has none."""
    entry = load_sectors().get(code or "")
    return entry is not None and bool(getattr(entry, attribute))
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ORG = re.compile(r"^[A-Z0-9]{2,8}$")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_sector(value: str | None) -> str | None:
    if value is not None and value not in SECTORS:
        raise ValueError(f"unknown CAMEO sector {value!r}")
    return value


def _check_iso3(value: str | None) -> str | None:
    if value is not None and not _ISO3.match(value):
        raise ValueError(f"not an ISO 3166 alpha-3 code: {value!r}")
    return value


class CountryEntry(_Entry):
    """A country: every way news text names it, as a place or as an actor."""

    iso3: str
    name: str  # common English short name used in output ("Syria", "Russia")
    names: list[str]  # official and common names, short forms ("Syrian Arab Republic", "U.S.")
    adjectives: list[str] = []  # "Syrian"; also demonym nouns ("Syrians") which map to CVL
    capitals: list[str] = []  # seats of government, used as metonyms for the government

    _iso = field_validator("iso3")(_check_iso3)


class MetonymEntry(_Entry):
    """A building or place name that stands for a state body ("the Kremlin", "the Pentagon")."""

    text: str
    country: str
    sector: str = "GOV"
    example: str

    _iso = field_validator("country")(_check_iso3)
    _sec = field_validator("sector")(_check_sector)


class RoleEntry(_Entry):
    """A role word or phrase ("foreign minister", "rebels") and the CAMEO sector it implies.

    Matched on lemmas, so the singular form also matches plurals. ``generic`` roles ("official",
    "leader", "spokesman") give way to any more specific role in the same noun phrase.
    """

    text: str
    sector: str | None
    generic: bool = False
    person: bool = False  # names a single person (so "he"/"she" may refer to it)
    # Backs whoever its "of" phrase names: "supporters of the president" are civilians, not the state.
    follower: bool = False
    # A weapon standing for its users ("drones struck…"); as a modifier of an event noun it is only
    # the means ("a drone attack"), no actor.
    instrument: bool = False
    example: str

    _sec = field_validator("sector")(_check_sector)


class OrganisationEntry(_Entry):
    """An IGO, NGO, armed group, party or movement, with its aliases and how CAMEO codes it."""

    org: str  # short code used in records (UNO, NATO, ISIS)
    name: str
    aliases: list[str]
    kind: Literal["igo", "ngo", "armed_group", "party", "movement", "media", "business"]
    country: str | None = None  # home country for national groups (Hezbollah → LBN)
    sector: str | None = None  # CAMEO role (REB, INS, SEP, OPP, PTY, …)

    _iso = field_validator("country")(_check_iso3)
    _sec = field_validator("sector")(_check_sector)

    @field_validator("org")
    @classmethod
    def _org_code(cls, value: str) -> str:
        if not _ORG.match(value):
            raise ValueError(f"org code must be 2-8 upper-case letters/digits: {value!r}")
        return value


class RoleSpell(_Entry):
    """One role a person held, for a date range (ISO dates; ``end`` null = still holds it)."""

    country: str | None
    sector: str | None
    org: str | None = None
    start: str
    end: str | None = None
    title: str | None = None

    _iso = field_validator("country")(_check_iso3)
    _sec = field_validator("sector")(_check_sector)


class PersonEntry(_Entry):
    """A named person whose code depends on the article date."""

    name: str
    aliases: list[str] = []
    roles: list[RoleSpell]


class AmbiguousName(_Entry):
    """A country name that is also something else ("Georgia" the US state, "Jordan" the surname).

    The article decides: a counter-cue keeps the country; else a cue gives the alternative country
    (or, with ``alternative`` null, no actor at all); else the country stands.
    """

    text: str
    country: str
    alternative: str | None
    cues: list[str]
    counter_cues: list[str]
    example: str

    _iso = field_validator("country", "alternative")(_check_iso3)
