"""polybius: news text in, political events out, coded in CAMEO and PLOVER.

>>> import polybius
>>> events = polybius.code_text("Turkish troops shelled Kurdish positions in Syria.", date="2019-10-10")
"""

from __future__ import annotations

from polybius.api import IngestSummary, code, ingest
from polybius.coder import Coder, code_text, records_from_doc
from polybius.documents import Document
from polybius.documents.readers import read_documents
from polybius.errors import Failure, PolybiusError
from polybius.records import Actor, EventRecord, Location, Trigger

__all__ = [
    "Actor",
    "Coder",
    "Document",
    "EventRecord",
    "Failure",
    "IngestSummary",
    "Location",
    "PolybiusError",
    "Trigger",
    "code",
    "code_text",
    "ingest",
    "read_documents",
    "records_from_doc",
]
