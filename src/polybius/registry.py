"""Swappable parts under versioned names, chosen by config (STYLE rule 4).

polybius registers its parts in spaCy's registry (catalogue), one registry per kind of part, so a
part is named in a spaCy config or in ``polybius.toml`` the same way::

    [polybius]
    typer = "polybius.lexicon_typer.v1"

A new version of a part is added under a new name; a published name never changes meaning. Other
packages add parts through the entry-point groups of the same names (``polybius_typers`` …).

==========================  =====================================================================
registry                    builds
==========================  =====================================================================
``polybius_typers``         an ``EventTyper`` (``polybius.events.component``): sentence → detections
``polybius_actor_resolvers`` a function ``nlp → ActorKnowledge`` (the actor dictionaries)
``polybius_date_resolvers`` an event dater: ``(clause token, sentence, published, future) → date``
``polybius_geocoders``      a :class:`~polybius.geo.Gazetteer`
``polybius_sinks``          a writer of records for the CLI's ``--format``
==========================  =====================================================================
"""

from __future__ import annotations

from typing import Any

import catalogue
from spacy.util import registry

#: The registry names (spaCy config keys are ``@`` + the name).
KINDS = ("typers", "actor_resolvers", "date_resolvers", "geocoders", "sinks")


def _create(kind: str) -> catalogue.Registry:
    name = f"polybius_{kind}"
    if not hasattr(registry, name):
        registry.create(name, entry_points=True)
    found: catalogue.Registry = getattr(registry, name)
    return found


typers = _create("typers")
actor_resolvers = _create("actor_resolvers")
date_resolvers = _create("date_resolvers")
geocoders = _create("geocoders")
sinks = _create("sinks")


def reference(kind: str, name: str, **arguments: Any) -> dict[str, Any]:
    """A config block naming the part ``name`` of ``kind``: ``{"@polybius_typers": name, …}``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of part {kind!r} (expected one of {', '.join(KINDS)})")
    return {f"@polybius_{kind}": name, **arguments}


def names(kind: str) -> list[str]:
    """The registered names of a kind of part, sorted."""
    return sorted(getattr(registry, f"polybius_{kind}").get_all())


__all__ = ["KINDS", "actor_resolvers", "date_resolvers", "geocoders", "names", "reference", "sinks", "typers"]
