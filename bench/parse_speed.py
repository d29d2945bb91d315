"""Messages per second on one core: bounced.parse + classify vs flufl.bounce 6.

Both parsers read the same files, already in memory, in the same process and
run, so the ratio is fair even on a noisy machine. flufl.bounce's cost
includes the stdlib email parser it needs (`scan_message` takes a Message).

Run: .venv/bin/python bench/parse_speed.py [--rounds N] [--samples]
(flufl.bounce comes with the `bench` extra: pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import email
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bounced.classify import classify
from bounced.parse import parse
from tests.parse.corpus import corpus_samples, own_samples


def ours(raw: bytes) -> object:
    report = parse(raw)
    return [classify(finding) for finding in report.findings]


def flufl(raw: bytes) -> object:
    from flufl.bounce import scan_message

    return scan_message(email.message_from_bytes(raw))


def rate(function: Callable[[bytes], object], messages: list[bytes]) -> float:
    """Messages per second for one pass over `messages`."""
    gc.collect()
    started = time.perf_counter()
    for raw in messages:
        function(raw)
    return len(messages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--samples", action="store_true")
    args = parser.parse_args()
    samples = corpus_samples() + (own_samples() if args.samples else [])
    messages = [sample.path.read_bytes() for sample in samples]
    ours(messages[0])
    flufl(messages[0])  # warm imports
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(args.rounds):  # interleaved, so load changes hit both
        mine.append(rate(ours, messages))
        theirs.append(rate(flufl, messages))
    a, b = statistics.median(mine), statistics.median(theirs)
    size = sum(map(len, messages)) / len(messages)
    print(f"{len(messages)} messages, mean {size:.0f} bytes, {args.rounds} rounds")
    print(
        f"bounced.parse+classify  {a:8.0f} msg/s  (median; {min(mine):.0f}-{max(mine):.0f})"
    )
    print(
        f"flufl.bounce 6          {b:8.0f} msg/s  (median; {min(theirs):.0f}-{max(theirs):.0f})"
    )
    print(f"ratio                   {a / b:8.2f}x")


if __name__ == "__main__":
    main()
