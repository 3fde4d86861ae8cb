"""Error types and messages in one place, each with a stable identifier (STYLE rule 5).

The library raises; the CLI turns these into one-line messages and a non-zero exit status.
Messages speak the Python API's words (``workers=``, ``engine='dask'``): the CLI alone knows its
flags, and translates (``polybius.cli``).
"""

from __future__ import annotations

from dataclasses import dataclass


class PolybiusError(Exception):
    """Base class of every error polybius raises on purpose."""


MESSAGES = {
    "E001": "cannot read {item}: {reason}",
    "E002": "{item}: the text is empty",
    "E003": "{item}: not valid UTF-8 ({reason})",
    "E004": "{item}: malformed JSON ({reason})",
    "E005": "{item}: no 'text' field",
    "E006": "{item}: unsupported file type {suffix!r}",
    "E007": "{item}: bad date {value!r} (expected YYYY-MM-DD)",
    "E008": "{item}: text longer than {limit} characters",
    "E009": "{item}: coding failed: {reason}",
    "E010": "bad data file {item}: {reason}",
    "E011": "no store at {item}: fill one with ingest first",
    "E012": "{item}: cannot tell the gold format; pass fmt= ('plover', 'petrarch' or 'csv')",
    "E013": "unknown gold format {fmt!r} (expected 'plover', 'petrarch' or 'csv')",
    # E020–E029: corpus ingest (issue 8).
    "E020": "{item}: binary data, not text",
    "E021": "{item}: corrupt or truncated file ({reason})",
    # E030–E039: how a run is configured (engine, workers, batches).
    "E030": "workers= and scheduler= need engine='dask'",
    "E031": "the dask engine builds its coder on each worker: pass actors= and agents=, not coder=",
    "E032": "unknown engine {engine!r} (expected one of {expected})",
    "E033": "give workers= (start a local cluster) or scheduler= (join one), not both",
    "E034": "batch_size= must be at least 1, not {value!r}",
}


def message(code: str, **fields: object) -> str:
    """The message for ``code``, prefixed with its identifier."""
    return f"[{code}] " + MESSAGES[code].format(**fields)


class InputError(PolybiusError):
    """An input item (file, line, row) could not be read; the batch goes on without it."""

    def __init__(self, code: str, item: str, **fields: object) -> None:
        self.code = code
        self.item = item
        super().__init__(message(code, item=item, **fields))


class ConfigurationError(PolybiusError, ValueError):
    """Arguments that do not go together (a ``ValueError`` too, as a bad argument is)."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        super().__init__(message(code, **fields))


class DataFileError(PolybiusError):
    """A knowledge file (lexicon, actors, gazetteer) failed validation."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(message("E010", item=item, reason=reason))


class StoreNotFound(PolybiusError):
    """A command that reads a store (``serve``) was given a path where there is none."""

    def __init__(self, item: str) -> None:
        super().__init__(message("E011", item=item))


@dataclass(frozen=True)
class Failure:
    """A failed input item, reported alongside the results of the rest of the batch."""

    item: str
    stage: str  # "read" or "code"
    message: str
