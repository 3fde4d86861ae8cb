"""Our validated data files: one JSON object a line, each checked against its pydantic model."""

from __future__ import annotations

import json
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from polybius.errors import DataFileError

Model = TypeVar("Model", bound=BaseModel)


def read_jsonl(path: Path | Traversable, model: type[Model]) -> list[Model]:
    """The validated entries of a JSONL data file; a bad line raises DataFileError naming the file,
    the line and the field at fault."""
    return [entry for _, entry in read_jsonl_lines(path, model)]


def read_jsonl_lines(path: Path | Traversable, model: type[Model]) -> list[tuple[int, Model]]:
    """The validated entries of a JSONL data file with their line numbers, for checks across
    lines (a duplicate key) that must name the line at fault; blank lines are skipped."""
    entries: list[tuple[int, Model]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append((number, model.model_validate(json.loads(line))))
        except json.JSONDecodeError as error:
            raise DataFileError(f"{path.name}:{number}", f"invalid JSON: {error.msg}") from None
        except ValidationError as error:
            raise DataFileError(f"{path.name}:{number}", validation_reason(error)) from None
    return entries


def validate_entries(
    name: str, items: list[object], model: type[Model], *, key: str | None = "id"
) -> list[tuple[str, Model]]:
    """Each entry of a YAML data file validated, with where it is (``file#<its key>``, or its
    number) for the errors the caller raises; a bad entry raises DataFileError naming it."""
    found: list[tuple[str, Model]] = []
    for number, item in enumerate(items, start=1):
        label = item.get(key, number) if key and isinstance(item, dict) else number
        where = f"{name}#{label}"
        try:
            found.append((where, model.model_validate(item)))
        except ValidationError as error:
            raise DataFileError(where, validation_reason(error)) from None
    return found


def validation_reason(error: ValidationError) -> str:
    """The first field at fault and what is wrong with it: ``words: Value error, …``."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "entry"
    return f"{where}: {first['msg']}"
