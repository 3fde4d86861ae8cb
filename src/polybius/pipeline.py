"""Our pipeline: the English model with polybius's stages as spaCy components, and the parts they
are built with.

``add_polybius(nlp)`` adds our stages to any English pipeline, a user's own included::

    polybius_paragraphs (before the parser) → … → polybius_actors → polybius_events
    → polybius_dates → polybius_places

and ``polybius_pipeline(parts)`` is the English model with them, built once per choice of parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

# Importing the stages registers their factories and parts.
import polybius.actors.component
import polybius.dates.component
import polybius.events.component
import polybius.geo.component
import polybius.nlp.paragraphs  # noqa: F401
from polybius.nlp import add_lemma_fixes
from polybius.registry import reference
from polybius.settings import SPACY_MODEL

#: Our components, in pipeline order.
COMPONENTS = ("polybius_paragraphs", "polybius_actors", "polybius_events", "polybius_dates", "polybius_places")


@dataclass(frozen=True)
class Parts:
    """The registered parts a pipeline is built with (``polybius.toml``: ``typer = "…"``, …)."""

    typer: str = "polybius.lexicon_typer.v1"
    actor_resolver: str = "polybius.actor_resolver.v1"
    date_resolver: str = "polybius.date_resolver.v1"
    geocoder: str = "polybius.gazetteer.v1"
    # User actor and agent dictionaries (absolute paths), read by the actor resolver.
    actors: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, table: dict[str, Any]) -> Parts:
        """The parts named in a ``[polybius]`` config table; other keys are not parts."""
        kinds = ("typer", "actor_resolver", "date_resolver", "geocoder")
        names: dict[str, Any] = {key: str(table[key]) for key in kinds if key in table}
        lists: dict[str, Any] = {key: tuple(str(p) for p in table[key]) for key in ("actors", "agents") if key in table}
        return cls(**names, **lists)

    def with_dictionaries(self, actors: Sequence[str | Path] = (), agents: Sequence[str | Path] = ()) -> Parts:
        """These parts with user dictionaries added, as absolute paths (readable by any worker)."""
        return replace(
            self,
            actors=(*self.actors, *(str(Path(a).resolve()) for a in actors)),
            agents=(*self.agents, *(str(Path(a).resolve()) for a in agents)),
        )

    def component_configs(self) -> dict[str, dict[str, Any]]:
        """The config of each of our components."""
        geocoder = reference("geocoders", self.geocoder)
        resolver = reference("actor_resolvers", self.actor_resolver, actors=list(self.actors), agents=list(self.agents))
        return {
            "polybius_paragraphs": {},
            "polybius_actors": {"resolver": resolver, "geocoder": geocoder},
            "polybius_events": {"typer": reference("typers", self.typer)},
            "polybius_dates": {"resolver": reference("date_resolvers", self.date_resolver)},
            "polybius_places": {"geocoder": geocoder},
        }


#: Our own parts, the default of every pipeline.
DEFAULT_PARTS = Parts()


def add_polybius(nlp: Language, parts: Parts = DEFAULT_PARTS, *, place_mentions: bool = True) -> Language:
    """Add our components to ``nlp`` (those it lacks), configured with ``parts``; returns ``nlp``.

    ``place_mentions``: also list every place of each article on ``Doc._.places`` (the coder
    leaves it off: it locates events without listing places)."""
    add_lemma_fixes(nlp)
    configs = parts.component_configs()
    configs["polybius_places"]["mentions"] = place_mentions
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            continue
        if name == "polybius_paragraphs":
            where: dict[str, Any] = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
            nlp.add_pipe(name, config=configs[name], **where)
        else:
            nlp.add_pipe(name, config=configs[name])
    return nlp


@lru_cache(maxsize=8)
def polybius_pipeline(parts: Parts = DEFAULT_PARTS) -> Language:
    """The English model with our components, built once per process for each choice of parts."""
    return add_polybius(spacy.load(SPACY_MODEL), parts, place_mentions=False)


__all__ = ["COMPONENTS", "DEFAULT_PARTS", "Parts", "add_polybius", "polybius_pipeline"]
