"""Microsoft Exchange Server 2007/2010/2013 on-premises NDRs.

Reports are RFC 3464 (dsn.py); the text says "Delivery has failed to these
recipients or distribution lists:" and repeats each address with "#550 5.1.1
RESOLVER.ADR.RecipNotFound; not found ##" under "Diagnostic information for
administrators:". Localised servers translate the headings (Italian
"Non recapitabile" in lhost-exchange2007-07.eml); the '#code##' form is not.
Samples: corpus lhost-exchange2007-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_ADMIN = re.compile(r"Generating server:\s*(\S+)")
_LINE = re.compile(r"^([^\s@]{1,128}@\S{1,255})\s*\n(#[245]\d\d[ -][^\n]*)", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """One finding per address followed by a "#550 5.1.1 ...##" line."""
    generating = _ADMIN.search(msg.text)
    if generating is None:
        return []
    return notice.unique(
        [
            notice.finding(
                m[1].strip("<>"), m[2].strip("#"), reporting_mta=generating[1]
            )
            for m in _LINE.finditer(msg.text[generating.end() :])
        ]
    )
