"""Acceptance on the seed article in ../shared/seed (skipped when the file is absent)."""

from __future__ import annotations

import pytest

from polybius.documents.readers import read_documents
from tests.conftest import SHARED

SEED = SHARED / "seed" / "000_e5dbe2a19b4d9aac.txt"


@pytest.fixture(scope="module")
def seed(coder):
    if not SEED.exists():
        pytest.skip("seed article not present")
    (document,) = list(read_documents([str(SEED)]))
    return document, coder.code_document(document)


def _find(records, *, source=None, target=None, roots=(), cameo=None):
    found = []
    for r in records:
        if source is not None and not (r.source and r.source.code.startswith(source)):
            continue
        if target is not None and not (r.target and r.target.code.startswith(target)):
            continue
        if roots and r.root not in roots:
            continue
        if cameo and r.cameo != cameo:
            continue
        found.append(r)
    return found


def test_publication_date_from_the_dateline(seed) -> None:
    document, _ = seed
    assert document.date == "2018-01-10"


@pytest.mark.parametrize("target", ["TUR", "IRN"])
def test_putin_hosts_turkey_and_iran_in_november(seed, target) -> None:
    _, records = seed
    (event,) = _find(records, source="RUSGOV", target=target, cameo="043")
    assert event.date == "2017-11" and event.date_precision == "month"
    assert event.source.name == "Vladimir Putin"
    assert event.plover == "CONSULT" and event.plover_mode == "visit"


def test_russia_backs_assad(seed) -> None:
    _, records = seed
    assert _find(records, source="RUS", target="SYRGOV", roots=("05", "07"))


def test_turkey_backs_the_rebels(seed) -> None:
    _, records = seed
    assert _find(records, source="TUR", target="SYRREB", roots=("05", "07"))


def test_de_mistura_blames_damascus(seed) -> None:
    _, records = seed
    (event,) = _find(records, source="IGOUNO", target="SYRGOV", roots=("11",))
    assert event.source.org == "UNO"


def test_raqqa_retaken_from_islamic_state(seed) -> None:
    _, records = seed
    (event,) = [
        r for r in _find(records, roots=("19",)) if r.target and r.target.org == "ISIS" and r.trigger.text == "retaken"
    ]
    assert event.date == "2017-10"
    assert event.location.name in ("Raqqa", "Ar Raqqah")
    assert event.location.lat == pytest.approx(35.95, abs=0.05)
    assert event.location.lon == pytest.approx(39.01, abs=0.05)


def test_no_more_than_forty_events_and_none_from_headline_lines(seed) -> None:
    document, records = seed
    assert 6 <= len(records) <= 40
    first_body = document.text.index("There are hopes")
    boilerplate = document.text[:first_body]
    standfirst = "Russia's UN ambassador said he hoped"
    for record in records:
        assert record.trigger.start >= boilerplate.index(standfirst)
        assert record.sentence not in ("3 min read", "10 January, 2018")


def test_security_council_briefing_dated_tuesday_and_not_located_at_its_topic(seed) -> None:
    _, records = seed
    (event,) = [r for r in _find(records, source="IGOUNO") if r.trigger.text == "briefing"]
    assert (event.date, event.date_precision, event.date_source) == ("2018-01-09", "day", "text")
    assert event.location is None  # "a briefing on Raqqa": Raqqa is the topic, not the place


def test_astana_talks_located_in_astana(seed) -> None:
    _, records = seed
    (event,) = [r for r in _find(records, source="RUS") if r.trigger.text == "talks" and r.location]
    assert event.location.country == "KAZ"
    assert event.location.lat == pytest.approx(51.18, abs=0.05)
    assert event.location.lon == pytest.approx(71.45, abs=0.05)


def test_rebel_statement_dated_late_last_month(seed) -> None:
    _, records = seed
    (event,) = _find(records, source="SYRREB", cameo="010")
    assert (event.date, event.date_precision) == ("2017-12", "month")


def test_nothing_at_zero_and_nothing_after_publication_unless_future(seed) -> None:
    document, records = seed
    for record in records:
        if record.location:
            assert (record.location.lat, record.location.lon) != (0, 0)
        if record.modality != "future":
            assert record.date[:7] <= document.date[:7] and record.date <= document.date
