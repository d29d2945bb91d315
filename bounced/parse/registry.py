"""DETECTORS: the ordered tuple of detectors, the only place the order is decided.

First non-empty result wins (no union: flufl.bounce's union let loose
detectors add false positives). Standards first, then MTA families from the
most specific to the most generic, then the text scanner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bounced.parse import arf, autoreply, dsn, scan
from bounced.parse.mta import (
    dragonfly,
    exchange2003,
    exim,
    gmail,
    gmx,
    mxlogic,
    office365,
    opensmtpd,
    postfix,
    qmail,
    sendmail,
    v5sendmail,
    yahoo,
)
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
    # MTA families whose sniff is specific (a fixed sender or banner) first ...
    Detector("dragonfly", dragonfly.detect),
    Detector("gmail", gmail.detect),
    Detector("gmx", gmx.detect),
    Detector("mxlogic", mxlogic.detect),
    Detector("yahoo", yahoo.detect),
    Detector("opensmtpd", opensmtpd.detect),
    Detector("office365", office365.detect),
    Detector("exchange2003", exchange2003.detect),
    # ... then the widespread MTAs whose texts others imitate.
    Detector("qmail", qmail.detect),
    Detector("postfix", postfix.detect),
    Detector("exim", exim.detect),
    Detector("sendmail", sendmail.detect),
    Detector("v5sendmail", v5sendmail.detect),
    # Last resort; always last.
    Detector("scan", scan.detect),
)
