"""Coverage-guided fuzzing of bounced.parse.parse with atheris.

parse() must return a Report for any input, within its budgets. The harness
fails on any exception and on any single input that takes longer than
SLOW_SECONDS (a hang or quadratic blow-up the budgets missed). The corpus
messages seed the fuzzer, so it starts from real bounces.

Run (atheris is not a dependency of bounced; install it for the bench only):

    .venv/bin/pip install atheris
    mkdir -p var/fuzz && cp tests/corpus/sisimai/*.eml var/fuzz/
    .venv/bin/python bench/fuzz_parse.py var/fuzz -max_len=200000 -timeout=10 -runs=200000

Any crash is written as crash-<hash> in the working directory; replay it with
`.venv/bin/python bench/fuzz_parse.py crash-<hash>`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bounced.parse import parse
from bounced.report import Report

SLOW_SECONDS = 5.0


def test_one_input(data: bytes) -> None:
    """The property: a Report comes back, quickly, and says why it has no findings."""
    started = time.perf_counter()
    report = parse(data)
    elapsed = time.perf_counter() - started
    if not isinstance(report, Report):
        raise TypeError(f"parse returned {type(report).__name__}")
    if not report.findings and not report.unparsed_reason:
        raise AssertionError("a report without findings must say why")
    if elapsed > SLOW_SECONDS:
        raise TimeoutError(f"parse took {elapsed:.1f}s on {len(data)} bytes")


def main() -> None:
    import atheris  # type: ignore[import-not-found]  # bench-only dependency

    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
