"""deploy/: the unit, the image and the compose file agree with the code.

No container engine runs here, so the image is never built in tests; what can be
checked without one is: the compose file parses and wires migrate → serve, every
BOUNCED_* variable it and the Containerfile set is a real setting, every path the
Containerfile copies exists, and systemd itself accepts the unit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bounced import config

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "systemd" / "bounced.service"
CONTAINERFILE = DEPLOY / "Containerfile"
COMPOSE = DEPLOY / "compose.yaml"
MAX_EXPOSURE = 2.0  # systemd-analyze security: 0 (locked down) to 10 (exposed)


def compose():
    return yaml.safe_load(COMPOSE.read_text())


def containerfile_env():
    """The ENV of the final stage, as a dict."""
    text = CONTAINERFILE.read_text().replace("\\\n", " ")
    final = text.rsplit("\nFROM ", 1)[1]
    env = {}
    for line in final.splitlines():
        if line.startswith("ENV "):
            env.update(dict(re.findall(r"(\w+)=(\S+)", line[4:])))
    return env


def test_compose_migrates_before_the_daemon_starts_and_waits_for_postgres():
    services = compose()["services"]

    assert set(services) == {"postgres", "migrate", "bounced"}
    assert services["migrate"]["command"] == ["db", "upgrade"]
    assert services["migrate"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"}
    }
    assert services["bounced"]["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"}
    }
    assert services["bounced"]["command"] == ["serve"]
    assert services["bounced"]["image"] == services["migrate"]["image"]
    assert services["bounced"]["build"] == services["migrate"]["build"]


def test_compose_publishes_port_25_onto_the_port_the_image_listens_on():
    smtp, api = compose()["services"]["bounced"]["ports"]
    host, container = smtp.split(":")

    assert host == "25"
    assert container == containerfile_env()["BOUNCED_SMTP_PORT"]
    assert containerfile_env()["BOUNCED_SMTP_HOST"] == "0.0.0.0"
    assert api == "127.0.0.1:8025:8025", "the API is published on loopback only"


def test_compose_runs_the_daemon_without_privileges():
    service = compose()["services"]["bounced"]

    assert service["read_only"] is True
    assert service["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in service["security_opt"]


def test_every_setting_in_the_compose_file_and_image_is_a_real_one():
    """A misspelt BOUNCED_* variable would be refused at start; refuse it here."""
    services = compose()["services"]
    environ = dict(containerfile_env())
    for name in ("migrate", "bounced"):
        for key, value in services[name]["environment"].items():
            # ${VAR:-default} / ${VAR:?message}: use the default, or a sample value
            environ[key] = re.sub(
                r"\$\{(\w+):([-?])([^}]*)\}",
                lambda m: m[3] if m[2] == "-" else "sample.example.net",
                str(value),
            )
    environ = {k: v for k, v in environ.items() if k.startswith("BOUNCED_")}

    loaded = config.load(None, environ=environ)

    assert loaded.smtp.port == 2525
    assert loaded.database.url.startswith("postgresql://bounced:")
    assert loaded.webhooks.endpoints == ()


def test_the_image_runs_as_a_non_root_user_from_slim_python_311():
    text = CONTAINERFILE.read_text()
    froms = re.findall(r"^FROM (\S+)", text, re.MULTILINE)
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)

    assert froms
    assert all(f.startswith("python:3.11-slim") for f in froms)
    assert users
    assert users[-1].split(":")[0] not in {"root", "0"}
    assert re.search(r'^ENTRYPOINT \["bounced"\]', text, re.MULTILINE)


def test_everything_the_image_copies_from_the_checkout_exists():
    for line in CONTAINERFILE.read_text().splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            *sources, _destination = line.split()[1:]
            for source in sources:
                assert (ROOT / source).exists(), source


def _unit_for_this_machine(tmp_path: Path) -> Path:
    """The unit with ExecStart pointing at this checkout's bounced (systemd checks
    that the program exists)."""
    executable = Path(sys.executable).parent / "bounced"
    unit = tmp_path / "bounced.service"
    unit.write_text(
        UNIT.read_text().replace("/opt/bounced/bin/bounced", str(executable))
    )
    return unit


def test_systemd_accepts_the_unit_without_a_single_warning(tmp_path):
    """`systemd-analyze verify` exits 0 even for unknown keys; it must say nothing."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (systemd package)")
    unit = _unit_for_this_machine(tmp_path)

    result = subprocess.run(
        [analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_systemd_rates_the_unit_as_locked_down(tmp_path):
    """`systemd-analyze security` exposure stays low, and port 25 needs only
    CAP_NET_BIND_SERVICE."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed (systemd package)")
    unit = _unit_for_this_machine(tmp_path)

    result = subprocess.run(
        [analyze, "security", "--offline=yes", "--no-pager", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
    )

    exposure = re.search(r"Overall exposure level for \S+: ([\d.]+)", result.stdout)
    assert exposure is not None, result.stdout + result.stderr
    assert float(exposure[1]) <= MAX_EXPOSURE
    text = UNIT.read_text()
    assert "AmbientCapabilities=CAP_NET_BIND_SERVICE\n" in text
    assert "CapabilityBoundingSet=CAP_NET_BIND_SERVICE\n" in text


def test_the_mta_snippets_route_the_same_domain_to_the_daemons_port():
    """Postfix and Exim hand the bounce subdomain to 127.0.0.1 on [smtp] port's
    production value as the README describes (2525 behind an MTA)."""
    transport = (DEPLOY / "postfix" / "transport").read_text()
    exim = (DEPLOY / "exim" / "bounced.conf").read_text()

    assert re.search(
        r"^bounces\.example\.com\s+smtp:\[127\.0\.0\.1\]:2525$", transport, re.M
    )
    assert "route_list = * 127.0.0.1" in exim
    assert re.search(r"^#\s+port = 2525$", exim, re.M)
    assert (
        "reject_unverified_recipient"
        in (DEPLOY / "postfix" / "bounced_recipients").read_text()
    )


def test_the_env_example_sets_every_variable_the_compose_file_reads():
    variables = set(re.findall(r"\$\{(\w+)", COMPOSE.read_text()))
    example = (DEPLOY / ".env.example").read_text()
    documented = set(re.findall(r"^(\w+)=", example, re.MULTILINE))

    assert variables == documented
