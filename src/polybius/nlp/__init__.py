"""The spaCy pipelines of a process: the English model, and the model with polybius's components.

``load_pipeline()`` is the bare English pipeline (loaded once per process). ``add_polybius(nlp)``
adds our stages to any English pipeline, a user's own included::

    polybius_paragraphs (before the parser) → … → polybius_actors → polybius_events
    → polybius_dates → polybius_places

and ``polybius_pipeline(parts)`` is the model with them, built once per choice of parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from polybius.lang import lemma_fixes
from polybius.registry import reference
from polybius.settings import SPACY_MODEL

#: Our components, in pipeline order.
COMPONENTS = ("polybius_paragraphs", "polybius_actors", "polybius_events", "polybius_dates", "polybius_places")
#: The attribute_ruler with our lemma fixes (``lang/en/lemmas.yaml``), before the lemmatizer.
LEMMA_FIXES = "polybius_lemma_fixes"


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


@lru_cache(maxsize=1)
def load_pipeline(model: str = SPACY_MODEL) -> Language:
    """The English pipeline with our lemma fixes, loaded once per process (per Dask worker, per test session)."""
    return add_lemma_fixes(spacy.load(model))


def add_lemma_fixes(nlp: Language) -> Language:
    """Add the lemma fixes of ``lang/en/lemmas.yaml`` as an attribute_ruler named ``polybius_lemma_fixes``
    before the lemmatizer, which keeps a lemma already set ("retook" → retake). Idempotent."""
    if LEMMA_FIXES not in nlp.pipe_names:
        before = "lemmatizer" if "lemmatizer" in nlp.pipe_names else None
        pipe = nlp.add_pipe("attribute_ruler", name=LEMMA_FIXES, config={"validate": True}, before=before)
        ruler = cast(AttributeRuler, pipe)
        patterns: list[dict[str, Any]] = [{"patterns": fix.patterns, "attrs": fix.attrs} for fix in lemma_fixes()]
        ruler.add_patterns(patterns)
    return nlp


def add_polybius(nlp: Language, parts: Parts = DEFAULT_PARTS, *, place_mentions: bool = True) -> Language:
    """Add our components to ``nlp`` (those it lacks), configured with ``parts``; returns ``nlp``.

    ``place_mentions``: also list every place of each article on ``Doc._.places`` (the coder
    leaves it off: it locates events without listing places)."""
    _import_components()
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


def _import_components() -> None:
    """Importing the stage modules registers their factories and parts."""
    import polybius.actors.component
    import polybius.dates.component
    import polybius.events.component
    import polybius.geo.component
    import polybius.nlp.paragraphs  # noqa: F401


__all__ = [
    "COMPONENTS",
    "DEFAULT_PARTS",
    "LEMMA_FIXES",
    "Parts",
    "add_lemma_fixes",
    "add_polybius",
    "load_pipeline",
    "polybius_pipeline",
]
