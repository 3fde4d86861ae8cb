"""The web API over a real store of the sample articles: filters, sorting, pages, formats, errors."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from polybius.records import COLUMNS
from polybius.settings import MAX_REQUEST_BYTES
from polybius.web.queries import LOCATION_FILTERS

Event = dict[str, Any]


def fetch(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def walk(client: TestClient, **params: Any) -> list[Event]:
    """Every event for ``params``, following next_cursor page by page."""
    events: list[Event] = []
    cursor = None
    while True:
        page = fetch(client, "/api/events", **params, **({"cursor": cursor} if cursor else {}))
        events += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            return events


@pytest.fixture(scope="module")
def everything(client: TestClient) -> list[Event]:
    page = fetch(client, "/api/events", limit=500)
    assert page["next_cursor"] is None, "the sample store should fit one page of 500"
    return page["events"]


def _sides(event: Event) -> list[dict[str, Any]]:
    return [actor for actor in (event["source"], event["target"]) if actor]


def _code(actor: dict[str, Any] | None) -> str:
    return actor["code"] if actor else ""


def _in_dyad(event: Event, a: str, b: str) -> bool:
    source, target = _code(event["source"]), _code(event["target"])
    return (source.startswith(a) and target.startswith(b)) or (source.startswith(b) and target.startswith(a))


def _actor_matches(actor: dict[str, Any], value: str) -> bool:
    """The ``actor`` filter: a code prefix, part of the name, or the country."""
    return (
        actor["code"].startswith(value.upper())
        or value.lower() in actor["name"].lower()
        or actor["country"] == value.upper()
    )


#: filter → what every returned event must satisfy. Values are chosen so each filter narrows.
FILTERS: list[tuple[dict[str, Any], Callable[[Event], bool]]] = [
    ({"date_from": "2024-01"}, lambda e: e["date"] is not None and e["date"] >= "2024-01"[: len(e["date"])]),
    ({"date_to": "2019-12-31"}, lambda e: e["date"] is not None and e["date"][:10] <= "2019-12-31"),
    (
        {"date_from": "2022-02-24", "date_to": "2023"},
        lambda e: e["date"] is not None and "2022-02-24"[: len(e["date"])] <= e["date"] and e["date"][:4] <= "2023",
    ),
    ({"actor": "usa"}, lambda e: any(_actor_matches(a, "usa") for a in _sides(e))),
    ({"actor": "Lavrov"}, lambda e: any(_actor_matches(a, "Lavrov") for a in _sides(e))),
    ({"source": "tur"}, lambda e: _code(e["source"]).startswith("TUR")),
    ({"target": "AZE"}, lambda e: _code(e["target"]).startswith("AZE")),
    ({"dyad": "PSE,ISR"}, lambda e: _in_dyad(e, "PSE", "ISR")),
    ({"cameo": "19"}, lambda e: e["cameo"].startswith("19")),
    ({"cameo": "042"}, lambda e: e["cameo"].startswith("042")),
    ({"root": "03"}, lambda e: e["root"] == "03"),
    ({"plover": "assault"}, lambda e: e["plover"] == "ASSAULT"),
    ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
    ({"place": "MOSCOW"}, lambda e: e["location"] is not None and "moscow" in e["location"]["name"].lower()),
    (
        {"bbox": "20,40,60,60"},
        lambda e: (
            e["location"] is not None
            and e["location"]["lat"] is not None
            and 20 <= e["location"]["lon"] <= 60
            and 40 <= e["location"]["lat"] <= 60
        ),
    ),
    ({"q": "CEASEFIRE"}, lambda e: "ceasefire" in e["sentence"].lower()),
    ({"modality": "future"}, lambda e: e["modality"] == "future"),
]


def _name(case: tuple[dict[str, Any], Any]) -> str:
    return "&".join(f"{k}={v}" for k, v in case[0].items())


@pytest.mark.parametrize(("params", "holds"), FILTERS, ids=[_name(c) for c in FILTERS])
def test_each_filter_narrows_to_matching_events(
    client: TestClient, everything: list[Event], params: dict[str, Any], holds: Callable[[Event], bool]
) -> None:
    events = fetch(client, "/api/events", limit=500, **params)["events"]
    assert events, f"{params} matches nothing in the samples"
    assert len(events) < len(everything), f"{params} does not narrow"
    assert all(holds(e) for e in events), [e["id"] for e in events if not holds(e)]
    # Nothing left out: every matching event of the whole store is returned.
    assert {e["id"] for e in events} == {e["id"] for e in everything if holds(e)}


def test_filters_combine_and_blank_values_are_no_filter(client: TestClient, everything: list[Event]) -> None:
    both = fetch(client, "/api/events", limit=500, quad_class=4, source="ISR")["events"]
    assert both and all(e["quad_class"] == 4 and e["source"]["code"].startswith("ISR") for e in both)
    blank = fetch(client, "/api/events", limit=500, actor="", place="", date_from="")["events"]
    assert len(blank) == len(everything)


@pytest.mark.parametrize(("params", "holds"), FILTERS, ids=[_name(c) for c in FILTERS])
def test_aggregates_apply_the_same_filters(
    client: TestClient, params: dict[str, Any], holds: Callable[[Event], bool]
) -> None:
    events = fetch(client, "/api/events", limit=500, **params)["events"]
    series = fetch(client, "/api/series", **params)["series"]
    assert sum(row["events"] for row in series) == sum(1 for e in events if e["date"] and len(e["date"]) >= 7)
    places = fetch(client, "/api/places", **params)["places"]
    assert sum(p["events"] for p in places) == sum(
        1 for e in events if e["location"] and e["location"]["lat"] is not None
    )
    actors = fetch(client, "/api/actors", limit=500, **params)["actors"]
    assert sum(a["as_source"] for a in actors) == sum(1 for e in events if e["source"])
    assert sum(a["as_target"] for a in actors) == sum(1 for e in events if e["target"])
    network = fetch(client, "/api/network", limit=500, **params)
    assert sum(edge["events"] for edge in network["edges"]) == sum(1 for e in events if e["source"] and e["target"])


SORT_KEYS: dict[str, Callable[[Event], Any]] = {
    "date": lambda e: e["date"] or "",
    "confidence": lambda e: e["confidence"],
    "goldstein": lambda e: e["goldstein"],
}


@pytest.mark.parametrize("sort", ["date", "-date", "confidence", "-confidence", "goldstein", "-goldstein"])
def test_pages_in_every_sort_have_no_duplicates_or_gaps(client: TestClient, everything: list[Event], sort: str) -> None:
    pages = walk(client, sort=sort, limit=37)
    ids = [e["id"] for e in pages]
    assert len(ids) == len(set(ids)) == len(everything)
    assert set(ids) == {e["id"] for e in everything}
    key = SORT_KEYS[sort.lstrip("-")]
    order = [(key(e), e["id"]) for e in pages]
    assert order == sorted(order, reverse=sort.startswith("-"))


def test_default_order_is_newest_first(client: TestClient) -> None:
    events = fetch(client, "/api/events", limit=20)["events"]
    dates = [e["date"] or "" for e in events]
    assert dates == sorted(dates, reverse=True)


def test_filtered_pages_walk_the_filtered_set(client: TestClient) -> None:
    whole = fetch(client, "/api/events", limit=500, quad_class=1)["events"]
    pages = walk(client, quad_class=1, limit=7, sort="confidence")
    assert sorted(e["id"] for e in pages) == sorted(e["id"] for e in whole)


def test_a_page_of_exactly_the_rest_has_no_next_cursor(client: TestClient, everything: list[Event]) -> None:
    page = fetch(client, "/api/events", limit=len(everything))
    assert len(page["events"]) == len(everything) and page["next_cursor"] is None


def test_jsonl_format_is_one_record_per_line(client: TestClient) -> None:
    response = client.get("/api/events", params={"format": "jsonl", "limit": 10, "cameo": "19"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    expected = fetch(client, "/api/events", limit=10, cameo="19")
    assert records == expected["events"]
    assert response.headers.get("x-next-cursor") == expected["next_cursor"]


def test_csv_format_has_the_cli_columns(client: TestClient, everything: list[Event]) -> None:
    response = client.get("/api/events", params={"format": "csv", "limit": 500})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == [column.name for column in COLUMNS]
    assert [row["id"] for row in rows] == [e["id"] for e in everything]
    assert rows[0]["source_code"] == (everything[0]["source"] or {}).get("code", "")


def test_event_detail_spans_point_into_the_article(client: TestClient, everything: list[Event]) -> None:
    with_actor = 0
    for event in everything:
        detail = fetch(client, f"/api/events/{event['id']}")
        assert detail["event"] == event
        text = detail["article"]["text"]
        assert detail["article"]["id"] == event["article_id"]
        start, end = detail["spans"]["trigger"]
        assert text[start:end] == event["trigger"]["text"]
        for side in ("source", "target"):
            span = detail["spans"][side]
            assert (span is None) == (event[side] is None)
            if span:
                assert text[span[0] : span[1]] == event[side]["text"]
                with_actor += 1
    assert with_actor > len(everything)


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert response.json() == {"detail": "no event 'no-such-event'"}


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("/api/events", {"date_from": "2024-13"}, "date_from: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2024-13'"),
    ("/api/events", {"date_to": "2023-02-30"}, "date_to: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2023-02-30'"),
    ("/api/series", {"date_from": "May 2024"}, "date_from: expected YYYY"),
    ("/api/events", {"date_from": "2024", "date_to": "2023"}, "date_from '2024' is after date_to '2023'"),
    ("/api/events", {"bbox": "1,2,3"}, "bbox: expected four numbers minlon,minlat,maxlon,maxlat, got '1,2,3'"),
    ("/api/places", {"bbox": "10,50,0,60"}, "bbox: longitudes must satisfy"),
    ("/api/events", {"bbox": "0,-95,10,0"}, "bbox: latitudes must satisfy"),
    ("/api/events", {"bbox": "a,b,c,d"}, "bbox: expected four numbers"),
    ("/api/events", {"quad_class": "5"}, "quad_class: Input should be less than or equal to 4, got '5'"),
    ("/api/network", {"quad_class": "x"}, "quad_class: Input should be a valid integer"),
    ("/api/events", {"limit": "0"}, "limit: Input should be greater than or equal to 1, got '0'"),
    ("/api/events", {"limit": "501"}, "limit: Input should be less than or equal to 500, got '501'"),
    ("/api/actors", {"limit": "1000"}, "limit: Input should be less than or equal to 500"),
    ("/api/events", {"sort": "actor"}, "sort: Input should be 'date', '-date'"),
    ("/api/events", {"cursor": "not-a-cursor"}, "cursor: not a cursor this API made"),
    ("/api/events", {"cameo": "1a"}, "cameo: expected a CAMEO code prefix"),
    ("/api/events", {"dyad": "ISR"}, "dyad: expected two actor code prefixes SRC,TGT"),
    ("/api/events", {"modality": "maybe"}, "modality: Input should be 'asserted'"),
    ("/api/series", {"interval": "year"}, "interval: Input should be 'day', 'week' or 'month'"),
    ("/api/events", {"format": "xml"}, "format: Input should be 'json', 'jsonl' or 'csv'"),
    ("/api/events", {"actors": "USA"}, "actors: Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("url", "params", "message"), BAD, ids=[f"{u}?{p}" for u, p, _ in BAD])
def test_bad_parameters_are_400_naming_the_parameter(
    client: TestClient, url: str, params: dict[str, Any], message: str
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_cursor_is_for_the_sort_it_was_made_for(client: TestClient) -> None:
    cursor = fetch(client, "/api/events", limit=5, sort="confidence")["next_cursor"]
    response = client.get("/api/events", params={"cursor": cursor, "sort": "-date"})
    assert response.status_code == 400
    assert response.json()["detail"] == "cursor: it was made for sort='confidence', not '-date'"


def test_series_by_month_week_and_day(client: TestClient, everything: list[Event]) -> None:
    month = fetch(client, "/api/series")
    assert month["interval"] == "month"
    assert all(len(row["period"]) == 7 and 1 <= row["quad_class"] <= 4 for row in month["series"])
    assert sum(row["events"] for row in month["series"]) == sum(1 for e in everything if len(e["date"] or "") >= 7)
    periods = [(row["period"], row["quad_class"]) for row in month["series"]]
    assert periods == sorted(periods) and len(periods) == len(set(periods))
    march_2022 = [e for e in everything if (e["date"] or "").startswith("2022-03")]
    summed = {r["quad_class"]: r["goldstein"] for r in month["series"] if r["period"] == "2022-03"}
    for quad in summed:
        assert summed[quad] == pytest.approx(sum(e["goldstein"] for e in march_2022 if e["quad_class"] == quad))
    days = fetch(client, "/api/series", interval="day")["series"]
    assert sum(row["events"] for row in days) == sum(1 for e in everything if len(e["date"] or "") == 10)
    weeks = fetch(client, "/api/series", interval="week")["series"]
    assert sum(row["events"] for row in weeks) == sum(row["events"] for row in days)
    assert all(datetime.date.fromisoformat(row["period"]).weekday() == 0 for row in weeks)


def test_actors_count_both_sides_busiest_first(client: TestClient, everything: list[Event]) -> None:
    actors = fetch(client, "/api/actors", limit=500)["actors"]
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    assert all(a["events"] == a["as_source"] + a["as_target"] for a in actors)
    top = actors[0]
    assert top["as_source"] == sum(1 for e in everything if _code(e["source"]) == top["code"])
    assert len(fetch(client, "/api/actors", limit=3)["actors"]) == 3


def test_network_edges_and_their_nodes(client: TestClient, everything: list[Event]) -> None:
    network = fetch(client, "/api/network", limit=5)
    edges = network["edges"]
    assert len(edges) == 5
    assert [e["events"] for e in edges] == sorted((e["events"] for e in edges), reverse=True)
    codes = {node["code"] for node in network["nodes"]}
    assert codes == {edge["source"] for edge in edges} | {edge["target"] for edge in edges}
    first = edges[0]
    pair = [e for e in everything if _code(e["source"]) == first["source"] and _code(e["target"]) == first["target"]]
    assert first["events"] == len(pair)
    assert first["goldstein_mean"] == pytest.approx(sum(e["goldstein"] for e in pair) / len(pair), abs=0.01)


def test_places_are_located_events(client: TestClient, everything: list[Event]) -> None:
    places = fetch(client, "/api/places")["places"]
    located = [e for e in everything if e["location"] and e["location"]["lat"] is not None]
    assert sum(p["events"] for p in places) == len(located)
    assert all(p["lat"] is not None and p["lon"] is not None and p["name"] for p in places)


@pytest.mark.parametrize("column", LOCATION_FILTERS, ids=lambda column: column.name)
def test_every_other_location_field_is_an_exact_filter(
    client: TestClient, everything: list[Event], column: Any
) -> None:
    """``location_admin1``, ``geonameid``…: a filter per location field that ``place`` and ``bbox``
    do not cover, named as its column; text matches ignoring case."""
    values = sorted({str(column.value(e)) for e in everything if column.value(e) is not None})
    value = values[0] if values else "nowhere"  # admin2: no gazetteer source gives it yet
    expected = [e["id"] for e in everything if str(column.value(e)).lower() == value.lower()]
    shouted = value.upper() if column.python_type is str else value
    assert [e["id"] for e in walk(client, **{column.name: shouted}, limit=500)] == expected
    assert bool(values) == bool(expected)
    documented = fetch(client, "/openapi.json")["paths"]["/api/events"]["get"]["parameters"]
    assert column.name in {parameter["name"] for parameter in documented}


def test_places_carry_every_location_field(client: TestClient, everything: list[Event]) -> None:
    places = fetch(client, "/api/places")["places"]
    fields = [c.path[-1] for c in COLUMNS if c.path[0] == "location"]
    assert all(list(p) == [*fields, "events", "goldstein_mean"] for p in places)
    located = {tuple(e["location"].items()) for e in everything if e["location"] and e["location"]["lat"] is not None}
    assert {tuple((k, p[k]) for k in fields) for p in places} == located
    assert any(p["admin1"] for p in places) and all(p["precision"] for p in places)


def test_code_codes_text_and_stores_nothing(client: TestClient) -> None:
    before = _count_events(client)
    response = client.post(
        "/api/code",
        json={"text": "Turkish troops shelled Kurdish positions near Afrin on Tuesday.", "date": "2019-10-10"},
    )
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert events and events[0]["cameo"].startswith("19") and events[0]["source"]["code"].startswith("TUR")
    assert events[0]["date"] == "2019-10-08"
    assert _count_events(client) == before


def test_code_refuses_a_body_over_1_mb(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "x" * (MAX_REQUEST_BYTES + 1)})
    assert response.status_code == 413
    assert "larger than 1048576 bytes (1 MB)" in response.json()["detail"]


def test_code_refuses_a_streamed_body_over_1_mb(client: TestClient) -> None:
    def chunks():
        yield b'{"text": "'
        for _ in range(20):
            yield b"x" * 100_000
        yield b'"}'

    response = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_code_validates_its_body(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "Chad closed its border.", "date": "10 May"})
    assert response.status_code == 422
    assert response.json()["detail"] == "date: expected YYYY-MM-DD, got '10 May'"
    missing = client.post("/api/code", json={"date": "2024-05-10"})
    assert missing.status_code == 422 and missing.json()["detail"] == "text: Field required"


def _count_events(client: TestClient) -> int:
    cursor = client.app.state.connection.cursor()  # type: ignore[attr-defined]
    try:
        return cursor.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        cursor.close()


def test_the_store_is_opened_read_only(client: TestClient) -> None:
    cursor = client.app.state.connection.cursor()  # type: ignore[attr-defined]
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            cursor.execute("INSERT INTO errors (item, stage, message) VALUES ('x', 'web', 'should not be written')")
    finally:
        cursor.close()


def test_only_reads_are_routed(client: TestClient) -> None:
    assert client.delete("/api/events/x").status_code == 405
    assert client.post("/api/events").status_code == 405


def test_a_missing_store_is_refused(tmp_path: Path) -> None:
    from polybius.errors import StoreNotFound
    from polybius.web import create_app

    with pytest.raises(StoreNotFound, match="no store at"):
        create_app(tmp_path / "none.duckdb")


def test_docs_load_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/openapi.json" in page.text
    assert "cdn.jsdelivr.net" not in page.text and "unpkg.com" not in page.text
    schema = fetch(client, "/openapi.json")
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/series",
        "/api/network",
        "/api/places",
    } <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert {"date_from", "actor", "bbox", "cursor", "format", "sort", "limit"} <= names


def test_the_page_is_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<html" in page.text.lower()
    assert client.get("/static/app.js").status_code == 200
