"""One Doc per article: its paragraphs and the sentences polybius codes.

The ``polybius_paragraphs`` component runs before the parser and starts a sentence at every line:
a headline or a paragraph never continues on the next line, so the parser never joins two.

An article Doc carries what the reader knew about it (``Doc._.article_id``, ``Doc._.published``,
``Doc._.segments``: the stretches worth coding, without headline, dateline or photo credits).
A Doc made by a plain ``nlp(text)`` has no segments: every line of it is coded.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from polybius.documents import Document, Segment, paragraphs


def _register() -> None:
    for name in ("article_id", "published", "segments"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("paragraphs"):
        Doc.set_extension("paragraphs", getter=coded_paragraphs)
    if not Doc.has_extension("sentences"):
        Doc.set_extension("sentences", getter=coded_sentences)


@Language.component("polybius_paragraphs", assigns=["token.is_sent_start"])
def start_paragraphs(doc: Doc) -> Doc:
    """Start a sentence at the first token of every line (before the parser, which keeps them)."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        # A line break is a whitespace token of its own ("\n", "\n\n"): spaCy splits on spaces only.
        if not token.is_space and before.is_space and "\n" in before.text:
            token.is_sent_start = True
    return doc


def article_doc(nlp: Language, document: Document) -> Doc:
    """An unparsed Doc of the whole article, carrying its id, date and coded segments."""
    doc = nlp.make_doc(document.text)
    doc._.article_id = document.id
    doc._.published = document.date
    doc._.segments = list(document.segments)
    return doc


def coded_paragraphs(doc: Doc) -> list[Span]:
    """The paragraphs worth coding, as spans: the Doc's segments, else every non-empty line."""
    segments: list[Segment] = doc._.segments if doc._.segments is not None else paragraphs(doc.text)
    found = []
    for segment in segments:
        span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append(span)
    return found


def coded_sentences(doc: Doc) -> list[Span]:
    """The sentences of the coded paragraphs, in order (whitespace-only ones left out)."""
    found: list[Span] = []
    for paragraph in coded_paragraphs(doc):
        for sentence in paragraph.sents:  # type: ignore[attr-defined]  # spaCy's stubs lack Span.sents
            # Without our paragraph component a sentence may run over a line break: once only.
            if not all(token.is_space for token in sentence) and (not found or sentence.start >= found[-1].end):
                found.append(sentence)
    return found


_register()

__all__ = ["article_doc", "coded_paragraphs", "coded_sentences", "start_paragraphs"]
