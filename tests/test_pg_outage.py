"""PostgreSQL restarted under load: 451 while it is gone, never a 250 without
storage, recovery without a daemon restart, nothing lost or doubled.

The shared server on 5432 is never touched: the test runs its own cluster
(initdb and pg_ctl from the machine's PostgreSQL) on a free port, as the
`postgres` user when the test runs as root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bounced.store.engine import make_engine
from bounced.store.schema import BounceEvent, InboundMessage, Suppression
from tests.mail import dsn, wait_for
from tests.test_crash import DaemonProcess, free_port


class Cluster:
    """A throwaway PostgreSQL cluster the test may stop and start at will."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin_dir = bin_dir
        self.data = root / "data"
        self.sockets = root / "sockets"
        self.log = root / "postgres.log"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        for path in (self.data.parent, self.sockets):
            path.mkdir(parents=True, exist_ok=True)
        if self._as_postgres:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.sockets, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "--no-sync")  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c max_connections=60"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found")
    # Not under pytest's own temporary directory: that is private to root, and
    # the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="bounced-pg-"))
    root.chmod(0o755)
    instance = Cluster(bin_dir, root)
    try:
        instance.init()
        instance.start()
        yield instance
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            instance.stop()  # it may be stopped already
        shutil.rmtree(root, ignore_errors=True)


def _sender(
    port: int, name: str, seen: Counter[str], acked: list[str], stop: threading.Event
) -> None:
    """Send bounces until `stop`; tally every DATA reply; reconnect after errors."""
    n = 0
    while not stop.is_set():
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
                client.ehlo("mx.example.net")
                while not stop.is_set():
                    recipient = f"{name}-{n}@example.org"
                    n += 1
                    client.mail("")
                    client.rcpt("b@bounces.example.com")
                    code, _ = client.data(dsn(recipient, "5.1.1", 550))
                    seen[str(code)] += 1
                    if code == 250:
                        acked.append(recipient)
                    else:
                        client.rset()
                        time.sleep(0.05)
        except (OSError, smtplib.SMTPException):
            seen["connection error"] += 1
            time.sleep(0.05)


@pytest.mark.slow
def test_postgresql_restarted_under_load_loses_nothing(cluster, tmp_path):
    subprocess.run(
        [str(cluster.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port),
         "-U", "postgres", "bounced"],
        check=True, capture_output=True,
    )  # fmt: skip
    url = cluster.url("bounced")
    subprocess.run([sys.executable, "-m", "bounced", "db", "upgrade"],
                   env={**os.environ, "BOUNCED_DATABASE_URL": url}, check=True,
                   capture_output=True)  # fmt: skip
    daemon = DaemonProcess(
        url, tmp_path, BOUNCED_API_ENABLED="false", BOUNCED_DATABASE_POOL_SIZE="4"
    ).start()
    seen: Counter[str] = Counter()
    acked: list[str] = []
    stop = threading.Event()
    senders = [
        threading.Thread(target=_sender, args=(daemon.port, f"s{i}", seen, acked, stop))
        for i in range(4)
    ]
    try:
        for thread in senders:
            thread.start()
        wait_for(lambda: len(acked) >= 100, timeout=120)

        cluster.stop()
        acked_before_outage = len(acked)
        wait_for(lambda: seen["451"] >= 20, timeout=60)  # refused, not accepted
        acked_during_outage = len(acked) - acked_before_outage
        cluster.start()
        wait_for(lambda: len(acked) >= acked_before_outage + 100, timeout=120)
        stop.set()
        for thread in senders:
            thread.join(30)

        engine = make_engine(url)
        try:

            def settled() -> bool:
                with engine.connect() as connection:
                    pending = connection.scalar(
                        select(func.count()).select_from(InboundMessage)
                        .where(InboundMessage.state == "new")
                    )  # fmt: skip
                    return pending == 0

            wait_for(settled, timeout=120)
            with engine.connect() as connection:
                states = dict(
                    connection.execute(
                        select(InboundMessage.state, func.count()).group_by(
                            InboundMessage.state
                        )
                    ).all()
                )
                recipients = Counter(connection.scalars(select(BounceEvent.recipient)))
                suppressed = set(connection.scalars(select(Suppression.address)))
                stored = connection.scalar(
                    select(func.count()).select_from(InboundMessage)
                )
        finally:
            engine.dispose()
        assert daemon.process is not None
        assert daemon.process.poll() is None, "the daemon must ride out the outage"
    finally:
        stop.set()
        daemon.terminate()

    # A 250 during the outage could only be a message still in flight when the
    # server went away, committed before; none can be accepted for long without it.
    assert set(states) == {"processed"}, (states, daemon.log.read_text()[-3000:])
    assert acked_during_outage <= len(senders)
    assert seen["451"] >= 20
    assert not any(code.startswith("5") for code in seen)  # a fault is never a 5xx
    missing = [r for r in acked if recipients[r] == 0]
    doubled = [r for r, count in recipients.items() if count > 1]
    assert missing == []
    assert doubled == []
    assert set(acked) <= suppressed
    assert stored >= len(acked)
