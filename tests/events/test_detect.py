"""``events.detect`` on sentences parsed by the real pipeline, with the real lexicon.

Each case is (sentence, trigger, CAMEO code of the pattern, source heads, target heads, place
heads), heads written as words separated by spaces and compared by text, in order, each once. A
noun trigger is left out of its own sources (it stands there for its modifiers: "Russian air
strikes"). The sentences are our own.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from polybius.events.detect import Detection, detect
from polybius.events.lexicon import load_lexicon

LEXICON = load_lexicon()


def heads(tokens: list[Token], trigger: Token) -> list[str]:
    """The texts of the argument heads, each once, without the trigger itself."""
    found: list[str] = []
    for token in tokens:
        if token.i != trigger.i and token.text not in found:
            found.append(token.text)
    return found


def detections(parse, text: str) -> list[Detection]:
    return detect(parse(text), LEXICON)


def triggers(parse, text: str) -> list[str]:
    return [d.trigger.text for d in detections(parse, text)]


CASES = [
    # Force: the active and the passive voice; the place attacked is where it happened.
    ("Turkish troops shelled Kurdish posts near Afrin.", "shelled", "194", "troops", "posts", "Afrin posts"),
    ("The town was shelled by rebels.", "shelled", "194", "rebels", "town", "town"),
    ("Kosovo police raided a Serb village near Mitrovica.", "raided", "190", "police", "village", "Mitrovica village"),
    # Words: a direct object, an object-control complement, the author of a rejected proposal.
    ("Mexico criticised the United States.", "criticised", "111", "Mexico", "States", ""),
    ("Egypt urged Israel to release the prisoners.", "urged", "0253", "Egypt", "Israel", ""),
    ("Sudan rejected a proposal by the African Union.", "rejected", "120", "Sudan", "Union", ""),
    # The object decides the pattern ("recall" + ambassador); the "from" phrase is the target.
    ("Chile recalled its ambassador from Caracas.", "recalled", "161", "Chile", "Caracas", ""),
    ("Zambia expelled the Chinese envoy.", "expelled", "161", "Zambia", "envoy", ""),
    ("Moscow imposed sanctions on Ukraine.", "imposed", "163", "Moscow", "Ukraine", ""),
    ("Kuwait offered humanitarian aid to Lebanon.", "offered", "033", "Kuwait", "Lebanon", ""),
    # A mediator between two sides: the first side is the target, its conjuncts resolve with it.
    ("Qatar brokered a ceasefire between Israel and Hamas.", "brokered", "045", "Qatar", "Israel", ""),
    # Meetings and visits, with the venue; a day is no place.
    ("The Chinese envoy met the Nepali foreign minister in Kathmandu.", "met", "040", "envoy", "minister", "Kathmandu"),
    ("Peru's foreign minister visited Ecuador last week.", "visited", "042", "minister", "Ecuador", ""),
    ("Students staged a protest in Dhaka on Monday.", "staged", "141", "Students", "protest", "Dhaka"),
    ("The talks were held in Oslo on Tuesday.", "held", "040", "", "talks", "Oslo"),
    # Nouns: the by-agent (with the target the parser hangs on it), the clause of a light verb.
    ("A visit by the Indian prime minister to Nepal began on Monday.", "visit", "042", "minister", "Nepal", ""),
    ("Iran launched air strikes on Tuesday.", "strikes", "195", "Iran", "", ""),
    ("The Gambian government announced a curfew.", "curfew", "1723", "government", "", ""),
]


@pytest.mark.parametrize(("text", "trigger", "cameo", "sources", "targets", "places"), CASES)
def test_detects(parse, text: str, trigger: str, cameo: str, sources: str, targets: str, places: str) -> None:
    found = [d for d in detections(parse, text) if d.trigger.text == trigger]
    assert len(found) == 1, f"{text!r}: triggers {triggers(parse, text)}"
    (detection,) = found
    assert detection.pattern.cameo == cameo, detection.entry.rule
    assert heads(detection.sources, detection.trigger) == sources.split()
    assert heads(detection.targets, detection.trigger) == targets.split()
    assert heads(detection.places, detection.trigger) == places.split()


def test_a_denied_act_is_negated(parse) -> None:
    (detection,) = detections(parse, "Russia did not attack the convoy.")
    assert (detection.trigger.text, detection.negated, detection.modality) == ("attack", True, "asserted")


def test_a_threatened_act_is_one_threat_and_an_intended_act(parse) -> None:
    found = detections(parse, "France threatened to impose sanctions on Iran.")
    assert [(d.trigger.text, d.pattern.cameo, d.modality) for d in found] == [
        ("threatened", "1312", "asserted"),
        ("sanctions", "163", "intent"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A noun trigger before a verb trigger in the text still comes after it.
        ("Israel's air strike on Beirut killed a Hamas leader.", ["killed", "strike"]),
        ("After talks with Qatar, the Taliban freed two American prisoners.", ["freed", "talks"]),
    ],
)
def test_verbs_before_nouns(parse, text: str, expected: list[str]) -> None:
    assert triggers(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "noun", "expected"),
    [
        ("Morocco signed a deal with Mauritania.", "deal", ["signed"]),
        ("Senegal and Gambia signed a border agreement.", "agreement", ["signed"]),
        ("Bolivia and Paraguay resumed talks.", "talks", ["resumed"]),
        # What a quantity object of the coded verb measures is its object too.
        ("Japan pledged $2 billion in aid to Indonesia.", "aid", ["pledged"]),
    ],
)
def test_a_noun_governed_by_a_coded_verb_is_not_coded_again(parse, text: str, noun: str, expected: list[str]) -> None:
    (token,) = [t for t in parse(text) if t.text == noun]
    assert LEXICON.candidates("noun", token.lemma_), (
        f"no noun pattern for {token.lemma_!r}: the case would test nothing"
    )
    assert triggers(parse, text) == expected


def test_a_bare_statement_is_dropped_when_its_content_is_coded(parse) -> None:
    found = detections(parse, "The EU issued a statement criticising China.")
    assert [(d.trigger.text, d.pattern.cameo) for d in found] == [("criticising", "111")]
    assert heads(found[0].sources, found[0].trigger) == ["EU"]
    assert heads(found[0].targets, found[0].trigger) == ["China"]


def test_a_statement_that_says_nothing_coded_is_kept(parse) -> None:
    found = detections(parse, "The ministry issued a statement on Friday.")
    assert [(d.trigger.text, d.pattern.cameo[:2]) for d in found] == [("statement", "01")]


def test_a_session_of_one_body_is_no_meeting(parse) -> None:
    assert detections(parse, "The cabinet met on Sunday.") == []


@pytest.mark.parametrize(
    ("text", "trigger", "clause", "carrier"),
    [
        # A verb pattern that reads its light object: the verb is the trigger and the clause.
        ("Hungary and Austria held talks on Tuesday.", "held", "held", None),
        # A noun carried by a light verb: the verb's clause is the event's ("on Tuesday").
        ("Iran launched air strikes on Tuesday.", "strikes", "launched", "launched"),
        ("The Malian army launched an offensive against jihadists.", "offensive", "launched", "launched"),
        # A noun that is the subject of its clause: the clause's verb.
        ("A visit by the Indian prime minister to Nepal began on Monday.", "visit", "began", None),
        ("Mexico criticised the United States.", "criticised", "criticised", None),
    ],
)
def test_clause(parse, text: str, trigger: str, clause: str, carrier: str | None) -> None:
    (detection,) = [d for d in detections(parse, text) if d.trigger.text == trigger]
    assert detection.clause.text == clause
    assert (detection.carrier.text if detection.carrier is not None else None) == carrier
