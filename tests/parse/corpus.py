"""One loader for sample sidecars, used by the tests and by bench/accuracy.py.

Sidecars use the shared corpus format (tests/corpus/README.md):
`{"module", "kind", "expected": [{"status", "reply_code", "reason", "hard",
"status_is_invented"?, "feedback_type"?}], "recipients": [...]}`, plus two
optional keys of our own: `"xfail": {"<field>": "<why>"}` quarantines a known
difference of one field, and `"note"` says what the sample is.

Two conventions of the reference parser are read as it means them:
- `status_is_invented` (the README): a status it made up; reporting none is
  not wrong.
- UNDISCLOSED, its placeholder address for a report that names nobody (an ARF
  complaint about a message sent to "undisclosed recipients"): the same kind
  of invention, so a finding with no recipient matches it.

A sample file may be an mbox (RFC 4155) holding several messages, as the
reference parser reads them (rfc3464-28.eml): `parse_file` parses each and
reports their findings in order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bounced.parse import parse
from bounced.report import Classification, Report

ROOT = Path(__file__).resolve().parent.parent.parent
VENDORED = ROOT / "tests" / "corpus" / "sisimai"
SHARED = ROOT.parent.parent / "shared" / "corpus" / "sisimai"
SAMPLES = ROOT / "tests" / "parse" / "samples"
# Known differences in the shared corpus (we cannot edit its sidecars):
# file stem -> {field: why}. Each becomes a strict xfail.
CORPUS_XFAIL_FILE = ROOT / "tests" / "parse" / "corpus_xfail.json"

# The reference parser's address for "no recipient named" (Sisimai).
UNDISCLOSED = "undisclosed-recipient-in-headers@libsisimai.org.invalid"
# RFC 4155: a "From " line (sender, then the date) starts each message of an mbox.
_MBOX_SEPARATOR = re.compile(
    rb"\r?\n(?=From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} [^\r\n]*\d{4}\r?\n)"
)

DETECTION_FIELDS = ("count", "recipients", "status", "reply_code", "detector")
CLASSIFICATION_FIELDS = ("reason", "hard")


@dataclass(frozen=True)
class Sample:
    """One .eml file and what it should yield."""

    path: Path
    name: str  # test id: relative path
    module: str
    expected: list[dict[str, Any]]
    recipients: list[str]
    xfail: dict[str, str] = field(default_factory=dict)
    detector: str | None = None  # the detector that must answer, when given


def corpus_dir() -> Path:
    """The vendored corpus copy, else the shared one beside the worktree."""
    return VENDORED if VENDORED.is_dir() else SHARED


def load(
    directory: Path, base: Path, xfails: dict[str, dict[str, str]]
) -> Iterator[Sample]:
    for eml in sorted(directory.rglob("*.eml")):
        sidecar = eml.with_suffix(".json")
        if not sidecar.exists():
            continue
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        yield Sample(
            path=eml,
            name=str(eml.relative_to(base)),
            module=data.get("module") or eml.parent.name,
            expected=data.get("expected", []),
            recipients=data.get("recipients", []),
            xfail={**xfails.get(eml.stem, {}), **data.get("xfail", {})},
            detector=data.get("detector"),
        )


def corpus_samples() -> list[Sample]:
    xfails = (
        json.loads(CORPUS_XFAIL_FILE.read_text()) if CORPUS_XFAIL_FILE.exists() else {}
    )
    directory = corpus_dir()
    return list(load(directory, directory.parent, xfails))


def own_samples() -> list[Sample]:
    return list(load(SAMPLES, SAMPLES, {}))


def parse_file(path: Path) -> Report:
    """The parser's report on a sample file; an mbox's messages are merged."""
    raw = path.read_bytes()
    if not raw.startswith(b"From "):
        return parse(raw)
    reports = [parse(message) for message in _MBOX_SEPARATOR.split(raw)]
    first = next((report for report in reports if report.findings), reports[0])
    findings = tuple(item for report in reports for item in report.findings)
    return Report(
        findings=findings,
        detector=first.detector,
        unparsed_reason=None if findings else first.unparsed_reason,
        returned=first.returned,
        notes=tuple(note for report in reports for note in report.notes),
    )


def compare(
    sample: Sample, report: Report, verdicts: list[Classification]
) -> dict[str, str | None]:
    """Per field: None when it agrees, else a one-line description of the difference."""
    found = report.findings
    expected = sample.expected
    out: dict[str, str | None] = dict.fromkeys(DETECTION_FIELDS + CLASSIFICATION_FIELDS)
    if sample.detector is not None and report.detector != sample.detector:
        out["detector"] = f"{report.detector} answered, expected {sample.detector}"
    if len(found) != len(expected):
        out["count"] = f"{len(found)} findings, expected {len(expected)}"
    got_rcpts = [f.recipient.lower() or UNDISCLOSED for f in found]
    want_rcpts = [r.lower() for r in sample.recipients]
    if expected and want_rcpts and got_rcpts != want_rcpts:
        out["recipients"] = f"{got_rcpts} != {want_rcpts}"
    elif expected and not want_rcpts and len(found) != len(expected):
        out["recipients"] = out["count"]
    statuses, replies, reasons, hards = [], [], [], []
    for index, want in enumerate(expected):
        if index >= len(found):
            statuses.append(f"#{index} missing")
            replies.append(f"#{index} missing")
            reasons.append(f"#{index} missing")
            hards.append(f"#{index} missing")
            continue
        got = found[index]
        want_status = want.get("status") or None
        if want.get("status_is_invented"):
            if got.status is not None and got.status != want_status:
                statuses.append(f"#{index} {got.status} != {want_status} (invented)")
        elif got.status != want_status:
            statuses.append(f"#{index} {got.status} != {want_status}")
        want_reply = want.get("reply_code") or None
        got_reply = str(got.reply_code) if got.reply_code is not None else None
        if got_reply != want_reply:
            replies.append(f"#{index} {got_reply} != {want_reply}")
        verdict = verdicts[index]
        if verdict.reason.value != want.get("reason"):
            reasons.append(f"#{index} {verdict.reason.value} != {want.get('reason')}")
        if verdict.hard != want.get("hard"):
            hards.append(f"#{index} {verdict.hard} != {want.get('hard')}")
    out["status"] = "; ".join(statuses) or None
    out["reply_code"] = "; ".join(replies) or None
    out["reason"] = "; ".join(reasons) or None
    out["hard"] = "; ".join(hards) or None
    return out
