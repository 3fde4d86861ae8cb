"""A place of the gazetteer: one row of its index, and the event ``location`` it gives."""

from __future__ import annotations

from dataclasses import dataclass

from polybius.records import Location


# Places are shared between lookups (and cached): treat them as read-only.
@dataclass(slots=True, frozen=True)
class Place:
    id: int  # row of the index: a stable order for ties
    name: str
    country: str | None  # ISO alpha-3
    admin1: str | None  # name of the first-level division it lies in (its own name for one)
    admin2: str | None
    admin1_code: str | None  # GeoNames admin code of that division ("US.KY")
    admin2_code: str | None  # and of the second-level one ("US.KY.125")
    code: str | None  # a division's own GeoNames admin code ("US.KY", "US.KY.125")
    iso: str | None  # a division's ISO 3166-2 code ("US-KY")
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    kind: str  # country / continent / admin1 / admin2 / admin3 / region / city / extra
    feature_class: str  # GeoNames feature class: A, P, L, H, T, S
    feature_code: str  # GeoNames feature code: PCLI, ADM1, PPL, PPLC, CONT, SEA…
    precision: str  # the precision it gives an event's location: city, admin1, admin2, country, region, sea…
    rank: int  # kinds in the order they win a tie (index.RANK)

    def lies_in(self, qualifier: Place, strict: bool = True) -> bool:
        """Is this place in the qualifying country or division ("Paris, Texas")? Not strictly:
        in its country ("London, Ontario" when the division of a town is unknown)."""
        if self.country != qualifier.country or self == qualifier:
            return False
        if qualifier.kind == "country":
            return self.kind != "country"
        if qualifier.kind == "admin1":
            return self.admin1_code == qualifier.code or (not strict and self.kind != "country")
        if qualifier.kind in ("admin2", "admin3"):
            return self.admin2_code == qualifier.code or (not strict and self.admin1_code == qualifier.admin1_code)
        return not strict and self.kind != "country"

    def location(self) -> Location:
        return Location(
            name=self.name,
            country=self.country,
            admin1=self.admin1,
            admin2=self.admin2,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            feature=self.feature_code,
            feature_class=self.feature_class,
            precision=self.precision,
        )


__all__ = ["Place"]
