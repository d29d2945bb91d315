"""Per-field agreement of bounced.parse + bounced.classify with the blind held-out set.

tests/parse/unseen/ holds bounces from servers and versions the parser was not tuned
on, written before the parser was read (see its README). This prints, like
bench/accuracy.py, the share of messages on which every finding agrees, per field,
overall and per module (Sisimai's ANALYTICAL-PRECISION style):

    status       unseen-postfix                 25/27  0.926

then every mismatch: sample, field, got vs expected, the detector that answered and
the first finding's diagnostic text.

Run: .venv/bin/python bench/unseen_accuracy.py [--all] [--module NAME] [--field F]
  --all          print every module line, not only those below 1.0
  --module NAME  only samples whose module contains NAME
  --field F      list mismatches of field F only (repeatable; default: all fields)
  --quiet        figures only, no mismatch list
  --dir PATH     measure another set of .eml/.json pairs (default tests/parse/unseen)
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bounced.classify import classify  # noqa: E402
from bounced.parse import parse  # noqa: E402
from bounced.report import Classification, Report  # noqa: E402
from tests.parse.corpus import Sample, compare, load  # noqa: E402

UNSEEN = ROOT / "tests" / "parse" / "unseen"
# count, recipients (one per finding), status, reply code, reason, hard; the
# corpus harness's "detector" field is left out (these sidecars name none) and
# feedback_type, which the sidecars carry for complaints, is added.
FIELDS = ("count", "recipients", "status", "reply_code", "reason", "hard", "feedback")


def feedback_diff(sample: Sample, report: Report) -> str | None:
    wants = [e.get("feedback_type") for e in sample.expected]
    if not any(wants):
        return None
    gots = [f.feedback_type for f in report.findings]
    out = []
    for index, want in enumerate(wants):
        got = gots[index] if index < len(gots) else "missing"
        if got != want:
            out.append(f"#{index} {got} != {want}")
    return "; ".join(out) or None


def diagnostic(report: Report, verdicts: list[Classification]) -> str:
    if not report.findings:
        return f"      (no finding: {report.unparsed_reason})"
    parts = []
    for finding, verdict in zip(report.findings, verdicts, strict=True):
        text = " ".join((finding.diagnostic or "").split())
        if len(text) > 200:
            text = text[:197] + "..."
        parts.append(
            f"{finding.recipient} {finding.action.value} "
            f"status={finding.status} reply={finding.reply_code} "
            f"-> {verdict.reason.value}{' hard' if verdict.hard else ''}: {text!r}"
        )
    return "\n".join(" " * 6 + p for p in parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--module")
    parser.add_argument("--field", action="append", default=[])
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument(
        "--dir", type=Path, default=UNSEEN, help="another held-out set of the same form"
    )
    args = parser.parse_args()
    where = args.dir.resolve()
    samples = list(load(where, where, {}))
    if args.module:
        samples = [s for s in samples if args.module in s.module]
    show = set(args.field or FIELDS) if not args.quiet else set()
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_module: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for sample in samples:
        report = parse(sample.path.read_bytes())
        verdicts = [classify(f) for f in report.findings]
        diffs = compare(sample, report, verdicts)
        diffs["feedback"] = feedback_diff(sample, report)
        wrong = []
        for name in FIELDS:
            ok = diffs[name] is None
            totals[name][0] += ok
            totals[name][1] += 1
            per_module[(name, sample.module)][0] += ok
            per_module[(name, sample.module)][1] += 1
            if not ok and name in show:
                wrong.append(f"    {name:10} {diffs[name]}")
        if wrong:
            misses.append(
                f"{sample.name}  [{report.detector}]\n"
                + "\n".join(wrong)
                + "\n"
                + diagnostic(report, verdicts)
            )
    print(f"{len(samples)} messages in {where}")
    for name in FIELDS:
        good, total = totals[name]
        print(f"{name:12} {'ALL':30} {good:4}/{total:<4} {good / total:.3f}")
    print()
    for (name, module), (good, total) in sorted(per_module.items()):
        if good < total or args.all:
            print(f"{name:12} {module:30} {good:4}/{total:<4} {good / total:.3f}")
    if misses:
        print()
        print(f"{len(misses)} samples with mismatches (got != expected):")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
