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

Coverage guidance costs: instrumented, the parser runs a few hundred inputs a
second. For a campaign of a million inputs there is a plain mutation mode, which
mutates the corpus messages (byte flips, splices, truncations, MIME structure,
encoded words, status lines) and checks the same properties at full speed:

    nice .venv/bin/python bench/fuzz_parse.py --mutate 1000000 --seed 1
"""

from __future__ import annotations

import random
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


TOKENS = [
    b"\r\n\r\n", b"\n", b"\r", b"\x00", b"--", b"--BND\r\n", b"--BND--\r\n",
    b"Content-Type: multipart/mixed; boundary=BND\r\n",
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=BND\r\n",
    b"Content-Type: message/rfc822\r\n", b"Content-Type: message/delivery-status\r\n",
    b"Content-Type: message/feedback-report\r\n", b"Content-Transfer-Encoding: base64\r\n",
    b"Content-Transfer-Encoding: quoted-printable\r\n", b"=?utf-8?b?", b"=?iso-2022-jp?B?",
    b"=?x-unknown?q?=ff=fe?=", b"?=", b"charset=\"x-mac-klingon\"", b"Status: 5.1.1\r\n",
    b"Status: 9.999.9999\r\n", b"Action: failed\r\n", b"Final-Recipient: rfc822;\r\n",
    b"Diagnostic-Code: smtp; 550 \xff\xfe\r\n", b"Final-Recipient: rfc822; <@>\r\n",
    b"Original-Recipient: rfc822; a@b\r\n", b"Auto-Submitted: auto-replied\r\n",
    b"Feedback-Type: abuse\r\n", b"550 5.1.1 ", b"<a@b.example>", b"@" * 50, b"=\r\n",
    b"\t", b" " * 1000, b"A" * 5000,
]  # fmt: skip


def _mutate(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    for _ in range(rng.randint(1, 4)):
        size = len(data)
        spot = rng.randint(0, size)
        kind = rng.randrange(8)
        if kind == 0 and size:  # flip bytes
            buf = bytearray(data)
            for _ in range(rng.randint(1, 16)):
                buf[rng.randrange(size)] = rng.getrandbits(8)
            data = bytes(buf)
        elif kind == 1:  # insert a structural token, maybe many times
            data = (
                data[:spot]
                + rng.choice(TOKENS) * rng.choice([1, 1, 2, 50])
                + data[spot:]
            )
        elif kind == 2:  # delete a range
            data = data[:spot] + data[spot + rng.randint(1, 2000) :]
        elif kind == 3:  # duplicate a range
            end = min(size, spot + rng.randint(1, 4000))
            data = data[:end] + data[spot:end] * rng.randint(1, 20) + data[end:]
        elif kind == 4:  # splice with another message
            other = rng.choice(seeds)
            cut = rng.randint(0, len(other))
            data = data[:spot] + other[cut:]
        elif kind == 5:  # truncate
            data = data[:spot]
        elif kind == 6:  # random bytes
            data = data[:spot] + rng.randbytes(rng.randint(1, 200)) + data[spot:]
        else:  # line endings: all LF, all CR, or mixed
            data = data.replace(b"\r\n", rng.choice([b"\n", b"\r", b"\n\r", b"\r\r\n"]))
    return data


def mutation_campaign(count: int, seed: int) -> int:
    """Run `count` mutated corpus messages through the parser; 1 on any failure."""
    root = Path(__file__).resolve().parent.parent
    paths = sorted((root / "tests" / "corpus").rglob("*.eml"))
    paths += sorted((root.parent / "shared" / "corpus").rglob("*.eml"))
    seeds = [path.read_bytes() for path in paths] or [b"Subject: x\r\n\r\nx\r\n"]
    rng = random.Random(seed)
    failures = 0
    slowest = (0.0, 0)
    started = time.perf_counter()
    for number in range(count):
        data = _mutate(rng, rng.choice(seeds), seeds)
        began = time.perf_counter()
        try:
            test_one_input(data)
        except Exception as error:  # noqa: BLE001 - every failure is reported
            failures += 1
            out = Path(f"crash-mutate-{seed}-{number}")
            out.write_bytes(data)
            print(f"FAIL input {number}: {type(error).__name__}: {error} -> {out}")
        elapsed = time.perf_counter() - began
        if elapsed > slowest[0]:
            slowest = (elapsed, len(data))
        if number and number % 100_000 == 0:
            rate = number / (time.perf_counter() - started)
            print(f"  {number} inputs, {rate:.0f}/s, failures {failures}", flush=True)
    seconds = time.perf_counter() - started
    print(
        f"fuzz_parse --mutate: {count} inputs from {len(seeds)} seeds in {seconds:.0f} s"
        f" ({count / seconds:.0f}/s), failures {failures},"
        f" slowest {slowest[0] * 1000:.1f} ms ({slowest[1]} bytes)"
    )
    print("RESULT", "FAIL" if failures else "OK")
    return 1 if failures else 0


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--mutate":
        count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
        seed = (
            int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
        )
        sys.exit(mutation_campaign(count, seed))
    import atheris  # type: ignore[import-not-found]  # bench-only dependency

    atheris.instrument_all()
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
