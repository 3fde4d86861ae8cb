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


# The sentence or the dateline locates an event whose clause names no place, and the most specific
# place wins: (text, trigger, expected precision, expected country).
WIDER = [
    ("In Baiji district, militants attacked an army patrol on Tuesday.", "attacked", "admin2", "IRQ"),
    ("Near the village of Kafr Nabl, government forces shelled rebel positions.", "shelled", "city", "SYR"),
    ("MOGADISHU (Reuters) - Rebels from al Shabaab attacked a military base.", "attacked", "city", "SOM"),
    ("KANO, Nigeria (AP) - Police arrested 30 protesters on Friday.", "arrested", "city", "NGA"),
    ("OTTAWA - Canada expelled two Chinese diplomats on Monday.", "expelled", "city", "CAN"),
]


@pytest.mark.parametrize(("text", "trigger", "precision", "country"), WIDER, ids=[w[0][:30] for w in WIDER])
def test_event_takes_the_most_specific_place_of_its_sentence_or_dateline(
    text: str, trigger: str, precision: str, country: str
) -> None:
    records = [r for r in code_text(text, date="2024-01-10") if r.trigger.text == trigger]
    assert records, f"no event on {trigger!r}"
    assert {(r.location.precision, r.location.country) for r in records if r.location} == {(precision, country)}
    assert all(r.location and r.location.geonameid for r in records)


# An actor known only by a role that acts at home takes the country where its event happened;
# aid agencies, which act abroad, do not.
ROLE_ACTORS = [
    ("Protesters in Bissau clashed with police on Saturday.", "GNB"),
    ("Demonstrators in Kano burned tyres and blocked the main road.", "NGA"),
    ("Rebels near Goma shelled an army post overnight.", "COD"),
]


@pytest.mark.parametrize(("text", "country"), ROLE_ACTORS, ids=[r[0][:30] for r in ROLE_ACTORS])
def test_a_role_only_actor_takes_the_country_of_its_place(text: str, country: str) -> None:
    records = code_text(text, date="2024-01-10")
    assert records
    assert {r.source.country for r in records if r.source} == {country}


def test_aid_agencies_keep_no_country_of_the_place() -> None:
    records = code_text("Aid agencies pressed for humanitarian access to the besieged city of El Fasher.", "2024-01-10")
    assert records and all(r.target is None or r.target.country is None for r in records)
    assert all(r.source is None or r.source.country is None for r in records)


# A place of the sentence locates an event of the same happening only: (text, trigger, country or None).
HAPPENINGS = [
    ("Russian artillery struck Kupiansk on Monday, killing two residents.", "killing", "UKR"),
    ("Jets bombed a market in Idlib on Sunday and killed nine people.", "killed", "SYR"),
    ("The minister said in Geneva that rebels had attacked a convoy.", "attacked", None),
    ("Officials in Kabul said gunmen attacked a school.", "attacked", None),
]


@pytest.mark.parametrize(("text", "trigger", "country"), HAPPENINGS, ids=[h[0][:30] for h in HAPPENINGS])
def test_a_sentence_place_locates_events_of_the_same_happening(text: str, trigger: str, country: str | None) -> None:
    records = [r for r in code_text(text, date="2024-01-10") if r.trigger.text == trigger]
    assert records, f"no event on {trigger!r}"
    assert {r.location.country if r.location else None for r in records} == {country}
