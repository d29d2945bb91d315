"""Helpers shared by the sample writers: MIME pieces, encodings, sidecars.

Every writer returns a `Sample`; `build.py` turns them into `NAME.eml` and
`NAME.json` under tests/parse/unseen/. The message text is written with "\\n"
and converted to CRLF unless the sample asks for LF, as some servers write it.
"""

from __future__ import annotations

import base64
import hashlib
import quopri
from dataclasses import dataclass, field

HARD_REASONS = {"userunknown", "hostunknown", "hasmoved", "notaccept"}

REASONS = {
    "userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "suspend",
    "mesgtoobig", "exceedlimit", "filtered", "rejected", "blocked", "requireptr",
    "badreputation", "authfailure", "notcompliantrfc", "contenterror", "spamdetected",
    "virusdetected", "policyviolation", "securityerror", "failedstarttls", "norelaying",
    "speeding", "toomanyconn", "networkerror", "expired", "systemerror", "systemfull",
    "mailererror", "syntaxerror", "suppressed", "onhold", "undefined", "delivered",
    "feedback", "vacation",
}  # fmt: skip


@dataclass
class Sample:
    path: str  # "postfix/postfix-3.7-userunknown", no extension
    raw: str  # the message, "\n" line endings
    module: str
    expected: list[dict[str, object]]
    recipients: list[str]
    note: str
    kind: str = "bounce-sample"
    crlf: bool = True
    extra: dict[str, object] = field(default_factory=dict)

    def eml(self) -> bytes:
        text = self.raw
        if not text.endswith("\n"):
            text += "\n"
        if self.crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        return text.encode("utf-8")  # 8bit parts are written as UTF-8

    def sidecar(self) -> dict[str, object]:
        out: dict[str, object] = {
            "module": self.module,
            "kind": self.kind,
            "expected": self.expected,
            "recipients": self.recipients,
            "note": self.note,
        }
        out.update(self.extra)
        return out


def exp(
    status: str,
    code: str,
    reason: str,
    hard: bool | None = None,
    feedback_type: str | None = None,
) -> dict[str, object]:
    """One expected finding; `hard` follows the brief's rule unless given."""
    assert reason in REASONS, reason
    if hard is None:
        temporary = status.startswith("4") or code.startswith("4")
        hard = reason in HARD_REASONS and not temporary
    e: dict[str, object] = {
        "status": status,
        "reply_code": code,
        "reason": reason,
        "hard": hard,
    }
    if feedback_type is not None:
        e["feedback_type"] = feedback_type
    return e


def h(name: str, n: int = 12) -> str:
    """A stable pseudo-random hex string for ids and boundaries."""
    return hashlib.sha256(name.encode()).hexdigest()[:n]


def H(name: str, n: int = 12) -> str:
    return h(name, n).upper()


def b64(text: str, charset: str = "utf-8") -> str:
    s = base64.b64encode(text.encode(charset)).decode("ascii")
    return "\n".join(s[i : i + 76] for i in range(0, len(s), 76))


def qp(text: str, charset: str = "utf-8") -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def ew(text: str, charset: str = "utf-8", enc: str = "B", width: int = 39) -> str:
    """RFC 2047 encoded words, folded, split on character boundaries."""
    chunks: list[str] = []
    cur = ""
    for ch in text:
        if len((cur + ch).encode(charset)) > width and cur:
            chunks.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        chunks.append(cur)
    words = []
    for c in chunks:
        data = c.encode(charset)
        if enc == "B":
            words.append(f"=?{charset}?B?{base64.b64encode(data).decode()}?=")
        else:
            q = "".join(
                chr(b)
                if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b in b"!*+-/")
                else ("_" if b == 32 else f"={b:02X}")
                for b in data
            )
            words.append(f"=?{charset}?Q?{q}?=")
    return "\n ".join(words)


def multipart(boundary: str, parts: list[str], preamble: str = "") -> str:
    out = []
    if preamble:
        out.append(preamble + "\n")
    for p in parts:
        out.append(f"--{boundary}\n{p}")
    out.append(f"--{boundary}--\n")
    return "\n".join(out)


NEWSLETTERS = [
    ("Example News", "news@example.com", "news.example.com", "mta1.news.example.com"),
    ("Weekly Digest", "digest@letters.example.org", "letters.example.org",
     "out2.letters.example.org"),
    ("Shop Updates", "updates@shop.example.net", "shop.example.net",
     "mailer.shop.example.net"),
    ("Example Magazin", "magazin@example.com", "example.com", "smtp3.example.com"),
]  # fmt: skip


def newsletter(i: int) -> tuple[str, str, str, str]:
    return NEWSLETTERS[i % len(NEWSLETTERS)]


def bounce_addr(tag: str, i: int = 0) -> str:
    return f"bounces+{h(tag, 8)}@{newsletter(i)[2]}"


def original(
    tag: str,
    rcpt: str,
    date: str,
    subject: str = "Your weekly update: what's new this week",
    i: int = 0,
    body: str | None = None,
    headers_only: bool = False,
    to_display: str | None = None,
) -> str:
    """The newsletter message as it left the sender (headers, body)."""
    name, frm, dom, host = newsletter(i)
    msgid = f"<{h(tag + 'msg', 16)}.{h(tag, 6)}@{dom}>"
    to = f"{to_display} <{rcpt}>" if to_display else rcpt
    hdr = f"""Return-Path: <{bounce_addr(tag, i)}>
Received: from app1.{dom} (app1.{dom} [192.0.2.{10 + i}])
\tby {host} (Postfix) with ESMTPSA id {H(tag, 10)}
\tfor <{rcpt}>; {date}
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={dom}; s=nl2023;
\tt=1699924893; bh={base64.b64encode(hashlib.sha256(tag.encode()).digest()).decode()};
\th=From:To:Subject:Date:Message-ID:List-Unsubscribe:List-Unsubscribe-Post;
\tb={h(tag + "sig", 64)}
From: {name} <{frm}>
To: {to}
Subject: {subject}
Date: {date}
Message-ID: {msgid}
MIME-Version: 1.0
List-Unsubscribe: <https://{dom}/u/{h(tag + "u", 20)}>,
 <mailto:unsubscribe+{h(tag + "u", 10)}@{dom}>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
List-Id: {name} <list.{dom}>
Precedence: bulk
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit"""
    if headers_only:
        return hdr + "\n"
    if body is None:
        body = f"""Hello,

Here is what happened this week at {name}.

* New articles on the blog
* Two upcoming webinars
* Tips from our readers

Read online: https://{dom}/issues/{h(tag, 4)}

--
You receive this mail because you subscribed at {dom}.
Unsubscribe: https://{dom}/u/{h(tag + "u", 20)}
"""
    return hdr + "\n\n" + body


def msgid_of(tag: str, i: int = 0) -> str:
    return f"<{h(tag + 'msg', 16)}.{h(tag, 6)}@{newsletter(i)[2]}>"


def wrap(text: str, width: int = 76, indent: str = "    ") -> str:
    """Fold like Postfix does its bounce text: words, `indent` on continuations."""
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    for w in words:
        cand = w if not cur else cur + " " + w
        limit = width if not lines else width - len(indent)
        if len(cand) > limit and cur:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    lines.append(cur)
    return ("\n" + indent).join(lines)


def dsn_fields(fields: list[tuple[str, str]], fold: bool = True) -> str:
    out = []
    for k, v in fields:
        line = f"{k}: {v}"
        out.append(wrap(line, 76, "    ") if fold else line)
    return "\n".join(out)
