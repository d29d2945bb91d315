"""Per-field agreement of bounced.parse + bounced.classify with the corpus answers.

Prints, for each field, the share of messages on which every finding agrees,
overall and per module (Sisimai's ANALYTICAL-PRECISION style), e.g.

    status         lhost-postfix        41/43  0.953

The comparison is the test suite's own (tests/parse/corpus.py), and so is the
one list of known differences (tests/parse/corpus_xfail.json for the shared
corpus, sidecar "xfail" keys for our samples): they are counted like any other
disagreement, and `--show` marks them "known" with the reason.

Run: .venv/bin/python bench/accuracy.py [--samples] [--show FIELD] [--module NAME]
  --samples        also score tests/parse/samples (our own sidecars)
  --show FIELD     list every disagreement on FIELD (count, recipients, status,
                   reply_code, reason, hard), with each finding's codes, stage,
                   diagnostic and the classifier's rule
  --all            print every module line, not only those below 1.0
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bounced.classify import classify
from bounced.report import Classification, Report
from tests.parse.corpus import (
    CLASSIFICATION_FIELDS,
    DETECTION_FIELDS,
    compare,
    corpus_samples,
    own_samples,
    parse_file,
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
    known = 0
    started = time.perf_counter()
    for sample in samples:
        report = parse_file(sample.path)
        verdicts = [classify(f) for f in report.findings]
        diffs = compare(sample, report, verdicts)
        for name in fields:
            ok = diffs[name] is None
            totals[name][0] += ok
            totals[name][1] += 1
            per_module[(name, sample.module)][0] += ok
            per_module[(name, sample.module)][1] += 1
            known += not ok and name in sample.xfail
            if not ok and name in args.show:
                why = sample.xfail.get(name)
                shown.append(
                    f"{name:10} {sample.name:45} [{report.detector}] {diffs[name]}"
                    + (f"\n    known: {why}" if why else "")
                    + _details(report, verdicts)
                )
    elapsed = time.perf_counter() - started
    print(f"{len(samples)} messages ({len(samples) / elapsed:.0f}/s with scoring)")
    for name in fields:
        good, total = totals[name]
        kind = "detection" if name in DETECTION_FIELDS else "classification"
        print(f"{name:12} {'ALL':28} {good:4}/{total:<4} {good / total:.3f}  ({kind})")
    print(f"{known} of the disagreements are known differences (strict xfails)")
    print()
    for (name, module), (good, total) in sorted(per_module.items()):
        if good < total or args.all:
            print(f"{name:12} {module:28} {good:4}/{total:<4} {good / total:.3f}")
    if shown:
        print()
        print("\n".join(shown))


def _details(report: Report, verdicts: list[Classification]) -> str:
    """Each finding as the classifier saw it, and the rule that decided."""
    lines = []
    for finding, verdict in zip(report.findings, verdicts, strict=True):
        lines.append(
            f"\n    {finding.recipient}: {verdict.reason.value}"
            f"{' hard' if verdict.hard else ''} [{verdict.rule}]"
            f" status={finding.status} reply={finding.reply_code}"
            f" cmd={finding.smtp_command} action={finding.action.value}"
            f" remote={finding.remote_mta}"
            f"\n      diag={(finding.diagnostic or '')[:240]!r}"
        )
    return "".join(lines)


if __name__ == "__main__":
    main()
