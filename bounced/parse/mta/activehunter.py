"""ActiveHunter (Japanese mail filter appliance) bounces: sendmail-like text.

"----- The following addresses had permanent fatal errors -----" then
">>> address <address>" lines and a transcript with qmail-style "(#5.1.1)".
Samples: corpus lhost-activehunter-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_SUBJECT = "FAILURE NOTICE :"
_RECIPIENT = re.compile(r"^>>> ([^\s@]{1,128}@\S{1,255})", re.M)
_TRANSCRIPT = re.compile(r"^\s*-+ Transcript of session follows -+\s*$", re.M)


def detect(msg: MessageView) -> list[Finding]:
    """The `>>>` recipients, each with the transcript as diagnostic."""
    if not msg.subject.startswith(_SUBJECT):
        return []
    transcript = notice.cut(msg.text, _TRANSCRIPT, None)
    return notice.unique(
        [notice.finding(m[1], transcript) for m in _RECIPIENT.finditer(msg.notice)]
    )
