"""Named entities around a token or within a span, read from the tokens' IOB tags.

``Doc.ents`` and ``Span.ents`` build every entity of the Doc on each call; with one Doc per
article, a lookup per sentence or per token that way grows with the square of the article. These
read only the tokens concerned, and always see the entities as they are now.
"""

from __future__ import annotations

from spacy.tokens import Span, Token


def entity_at(token: Token) -> Span | None:
    """The entity the token is part of, or None."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def entities_in(span: Span) -> list[Span]:
    """The entities wholly inside the span, in order (as ``span.ents``)."""
    doc = span.doc
    found = []
    i = span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        entity = entity_at(doc[i])
        if entity is not None and entity.end <= span.end:
            found.append(entity)
        i = entity.end if entity is not None else i + 1
    return found


__all__ = ["entities_in", "entity_at"]
