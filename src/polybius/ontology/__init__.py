"""The CAMEO event ontology: every CAMEO 1.1b3 event code with its name, Goldstein value,
GDELT quad class and PLOVER type/mode.

Why: the coder assigns CAMEO codes, and every event record carries the attributes derived
from them. Keeping those facts in one validated data file (``cameo.jsonl``) means no code
path keeps its own copy of a CAMEO table, and a bad edit fails loudly at load time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from polybius.datafiles import read_jsonl
from polybius.errors import DataFileError

__all__ = [
    "Act",
    "EventType",
    "Ontology",
    "RootType",
    "announced_code",
    "coded_act",
    "load_ontology",
    "parse_ontology_lines",
    "quad_class_for_root",
    "root_of",
]

_FIELDS = ("code", "name", "root", "goldstein", "quad_class", "plover", "plover_mode")


@dataclass(frozen=True)
class EventType:
    """One CAMEO event code and the attributes derived from it."""

    code: str
    name: str
    root: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


def quad_class_for_root(root: str) -> int:
    """GDELT QuadClass of a CAMEO root: 01-05 → 1, 06-08 → 2, 09-13 → 3, 14-20 → 4."""
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"CAMEO root out of range: {root!r}")
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


class RootType(BaseModel):
    """What the coder knows about the events of a CAMEO root (``roots.jsonl``), one column each."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    root: str
    name: str
    verbal: bool  # words, not deeds (GDELT quad classes 1 and 3): "talks over Kashmir" is a topic
    venue: bool  # "in X" is where it happened, not its target: talks in Geneva, a deal signed in Havana
    judging: bool  # judges another's act (criticism, rejection): "rejected a proposal by X" targets X
    force: bool  # material force: shows of force, coercion, assault, fighting, mass violence
    violent: bool  # violence itself: an event even when only an adjective names its author
    announcing: bool  # announces another act (intent, threat): "threatened to storm X" is coded by what
    voiced: bool  # an appeal, demand or complaint, which a protest may voice ("marched to demand reforms")


class Ontology:
    """A read-only mapping from CAMEO code (e.g. ``"043"``) to its :class:`EventType`, with the
    attributes of its roots (``ontology.root("190").violent``)."""

    def __init__(self, types: Iterable[EventType], roots: Iterable[RootType] = ()) -> None:
        self._types: dict[str, EventType] = {t.code: t for t in types}
        self.roots: dict[str, RootType] = {r.root: r for r in roots}

    def root(self, code: str) -> RootType:
        """What the root of a code is: ``root("190").violent``."""
        return self.roots[code[:2]]

    def __getitem__(self, code: str) -> EventType:
        return self._types[code]

    def __contains__(self, code: object) -> bool:
        return code in self._types

    def __iter__(self) -> Iterator[EventType]:
        return iter(self._types.values())

    def __len__(self) -> int:
        return len(self._types)

    def get(self, code: str) -> EventType | None:
        return self._types.get(code)


def _parse_line(line: str) -> EventType:
    row = json.loads(line)
    if not isinstance(row, dict) or tuple(row) != _FIELDS:
        raise ValueError(f"expected keys {list(_FIELDS)}")
    code, root = row["code"], row["root"]
    if not (isinstance(code, str) and code.isdigit() and 2 <= len(code) <= 4):
        raise ValueError(f"bad code {code!r}")
    if root != code[:2]:
        raise ValueError(f"root {root!r} does not match code {code!r}")
    if row["quad_class"] != quad_class_for_root(root):
        raise ValueError(f"quad_class {row['quad_class']!r} inconsistent with root {root!r}")
    goldstein = row["goldstein"]
    if isinstance(goldstein, bool) or not isinstance(goldstein, (int, float)):
        raise TypeError(f"goldstein {goldstein!r} is not a number")
    if not -10.0 <= goldstein <= 10.0:
        raise ValueError(f"goldstein {goldstein!r} outside [-10, 10]")
    if not isinstance(row["name"], str) or not row["name"]:
        raise ValueError("empty name")
    for key in ("plover", "plover_mode"):
        if row[key] is not None and not isinstance(row[key], str):
            raise TypeError(f"{key} must be a string or null")
    return EventType(
        code,
        row["name"],
        root,
        float(goldstein),
        row["quad_class"],
        row["plover"],
        row["plover_mode"],
    )


