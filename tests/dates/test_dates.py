"""Event dates: expressions resolved against the publication date, and attached to their clause."""

from __future__ import annotations

import pytest

from polybius.coder import code_text
from polybius.dates import precision_of, resolve_expression
from polybius.documents.readers import read_documents
from tests.conftest import SAMPLES

WED = "2024-01-10"  # a Wednesday
JAN = "2024-01-03"  # a Wednesday three days into the year
JUNE = "2023-06-15"  # a Thursday
NEW_YEAR = "2024-01-01"  # a Monday
EVE = "2023-12-31"  # a Sunday
LEAP = "2024-03-01"  # a Friday after a 29 February

# (expression, publication date, future, expected value or None, expected precision)
CASES = [
    # Weekdays: the last one on or before publication; the publication's own weekday is that day.
    ("on Tuesday", WED, False, "2024-01-09", "day"),
    ("Tuesday", WED, False, "2024-01-09", "day"),
    ("on Monday", WED, False, "2024-01-08", "day"),
    ("on Sunday", WED, False, "2024-01-07", "day"),
    ("on Saturday", WED, False, "2024-01-06", "day"),
    ("on Friday", WED, False, "2024-01-05", "day"),
    ("on Thursday", WED, False, "2024-01-04", "day"),
    ("on Wednesday", WED, False, "2024-01-10", "day"),
    ("Wednesday", WED, True, "2024-01-10", "day"),
    ("on Thursday", JUNE, False, "2023-06-15", "day"),
    ("last Tuesday", WED, False, "2024-01-09", "day"),
    ("last Wednesday", WED, False, "2024-01-03", "day"),
    ("last Thursday's", WED, False, "2024-01-04", "day"),
    ("Saturday's", WED, False, "2024-01-06", "day"),
    ("Monday night", WED, False, "2024-01-08", "day"),
    ("late on Saturday", WED, False, "2024-01-06", "day"),
    ("early Friday", WED, False, "2024-01-05", "day"),
    # ... and the next one after it when the verb is future.
    ("on Thursday", WED, True, "2024-01-11", "day"),
    ("on Tuesday", WED, True, "2024-01-16", "day"),
    ("on Monday", WED, True, "2024-01-15", "day"),
    ("on Friday", JUNE, True, "2023-06-16", "day"),
    # Weekdays across the turn of the year.
    ("on Friday", JAN, False, "2023-12-29", "day"),
    ("on Sunday", JAN, False, "2023-12-31", "day"),
    ("on Monday", JAN, False, "2024-01-01", "day"),
    ("Tuesday", NEW_YEAR, False, "2023-12-26", "day"),
    ("on Tuesday", EVE, True, "2024-01-02", "day"),
    ("Sunday", EVE, False, "2023-12-31", "day"),
    # Days relative to publication.
    ("yesterday", WED, False, "2024-01-09", "day"),
    ("yesterday", NEW_YEAR, False, "2023-12-31", "day"),
    ("today", WED, False, "2024-01-10", "day"),
    ("today", WED, True, "2024-01-10", "day"),
    ("tonight", WED, True, "2024-01-10", "day"),
    ("this morning", WED, False, "2024-01-10", "day"),
    ("two days ago", WED, False, "2024-01-08", "day"),
    ("three weeks ago", WED, False, "2023-12-20", "day"),
    ("a week ago", WED, False, "2024-01-03", "day"),
    # A calendar week is not a day: month precision.
    ("last week", WED, False, "2024-01", "month"),
    ("last week", JAN, False, "2023-12", "month"),
    ("this week", WED, False, "2024-01", "month"),
    ("earlier this week", WED, False, "2024-01", "month"),
    ("next week", WED, True, "2024-01", "month"),
    ("next week", "2023-12-28", True, "2024-01", "month"),
    ("next week", WED, False, None, None),
    # Months relative to publication.
    ("last month", WED, False, "2023-12", "month"),
    ("last month", NEW_YEAR, False, "2023-12", "month"),
    ("last month", LEAP, False, "2024-02", "month"),
    ("last month", JUNE, False, "2023-05", "month"),
    ("this month", WED, False, "2024-01", "month"),
    ("earlier this month", WED, False, "2024-01", "month"),
    ("earlier this month", JUNE, False, "2023-06", "month"),
    ("later this month", WED, True, "2024-01", "month"),
    ("late last month", WED, False, "2023-12", "month"),
    ("early last month", WED, False, "2023-12", "month"),
    ("mid-last month", WED, False, "2023-12", "month"),
    ("the end of last month", JUNE, False, "2023-05", "month"),
    ("the start of last month", JUNE, False, "2023-05", "month"),
    ("the end of the month", WED, True, "2024-01", "month"),
    ("two months ago", WED, False, "2023-11", "month"),
    ("next month", WED, True, "2024-02", "month"),
    ("next month", "2023-12-20", True, "2024-01", "month"),
    ("next month", WED, False, None, None),
    # Years relative to publication.
    ("last year", WED, False, "2023", "year"),
    ("this year", WED, False, "2024", "year"),
    ("earlier this year", WED, False, "2024", "year"),
    ("earlier this year", JUNE, False, "2023", "year"),
    ("the end of last year", WED, False, "2023", "year"),
    ("the end of last year", JUNE, False, "2022", "year"),
    ("late last year", JAN, False, "2023", "year"),
    ("the beginning of the year", JUNE, False, "2023", "year"),
    ("a year ago", WED, False, "2023", "year"),
    ("two years ago", WED, False, "2022", "year"),
    ("next year", WED, True, "2025", "year"),
    ("next year", WED, False, None, None),
    ("November last year", WED, False, "2023-11", "month"),
    ("in March this year", JUNE, False, "2023-03", "month"),
    # Month names: the last one up to publication, the next one from it when future.
    ("March", WED, False, "2023-03", "month"),
    ("in March", WED, False, "2023-03", "month"),
    ("in March", WED, True, "2024-03", "month"),
    ("in March", JUNE, False, "2023-03", "month"),
    ("in March", JUNE, True, "2024-03", "month"),
    ("in June", JUNE, False, "2023-06", "month"),
    ("in June", JUNE, True, "2023-06", "month"),
    ("in July", JUNE, False, "2022-07", "month"),
    ("in July", JUNE, True, "2023-07", "month"),
    ("in May", JUNE, False, "2023-05", "month"),
    ("late May", JUNE, False, "2023-05", "month"),
    ("the first week of December", JAN, False, "2023-12", "month"),
    # Month names across the turn of the year.
    ("December", WED, False, "2023-12", "month"),
    ("in December", JAN, False, "2023-12", "month"),
    ("late December", JAN, False, "2023-12", "month"),
    ("mid-December", JAN, False, "2023-12", "month"),
    ("in November", NEW_YEAR, False, "2023-11", "month"),
    ("early January", JAN, False, "2024-01", "month"),
    ("in January", JAN, False, "2024-01", "month"),
    ("in January", JAN, True, "2024-01", "month"),
    ("in February", JAN, True, "2024-02", "month"),
    ("in February", JAN, False, "2023-02", "month"),
    ("in January", EVE, True, "2024-01", "month"),
    ("in December", EVE, True, "2023-12", "month"),
    # Explicit dates.
    ("on 3 March 2021", WED, False, "2021-03-03", "day"),
    ("3 March 2021", WED, True, "2021-03-03", "day"),
    ("March 3, 2021", WED, False, "2021-03-03", "day"),
    ("2021-03-03", WED, False, "2021-03-03", "day"),
    ("March 3", WED, False, "2023-03-03", "day"),
    ("March 3", WED, True, "2024-03-03", "day"),
    ("on January 5", WED, False, "2024-01-05", "day"),
    ("Jan. 5", WED, False, "2024-01-05", "day"),
    ("5 January", WED, False, "2024-01-05", "day"),
    ("January 20", WED, False, "2023-01-20", "day"),
    ("January 20", WED, True, "2024-01-20", "day"),
    ("December 28", JAN, False, "2023-12-28", "day"),
    ("December 31", NEW_YEAR, False, "2023-12-31", "day"),
    ("on 24 February", "2022-03-09", False, "2022-02-24", "day"),
    ("February 29", LEAP, False, "2024-02-29", "day"),
    ("October 2022", WED, False, "2022-10", "month"),
    ("in October 2022", WED, False, "2022-10", "month"),
    ("December 2023", WED, False, "2023-12", "month"),
    ("March 2025", WED, True, "2025-03", "month"),
    ("January 2025", JAN, True, "2025-01", "month"),
    # Years: "in 2011", "a 2016 deal", and "since 2011" as the start.
    ("in 2011", WED, False, "2011", "year"),
    ("2016", WED, False, "2016", "year"),
    ("since 2011", WED, False, "2011", "year"),
    ("since 1984", "2018-06-14", False, "1984", "year"),
    ("since March", "2018-06-14", False, "2018-03", "month"),
    ("late 2022", WED, False, "2022", "year"),
    ("early 2023", WED, False, "2023", "year"),
    ("mid-2022", WED, False, "2022", "year"),
    ("the summer of 2022", WED, False, "2022", "year"),
    ("around 2015", WED, False, "2015", "year"),
    ("2025", WED, True, "2025", "year"),
    # Never after publication unless the verb is future.
    ("2025", WED, False, None, None),
    ("March 2025", WED, False, None, None),
    ("2024-02-01", WED, False, None, None),
    # Durations are not dates.
    ("over the last year", WED, False, None, None),
    ("the last year", WED, False, None, None),
    ("the past week", WED, False, None, None),
    ("the past two years", WED, False, None, None),
    ("the last three months", WED, False, None, None),
    ("the past few months", WED, False, None, None),
    ("over the past decade", WED, False, None, None),
    ("for two years", WED, False, None, None),
    ("three months", WED, False, None, None),
    ("recent weeks", WED, False, None, None),
    ("in recent days", WED, False, None, None),
    # Times counted from another event, not from publication.
    ("two days later", WED, False, None, None),
    ("a day earlier", WED, False, None, None),
    ("three years later", WED, True, None, None),
    ("the following week", WED, False, None, None),
    # Expressions that name no date of their own.
    ("the same day", WED, False, None, None),
    ("the 1990s", WED, False, None, None),
    ("5 p.m.", WED, False, None, None),
]


