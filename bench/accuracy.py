"""Per-field agreement of bounced.parse + bounced.classify with the corpus answers.

Prints, for each field, the share of messages on which every finding agrees,
overall and per module (Sisimai's ANALYTICAL-PRECISION style), e.g.

    status         lhost-postfix        41/43  0.953

Run: .venv/bin/python bench/accuracy.py [--samples] [--show FIELD] [--module NAME]
  --samples        also score tests/parse/samples (our own sidecars)
  --show FIELD     list every disagreement on FIELD (count, recipients, status,
                   reply_code, reason, hard)
  --all            print every module line, not only those below 1.0
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bounced.classify import classify
from bounced.parse import parse
from tests.parse.corpus import (
    CLASSIFICATION_FIELDS,
    DETECTION_FIELDS,
    compare,
    corpus_samples,
    own_samples,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", action="store_true")
    parser.add_argument("--show", action="append", default=[])
    parser.add_argument("--module")
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    samples = corpus_samples() + (own_samples() if args.samples else [])
    if args.module:
        samples = [s for s in samples if args.module in s.module]
    fields = DETECTION_FIELDS + CLASSIFICATION_FIELDS
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_module: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    shown: list[str] = []
    for sample in samples:
        report = parse(sample.path.read_bytes())
        verdicts = [classify(f) for f in report.findings]
        diffs = compare(sample, report, verdicts)
        for name in fields:
            ok = diffs[name] is None
            totals[name][0] += ok
            totals[name][1] += 1
            per_module[(name, sample.module)][0] += ok
            per_module[(name, sample.module)][1] += 1
            if not ok and name in args.show:
                shown.append(
                    f"{name:10} {sample.name:45} [{report.detector}] {diffs[name]}"
                )
    print(f"{len(samples)} messages")
    for name in fields:
        good, total = totals[name]
        kind = "detection" if name in DETECTION_FIELDS else "classification"
        print(f"{name:12} {'ALL':28} {good:4}/{total:<4} {good / total:.3f}  ({kind})")
    print()
    for (name, module), (good, total) in sorted(per_module.items()):
        if good < total or args.all:
            print(f"{name:12} {module:28} {good:4}/{total:<4} {good / total:.3f}")
    if shown:
        print()
        print("\n".join(shown))


if __name__ == "__main__":
    main()
