"""The actor knowledge files: validated, sized, and every example resolves to its entry."""

from __future__ import annotations

import pytest

from polybius.actors.knowledge import ActorKnowledge, name_variants, plural_forms
from polybius.nlp import load_pipeline

KNOWLEDGE = ActorKnowledge(load_pipeline())


def test_sizes() -> None:
    assert len(KNOWLEDGE.countries) >= 249
    assert len(KNOWLEDGE.metonyms) >= 80
    assert len(KNOWLEDGE.roles) >= 300
    kinds = [o.kind for o in KNOWLEDGE.organisations.values()]
    assert sum(k in ("igo", "ngo") for k in kinds) >= 120
    assert sum(k in ("armed_group", "movement") for k in kinds) >= 150


@pytest.mark.parametrize("entry", KNOWLEDGE.metonyms, ids=[m.text for m in KNOWLEDGE.metonyms])
def test_metonym_example_names_its_country(nlp, entry) -> None:
    doc = nlp(entry.example)
    pieces = [p for _, _, p in KNOWLEDGE.pieces(doc)]
    assert any(p.kind == "metonym" and (p.country, p.sector) == (entry.country, entry.sector) for p in pieces)


@pytest.mark.parametrize("entry", KNOWLEDGE.roles, ids=[r.text for r in KNOWLEDGE.roles])
def test_role_example_finds_the_role(nlp, entry) -> None:
    doc = nlp(entry.example)
    roles = {(p.name, p.sector) for _, _, p in KNOWLEDGE.pieces(doc) if p.kind == "role"}
    # The example's own phrase, or a longer or irregular entry of the same sector ("children").
    assert any(name == entry.text or sector == entry.sector for name, sector in roles), (
        f"{entry.example!r}: found roles {roles}"
    )


def test_names_match_case_sensitively(nlp) -> None:
    doc = nlp("Amnesty International criticised the amnesty law. Chad closed its border.")
    found = [(doc[s:e].text, p.kind) for s, e, p in KNOWLEDGE.pieces(doc)]
    assert ("Amnesty International", "org") in found
    assert not any(text == "amnesty" for text, _ in found)


def test_variants_and_plurals() -> None:
    assert {"the Kremlin", "Kremlin", "KREMLIN"} <= name_variants("the Kremlin")
    assert plural_forms("foreign minister") == {"foreign minister", "foreign ministers"}
    assert "militias" in plural_forms("militia")
    assert "policemen" in plural_forms("policeman")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian troops entered Georgia in August.", ["RUSMIL", "GEO"]),
        ("Voters in Atlanta lined up as Georgia counted ballots.", ["USACVL", "USA", "USA"]),
        ("Michael Jordan visited Chad. Jordan praised the coach.", ["TCD"]),
        ("Jordan condemned the Israeli raid near Amman.", ["JOR", "ISR", "JOR"]),  # Amman: a place
    ],
)
def test_ambiguous_names_follow_the_article(coder, text: str, expected: list[str]) -> None:
    from polybius.documents.article import read_article

    mentions = coder.mentions(read_article(text, default_date="2020-01-01"))
    assert [m.actor.code for m in mentions] == expected


def test_ambiguous_entries_examples_are_in_the_data() -> None:
    for entry in KNOWLEDGE.ambiguous.values():
        assert entry.text in entry.example


@pytest.mark.parametrize(
    ("date", "code"),
    [("2012-05-05", "USAGOV"), ("2019-05-05", "USAELI"), ("2006-05-05", "USALEG"), ("1995-05-05", "USA")],
)
def test_a_persons_code_depends_on_the_article_date(coder, date: str, code: str) -> None:
    from polybius.documents.article import read_article

    mentions = coder.mentions(read_article("Barack Obama criticised the plan.", default_date=date))
    assert [m.actor.code for m in mentions] == [code]


def test_unknown_people_take_their_title_and_are_remembered(coder) -> None:
    from polybius.documents.article import read_article

    text = (
        "Headline\n\nKazakh diplomat Aliya Bekova arrived in Geneva on Monday.\n\n"
        "The opposition's chief negotiator, Tomas Verner, met her there. Bekova later praised Verner."
    )
    codes = {m.actor.text: m.actor.code for m in coder.mentions(read_article(text, default_date="2021-01-01"))}
    assert codes["Kazakh diplomat Aliya Bekova"] == "KAZGOV"
    assert codes["Bekova"] == "KAZGOV"
    assert codes["Verner"].endswith("OPP")
