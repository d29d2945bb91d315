"""Short runs of the fuzz campaigns in bench/: the same invariants, fewer inputs.

The million-input campaigns are bench commands (see the README); these keep the
harnesses working and catch a regression on every test run. A new seed each run
would make failures hard to reproduce, so the seeds are fixed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize("seed", [11, 12])
def test_smtp_sessions_never_leak_an_internal_error_or_lose_a_message(seed, tmp_path):
    out = _run(str(ROOT / "bench" / "fuzz_smtp.py"), "--sessions", "2000",
               "--seed", str(seed), cwd=tmp_path)  # fmt: skip
    assert "RESULT OK" in out
    assert "lost 0  stored-without-250 0" in out


def test_smtp_sessions_over_real_sockets(tmp_path):
    out = _run(str(ROOT / "bench" / "fuzz_smtp.py"), "--socket", "300", cwd=tmp_path)
    assert "RESULT OK" in out


def test_mutated_bounces_always_parse_to_a_report(tmp_path):
    out = _run(str(ROOT / "bench" / "fuzz_parse.py"), "--mutate", "3000",
               "--seed", "5", cwd=tmp_path)  # fmt: skip
    assert "failures 0" in out
