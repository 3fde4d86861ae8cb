"""The argument constructions of ``events/constructions.yaml``: every example is parsed with the
real pipeline and must yield exactly its argument; a bad file fails at load, naming the
construction."""

from __future__ import annotations

import pytest
import spacy

from polybius.errors import DataFileError
from polybius.events.constructions import (
    Construction,
    Example,
    anchors,
    arguments,
    load_constructions,
    matches,
    parse_constructions,
)
from polybius.settings import SPACY_MODEL

CONSTRUCTIONS = load_constructions()
CASES = [(c, e) for c in CONSTRUCTIONS for e in c.examples]


def _word(doc: spacy.tokens.Doc, text: str) -> spacy.tokens.Token:
    found = [t for t in doc if t.text == text]
    assert found, f"{text!r} is not a word of {doc.text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("construction", "example"), CASES, ids=[f"{c.id}:{n}" for c in CONSTRUCTIONS for n in range(len(c.examples))]
)
def test_example_yields_its_argument(nlp, construction: Construction, example: Example) -> None:
    doc = nlp(example.sentence)
    trigger = _word(doc, example.trigger)
    found = [m.node.text for m in matches(trigger, construction.role) if m.construction.id == construction.id]
    expected = [] if example.argument is None else [example.argument]
    parse = " ".join(f"{t.text}/{t.dep_}>{t.head.i}" for t in doc)
    assert sorted(set(found)) == expected, f"{example.sentence!r}: got {found}; parse: {parse}"


@pytest.mark.parametrize("construction", CONSTRUCTIONS, ids=[c.id for c in CONSTRUCTIONS])
def test_each_construction_is_shown_in_three_sentences(construction: Construction) -> None:
    # A mechanism right for a whole construction, not a rule for one sentence.
    positives = {e.sentence for e in construction.examples if e.argument is not None}
    assert len(positives) >= 3, construction.id


def test_arguments_and_anchors_are_inverse(nlp) -> None:
    doc = nlp("The country pledged $2 billion in aid.")
    billion, aid = _word(doc, "billion"), _word(doc, "aid")
    assert arguments(billion, "measured") == [aid]
    assert anchors(aid, "measured") == [billion]
    assert arguments(aid, "measured") == [] and anchors(billion, "measured") == []


def test_governors_come_in_the_files_priority_order(nlp) -> None:
    # "Russia is the key backer": the copula before the phrase and the linking verb both govern.
    doc = nlp("Russia is the key backer of Assad.")
    ids = [m.construction.id for m in matches(_word(doc, "backer"), "governor")]
    order = [c.id for c in CONSTRUCTIONS]
    assert ids == sorted(ids, key=order.index) and {"copula-before", "linking-verb"} <= set(ids)


def test_works_with_a_pipeline_built_elsewhere(nlp) -> None:
    # Compiled per vocabulary, not against the process's pipeline: another nlp's docs match too.
    other = spacy.load(SPACY_MODEL)
    assert other.vocab is not nlp.vocab
    doc = other("Japan sent tons of food to the refugees.")
    assert [t.text for t in arguments(_word(doc, "tons"), "measured")] == ["food"]


_GOOD = """
constructions:
  - id: quantity-of
    role: measured
    why: a quantity measures its "of" phrase
    yields: measured
    patterns:
      - - {RIGHT_ID: quantity, RIGHT_ATTRS: {LEMMA: ton}}
        - {LEFT_ID: quantity, REL_OP: ">", RIGHT_ID: of, RIGHT_ATTRS: {DEP: prep}}
        - {LEFT_ID: of, REL_OP: ">", RIGHT_ID: measured, RIGHT_ATTRS: {DEP: pobj}}
    examples:
      - {sentence: Japan sent tons of food., trigger: tons, argument: food}
"""


def test_a_good_file_parses() -> None:
    (construction,) = parse_constructions("test.yaml", _GOOD)
    assert construction.role == "measured"


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("REL_OP: \">\", RIGHT_ID: of", "REL_OP: \">>>\", RIGHT_ID: of"),  # no such operator
        ("RIGHT_ATTRS: {LEMMA: ton}", "RIGHT_ATTRS: {LEMA: ton}"),  # no such token attribute
        ("LEFT_ID: of, REL_OP", "LEFT_ID: nowhere, REL_OP"),  # a node that is not defined
        ("yields: measured", "yields: quantity"),  # the anchor is no argument
        ("role: measured", "role: measure"),  # no such role
    ],
)
def test_a_malformed_construction_fails_at_load_naming_it(broken: str, reason: str) -> None:
    text = _GOOD.replace(broken, reason)
    assert text != _GOOD
    with pytest.raises(DataFileError, match=r"test\.yaml#quantity-of"):
        parse_constructions("test.yaml", text)


def test_construction_ids_are_unique() -> None:
    twice = _GOOD + _GOOD.split("constructions:")[1]
    with pytest.raises(DataFileError, match="duplicate construction id"):
        parse_constructions("test.yaml", twice)


# Each construction as the coder uses it: (sentence, one of the events coded, as source, CAMEO
# code, target). The last ones were missed before the constructions were data.
CODED = [
    ("Iran was hit with sanctions by the United States.", ("USA", "163", "IRN")),  # agent
    ("Erdogan spoke by telephone with Iranian President Ebrahim Raisi on Sunday.", ("TURGOV", "041", "IRNGOV")),
    ("The Somali government agreed to a truce with the Shabaab.", ("SOMGOV", "0356", "SOMINSSHABAAB")),
    ("Japan pledged $2 billion in aid to Ukraine.", ("JPN", "033", "UKR")),  # measured
    ("Israel carried out a campaign of air strikes on Hezbollah.", ("ISR", "195", "LBNINSHEZB")),
    ("India sent navy ships carrying food to Yangon.", ("IND", "073", "MMR")),  # load, destination
    ("With the signing of the accord, Sudan and South Sudan agreed to end the war.", ("SDN", "037", "SSD")),
    ("Russia is preparing an offensive in eastern Ukraine.", ("RUS", "150", "UKR")),  # governors
    ("Israeli troops are preparing for a ground assault on Gaza.", ("ISRMIL", "150", "PSE")),
    ("Iran took part in the talks with Saudi Arabia.", ("IRN", "040", "SAU")),
    ("Russia remains the main backer of Assad.", ("RUS", "051", "SYRGOV")),
    ("25 Palestinians were killed in an Israeli air strike.", ("ISR", "195", "PSECVL")),  # victim
    ("Macron talked by telephone with Russian President Vladimir Putin for two hours.", ("FRAGOV", "040", "RUSGOV")),
    ("Egypt sent trucks loaded with food to Gaza.", ("EGY", "073", "PSE")),
    ("The main backer of Assad is Russia.", ("RUS", "051", "SYRGOV")),
    ("Five Afghan civilians died in the bombing.", (None, "183", "AFGCVL")),
]


@pytest.mark.parametrize(("sentence", "expected"), CODED, ids=[s for s, _ in CODED])
def test_the_coder_reads_arguments_through_constructions(coder_all, sentence: str, expected) -> None:
    from polybius.documents.article import read_article

    records = coder_all.code_document(read_article(sentence, default_date="2020-06-10"))
    coded = [(r.source.code if r.source else None, r.cameo, r.target.code if r.target else None) for r in records]
    assert expected in coded, coded
