"""`bounced serve` as a child process, for the benches that need the real daemon."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(
    settings: dict[str, str], log: IO[bytes]
) -> tuple[subprocess.Popen[bytes], int]:
    """Migrate, start `bounced serve` with these BOUNCED_* settings on a free port,
    and return once it accepts connections."""
    port = free_port()
    env = {**os.environ, "BOUNCED_SMTP_PORT": str(port), **settings}
    subprocess.run([sys.executable, "-m", "bounced", "db", "upgrade"], env=env,
                   check=True, capture_output=True)  # fmt: skip
    daemon = subprocess.Popen([sys.executable, "-m", "bounced", "serve"], env=env,
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return daemon, port
        except OSError:
            if time.monotonic() > deadline or daemon.poll() is not None:
                daemon.kill()
                raise RuntimeError("the daemon did not start") from None
            time.sleep(0.1)


def log_file(directory: str | Path) -> IO[bytes]:
    return (Path(directory) / "daemon.log").open("wb")
