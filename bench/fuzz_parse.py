"""Coverage-guided fuzzing of bounced.parse.parse with atheris.

parse() must return a Report for any input, within its budgets. The harness
fails on any exception and on any single input that takes longer than
SLOW_SECONDS (a hang or quadratic blow-up the budgets missed). The corpus
messages seed the fuzzer, so it starts from real bounces.

Run (atheris comes with the `bench` extra, which `make install` installs):

    mkdir -p var/fuzz && cp tests/corpus/sisimai/*.eml var/fuzz/
    nice .venv/bin/python bench/fuzz_parse.py var/fuzz -max_len=65536 -timeout=10 \
        -runs=1000000 -print_final_stats=1

It covers what the parser workers run: parse() and the classification of every
finding. libFuzzer's final stats give the inputs run, the rate and the slowest.

Any crash is written as crash-<hash> in the working directory; replay it with
`.venv/bin/python bench/fuzz_parse.py crash-<hash>`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bounced.report import Report
from bounced.workers import analyze

SLOW_SECONDS = 5.0


def test_one_input(data: bytes) -> None:
    """The property: a Report comes back, quickly, and says why it has no findings."""
    started = time.perf_counter()
    analysis = analyze(data)
    report = analysis.report
    elapsed = time.perf_counter() - started
    if len(analysis.classifications) != len(report.findings):
        raise AssertionError("every finding must be classified")
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
