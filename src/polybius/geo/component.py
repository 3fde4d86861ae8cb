"""The ``polybius_places`` component: where each event happened, and every place an article names.

Each event of ``Doc._.events`` gets the ``location`` of the most specific place its clause names
(resolved in the light of the article's countries); with ``mentions = true`` (the default) the Doc
also gets every place mention of its coded paragraphs on ``Doc._.places`` (the geoparser of
``polybius places``). The geocoder is a registered part.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from polybius.actors.resolve import ArticleActors
from polybius.geo import Gazetteer, load_gazetteer, place_name
from polybius.geo.parser import ArticleContext, PlaceMention, place_mentions, resolve
from polybius.records import Location
from polybius.registry import geocoders, reference

if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)


@geocoders.register("polybius.gazetteer.v1")
def gazetteer() -> Gazetteer:
    """The offline gazetteer: GeoNames cities and countries, ISO subdivisions and our extras."""
    return load_gazetteer()


class PlaceFinder:
    """Locates events and (optionally) lists the places of each article."""

    def __init__(self, geocoder: Gazetteer, mentions: bool = True) -> None:
        self.gazetteer = geocoder
        self.mentions = mentions

    def __call__(self, doc: Doc) -> Doc:
        actors: ArticleActors | None = doc._.actors
        countries = actors.countries() if actors is not None else frozenset()
        for event in doc._.events or []:
            event.location = self.location(event.detection.places, countries)
        if self.mentions:
            doc._.places = self.places(doc)
        return doc

    def location(self, tokens: list, countries: frozenset[str]) -> Location | None:
        """The first of the event's place tokens that the gazetteer knows."""
        for token in tokens:
            name = place_name(token)
            resolved = resolve(self.gazetteer, name, countries) if name else None
            if resolved:
                return resolved[0].location()
        return None

    def places(self, doc: Doc) -> list[PlaceMention]:
        """Every place mention of the Doc's coded paragraphs, read with what its actors say."""
        return place_mentions(self.gazetteer, doc._.paragraphs, article_context(doc._.actors))


def article_context(actors: ArticleActors | None) -> ArticleContext:
    """What the article's actors tell the geoparser (nothing when no actors were read)."""
    if actors is None:
        return ArticleContext()
    return ArticleContext(actors.countries(), actors.countries_in, actors.names_actor)


@Language.factory(
    "polybius_places",
    requires=["doc._.actors", "doc._.events", "doc.ents"],
    assigns=["doc._.places", "doc._.events"],
    default_config={"geocoder": reference("geocoders", "polybius.gazetteer.v1"), "mentions": True},
)
def make_place_finder(nlp: Language, name: str, geocoder: Gazetteer, mentions: bool) -> PlaceFinder:
    return PlaceFinder(geocoder, mentions)


__all__ = ["PlaceFinder", "article_context", "gazetteer", "make_place_finder"]
