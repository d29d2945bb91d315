"""Fault injection for the crash and poison-message tests; inert unless asked for.

The promises "nothing lost, nothing doubled" and "a poison message never blocks
the ones behind it" are about what happens at the worst moment: between a
commit and the reply that reports it, inside the processing transaction, in a
parser worker. Killing the daemon from outside at random rarely lands exactly
there, so the tests name the point instead, through the environment:

    _BOUNCED_FAULTS="crash:spool-committed:3,parse-crash:POISON-MARKER"

- `crash:<point>[:<n>]` SIGKILLs the whole process the n-th time (default 1st)
  it passes `<point>` (see POINTS);
- `parse-crash:<marker>` kills the parser worker that is given a message
  containing `<marker>`; `parse-hang:<marker>` makes it spin for ever.

Read once at import: with the variable unset every hook is one boolean test.
"""

from __future__ import annotations

import os
import signal

POINTS = (
    "spool-committed",  # the message is durable, its 250 not yet sent
    "record-before-commit",  # the processing transaction is written, not committed
    "record-committed",  # processed and committed, the next claim not yet made
    "retry-dispatched",  # handed to the dispatcher, not yet marked dispatched
    "webhook-posted",  # the receiver answered 2xx, the notice not yet marked sent
)

_SPEC = os.environ.get("_BOUNCED_FAULTS", "")
ACTIVE = bool(_SPEC)
_crash_at: dict[str, int] = {}
_parse_crash: list[bytes] = []
_parse_hang: list[bytes] = []
_passed: dict[str, int] = {}

for _item in filter(None, (part.strip() for part in _SPEC.split(","))):
    _kind, _, _rest = _item.partition(":")
    if _kind == "crash":
        _point, _, _nth = _rest.partition(":")
        if _point not in POINTS:
            raise ValueError(f"_BOUNCED_FAULTS: unknown crash point {_point!r}")
        _crash_at[_point] = int(_nth or 1)
    elif _kind == "parse-crash":
        _parse_crash.append(_rest.encode())
    elif _kind == "parse-hang":
        _parse_hang.append(_rest.encode())
    else:
        raise ValueError(f"_BOUNCED_FAULTS: unknown fault {_item!r}")


def crash_point(point: str) -> None:
    """Die here, as abruptly as a power cut, if a test asked for it."""
    if not ACTIVE or point not in _crash_at:
        return
    _passed[point] = _passed.get(point, 0) + 1
    if _passed[point] == _crash_at[point]:
        os.kill(os.getpid(), signal.SIGKILL)


def parse_fault(raw: bytes) -> None:
    """In a parser worker: crash or hang on a marked message, if a test asked."""
    if not ACTIVE:
        return
    if any(marker in raw for marker in _parse_crash):
        os.kill(os.getpid(), signal.SIGKILL)
    if any(marker in raw for marker in _parse_hang):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # deaf, like a stuck C call
        while True:
            pass
