"""Crash soak: the real daemon SIGKILLed at random moments under load, many times.

tests/test_faults.py kills the daemon at named points; this kills it wherever
it happens to be (mid-DATA, mid-commit, mid-parse, between claims), round after
round. Each round starts `bounced serve` on the same database, runs `--clients`
SMTP senders and SIGKILLs the daemon after a random delay. A final daemon
without kills settles the spool; then every recipient answered 250 must have
exactly one bounce event and one suppression counted once ("lost" and
"doubled" must be 0). A message stored whose 250 never reached the client may
be recorded (at most once): the client would resend it, as an MTA does.

    .venv/bin/python bench/crash_soak.py --rounds 20
    .venv/bin/python bench/crash_soak.py --rounds 20 --database-url postgresql://postgres@127.0.0.1/soak

Reference (2 shared cores, SQLite, 20 rounds, seed 1): lost 0, doubled 0.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from bounced.store.engine import make_engine
from bounced.store.schema import BounceEvent, InboundMessage, Suppression
from tests.mail import wait_for
from tests.test_crash import DaemonProcess, _sender

SETTINGS = {
    "BOUNCED_PROCESSOR_CLAIM_TIMEOUT": "1s",  # a killed worker's claims come back soon
    "BOUNCED_API_ENABLED": "false",
    "BOUNCED_LOGGING_LEVEL": "WARNING",
}


@dataclass
class Outcome:
    """What the clients heard and what the database ended up holding."""

    acked: list[str] = field(default_factory=list)  # answered 250
    events: Counter[str] = field(default_factory=Counter)  # recipient -> events
    suppressed: dict[str, int] = field(default_factory=dict)  # address -> count
    unsettled: int = 0  # spooled messages still new after the final daemon ran
    # Spooled messages not processed, by state and reason: {(state, reason): raws}
    kept: dict[tuple[str, str], list[bytes]] = field(default_factory=dict)
    rounds: list[tuple[float, int]] = field(default_factory=list)  # (delay, acked)

    @property
    def lost(self) -> list[str]:
        """Answered 250 but never recorded (or not suppressed)."""
        return [
            r for r in self.acked if self.events[r] == 0 or r not in self.suppressed
        ]

    def where_lost(self) -> dict[str, int]:
        """Each lost recipient's message: stored in which state, or not at all."""
        found: dict[str, int] = {}
        for recipient in self.lost:
            needle = recipient.encode()
            place = next(
                (
                    f"{state} ({reason})"
                    for (state, reason), raws in self.kept.items()
                    if any(needle in raw for raw in raws)
                ),
                "not stored",
            )
            found[place] = found.get(place, 0) + 1
        return found

    @property
    def doubled(self) -> list[str]:
        """Recorded or counted more than once, answered 250 or not."""
        twice = {r for r, n in self.events.items() if n > 1}
        twice |= {a for a, n in self.suppressed.items() if n > 1}
        return sorted(twice)


def run(
    database_url: str,
    tmp: Path,
    *,
    rounds: int,
    clients: int = 6,
    max_delay: float = 3.0,
    seed: int = 1,
) -> Outcome:
    """Kill the daemon `rounds` times at random moments, settle, and tally."""
    rng = random.Random(seed)
    tag = uuid.uuid4().hex[:8]  # this run's recipients, on a database in use
    outcome = Outcome()
    for round_ in range(rounds):
        daemon = DaemonProcess(database_url, tmp, **SETTINGS).start()
        stop = threading.Event()
        before = len(outcome.acked)
        senders = [
            threading.Thread(
                target=_sender,
                args=(daemon.port, f"{tag}r{round_}c{i}", outcome.acked, stop),
            )
            for i in range(clients)
        ]
        for thread in senders:
            thread.start()
        delay = rng.uniform(0.05, max_delay)
        time.sleep(delay)
        daemon.kill()
        stop.set()
        for thread in senders:
            thread.join(30)
        outcome.rounds.append((delay, len(outcome.acked) - before))

    survivor = DaemonProcess(database_url, tmp, **SETTINGS).start()
    engine = make_engine(database_url, pool_size=1)
    pending = select(func.count()).select_from(InboundMessage)
    pending = pending.where(InboundMessage.state == "new")
    try:

        def settled() -> bool:
            with engine.connect() as connection:
                return connection.scalar(pending) == 0

        with contextlib.suppress(AssertionError):  # reported as unsettled below
            wait_for(settled, timeout=300, interval=0.5)
        with engine.connect() as connection:
            outcome.unsettled = connection.scalar(pending) or 0
            outcome.events = Counter(
                connection.scalars(
                    select(BounceEvent.recipient).where(
                        BounceEvent.recipient.like(f"{tag}%")
                    )
                )
            )
            rows = connection.execute(
                select(Suppression.address, Suppression.count).where(
                    Suppression.address.like(f"{tag}%")
                )
            )
            outcome.suppressed = {address: count for address, count in rows}
            others = connection.execute(
                select(
                    InboundMessage.state,
                    InboundMessage.unparsed_reason,
                    InboundMessage.raw,
                ).where(InboundMessage.state != "processed")
            )
            for state, reason, raw in others:
                key = (state, (reason or "")[:80])
                outcome.kept.setdefault(key, []).append(bytes(raw))
    finally:
        engine.dispose()
        survivor.terminate()
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--max-delay", type=float, default=3.0, help="seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        url = args.database_url or f"sqlite:///{tmp}/crash-soak.db"
        subprocess.run(
            [sys.executable, "-m", "bounced", "db", "upgrade"],
            env={**DaemonProcess(url, tmp).env},
            check=True,
            capture_output=True,
        )
        started = time.monotonic()
        outcome = run(
            url,
            tmp,
            rounds=args.rounds,
            clients=args.clients,
            max_delay=args.max_delay,
            seed=args.seed,
        )
        elapsed = time.monotonic() - started
    for n, (delay, acked) in enumerate(outcome.rounds, 1):
        print(f"round {n:3}: SIGKILL after {delay:5.2f} s, {acked:5} answered 250")
    stored = sum(outcome.events.values())
    print(
        f"\n{len(outcome.rounds)} kills in {elapsed:.0f} s; answered 250: "
        f"{len(outcome.acked)}, events recorded: {stored} "
        f"({stored - len(outcome.acked)} stored but never acknowledged)"
    )
    print(
        f"lost: {len(outcome.lost)}  doubled: {len(outcome.doubled)}  "
        f"unsettled: {outcome.unsettled}  (reference: 0 0 0)"
    )
    if outcome.kept:
        states = {f"{s} ({r})": len(raws) for (s, r), raws in outcome.kept.items()}
        print("spooled but not processed:", states)
    if outcome.lost:
        print("lost, and where their messages are:", outcome.where_lost())
    if outcome.lost or outcome.doubled:
        print("examples:", (outcome.lost + outcome.doubled)[:5])
    bad = outcome.lost or outcome.doubled or outcome.unsettled
    print("RESULT", "FAIL" if bad else "OK")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
