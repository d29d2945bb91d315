"""Reason and hard-bounce agreement of the classifier with the shared corpus.

Parses every corpus message, classifies each finding with this tree's classifier and
compares with the sidecar's `expected[i].reason` and `.hard` (findings are matched
to expectations by recipient, else by position). Prints overall and per-module
agreement (Sisimai's ANALYTICAL-PRECISION style: `postfix  41/43  0.953`), then every
mismatch with its diagnostic text and the rule that decided it.

Where the findings come from (the parser is developed in parallel):

    --parser-tree DIR   run DIR/.venv/bin/python with DIR's `bounced.parse` and take
                        its full Findings (smtp_command, reason_hint, ... included),
                        as the daemon does in-process
    --json FILE         `bounced parse --json` output (one line per file; fields the
                        JSON lacks, such as smtp_command and reason_hint, stay None)
    (neither)           this tree's own `bounced.parse`

    python bench/classify_accuracy.py --parser-tree /work/wt/parser
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from bounced.classify import classify
from bounced.reasons import Reason
from bounced.report import Action, Finding

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "sisimai"
FIELDS = (
    "recipient",
    "original_recipient",
    "action",
    "status",
    "reply_code",
    "diagnostic",
    "diagnostic_type",
    "smtp_command",
    "remote_mta",
    "reporting_mta",
    "feedback_type",
    "reason_hint",
)
# Corpus answers this classifier deliberately differs from, and why (the brief's
# "known differences"). Counted in the figures, listed apart from the other
# mismatches, which are either classifier bugs or findings the parser got wrong.
KNOWN = {
    "lhost-postfix-05.eml": "450 4.1.1 is transient: not hard (reasons.is_hard "
    "needs permanent; Sisimai calls every userunknown hard)",
    "rfc3464-42.eml": "Gmail's 'The email account that you tried to reach does not "
    "exist' names a nonexistent mailbox: userunknown, not filtered",
    "lhost-x2-01.eml": "'This user doesn't have a X account' is Yahoo's unknown-user "
    "wording (three other samples agree): userunknown",
    "lhost-imailserver-01.eml": "'Unknown user' at an unknown SMTP stage is unproven "
    "(mcafee-01 and x1-* say the same words and expect filtered)",
    "lhost-postfix-74.eml": "Yahoo TSS04 'deferred due to ... user complaints' is "
    "reputation (qmail-19 and opensmtpd-13 agree)",
    "rhost-yahooinc-02.eml": "Yahoo TSS04: see lhost-postfix-74",
    "rhost-nttdocomo-02.eml": "docomo-only rule (5.0.0 at DATA = rejected, 5.2.0 = "
    "filtered, rhost-nttdocomo-01); generally 'Unknown user' after DATA is filtered",
    "rhost-nttdocomo-03.eml": "docomo-only rule: see rhost-nttdocomo-02",
    "lhost-powermta-01.eml": "the answer is in the Status comment '(mailbox "
    "disabled...)', which no Finding field carries",
    "lhost-sendmail-21.eml": "same 'Deferred: Connection refused by ... could not be "
    "delivered for 8 hours' as sendmail-54, which expects expired",
    "lhost-amavis-03.eml": "amavisd 'Reject ... - SPAM' is spam, not notcompliantrfc",
    "rhost-franceptt-08.eml": "Orange's numeric code table (OFR005_505) decides; "
    "the words are the same as franceptt-07/10/11 (blocked)",
    "rhost-franceptt-12.eml": "La Poste's numeric code table (LPN000_630) decides",
    "rhost-mimecast-02.eml": "Mimecast's code table (MCSpamSignature) decides",
    "lhost-exim-38.eml": "'service permits 2 unverifyable sending IPs' names no PTR "
    "problem in words",
    "lhost-yahoo-13.eml": "'after multiple retries, giving up' is an expired queue",
}

# Run with the parser tree's interpreter: print every Finding field, one file a line.
DUMP = """
import json, sys
from bounced.parse import parse
FIELDS = %r
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        report = parse(handle.read())
    findings = [
        {f: (getattr(x, f, None).value if hasattr(getattr(x, f, None), "value")
             else getattr(x, f, None)) for f in FIELDS}
        for x in report.findings
    ]
    print(json.dumps({"file": name, "findings": findings}, ensure_ascii=False))
