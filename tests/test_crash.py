"""Nothing lost, nothing doubled: a daemon killed with SIGKILL under load."""

from __future__ import annotations

import os
import signal
import smtplib
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bounced.store.engine import make_engine
from bounced.store.schema import BounceEvent, InboundMessage, Suppression
from tests.mail import dsn, spool_settled, wait_for


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DaemonProcess:
    """`bounced serve` as a child process, configured through the environment."""

    def __init__(self, db_url: str, tmp: Path, **settings: str) -> None:
        self.port = free_port()
        self.env = {
            **os.environ,
            "BOUNCED_DATABASE_URL": db_url,
            "BOUNCED_SMTP_PORT": str(self.port),
            "BOUNCED_SMTP_BOUNCE_DOMAINS": "bounces.example.com",
            "BOUNCED_PROCESSOR_WORKERS": "1",
            "BOUNCED_PROCESSOR_POLL_INTERVAL": "0.1",
            **settings,
        }
        self.log = tmp / f"daemon-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._log_start = 0

    def start(self) -> DaemonProcess:
        self._log_start = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bounced", "serve"],
                env=self.env,
                stdout=log,
                stderr=log,
            )
        wait_for(self._listening, timeout=60, interval=0.1)
        return self

    def _listening(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            log = self.log.read_text()
            if f"smtp listening on 127.0.0.1:{self.port} " in log[self._log_start :]:
                # It came up and has died since (a fault the test injected can
                # kill it within milliseconds of listening, before this poll).
                return True
            raise AssertionError(f"daemon exited: {log[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            return False
        return True

    def descendants(self) -> set[int]:
        """Every process below the daemon (forkserver, parser workers, trackers)."""
        assert self.process is not None
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found: set[int] = set()
        todo = [self.process.pid]
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


def _sender(port: int, name: str, acked: list[str], stop: threading.Event) -> None:
    """Send until the daemon dies or `stop`; record each recipient answered 250."""
    n = 0
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.ehlo("mx.example.net")
            while not stop.is_set():
                recipient = f"{name}-{n}@example.org"
                client.mail("")
                client.rcpt("b@bounces.example.com")
                code, _ = client.data(dsn(recipient, "5.1.1", 550))
                if code == 250:
                    acked.append(recipient)
                n += 1
    except (OSError, smtplib.SMTPException):
        return  # killed mid-session: whatever was not answered 250 may be lost


@pytest.mark.slow
@pytest.mark.parametrize("kills", [3])
def test_sigkill_under_load_loses_nothing_and_doubles_nothing(db_url, tmp_path, kills):
    """Every message answered 250 before a SIGKILL is processed exactly once after
    restart, over several kills."""
    acked: list[str] = []
    for round_ in range(kills):
        daemon = DaemonProcess(
            db_url, tmp_path, BOUNCED_PROCESSOR_CLAIM_TIMEOUT="1s"
        ).start()
        stop = threading.Event()
        senders = [
            threading.Thread(
                target=_sender, args=(daemon.port, f"r{round_}s{i}", acked, stop)
            )
            for i in range(8)
        ]
        for thread in senders:
            thread.start()
        target = 150 * (round_ + 1)
        wait_for(lambda: len(acked) >= target, timeout=120, interval=0.01)  # noqa: B023
        daemon.kill()
        stop.set()
        for thread in senders:
            thread.join(30)

    survivor = DaemonProcess(
        db_url, tmp_path, BOUNCED_PROCESSOR_CLAIM_TIMEOUT="1s"
    ).start()
    engine = make_engine(db_url, pool_size=1)
    try:
        with engine.connect() as connection:
            stored = connection.scalar(select(func.count()).select_from(InboundMessage))
        wait_for(spool_settled(engine, stored), timeout=120)
        with engine.connect() as connection:
            events = connection.scalar(select(func.count()).select_from(BounceEvent))
            suppressed = dict(
                connection.execute(select(Suppression.address, Suppression.count)).all()
            )
            states = set(connection.scalars(select(InboundMessage.state)).all())
    finally:
        engine.dispose()
        survivor.terminate()

    assert len(acked) >= 150 * kills
    missing = [r for r in acked if r not in suppressed]
    assert missing == []
    assert states == {"processed"}
    assert events == stored
    assert set(suppressed.values()) == {1}


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def test_a_killed_daemon_leaves_no_parser_processes_behind(sqlite_url, tmp_path):
    """After SIGKILL, the parser workers and the forkserver exit on their own."""
    daemon = DaemonProcess(sqlite_url, tmp_path).start()
    with smtplib.SMTP("127.0.0.1", daemon.port) as client:
        client.sendmail(
            "", ["b@bounces.example.com"], dsn("x@example.org", "5.1.1", 550)
        )
    engine = make_engine(sqlite_url, pool_size=1)
    try:
        wait_for(spool_settled(engine, 1))  # a worker has parsed: the pool exists
    finally:
        engine.dispose()
    helpers = daemon.descendants()
    assert helpers, "the daemon runs its parser in child processes"

    daemon.kill()

    wait_for(lambda: not _alive(helpers), timeout=30)


@pytest.mark.slow
def test_random_sigkills_under_load_lose_nothing_and_double_nothing(db_url, tmp_path):
    """bench/crash_soak.py, three rounds: SIGKILLs at random (seeded) moments,
    then every 250'd message is recorded and suppressed exactly once."""
    bench = Path(__file__).resolve().parent.parent / "bench" / "crash_soak.py"
    result = subprocess.run(
        [sys.executable, str(bench), "--rounds", "3", "--max-delay", "1.5",
         "--seed", "7", "--database-url", db_url],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr[-3000:]
    assert "lost: 0  doubled: 0  unsettled: 0" in out
    acked = int(out.split("answered 250: ")[1].split(",")[0])
    assert acked > 0  # the kills landed under load, not before it
