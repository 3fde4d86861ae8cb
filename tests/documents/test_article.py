"""Scraped .txt articles: headline, dateline forms, boilerplate lines."""

from __future__ import annotations

import pytest

from polybius.documents.article import parse_publication_date, read_article

LAYOUT = """Rebels agree to talks in Geneva

Rebels agree to talks in Geneva
The opposition said it would attend the meeting.
3 min read
{dateline}
Delegates arrive at the venue [Reuters]

The opposition agreed on Monday to attend talks in Geneva.

The government welcomed the decision.
"""


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("10 January, 2018", "2018-01-10"),
        ("January 10, 2018", "2018-01-10"),
        ("Jan. 10, 2018", "2018-01-10"),
        ("2018-01-10", "2018-01-10"),
        ("10/01/2018", "2018-01-10"),  # day first
        ("01/25/2018", "2018-01-25"),  # second number cannot be a month: month first
        ("Tuesday 14 March 2023", "2023-03-14"),
        ("Published: 3 May 2021", "2021-05-03"),
    ],
)
def test_dateline_forms(dateline: str, expected: str) -> None:
    document = read_article(LAYOUT.format(dateline=dateline))
    assert document.date == expected


def test_boilerplate_lines_are_not_coded() -> None:
    document = read_article(LAYOUT.format(dateline="10 January, 2018"))
    coded = [document.text[s.start : s.end] for s in document.segments]
    assert coded == [
        "The opposition said it would attend the meeting.",
        "The opposition agreed on Monday to attend talks in Geneva.",
        "The government welcomed the decision.",
    ]
    assert document.title == "Rebels agree to talks in Geneva"


def test_segments_point_into_the_text() -> None:
    document = read_article("Headline here\n\n  Body line one.\nBody line two.\n")
    assert [document.text[s.start : s.end] for s in document.segments] == ["Body line one.", "Body line two."]


def test_a_single_sentence_is_not_taken_for_a_headline() -> None:
    document = read_article("Russia attacked Ukraine.")
    assert len(document.segments) == 1


def test_default_date_only_when_the_text_has_none() -> None:
    assert read_article("Title\n\n2 March 2020\n\nBody.", default_date="2021-01-01").date == "2020-03-02"
    assert read_article("Title\n\nBody.", default_date="2021-01-01").date == "2021-01-01"


@pytest.mark.parametrize("line", ["Syria talks resume", "Updated every hour", "12 dead in 2018 attack"])
def test_lines_that_are_not_datelines(line: str) -> None:
    assert parse_publication_date(line) is None


def test_non_breaking_spaces_become_spaces() -> None:
    document = read_article("Russia\u00a0backed the rebels.")
    assert "\u00a0" not in document.text