def parse_ontology_lines(lines: Iterable[str]) -> Ontology:
    """Build an :class:`Ontology` from JSONL lines, raising ``ValueError`` naming the bad line."""
    types: list[EventType] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event_type = _parse_line(line)
            if event_type.code in seen:
                raise ValueError(f"duplicate code {event_type.code!r}")
        # json.JSONDecodeError is a ValueError.
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"cameo ontology line {number}: {exc}: {line.strip()!r}") from exc
        seen.add(event_type.code)
        types.append(event_type)
    return Ontology(types)


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """The packaged CAMEO ontology, parsed and validated once per process."""
    text = files(__name__).joinpath("cameo.jsonl").read_text(encoding="utf-8")
    types = parse_ontology_lines(text.splitlines())
    roots = read_jsonl(files(__name__).joinpath("roots.jsonl"), RootType)
    for root in roots:
        kind = types.get(root.root)
        if kind is None or kind.root != root.root:
            raise DataFileError(f"roots.jsonl#{root.root}", "not a CAMEO root of cameo.jsonl")
        if root.verbal != (kind.quad_class in (1, 3)):
            raise DataFileError(f"roots.jsonl#{root.root}", "verbal roots are those of quad classes 1 and 3")
    if len(roots) != len({t.root for t in types}):
        raise DataFileError("roots.jsonl", "every CAMEO root needs one row")
    return Ontology(types, roots)


# CAMEO codes an announced or intended act by what it announces: cooperation as an intent (03x:
# "will visit" is 036, not 042), conflict as a threat (13x: "will impose sanctions" is 1312).
# Keys are code prefixes, the longest matching one wins.
_ANNOUNCED = {
    "045": "039",
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "081": "0351",
    "082": "0352",
    "0831": "0341",
    "0832": "0342",
    "0833": "0343",
    "0834": "0344",
    "083": "034",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "08": "035",
    "14": "133",
    "15": "138",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "16": "131",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "17": "137",
    "18": "1383",
    "191": "1381",
    "192": "1382",
    "19": "1384",
    "204": "1385",
    "20": "1383",
}


# An announced refusal of a cooperative act is a rejection now (12x): "will not accept any more
# refugees" is 12x, not a hidden negated 03x. Keys are code prefixes, the longest one wins.
_REFUSED = {
    "045": "126",
    "04": "125",
    "057": "127",
    "05": "120",
    "061": "1211",
    "062": "1212",
    "06": "121",
    "07": "122",
    "081": "1241",
    "082": "1242",
    "083": "123",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
    "08": "124",
}
# "will withdraw its force unless…": an act announced under "unless" is an ultimatum.
ULTIMATUM = "139"
# Readying violence ("prepared to resume shelling") demonstrates military power.
SHOW_OF_FORCE = "150"


class Act(NamedTuple):
    """The code an event is recorded under, with the modality and negation it keeps.

    `plover_code` is the code whose PLOVER category the event takes when PLOVER reads it differently
    from CAMEO: a concession or retreat reported in the future ("will resign") stays CONCEDE or
    RETREAT with a future mode in PLOVER, where CAMEO records it as an intent (035x)."""

    code: str
    modality: str
    negated: bool
    plover_code: str | None = None


def root_of(code: str) -> RootType:
    """What the root of a CAMEO code is (``roots.jsonl``): ``root_of("190").violent``."""
    return load_ontology().root(code)


def announced_code(cameo: str, modality: str) -> str:
    """The CAMEO code of an event given its modality: future or intended acts become 03x / 13x."""
    if modality not in ("future", "intent"):
        return cameo
    return _by_prefix(_ANNOUNCED, cameo) or cameo


def coded_act(
    cameo: str,
    modality: str,
    negated: bool = False,
    condition: str | None = None,
    *,
    reported: bool = False,
    prepared: bool = False,
) -> Act:
    """How CAMEO records an act: announced → intent or threat, refused → rejection, "unless" → ultimatum.

    `reported`: the act is said by its actor ("said they will release…"), a promise in PLOVER too.
    `prepared`: the act is being readied ("prepared to resume shelling"); for force that is a show
    of force now (150), as the CAMEO manual codes it, not a verbal threat."""
    if prepared and not negated and root_of(cameo).violent:
        return Act(SHOW_OF_FORCE, "asserted", False)
    announced = modality in ("future", "intent")
    if announced and negated:
        refusal = _by_prefix(_REFUSED, cameo)
        if refusal:
            return Act(refusal, "asserted", False)
    if announced and not negated and condition == "unless":
        return Act(ULTIMATUM, modality, False)
    code = announced_code(cameo, modality)
    forecast = modality == "future" and not reported
    kept = cameo if forecast and cameo.startswith("08") and code != cameo else None
    return Act(code, modality, negated, kept)


def _by_prefix(table: dict[str, str], cameo: str) -> str | None:
    for size in (4, 3, 2):
        if cameo[:size] in table:
            return table[cameo[:size]]
    return None