@pytest.mark.parametrize(("expression", "published", "future", "value", "precision"), CASES)
def test_resolve_expression(
    expression: str, published: str, future: bool, value: str | None, precision: str | None
) -> None:
    resolved = resolve_expression(expression, published, future)
    if value is None:
        assert resolved is None
    else:
        assert resolved is not None
        assert (resolved.value, resolved.precision, resolved.source) == (value, precision, "text")


@pytest.mark.parametrize(
    ("expression", "precision"),
    [("on Tuesday", "day"), ("in March", "month"), ("in 2011", "year"), ("last month", "month"), ("the war", None)],
)
def test_precision_of(expression: str, precision: str | None) -> None:
    assert precision_of(expression) == precision


def test_resolved_dates_never_follow_publication_unless_future() -> None:
    for expression, published, future, _, _ in CASES:
        resolved = resolve_expression(expression, published, future)
        if resolved and not future:
            assert resolved.value <= published[: len(resolved.value)], expression


# (text, publication date, {trigger: (date, precision, date_source)}): the event whose clause holds
# the date takes it, the other events of the sentence take the publication date.
SENTENCES = [
    (
        "Turkish troops shelled Kurdish positions on Tuesday, and Kurdish fighters attacked a Turkish convoy.",
        WED,
        {"shelled": ("2024-01-09", "day", "text"), "attacked": (WED, "day", "publication")},
    ),
    (
        "Police arrested 20 protesters in Nairobi yesterday after demonstrators attacked a police station.",
        WED,
        {"arrested": ("2024-01-09", "day", "text"), "attacked": (WED, "day", "publication")},
    ),
    (
        "Iran and Iraq signed a deal in March 2021, and Iranian forces shelled Kurdish villages.",
        WED,
        {"signed": ("2021-03", "month", "text"), "shelled": (WED, "day", "publication")},
    ),
    (
        "Russian forces attacked Kharkiv late last month, and Ukraine's president visited Washington.",
        WED,
        {"attacked": ("2023-12", "month", "text"), "visited": (WED, "day", "publication")},
    ),
    (
        "Over the last year, Russian forces attacked Ukrainian cities.",
        WED,
        {"attacked": (WED, "day", "publication")},
    ),
    (
        "The Chinese foreign minister will visit Moscow on Tuesday, police said, "
        "after rebels attacked a convoy on Monday.",
        WED,
        {"visit": ("2024-01-16", "day", "text"), "attacked": ("2024-01-08", "day", "text")},
    ),
    (
        "The Russian foreign minister visited Ankara on Wednesday, and Turkish police arrested two journalists.",
        WED,
        {"visited": (WED, "day", "text"), "arrested": (WED, "day", "publication")},
    ),
    (
        "The Chinese foreign minister met his Russian counterpart on Monday, days after North Korean troops "
        "attacked a South Korean patrol.",
        JAN,
        {"met": ("2024-01-01", "day", "text"), "attacked": (JAN, "day", "publication")},
    ),
    (
        "After rebels attacked a convoy on Friday, government troops shelled the village.",
        JAN,
        {"attacked": ("2023-12-29", "day", "text"), "shelled": (JAN, "day", "publication")},
    ),
    (
        "Police said on Tuesday that they had arrested 20 protesters.",
        JAN,
        {"arrested": (JAN, "day", "publication")},
    ),
    (
        "Kenyan police, who arrested 20 protesters on Sunday, attacked a crowd in Nairobi.",
        JAN,
        {"arrested": ("2023-12-31", "day", "text"), "attacked": (JAN, "day", "publication")},
    ),
    (
        "Russian forces shelled Kharkiv in December and Ukrainian troops attacked Russian positions.",
        JAN,
        {"shelled": ("2023-12", "month", "text"), "attacked": (JAN, "day", "publication")},
    ),
    (
        "Israel and Hamas signed a deal last month, and Israeli forces shelled Gaza.",
        JAN,
        {"signed": ("2023-12", "month", "text"), "shelled": (JAN, "day", "publication")},
    ),
    (
        "The Turkish president visited Baghdad last week and Iraqi police arrested five men.",
        JAN,
        {"visited": ("2023-12", "month", "text"), "arrested": (JAN, "day", "publication")},
    ),
    (
        "Ugandan troops attacked rebels in the Congo on December 28, and Congolese police arrested ten men.",
        JAN,
        {"attacked": ("2023-12-28", "day", "text"), "arrested": (JAN, "day", "publication")},
    ),
    (
        "The Iranian foreign minister will meet his Iraqi counterpart in January.",
        JAN,
        {"meet": ("2024-01", "month", "text")},
    ),
    (
        "The Iranian foreign minister will meet his Iraqi counterpart in March.",
        JUNE,
        {"meet": ("2024-03", "month", "text")},
    ),
    (
        "Venezuelan police arrested an opposition leader on March 3, 2021, and protesters attacked a police station.",
        JUNE,
        {"arrested": ("2021-03-03", "day", "text"), "attacked": (JUNE, "day", "publication")},
    ),
    (
        "Iran signed a 2016 deal with Iraq, and Iraqi police arrested three Iranian men.",
        JUNE,
        {"signed": ("2016", "year", "text"), "arrested": (JUNE, "day", "publication")},
    ),
    (
        "Rebels have attacked government forces since 2011, and the army shelled rebel positions.",
        JUNE,
        {"attacked": ("2011", "year", "text"), "shelled": (JUNE, "day", "publication")},
    ),
    (
        "Earlier this year, Kenyan police arrested ten Somali men, and Somali militants attacked a Kenyan base.",
        JUNE,
        {"arrested": ("2023", "year", "text"), "attacked": (JUNE, "day", "publication")},
    ),
    (
        "The Egyptian president visited Khartoum at the end of last year.",
        JUNE,
        {"visited": ("2022", "year", "text")},
    ),
    (
        "Egyptian police arrested four men this morning, and militants attacked a checkpoint in Sinai.",
        JUNE,
        {"arrested": (JUNE, "day", "text"), "attacked": (JUNE, "day", "publication")},
    ),
    (
        "Greek police arrested a Turkish diplomat next month.",
        JUNE,
        {"arrested": (JUNE, "day", "publication")},
    ),
    (
        "The US signed a defence pact with the Philippines under a 1951 treaty.",
        JUNE,
        {"signed": (JUNE, "day", "publication")},
    ),
    (
        "Russian forces shelled Kharkiv yesterday, and Ukraine attacked Belgorod.",
        NEW_YEAR,
        {"shelled": ("2023-12-31", "day", "text"), "attacked": (NEW_YEAR, "day", "publication")},
    ),
    (
        "Russian forces shelled Kharkiv last month.",
        NEW_YEAR,
        {"shelled": ("2023-12", "month", "text")},
    ),
    (
        "The Ukrainian president will visit Warsaw on Tuesday.",
        EVE,
        {"visit": ("2024-01-02", "day", "text")},
    ),
    (
        "The Ukrainian president will visit Warsaw in January.",
        EVE,
        {"visit": ("2024-01", "month", "text")},
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), SENTENCES)
def test_date_attaches_to_its_clause(text: str, published: str, expected: dict[str, tuple[str, str, str]]) -> None:
    found = {r.trigger.text: (r.date, r.date_precision, r.date_source) for r in code_text(text, date=published)}
    assert {trigger: found.get(trigger) for trigger in expected} == expected


def test_other_sentences_take_the_publication_date() -> None:
    text = "Russian forces shelled Kharkiv on Tuesday. Ukrainian troops attacked Russian positions near Bakhmut."
    found = {r.trigger.text: (r.date, r.date_source) for r in code_text(text, date=WED)}
    assert found == {"shelled": ("2024-01-09", "text"), "attacked": (WED, "publication")}


def test_without_a_publication_date_there_is_no_date() -> None:
    (record,) = code_text("Russian forces shelled Kharkiv on Tuesday.")
    assert (record.date, record.date_precision, record.date_source) == (None, None, None)


def test_no_sample_event_is_dated_after_its_article(coder) -> None:
    documents = list(read_documents([str(SAMPLES)]))
    assert documents
    checked = 0
    for document in documents:
        if not document.date:
            continue
        for record in coder.code_document(document):
            checked += 1
            if record.modality != "future":
                assert record.date <= document.date[: len(record.date)], (document.id, record.sentence)
    assert checked >= 100
