"""DETECTORS: the ordered tuple of detectors, the only place the order is decided.

First non-empty result wins (no union: flufl.bounce's union let loose
detectors add false positives). Standards first, then MTA families from the
most specific sniff to the most generic text, then the scanner. Every MTA
module gates on something cheap (sender, subject, a banner line), so the
order among the specific ones only matters where two gates could both fire;
those cases are commented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bounced.parse import arf, autoreply, dsn, scan
from bounced.parse.message import MessageView
from bounced.parse.mta import (
    activehunter,
    amavis,
    amazonses,
    amazonworkmail,
    barracuda,
    bigfoot,
    biglobe,
    courier,
    domino,
    dragonfly,
    exchange2003,
    exchange2007,
    exim,
    ezweb,
    fml,
    gmail,
    gmx,
    googlegroups,
    groupwise,
    imailserver,
    ironport,
    kddi,
    mailfoundry,
    mailgun,
    mailru,
    mcafee,
    messagelabs,
    messagingserver,
    mfilter,
    mimecast,
    mxlogic,
    notes,
    office365,
    opensmtpd,
    outlook,
    postfix,
    powermta,
    qmail,
    receivingses,
    sendgrid,
    sendmail,
    surfcontrol,
    trendmicro,
    v5sendmail,
    verizon,
    x1,
    x2,
    x3,
    x4,
    x6,
    yahoo,
    yandex,
    zimbra,
    zoho,
)
from bounced.report import Finding


@dataclass(frozen=True, slots=True)
class Detector:
    """A named detector; the name is stored as Report.detector."""

    name: str
    detect: Callable[[MessageView], list[Finding]]


DETECTORS: tuple[Detector, ...] = (
    # A feedback-report is unambiguous, and a complaint is never a bounce.
    Detector("arf", arf.detect),
    # Ahead of dsn, on Domino's own subject only: Domino's status part names
    # the address after its internal routing, its text the one we sent to
    # (lhost-domino-03.eml). Sisimai's experience, measured on the corpus.
    Detector("domino", domino.detect),
    # Standard delivery reports.
    Detector("dsn", dsn.detect),
    # After dsn: DSNs often carry Auto-Submitted too. Before the MTA modules:
    # it declines anything from a mail-system sender or with a bounce subject.
    Detector("autoreply", autoreply.detect),
    # Providers and appliances gated on a fixed sender, header or banner.
    Detector("amazonses", amazonses.detect),  # SNS JSON and SES text
    Detector("amazonworkmail", amazonworkmail.detect),
    Detector("receivingses", receivingses.detect),
    Detector("sendgrid", sendgrid.detect),
    Detector("mimecast", mimecast.detect),
    Detector("messagelabs", messagelabs.detect),
    Detector("googlegroups", googlegroups.detect),  # before gmail: same sender
    Detector("gmail", gmail.detect),
    Detector("outlook", outlook.detect),
    Detector("yahoo", yahoo.detect),
    Detector("gmx", gmx.detect),
    Detector("mailru", mailru.detect),
    Detector("yandex", yandex.detect),
    Detector("zoho", zoho.detect),
    Detector("biglobe", biglobe.detect),
    Detector("kddi", kddi.detect),
    Detector("ezweb", ezweb.detect),
    Detector("verizon", verizon.detect),
    Detector("bigfoot", bigfoot.detect),  # before sendmail: its relays run sendmail
    Detector("fml", fml.detect),
    Detector("dragonfly", dragonfly.detect),
    Detector("trendmicro", trendmicro.detect),
    Detector("mfilter", mfilter.detect),
    Detector("mailfoundry", mailfoundry.detect),
    Detector("amavis", amavis.detect),
    Detector("barracuda", barracuda.detect),
    Detector("surfcontrol", surfcontrol.detect),
    Detector("mcafee", mcafee.detect),
    Detector("activehunter", activehunter.detect),
    Detector("powermta", powermta.detect),
    Detector("mxlogic", mxlogic.detect),  # before exim: Exim-derived text
    Detector("zimbra", zimbra.detect),  # before postfix: Postfix underneath
    Detector("mailgun", mailgun.detect),
    Detector("ironport", ironport.detect),
    Detector("groupwise", groupwise.detect),
    Detector("imailserver", imailserver.detect),
    Detector("opensmtpd", opensmtpd.detect),
    Detector("messagingserver", messagingserver.detect),
    Detector("courier", courier.detect),
    Detector("notes", notes.detect),
    # Microsoft: the 2007+ text before 2003's, which has no "Generating server".
    Detector("office365", office365.detect),
    Detector("exchange2007", exchange2007.detect),
    Detector("exchange2003", exchange2003.detect),
    # Sisimai's unidentified MTAs, each with a distinctive sentence.
    Detector("x1", x1.detect),
    Detector("x3", x3.detect),
    Detector("x4", x4.detect),  # before qmail: the same `<address>:` paragraphs
    Detector("x6", x6.detect),
    # The widespread MTAs whose texts others imitate, most distinctive first.
    Detector("qmail", qmail.detect),
    Detector("x2", x2.detect),
    Detector("postfix", postfix.detect),
    Detector("exim", exim.detect),
    Detector("sendmail", sendmail.detect),
    Detector("v5sendmail", v5sendmail.detect),
    # Last resort; always last.
    Detector("scan", scan.detect),
)