"""


def main() -> int:
    options = _options()
    corpus = Path(options.corpus)
    samples = sorted(corpus.rglob("*.eml"))
    documents = _documents(options, samples)
    per_module: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    mismatches: list[str] = []
    known: list[str] = []
    timings: list[float] = []
    for sample in samples:
        sidecar = sample.with_suffix(".json")
        if not sidecar.exists():
            continue
        expected_doc = json.loads(sidecar.read_text())
        expected = expected_doc.get("expected", [])
        if not expected:
            continue
        module = expected_doc.get("module", sample.parent.name)
        module = module.removeprefix("lhost-").removeprefix("rhost-")
        findings = [_finding(item) for item in documents.get(sample.name, [])]
        start = time.perf_counter()
        verdicts = [classify(finding) for finding in findings]
        timings.append((time.perf_counter() - start) / max(len(findings), 1))
        matched = _align(expected_doc.get("recipients", []), expected, findings)
        for index, want in enumerate(expected):
            counts = per_module[module]
            counts[0] += 1
            pick = matched[index]
            if pick is None:
                mismatches.append(f"{sample.name} #{index}: no finding (want {want})")
                continue
            finding, verdict = findings[pick], verdicts[pick]
            reason_ok = verdict.reason.value == want["reason"]
            hard_ok = verdict.hard == bool(want.get("hard"))
            counts[1] += reason_ok
            counts[2] += hard_ok
            if not (reason_ok and hard_ok):
                bucket = known if sample.name in KNOWN else mismatches
                bucket.append(
                    f"{sample.name} {finding.recipient}: want {want['reason']}"
                    f"{' hard' if want.get('hard') else ''} got {verdict.reason.value}"
                    f"{' hard' if verdict.hard else ''} [{verdict.rule}]\n"
                    f"    status={finding.status} reply={finding.reply_code}"
                    f" cmd={finding.smtp_command} action={finding.action.value}"
                    f" diag={(finding.diagnostic or '')[:300]!r}"
                )
    _report(per_module, mismatches, known, timings, options.all)
    return 0


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--parser-tree", help="worktree whose parser makes findings")
    parser.add_argument("--json", help="`bounced parse --json` output to read")
    parser.add_argument("--all", action="store_true", help="list every module")
    return parser.parse_args()


def _documents(
    options: argparse.Namespace, samples: list[Path]
) -> dict[str, list[dict[str, Any]]]:
    """File name -> list of finding dicts, from the chosen source."""
    lines: list[str]
    if options.json:
        lines = Path(options.json).read_text().splitlines()
    elif options.parser_tree:
        tree = Path(options.parser_tree)
        result = subprocess.run(
            [str(tree / ".venv/bin/python"), "-c", DUMP % (FIELDS,)]
            + [str(s) for s in samples],
            cwd=tree,
            capture_output=True,
            text=True,
            check=True,
        )
        lines = result.stdout.splitlines()
    else:
        from bounced.parse import parse

        lines = []
        for sample in samples:
            report = parse(sample.read_bytes())
            findings = [
                {f: _plain(getattr(x, f, None)) for f in FIELDS}
                for x in report.findings
            ]
            lines.append(json.dumps({"file": str(sample), "findings": findings}))
    documents: dict[str, list[dict[str, Any]]] = {}
    for line in lines:
        if line.strip():
            document = json.loads(line)
            documents[Path(document["file"]).name] = document["findings"]
    return documents


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def _finding(item: dict[str, Any]) -> Finding:
    try:
        action = Action(item.get("action") or "failed")
    except ValueError:
        action = Action.FAILED
    hint = item.get("reason_hint")
    return Finding(
        recipient=item.get("recipient") or "",
        original_recipient=item.get("original_recipient"),
        action=action,
        status=item.get("status"),
        reply_code=item.get("reply_code"),
        diagnostic=item.get("diagnostic"),
        diagnostic_type=item.get("diagnostic_type"),
        smtp_command=item.get("smtp_command"),
        remote_mta=item.get("remote_mta"),
        reporting_mta=item.get("reporting_mta"),
        feedback_type=item.get("feedback_type"),
        reason_hint=Reason(hint) if hint else None,
    )


def _align(
    recipients: list[str], expected: list[Any], findings: list[Finding]
) -> list[int | None]:
    """For each expectation, the index of its finding: same recipient, else same place."""
    used: set[int] = set()
    result: list[int | None] = []
    for index in range(len(expected)):
        want = recipients[index].lower() if index < len(recipients) else None
        pick = next(
            (
                i
                for i, finding in enumerate(findings)
                if i not in used and want and finding.recipient.lower() == want
            ),
            None,
        )
        if pick is None and index < len(findings) and index not in used:
            pick = index
        if pick is not None:
            used.add(pick)
        result.append(pick)
    return result


def _report(
    per_module: dict[str, list[int]],
    mismatches: list[str],
    known: list[str],
    timings: list[float],
    show_all: bool,
) -> None:
    total = [sum(c[i] for c in per_module.values()) for i in range(3)]
    print(f"{'module':<16} {'reason':>9} {'':>6}  {'hard':>9} {'':>6}")
    for module, (n, reason_ok, hard_ok) in sorted(per_module.items()):
        if show_all or reason_ok < n or hard_ok < n:
            print(
                f"{module:<16} {reason_ok:>4}/{n:<4} {reason_ok / n:.3f}"
                f"  {hard_ok:>4}/{n:<4} {hard_ok / n:.3f}"
            )
    n = total[0] or 1
    print(
        f"{'OVERALL':<16} {total[1]:>4}/{total[0]:<4} {total[1] / n:.3f}"
        f"  {total[2]:>4}/{total[0]:<4} {total[2] / n:.3f}"
    )
    if timings:
        mean = sum(timings) / len(timings) * 1e6
        print(f"classify: {mean:.1f} µs per finding (mean over messages)")
    print(f"\n{len(known)} known differences (see KNOWN for why):")
    for line in known:
        name = line.partition(" ")[0]
        print(" ", line.partition("\n")[0], f"\n    known: {KNOWN[name]}")
    print(f"\n{len(mismatches)} other mismatches (parser findings or classifier bugs):")
    for line in mismatches:
        print(" ", line)


if __name__ == "__main__":
    sys.exit(main())
