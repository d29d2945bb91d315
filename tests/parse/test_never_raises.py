"""parse() returns a Report for any bytes at all: random, and mutated real bounces."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounced.parse import parse
from bounced.report import Report

from .corpus import corpus_samples

CORPUS = [sample.path.read_bytes() for sample in corpus_samples()]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=20_000))
def test_random_bytes_yield_a_report(raw):
    """Arbitrary bytes never raise; a finding-free report says why."""
    report = parse(raw)
    assert isinstance(report, Report)
    assert report.findings or report.unparsed_reason


@st.composite
def mutated(draw):
    """A corpus message with a few random byte-level edits."""
    raw = bytearray(draw(st.sampled_from(CORPUS)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(0, len(raw) - 1)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "duplicate"]))
        if kind == "flip" and raw:
            raw[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del raw[at : at + draw(st.integers(1, 256))]
        else:
            raw[at:at] = raw[at : at + draw(st.integers(1, 2048))] * draw(
                st.integers(1, 20)
            )
    return bytes(raw)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_bounces_yield_a_report(raw):
    """Corrupted real bounces never raise; every finding still has sane fields."""
    report = parse(raw)
    assert isinstance(report, Report)
    for finding in report.findings:
        assert finding.status is None or finding.status[0] in "245"
        assert finding.reply_code is None or 200 <= finding.reply_code <= 599
