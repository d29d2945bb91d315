"""Write the unseen samples: tests/parse/unseen/<family>/<name>.eml and .json.

Run:  .venv/bin/python tests/parse/unseen/gen/build.py [--check]
--check only verifies that the files on disk are what the writers produce.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
sys.path.insert(0, str(HERE))

from common import Sample  # noqa: E402

MODULES = [
    "postfix",
    "exim",
    "sendmail",
    "exchange",
    "gmail",
    "providers",
    "mta_misc",
    "esp",
    "arf",
    "autoreply",
    "negative",
]


GROUP = {
    "postfix": "postfix",
    "exim": "exim",
    "sendmail": "sendmail-qmail",
    "qmail": "sendmail-qmail",
    "exchange": "exchange",
    "office365": "exchange",
    "gmail": "gmail",
    "yahoo": "yahoo-aol",
    "outlook": "outlook",
    "hosting": "hosting-localized",
    "amazonses": "esp",
    "sendgrid": "esp",
    "mailgun": "esp",
    "postmark": "esp",
    "sparkpost": "esp",
    "arf": "arf",
    "autoreply": "autoreply",
    "negative": "negative",
}
GATEWAYS = {"messagelabs", "mimecast", "proofpoint", "barracuda", "ironport", "sophos",
            "trendmicro", "amavis"}  # fmt: skip
MTAS = {"courier", "opensmtpd", "domino", "groupwise", "kerio", "mdaemon", "hmailserver",
        "axigen", "haraka", "stalwart"}  # fmt: skip


def place(path: str) -> str:
    """Folder by family group: tests/parse/unseen/<group>/<name>."""
    first, name = path.split("/", 1)
    if first in GROUP:
        group = GROUP[first]
    elif first in GATEWAYS:
        group = "gateways"
    elif first in MTAS:
        group = "mta-other"
    else:
        group = "providers"
    return f"{group}/{name}"


def collect() -> list[Sample]:
    out: list[Sample] = []
    for name in MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:
                continue
            raise
        out.extend(mod.samples())
    for s in out:
        s.path = place(s.path)
    paths = [s.path for s in out]
    dup = {p for p in paths if paths.count(p) > 1}
    assert not dup, dup
    return out


def check_sample(s: Sample) -> None:
    msg = email.message_from_bytes(s.eml(), policy=email.policy.compat32)
    assert msg["From"], s.path
    assert msg["Date"], s.path
    for part in msg.walk():
        if part.get_content_maintype() == "multipart":
            assert isinstance(part.get_payload(), list), (s.path, "bad multipart")
            assert part.get_payload(), (s.path, "empty multipart")
            assert not part.defects, (s.path, part.defects)
        else:
            part.get_payload(decode=True)
    n = len(s.expected)
    if s.kind == "not-bounce":
        assert n == 0, s.path
    assert len(s.recipients) == n, (s.path, s.recipients, n)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    bad = 0
    for s in collect():
        check_sample(s)
        eml = OUT / f"{s.path}.eml"
        side = OUT / f"{s.path}.json"
        js = json.dumps(s.sidecar(), indent=1, ensure_ascii=False) + "\n"
        if args.check:
            if eml.read_bytes() != s.eml() or side.read_text("utf-8") != js:
                print("differs:", s.path)
                bad += 1
            continue
        eml.parent.mkdir(parents=True, exist_ok=True)
        eml.write_bytes(s.eml())
        side.write_text(js, "utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
