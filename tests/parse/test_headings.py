"""notice.Headings finds the earliest of several headings in any case, at
positions that fit the original text."""

from __future__ import annotations

import pytest

from bounced.parse.notice import Headings

HEADINGS = Headings(r"delivery has failed to these recipients", r"your message to \S+")


def test_the_earliest_heading_wins_whatever_the_order_listed() -> None:
    text = "Hello\nYOUR MESSAGE TO a@b.example\nDelivery has failed to these recipients"
    span = HEADINGS.span(text)
    assert span is not None
    assert text[span[0] : span[1]] == "YOUR MESSAGE TO a@b.example"


def test_a_heading_past_the_end_is_not_seen() -> None:
    text = "x" * 50 + "Delivery has failed to these recipients"
    assert HEADINGS.span(text, 60) is None
    assert HEADINGS.span(text, 200) == (50, len(text))


def test_positions_fit_the_text_when_lower_casing_changes_its_length() -> None:
    # "İ".lower() is two characters: the lower-cased text is longer.
    text = "İstanbul İzmir\nDelivery has failed to these recipients"
    assert len(text.lower()) != len(text)
    span = HEADINGS.span(text)
    assert span is not None
    assert text[span[0] : span[1]] == "Delivery has failed to these recipients"


def test_no_heading_is_none() -> None:
    assert HEADINGS.span("Mail delivery failed") is None


def test_headings_must_be_written_in_lower_case() -> None:
    with pytest.raises(ValueError, match="lower case"):
        Headings(r"Delivery has failed")
