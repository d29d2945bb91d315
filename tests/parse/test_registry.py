"""The detector registry is explicit, complete and ordered as documented."""

from __future__ import annotations

from pathlib import Path

from bounced.parse import mta
from bounced.parse.registry import DETECTORS

MTA_DIR = Path(mta.__file__).parent


def test_every_mta_module_appears_exactly_once():
    """Each module in parse/mta/ is in DETECTORS once (no discovery, no omission)."""
    modules = sorted(p.stem for p in MTA_DIR.glob("*.py") if p.stem != "__init__")
    used = [
        d.detect.__module__.rpartition(".")[2]
        for d in DETECTORS
        if d.detect.__module__.startswith("bounced.parse.mta.")
    ]
    assert sorted(set(used)) == modules
    for name in modules:
        assert used.count(name) == 1, name


def test_detector_names_are_unique():
    """Report.detector names one detector only."""
    names = [d.name for d in DETECTORS]
    assert len(names) == len(set(names))


def test_scan_is_last():
    """The last-resort scanner runs only when every other detector declined."""
    assert DETECTORS[-1].name == "scan"
    assert [d.name for d in DETECTORS].count("scan") == 1


def test_standards_come_before_the_families_they_do_not_sniff():
    """ARF, then DSN, then auto-replies lead the generic part of the chain."""
    names = [d.name for d in DETECTORS]
    assert names.index("arf") < names.index("dsn") < names.index("autoreply")
