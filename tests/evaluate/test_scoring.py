"""Scorers on small hand-made gold files and hand-made coded events (no coder involved)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polybius.evaluate.gold import GoldError, read_gold
from polybius.evaluate.scoring import score
from polybius.ontology import load_ontology
from polybius.records import Actor, EventRecord, Trigger


def event(cameo: str, source: str | None, target: str | None, confidence: float = 0.9, text: str = "") -> EventRecord:
    kind = load_ontology()[cameo]
    actor = lambda code: Actor(text=text or code, name=code, code=code) if code else None  # noqa: E731
    return EventRecord(
        id="x",
        article_id="a",
        sentence_index=0,
        sentence="s",
        source=actor(source),
        target=actor(target),
        cameo=cameo,
        cameo_name=kind.name,
        root=kind.root,
        plover=kind.plover,
        plover_mode=kind.plover_mode,
        quad_class=kind.quad_class,
        goldstein=kind.goldstein,
        date=None,
        date_precision=None,
        date_source=None,
        location=None,
        negated=False,
        modality="asserted",
        trigger=Trigger("t", 0, 1),
        confidence=confidence,
        rule="test",
    )


def write_csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "gold.csv"
    path.write_text("text,label,source,target\n" + "\n".join(rows) + "\n")
    return path


def test_csv_perfect_extra_missing_and_no_event(tmp_path: Path) -> None:
    gold = read_gold(
        write_csv(
            tmp_path,
            [
                '"Turkey shelled Syrian villages.",ASSAULT,Turkey,Syrian villages',
                '"Iran and Iraq held talks.",CONSULT,Iran,Iraq',
                '"Iran and Iraq held talks.",CONSULT,Iraq,Iran',
                '"The weather was fine.",,,',
                '"Kenya condemned Somalia.",ACCUSE,Kenya,Somalia',
            ],
        )
    )
    ids = [s.id for s in gold.sentences]
    assert len(ids) == 4 and gold.scheme == "plover"
    coded = {
        ids[0]: [event("194", "Turkey", "Syrian villages")],
        ids[1]: [event("040", "Iran", "Iraq")],  # one of two compound dyads found
        ids[2]: [event("190", "Fog", None)],  # an extra event where gold has none
        ids[3]: [],  # missed
    }
    scores = score(gold, coded, errors=5)
    d = scores.to_dict()
    assert d["labels"]["ASSAULT"] == {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert d["labels"]["CONSULT"]["tp"] == 1 and d["labels"]["CONSULT"]["fn"] == 1
    assert d["labels"]["ACCUSE"]["fn"] == 1
    assert d["primary_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert d["any_match_share"] == 0.75  # 3 of 4 gold events have a coded event with their label
    assert d["source_match"] == 1.0 and d["target_match"] == 1.0
    assert d["micro"]["tp"] == 2 and d["micro"]["fp"] == 1 and d["micro"]["fn"] == 2
    assert {e["id"] for e in d["errors"]} == {ids[2], ids[3]}
    assert {"gold": "ACCUSE", "coded": "—", "count": 1} in d["confusion"]


def test_statements_are_not_plover_events_and_appeals_are_requests(tmp_path: Path) -> None:
    gold = read_gold(write_csv(tmp_path, ['"Chad said it was calm.",,,', '"Chad urged calm.",REQUEST,,']))
    said, urged = gold.sentences
    scores = score(gold, {said.id: [event("010", "Chad", None)], urged.id: [event("020", "Chad", None)]})
    assert scores.coded_events == 1 and scores.micro.fp == 0 and scores.labels["REQUEST"].tp == 1


def test_label_outside_the_known_set_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"gold.csv:3: label 'BANANA' is not a PLOVER type"):
        read_gold(write_csv(tmp_path, ['"A.",ASSAULT,,', '"B.",BANANA,,']))
    with pytest.raises(GoldError, match="is not a CAMEO code"):
        read_gold(write_csv(tmp_path, ['"A.",190,,', '"B.",999,,']))


def test_older_plover_draft_labels_are_mapped(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    records = [
        {"id": "doc", "event": "DOCUMENT"},
        {
            "id": "p1",
            "event": "FIGHT",
            "text": "Rebels fought troops.",
            "source": [{"actorText": "Rebels", "code": "REB"}],
            "target": [{"actorText": "troops", "code": "MIL"}],
        },
        {"id": "p2", "event": "DISAPPROVE", "text": "Peru criticised Chile.", "target": ""},
    ]
    path.write_text(json.dumps(records))
    gold = read_gold(path)
    assert [s.events[0].label for s in gold.sentences] == ["ASSAULT", "ACCUSE"]
    assert gold.sentences[0].events[0].sources[0].text == "Rebels" and not gold.sentences[1].events[0].targets


def test_petrarch_triple_on_codes(tmp_path: Path) -> None:
    path = tmp_path / "gold.xml"
    path.write_text(
        "<Validation><Sentences>"
        '<Sentence date="19950101" id="T-1"><EventCoding sourcecode="ARN" targetcode="GON" eventcode="042"/>'
        '<EventCoding sourcecode="GON" targetcode="ARN" eventcode="043"/><Text>Arnor visited Gondor.</Text></Sentence>'
        '<Sentence date="19950102" id="T-2"><EventCoding noevents="True"/><Text>Nothing happened.</Text></Sentence>'
        "</Sentences></Validation>"
    )
    gold = read_gold(path)
    assert gold.format == "petrarch" and gold.sentences[0].date == "1995-01-01"
    coded = {"T-1": [event("042", "ARN", "GON"), event("043", "GON", "ARNGOV")], "T-2": [event("111", "ARN", "GON")]}
    d = score(gold, coded).to_dict()
    assert d["triple"] == {"correct": 1, "uncoded": 1, "extra": 2}
    assert d["labels"]["04"]["tp"] == 2 and d["labels"]["11"]["fp"] == 1
    assert d["source_match"] == 1.0 and d["target_match"] == 1.0  # ARNGOV starts with ARN


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hello")
    with pytest.raises(GoldError, match="cannot tell the gold format"):
        read_gold(tmp_path / "x.txt")
    with pytest.raises(GoldError, match="no gold file"):
        read_gold(tmp_path / "missing.json")
