"""IBM (Lotus) Domino "DELIVERY FAILURE" / "DELIVERY_FAILURE" reports.

Domino writes "Your message ... was not delivered to: <address> because:
<reason>". Its delivery-status part names the address after Domino's own
routing (lhost-domino-03.eml: the text says example.com, Final-Recipient the
internal example.org), so this module runs ahead of dsn.py on Domino's
subject and takes the address from the text and the status from the report.
Samples: corpus lhost-domino-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses, dsn, notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_SUBJECT = re.compile(r"^DELIVERY[ _]FAILURE:", re.I)
_START = re.compile(r"was not delivered to:\s*\n")
_BECAUSE = re.compile(r"^\s*because:\s*$", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """The addresses under "was not delivered to:" and the "because:" text."""
    if _SUBJECT.search(msg.subject) is None:
        return []
    listing = notice.cut(msg.text, _START, _BECAUSE)
    reason = notice.cut(msg.text, _BECAUSE, re.compile(r"\n\s*\n"))
    reports = [f for report in msg.status_reports for f in dsn.findings_from(report)]
    findings = []
    for index, address in enumerate(addresses.find_all(listing)):
        status = reports[index].status if index < len(reports) else None
        findings.append(notice.finding(address, reason, status=status))
    return notice.unique(findings)
