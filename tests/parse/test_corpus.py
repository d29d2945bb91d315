"""Every corpus message and every own sample, against its sidecar.

Detection fields (findings count, recipients, status, reply code) and
classification fields (reason, hard) are separate test functions, so the
parser and the classifier each own their failures. A known difference stays
in the suite as a strict xfail with its reason (sidecar `"xfail"` for our
samples, tests/parse/corpus_xfail.json for the shared corpus, whose sidecars
we never edit). Both files are also what bench/accuracy.py reports as known
differences: one list.
"""

from __future__ import annotations

import re

import pytest

from bounced.address import normalize
from bounced.classify import classify
from bounced.reasons import Reason
from bounced.report import Action

from .corpus import (
    CLASSIFICATION_FIELDS,
    DETECTION_FIELDS,
    Sample,
    compare,
    corpus_samples,
    own_samples,
    parse_file,
)

SAMPLES = corpus_samples() + own_samples()
_STATUS = re.compile(r"^[245]\.\d{1,3}\.\d{1,3}$")


def _params(fields: tuple[str, ...]) -> list[object]:
    params = []
    for sample in SAMPLES:
        for name in fields:
            marks = []
            if name in sample.xfail:
                marks.append(pytest.mark.xfail(strict=True, reason=sample.xfail[name]))
            params.append(
                pytest.param(sample, name, id=f"{sample.name}:{name}", marks=marks)
            )
    return params


def _run(sample: Sample) -> dict[str, str | None]:
    report = parse_file(sample.path)
    return compare(sample, report, [classify(f) for f in report.findings])


@pytest.mark.parametrize(("sample", "field"), _params(DETECTION_FIELDS))
def test_corpus_detection(sample: Sample, field: str) -> None:
    """The parser finds what the sidecar says: count, recipients, status, reply code."""
    assert _run(sample)[field] is None


@pytest.mark.parametrize(("sample", "field"), _params(CLASSIFICATION_FIELDS))
def test_corpus_classification(sample: Sample, field: str) -> None:
    """Parser plus classifier give the sidecar's reason and hardness."""
    assert _run(sample)[field] is None


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_findings_satisfy_invariants(sample: Sample) -> None:
    """Every finding of every sample: address parses, codes are well formed."""
    report = parse_file(sample.path)
    assert (report.unparsed_reason is None) == bool(report.findings)
    for finding in report.findings:
        if finding.recipient:
            assert normalize(finding.recipient) is not None, finding.recipient
        assert finding.status is None or _STATUS.match(finding.status)
        assert finding.reply_code is None or 200 <= finding.reply_code <= 599
        assert isinstance(finding.action, Action)
        assert finding.reason_hint is None or isinstance(finding.reason_hint, Reason)
