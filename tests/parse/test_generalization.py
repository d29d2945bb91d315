"""The MTA modules and the scanner find recipients without the RFC 3464 part.

Unseen bounces from the same servers often lack the delivery-status part
(stripped by a relay, an old version, a forwarding mailbox). Dropping it from
every corpus DSN and parsing the rest measures how much the text detectors
know on their own; a fall below the floor means a module lost generality.
"""

from __future__ import annotations

import re

import pytest

from bounced.parse import parse

from .corpus import corpus_samples

_DSN_PART = re.compile(rb"(?i)content-type:\s*message/delivery-status")
FLOOR = 0.88  # 169 of 186 when this test was written


@pytest.mark.slow
def test_recipients_are_found_in_the_text_when_the_status_part_is_gone():
    """At least FLOOR of the corpus DSNs still yield the right recipients."""
    total = found = 0
    for sample in corpus_samples():
        raw = sample.path.read_bytes()
        if not sample.recipients or not _DSN_PART.search(raw):
            continue
        report = parse(_DSN_PART.sub(b"Content-Type: application/x-dropped", raw))
        got = [f.recipient.lower() for f in report.findings if f.recipient]
        total += 1
        found += got == [r.lower() for r in sample.recipients]
    assert found / total >= FLOOR, f"{found}/{total}"
