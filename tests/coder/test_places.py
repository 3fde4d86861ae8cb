"""Where an event happened: the place of its own clause, never a place it is only about."""

from __future__ import annotations

import pytest

from polybius.coder import code_text

# (sentence, trigger, expected place country or None when the event must have no place)
CASES = [
    ("Iranian and Saudi diplomats held talks in Baghdad on Sunday.", "held", "IRQ"),
    ("The Turkish president hosted Putin in Ankara.", "hosted", "TUR"),
    ("Egyptian mediators met Hamas leaders in Cairo.", "met", "EGY"),
    ("Ukrainian drones attacked an oil depot in Novorossiysk.", "attacked", "RUS"),
    ("Sudanese paramilitaries shelled El Fasher on Tuesday.", "shelled", "SDN"),  # the place attacked
    ("Police arrested 40 protesters in Nairobi.", "arrested", "KEN"),
    ("Thousands of Georgians protested outside parliament in Tbilisi.", "protested", "GEO"),
    ("Kenyan police fired tear gas at protesters in Mombasa.", "fired", "KEN"),  # on a nested phrase
    ("The EU and Britain signed a trade deal in Brussels.", "signed", "BEL"),
    ("Rebels ambushed a Malian army convoy near Gao.", "ambushed", "MLI"),
    ("The Ethiopian army recaptured Lalibela from Tigrayan forces.", "recaptured", "ETH"),
    ("Armenia and Azerbaijan signed a peace deal at the Washington summit.", "signed", "USA"),  # named venue
    ("The foreign ministers met at the Sochi congress.", "met", "RUS"),
    ("The Security Council met Haitian envoys in New York to discuss the crisis in Haiti.", "met", "USA"),  # not Haiti
    ("The UN Security Council held a briefing on Gaza.", "briefing", None),  # the topic is no place
    ("Russia criticised the talks on Ukraine held in Jeddah.", "criticised", None),  # said elsewhere
    ("Pakistan and India held talks in Geneva over Kashmir.", "held", "CHE"),  # Kashmir is the topic
    ("Serbian police detained two Kosovo officers near the border.", "detained", None),  # nationality
]


@pytest.mark.parametrize(("text", "trigger", "country"), CASES, ids=[c[0][:40] for c in CASES])
def test_event_place_comes_from_its_own_clause(text: str, trigger: str, country: str | None) -> None:
    records = [r for r in code_text(text, date="2024-01-10") if r.trigger.text == trigger]
    assert records, f"no event on {trigger!r}"
    places = {r.location.country if r.location else None for r in records}
    assert places == {country}


def test_no_event_is_located_at_zero() -> None:
    text = "Houthi rebels fired missiles at ships in the Red Sea. Israeli jets struck targets in southern Lebanon."
    for record in code_text(text, date="2024-01-10"):
        if record.location:
            assert record.location.lat != 0 or record.location.lon != 0
