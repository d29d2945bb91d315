"""DETECTORS: the ordered tuple of detectors, the only place the order is decided.

First non-empty result wins (no union: flufl.bounce's union let loose
detectors add false positives). Standards first, then MTA families from the
most specific to the most generic, then the text scanner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bounced.parse import arf, autoreply, dsn, scan
from bounced.parse.message import MessageView
from bounced.report import Finding


@dataclass(frozen=True, slots=True)
class Detector:
    """A named detector; the name is stored as Report.detector."""

    name: str
    detect: Callable[[MessageView], list[Finding]]


DETECTORS: tuple[Detector, ...] = (
    # A feedback-report is unambiguous, and a complaint is never a bounce.
    Detector("arf", arf.detect),
    # Standard delivery reports.
    Detector("dsn", dsn.detect),
    # After dsn: DSNs often carry Auto-Submitted too.
    Detector("autoreply", autoreply.detect),
    # Last resort; always last.
    Detector("scan", scan.detect),
)
