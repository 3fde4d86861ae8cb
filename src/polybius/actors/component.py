"""The ``polybius_actors`` component: an article's actors, read once, on ``Doc._.actors``.

The reading (:class:`~polybius.actors.resolve.ArticleActors`) holds the knowledge phrases found in
the article, its focus country, and the people and pronoun antecedents met in text order. Later
stages resolve their arguments against it and never change it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from polybius.actors.dictionaries import read_actor_dictionary, read_agent_dictionary
from polybius.actors.knowledge import ActorKnowledge
from polybius.actors.resolve import ArticleActors
from polybius.geo import Gazetteer
from polybius.registry import actor_resolvers, reference

if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)

KnowledgeBuilder = Callable[[Language], ActorKnowledge]


@actor_resolvers.register("polybius.actor_resolver.v1")
def actor_resolver(actors: Sequence[str] = (), agents: Sequence[str] = ()) -> KnowledgeBuilder:
    """Our actor dictionaries, with user dictionaries (PETRARCH/TABARI or our JSONL) that override them."""
    user_actors = [a for path in actors for a in read_actor_dictionary(Path(path))]
    user_agents = [a for path in agents for a in read_agent_dictionary(Path(path))]

    def build(nlp: Language) -> ActorKnowledge:
        return ActorKnowledge(nlp, user_actors=user_actors, user_agents=user_agents)

    return build


class ActorReader:
    """Reads each article's actors with knowledge compiled against this pipeline's vocabulary."""

    def __init__(self, knowledge: ActorKnowledge, gazetteer: Gazetteer) -> None:
        self.knowledge = knowledge
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        actors = ArticleActors(self.knowledge, doc._.published, self.place_country)
        actors.read(doc._.paragraphs, doc._.sentences)
        doc._.actors = actors
        return doc

    def place_country(self, name: str, countries: frozenset[str] = frozenset(), regions: bool = False) -> str | None:
        """The country of a town ("shelled the town of Izium" → UKR). Regions and seas are where
        events happen, not actors: "the ceasefire in Karabakh" has no Azerbaijani target; but
        force used on a region is used on its country ("struck targets across the Gaza Strip")."""
        place = self.gazetteer.lookup(name, countries)
        kinds = ("city", "region", "admin1", "country") if regions else ("city",)
        if place is None or place.precision not in kinds:
            return None
        # A hamlet's name is more often a word ("West", "Hope"): a town stands for its country as
        # an actor only from a town's size (the bar of GeoNames's cities15000).
        return place.country if place.kind != "city" or place.population >= _ACTOR_TOWN else None


_ACTOR_TOWN = 15_000


@Language.factory(
    "polybius_actors",
    requires=["token.dep", "token.tag", "token.lemma", "token.ent_type", "token.is_sent_start"],
    assigns=["doc._.actors"],
    default_config={
        "resolver": reference("actor_resolvers", "polybius.actor_resolver.v1"),
        "geocoder": reference("geocoders", "polybius.gazetteer.v1"),
    },
)
def make_actor_reader(nlp: Language, name: str, resolver: KnowledgeBuilder, geocoder: Gazetteer) -> ActorReader:
    return ActorReader(resolver(nlp), geocoder)


__all__ = ["ActorReader", "actor_resolver", "make_actor_reader"]
