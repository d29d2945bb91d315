"""Parse a raw message into a Report. Pure, bounded, and never raises.

`parse()` is the only entry point. It decodes the message once into a
MessageView (mime.py does the splitting, with budgets on parts, depth and
headers), then tries the detectors of registry.DETECTORS in order; the first
that returns findings wins. A detector that fails by bug is recorded in
Report.notes and the next one runs. A message over a budget, or one that
takes longer than TIME_BUDGET, yields a Report with `unparsed_reason` saying
which budget, never an exception or a hang.
"""

from __future__ import annotations

import time

from bounced.parse import mime
from bounced.parse.message import MessageView, build
from bounced.parse.registry import DETECTORS
from bounced.report import Report, ReturnedMessage

TIME_BUDGET = 2.0  # seconds per message; a real bounce takes well under 1 ms
MAX_FINDINGS = 1000  # recipients per report; a real DSN lists a few dozen
NOT_A_BOUNCE = "no bounce found"


def parse(raw: bytes) -> Report:
    """The parser's whole answer for one message."""
    started = time.perf_counter()
    try:
        msg = build(raw)
    except mime.OverBudget as exc:
        return Report(unparsed_reason=f"over budget: {exc.args[0]}")
    except Exception as exc:  # noqa: BLE001 - parse() boundary: never raise
        return Report(unparsed_reason=f"not a MIME message: {type(exc).__name__}")
    notes: list[str] = []
    for detector in DETECTORS:
        if time.perf_counter() - started > TIME_BUDGET:
            return Report(
                unparsed_reason="over budget: time",
                returned=_returned(msg),
                notes=tuple(notes),
            )
        try:
            findings = detector.detect(msg)
        except Exception as exc:  # noqa: BLE001 - per-detector boundary (STYLE.md G)
            notes.append(f"detector {detector.name} failed: {type(exc).__name__}")
            continue
        if findings:
            if len(findings) > MAX_FINDINGS:
                notes.append(f"findings truncated at {MAX_FINDINGS}")
                findings = findings[:MAX_FINDINGS]
            return Report(
                findings=tuple(findings),
                detector=detector.name,
                returned=_returned(msg),
                notes=tuple(notes),
            )
    return Report(
        unparsed_reason=NOT_A_BOUNCE, returned=_returned(msg), notes=tuple(notes)
    )


def _returned(msg: MessageView) -> ReturnedMessage | None:
    try:
        return msg.returned()
    except Exception:  # noqa: BLE001 - parse() boundary: identifiers are optional
        return None
