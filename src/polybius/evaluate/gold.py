"""Gold-standard readers: PLOVER JSON, PETRARCH validation XML, and a simple CSV.

Every reader returns :class:`GoldSentence` items in one shape, so scoring does not care where
the gold came from. Labels are checked here: a label outside the known set is an error naming
the record, not a silent zero.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from polybius.errors import PolybiusError, message
from polybius.ontology import load_ontology

#: Labels of the PLOVER draft used by the CAMEO gold-standard records (0.5b1, 2016) mapped to the
#: PLOVER types of the 2021 CAMEO→PLOVER crosswalk that polybius codes in. The older draft split
#: conventional fighting (FIGHT) from other violence (ASSAULT), called demands DEMAND and criticism
#: DISAPPROVE, and had INVESTIGATE; the 2021 crosswalk folds these into ASSAULT, REQUEST and ACCUSE.
PLOVER_DRAFT_LABELS = {
    "FIGHT": "ASSAULT",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}


class GoldError(PolybiusError):
    """A gold file that cannot be read or holds a label outside the known set."""


@dataclass(frozen=True)
class GoldActor:
    text: str | None  # the actor as written in the sentence (PLOVER, CSV)
    code: str | None  # its code (PETRARCH, PLOVER)


@dataclass(frozen=True)
class GoldEvent:
    label: str  # a PLOVER type, or a CAMEO code for PETRARCH/CSV gold with codes
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()


@dataclass
class GoldSentence:
    id: str
    text: str
    date: str | None
    events: list[GoldEvent] = field(default_factory=list)


@dataclass
class GoldSet:
    """Gold sentences and the label space they use: "plover" types or "cameo" codes."""

    format: str
    scheme: str
    sentences: list[GoldSentence]


def plover_types() -> frozenset[str]:
    return frozenset(t.plover for t in load_ontology() if t.plover)


def read_gold(path: str | Path, fmt: str | None = None) -> GoldSet:
    """Read a gold file, by ``fmt`` (plover / petrarch / csv) or guessed from the file."""
    path = Path(path)
    if not path.exists():
        raise GoldError(f"no gold file at {path}")
    fmt = fmt or _guess_format(path)
    readers = {"plover": read_plover, "petrarch": read_petrarch, "csv": read_csv_gold}
    if fmt not in readers:
        raise GoldError(message("E013", fmt=fmt))
    return readers[fmt](path)


def _guess_format(path: Path) -> str:
    if path.suffix.lower() == ".csv":
        return "csv"
    head = path.read_text(encoding="utf-8", errors="replace")[:2000].lstrip()
    if head.startswith("["):
        return "plover"
    if head.startswith("<"):
        return "petrarch"
    raise GoldError(message("E012", item=path))


def read_plover(path: Path) -> GoldSet:
    """PLOVER JSON: an array of records with text, event, source/target lists; DOCUMENT skipped."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}: malformed JSON ({error.msg} at line {error.lineno})") from None
    known = plover_types()
    sentences = []
    for record in records:
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        label = plover_label(str(record["event"]), known, where=f"{path}#{record.get('id')}")
        event = GoldEvent(label, _plover_actors(record.get("source")), _plover_actors(record.get("target")))
        sentences.append(GoldSentence(str(record.get("id")), record["text"], record.get("date"), [event]))
    return GoldSet("plover", "plover", sentences)


def plover_label(label: str, known: frozenset[str], *, where: str) -> str:
    """A PLOVER type in the 2021 labels; older draft labels are mapped (see PLOVER_DRAFT_LABELS)."""
    label = PLOVER_DRAFT_LABELS.get(label.upper(), label.upper())
    if label not in known:
        raise GoldError(f"{where}: label {label!r} is not a PLOVER type ({', '.join(sorted(known))})")
    return label


def _plover_actors(value: object) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(GoldActor(item.get("actorText"), item.get("code")) for item in value if isinstance(item, dict))


def read_petrarch(path: Path) -> GoldSet:
    """PETRARCH validation XML: <Sentence date id> with <EventCoding …> and <Text>."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise GoldError(f"{path}: malformed XML ({error})") from None
    sentences = []
    for node in root.iter("Sentence"):
        text = " ".join((node.findtext("Text") or "").split())
        if not text:
            continue
        where = f"{path}#{node.get('id')}"
        events = []
        for coding in node.findall("EventCoding"):
            code = (coding.get("eventcode") or "").strip()
            if not code:
                continue  # noevents / error records: the sentence has no gold event
            # PETRARCH's unit tests also use codes of their own test dictionary ("224", "174K"):
            # any code starting with two digits is kept; it simply never matches a code we produce.
            if not code[:2].isdigit():
                raise GoldError(f"{where}: event code {code!r} is not a CAMEO-style code")
            source = GoldActor(None, (coding.get("sourcecode") or "").strip('"') or None)
            target = GoldActor(None, (coding.get("targetcode") or "").strip('"') or None)
            events.append(GoldEvent(code, (source,), (target,)))
        sentences.append(GoldSentence(node.get("id") or where, text, _petrarch_date(node.get("date")), events))
    return GoldSet("petrarch", "cameo", sentences)


def _petrarch_date(value: str | None) -> str | None:
    if value and len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def read_csv_gold(path: Path) -> GoldSet:
    """CSV with columns text,label,source,target[,date]; one row per gold event.

    Rows with the same text are one sentence with several events; an empty label marks a sentence
    with no event. Labels are all PLOVER types or all CAMEO codes.
    """
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    missing = {"text", "label"} - set(rows[0] if rows else {})
    if missing:
        raise GoldError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    labels = [r["label"].strip() for r in rows if (r.get("label") or "").strip()]
    scheme = "cameo" if labels and all(label.isdigit() for label in labels) else "plover"
    known, ontology = plover_types(), load_ontology()
    sentences: dict[str, GoldSentence] = {}
    for number, row in enumerate(rows, start=2):
        text = " ".join((row.get("text") or "").split())
        if not text:
            raise GoldError(f"{path}:{number}: empty text")
        sentence = sentences.setdefault(text, GoldSentence(f"{path.name}:{number}", text, row.get("date") or None))
        label = (row.get("label") or "").strip()
        if not label:
            continue
        where = f"{path}:{number}"
        if scheme == "cameo":
            if label not in ontology:
                raise GoldError(f"{where}: label {label!r} is not a CAMEO code")
        else:
            label = plover_label(label, known, where=where)
        sentence.events.append(GoldEvent(label, _csv_actor(row.get("source")), _csv_actor(row.get("target"))))
    return GoldSet("csv", scheme, list(sentences.values()))


def _csv_actor(value: str | None) -> tuple[GoldActor, ...]:
    value = (value or "").strip()
    return (GoldActor(value, None),) if value else ()
