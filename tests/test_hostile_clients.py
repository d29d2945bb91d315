"""Hostile and broken SMTP clients: caps, deadlines, smuggling, STARTTLS, full disks.

The daemon is the MX of a bounce domain on the open internet. Every test here
talks to the real daemon over a real socket and checks what a client sees and
what the spool holds.
"""

from __future__ import annotations

import os
import shutil
import smtplib
import socket
import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from bounced import config as config_module
from bounced import metrics
from bounced.errors import ConfigError
from bounced.gate import ConnectionGate, client_key
from bounced.store.engine import make_engine
from bounced.store.schema import InboundMessage
from tests.conftest import make_config
from tests.mail import dsn, send, spool_settled, wait_for

RCPT = "bounces@bounces.example.com"


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    return sock


def _read_reply(sock: socket.socket) -> bytes:
    """One (possibly multi-line) SMTP reply, or b"" when the server closed."""
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk
        lines = data.split(b"\r\n")
        complete = [line for line in lines[:-1] if line]
        if complete and len(complete[-1]) >= 4 and complete[-1][3:4] == b" ":
            return data


def _closed(sock: socket.socket, within: float = 30.0) -> bytes:
    """Read until the server closes; return everything it said."""
    sock.settimeout(within)
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


def _stored(engine: object) -> list[bytes]:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        return [row.raw for row in connection.execute(select(InboundMessage.raw))]


# -- Connection caps -------------------------------------------------------------


def test_ipv6_clients_are_counted_per_64_and_ipv4_per_address():
    """One host is handed a whole /64; counting per address would not bound it."""
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
    assert client_key("192.0.2.1") != client_key("192.0.2.2")
    assert client_key("::ffff:192.0.2.1") == client_key("192.0.2.1")


def test_gate_gives_slots_back():
    gate = ConnectionGate(max_total=3, max_per_client=2)
    assert gate.enter("192.0.2.1") is None
    assert gate.enter("192.0.2.1") is None
    assert gate.enter("192.0.2.1") == "client"
    assert gate.enter("192.0.2.2") is None
    assert gate.enter("192.0.2.3") == "total"
    gate.leave("192.0.2.1")
    assert gate.enter("192.0.2.3") is None
    assert gate.open == 3


def test_connections_over_the_per_ip_cap_hear_421_before_the_greeting(
    sqlite_url, start_daemon
):
    """The fourth session from one client gets 421 4.7.0 and is closed; once one
    leaves, the client is served again."""
    server = start_daemon(make_config(sqlite_url, smtp={"max_connections_per_ip": 3}))
    before = metrics.SMTP_CONNECTIONS_REFUSED.labels("client")._value.get()
    held = [_connect(server.port) for _ in range(3)]
    greetings = [_read_reply(sock) for sock in held]
    with _connect(server.port) as extra:
        refused = _closed(extra)

    assert all(g.startswith(b"220 ") for g in greetings)
    assert refused.startswith(b"421 4.7.0")
    assert metrics.SMTP_CONNECTIONS_REFUSED.labels("client")._value.get() == before + 1

    held.pop().close()

    def admitted() -> bool:
        with _connect(server.port) as again:
            return _read_reply(again).startswith(b"220 ")

    assert wait_for(admitted, timeout=10)
    for sock in held:
        sock.close()


def test_connections_over_the_total_cap_hear_421(sqlite_url, start_daemon):
    server = start_daemon(
        make_config(
            sqlite_url, smtp={"max_connections": 2, "max_connections_per_ip": 100}
        )
    )
    held = [_connect(server.port) for _ in range(2)]
    for sock in held:
        assert _read_reply(sock).startswith(b"220 ")

    with _connect(server.port) as extra:
        assert _closed(extra).startswith(b"421 4.7.0")
    for sock in held:
        sock.close()


def test_a_real_bounce_is_served_while_1000_idle_and_slow_connections_are_open(
    sqlite_url, sqlite_engine, start_daemon
):
    """1,000 sockets sit idle or trickle half a command; a real MTA still gets its
    bounce accepted and stored."""
    server = start_daemon(
        make_config(
            sqlite_url,
            smtp={"max_connections": 1100, "max_connections_per_ip": 1100},
        )
    )
    held: list[socket.socket] = []
    try:
        for index in range(1000):
            sock = _connect(server.port)
            held.append(sock)
            assert _read_reply(sock).startswith(b"220 ")
            if index % 2:
                sock.sendall(b"EHLO slow")  # half a command, never finished

        refused = send(server.port, dsn("alice@example.org", "5.1.1", 550))

        assert refused == {}
        wait_for(spool_settled(sqlite_engine, 1))
        assert len(_stored(sqlite_engine)) == 1
        for _ in range(100):  # fill the cap of 1,100: the next one is refused
            held.append(_connect(server.port))
            assert _read_reply(held[-1]).startswith(b"220 ")
        held.append(_connect(server.port))
        assert _closed(held[-1]).startswith(b"421 4.7.0")
    finally:
        for sock in held:
            sock.close()


# -- Deadlines and command caps --------------------------------------------------


def _closed_for(cause: str) -> float:
    return metrics.SMTP_SESSIONS_CLOSED.labels(cause)._value.get()


def test_an_idle_session_is_closed_with_421(sqlite_url, start_daemon):
    """Silence past session_timeout: 421 4.4.2, closed, counted as idle."""
    server = start_daemon(make_config(sqlite_url, smtp={"session_timeout": "300ms"}))
    before = _closed_for("idle")
    with _connect(server.port) as sock:
        assert _read_reply(sock).startswith(b"220 ")
        assert _closed(sock).startswith(b"421 4.4.2")
    assert _closed_for("idle") == before + 1


def test_a_client_trickling_data_is_cut_off_at_the_data_deadline(
    sqlite_url, sqlite_engine, start_daemon
):
    """One byte every 50 ms keeps the connection busy but never finishes DATA:
    the DATA deadline closes it (421) although no command deadline passed, and
    nothing is stored."""
    server = start_daemon(
        make_config(sqlite_url, smtp={"session_timeout": "20s", "data_timeout": "1s"})
    )
    before = _closed_for("data")
    with _connect(server.port) as sock:
        _read_reply(sock)
        for command in (b"EHLO slow\r\n", b"MAIL FROM:<>\r\n", f"RCPT TO:<{RCPT}>\r\n"):
            sock.sendall(command if isinstance(command, bytes) else command.encode())
            assert _read_reply(sock)[:1] == b"2"
        sock.sendall(b"DATA\r\n")
        assert _read_reply(sock).startswith(b"354")
        said = b""
        sock.settimeout(0.05)
        for _ in range(400):  # 20 s of trickling at most
            try:
                sock.sendall(b"x")
            except OSError:
                break
            try:
                chunk = sock.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            said += chunk

    assert said.startswith(b"421 4.4.2")
    assert _stored(sqlite_engine) == []
    assert _closed_for("data") == before + 1


def test_a_slow_commit_is_not_cut_off_by_the_data_deadline(
    sqlite_url, sqlite_engine, start_daemon
):
    """The body arrived in time but the database is locked past data_timeout: the
    sender waits for the commit and hears 250, not a 421 on a message that is
    then stored anyway (and would be delivered twice)."""
    server = start_daemon(
        make_config(sqlite_url, smtp={"session_timeout": "20s", "data_timeout": "1s"})
    )
    blocker = sqlite3.connect(
        sqlite_url.removeprefix("sqlite:///"),
        isolation_level=None,
        check_same_thread=False,  # the timer thread ends the lock
    )
    blocker.execute("BEGIN EXCLUSIVE")
    unlock = threading.Timer(2.5, blocker.execute, ("ROLLBACK",))
    unlock.start()
    try:
        refused = send(server.port, dsn("alice@example.org", "5.1.1", 550))
    finally:
        unlock.join()
        blocker.close()

    assert refused == {}
    wait_for(spool_settled(sqlite_engine, 1))


def test_a_busy_session_ends_at_the_session_deadline(sqlite_url, start_daemon):
    """NOOP every 100 ms resets the idle deadline, never the session's own."""
    server = start_daemon(
        make_config(
            sqlite_url,
            smtp={"session_timeout": "20s", "max_session_duration": "1s"},
        )
    )
    before = _closed_for("duration")
    with _connect(server.port) as sock:
        _read_reply(sock)
        said = b""
        for _ in range(200):
            try:
                sock.sendall(b"NOOP\r\n")
            except OSError:
                break
            reply = _read_reply(sock)
            if not reply.startswith(b"250"):
                said = reply + _closed(sock, within=5)
                break
            time.sleep(0.1)

    assert said.startswith(b"421 4.4.2")
    assert _closed_for("duration") == before + 1


def test_a_session_may_send_only_so_many_commands(sqlite_url, start_daemon):
    server = start_daemon(make_config(sqlite_url, smtp={"max_commands": 10}))
    with _connect(server.port) as sock:
        _read_reply(sock)  # the greeting counts as the first reply
        sock.sendall(b"NOOP\r\n" * 30)
        said = _closed(sock)

    replies = said.split(b"\r\n")
    assert [r[:3] for r in replies[:9]] == [b"250"] * 9
    assert replies[9].startswith(b"421 4.7.0")
    assert len([r for r in replies if r]) == 10


def test_an_ehlo_counts_as_one_command_however_many_lines_it_answers(
    sqlite_url, start_daemon
):
    """max_commands counts commands, not reply lines: with a cap of 4 the greeting
    and three whole EHLO replies are sent, then 421."""
    server = start_daemon(make_config(sqlite_url, smtp={"max_commands": 4}))
    before = _closed_for("commands")
    with _connect(server.port) as sock:
        _read_reply(sock)
        sock.sendall(b"EHLO mx.example.net\r\n" * 6)
        said = _closed(sock)

    lines = [line for line in said.split(b"\r\n") if line]
    assert said.count(b"250 HELP") == 3
    assert lines[-1].startswith(b"421 4.7.0")
    assert _closed_for("commands") == before + 1


def test_a_whole_bounce_takes_as_many_commands_as_it_sends(
    sqlite_url, sqlite_engine, start_daemon
):
    """HELO, MAIL, RCPT, DATA with the greeting are 5: a cap of 5 still gets the
    250 for the message (354 is not a command's final reply), then 421."""
    server = start_daemon(make_config(sqlite_url, smtp={"max_commands": 5}))
    with _connect(server.port) as sock:
        _read_reply(sock)
        for command in (b"HELO x\r\n", b"MAIL FROM:<>\r\n", f"RCPT TO:<{RCPT}>\r\n"):
            sock.sendall(command if isinstance(command, bytes) else command.encode())
            assert _read_reply(sock).startswith(b"250")
        sock.sendall(b"DATA\r\n")
        assert _read_reply(sock).startswith(b"354")
        sock.sendall(b"Subject: one\r\n\r\nbody\r\n.\r\n")
        said = _closed(sock)

    assert said.startswith(b"250 2.0.0")
    assert b"421 4.7.0" in said
    wait_for(spool_settled(sqlite_engine, 1))


# -- SMTP smuggling --------------------------------------------------------------

SMUGGLING_ENDS = [
    b"\n.\n",
    b"\r.\r",
    b"\n.\r\n",
    b"\r\n.\n",
    b"\r.\r\n",
    b"\n.\r",
    b"\r\n.\r",
    b"\r\n\x00.\r\n",
]


@pytest.mark.parametrize("fake_end", SMUGGLING_ENDS, ids=repr)
def test_bare_cr_or_lf_around_the_dot_never_ends_the_message(
    sqlite_url, sqlite_engine, start_daemon, fake_end
):
    """A second message hidden behind a non-CRLF end-of-data stays part of the
    first: one message stored, carrying the smuggled text."""
    server = start_daemon(make_config(sqlite_url))
    smuggled = (
        b"Subject: first\r\n\r\nhello"
        + fake_end
        + b"MAIL FROM:<>\r\nRCPT TO:<postmaster@bounces.example.com>\r\nDATA\r\n"
        + b"Subject: smuggled\r\n\r\nforged\r\n.\r\n"
    )
    with _connect(server.port) as sock:
        _read_reply(sock)
        sock.sendall(b"HELO x\r\nMAIL FROM:<>\r\n" + f"RCPT TO:<{RCPT}>\r\n".encode())
        said = b""
        while said.count(b"\r\n") < 3:
            said += sock.recv(4096)
        sock.sendall(b"DATA\r\n")
        assert _read_reply(sock).startswith(b"354")
        sock.sendall(smuggled)
        replies = _read_reply(sock)
        sock.sendall(b"QUIT\r\n")
        replies += _closed(sock)

    wait_for(spool_settled(sqlite_engine, 1))
    stored = _stored(sqlite_engine)
    assert len(stored) == 1
    assert b"Subject: smuggled" in stored[0]
    assert replies.count(b"250 2.0.0") == 1


# -- STARTTLS --------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-keyout", str(key), "-out", str(cert), "-days", "2",
            "-subj", "/CN=localhost",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


def _client_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def test_starttls_then_a_bounce_is_accepted(
    sqlite_url, sqlite_engine, start_daemon, certificate
):
    cert, key = certificate
    server = start_daemon(
        make_config(sqlite_url, smtp={"tls_cert": cert, "tls_key": key})
    )
    with smtplib.SMTP("127.0.0.1", server.port, timeout=30) as client:
        client.ehlo("mx.example.net")
        assert client.has_extn("starttls")
        client.starttls(context=_client_context())
        refused = client.sendmail("", [RCPT], dsn("alice@example.org", "5.1.1", 550))

    assert refused == {}
    wait_for(spool_settled(sqlite_engine, 1))


def test_require_tls_refuses_mail_before_starttls(
    sqlite_url, start_daemon, certificate
):
    cert, key = certificate
    server = start_daemon(
        make_config(
            sqlite_url, smtp={"tls_cert": cert, "tls_key": key, "require_tls": True}
        )
    )
    before = metrics.SMTP_REFUSED.labels("MAIL", "530")._value.get()
    with smtplib.SMTP("127.0.0.1", server.port, timeout=30) as client:
        client.ehlo("mx.example.net")
        plain_code, plain_text = client.mail("")
        client.starttls(context=_client_context())
        client.ehlo("mx.example.net")
        tls_code, _ = client.mail("")

    assert (plain_code, plain_text[:5]) == (530, b"5.7.0")
    assert tls_code == 250
    assert metrics.SMTP_REFUSED.labels("MAIL", "530")._value.get() == before + 1


def test_commands_pipelined_behind_starttls_are_not_run_after_the_upgrade(
    sqlite_url, start_daemon, certificate
):
    """CVE-2024-34083 class: plaintext injected after STARTTLS in the same packet
    must not be taken as if it came over TLS."""
    cert, key = certificate
    server = start_daemon(
        make_config(sqlite_url, smtp={"tls_cert": cert, "tls_key": key})
    )
    with _connect(server.port) as raw:
        _read_reply(raw)
        raw.sendall(b"EHLO x\r\n")
        _read_reply(raw)
        raw.sendall(b"STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\n")
        ready = b""
        while b"\r\n" not in ready:
            ready += raw.recv(1)  # byte by byte: leave nothing for TLS to eat
        assert ready.startswith(b"220")
        with _client_context().wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"EHLO x\r\n")
            _read_reply(tls)
            tls.sendall(f"RCPT TO:<{RCPT}>\r\n".encode())
            rcpt = _read_reply(tls)

    assert rcpt.startswith(b"503"), rcpt  # no MAIL in effect: the injection was dropped


@pytest.mark.parametrize(
    ("smtp", "key"),
    [
        ({"tls_cert": "/nonexistent/cert.pem", "tls_key": "/nonexistent/key.pem"},
         "smtp.tls_cert"),
        ({"tls_cert": "/nonexistent/cert.pem"}, "smtp.tls_key"),
        ({"require_tls": True}, "smtp.require_tls"),
    ],
)  # fmt: skip
def test_bad_tls_settings_name_the_key(tmp_path: Path, smtp, key):
    path = tmp_path / "bounced.toml"
    lines = [f"{k} = {v!r}".replace("True", "true") for k, v in smtp.items()]
    path.write_text("[smtp]\n" + "\n".join(lines).replace("'", '"') + "\n")
    with pytest.raises(ConfigError) as error:
        config_module.load(path, environ={})
    assert key in str(error.value)


# -- Disk nearly full ------------------------------------------------------------


def test_mail_is_refused_with_452_while_the_disk_is_nearly_full(
    sqlite_url, sqlite_engine, start_daemon, tmp_path
):
    """Below smtp.min_free_space the sender hears 452 at MAIL, before any data."""
    free = shutil.disk_usage(tmp_path).free
    server = start_daemon(
        make_config(
            sqlite_url,
            smtp={"min_free_space": free * 2, "free_space_path": str(tmp_path)},
        )
    )
    with smtplib.SMTP("127.0.0.1", server.port, timeout=30) as client:
        client.ehlo("mx.example.net")
        code, text = client.mail("")

    assert (code, text[:5]) == (452, b"4.3.1")
    assert _stored(sqlite_engine) == []


def test_a_free_space_path_that_is_no_directory_names_the_key(tmp_path):
    """A typo in free_space_path would silently turn the check off: refused."""
    with pytest.raises(ConfigError) as error:
        make_config("sqlite:///x.db", smtp={"free_space_path": str(tmp_path / "no")})
    assert "smtp.free_space_path: expected an existing directory" in str(error.value)


def test_the_sqlite_directory_is_measured_by_default(
    sqlite_url, sqlite_engine, start_daemon
):
    """With no free_space_path the SQLite file's own directory is measured."""
    server = start_daemon(make_config(sqlite_url, smtp={"min_free_space": 1 << 62}))
    with smtplib.SMTP("127.0.0.1", server.port, timeout=30) as client:
        client.ehlo("mx.example.net")
        code, _ = client.mail("")
    assert code == 452

    roomy = start_daemon(make_config(sqlite_url, smtp={"min_free_space": 1}))
    assert send(roomy.port, dsn("alice@example.org", "5.1.1", 550)) == {}


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 4 MiB tmpfs mounted for one test (root only), lazily unmounted after."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(path: Path) -> None:
    """Write zeros to `path` until the file system has no byte left."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 1 << 12, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError:
                    break
    finally:
        os.close(fd)


def test_a_disk_that_fills_before_the_commit_answers_452_never_250(
    sqlite_template, tiny_disk, start_daemon
):
    """The free-space check off, the disk full at COMMIT: SQLITE_FULL is a 452
    4.3.1 and nothing is stored; with room again the same bounce is taken."""
    database = tiny_disk / "bounced.db"
    shutil.copyfile(sqlite_template, database)
    url = f"sqlite:///{database}"
    server = start_daemon(
        make_config(url, smtp={"min_free_space": 0}, processor={"enabled": False})
    )
    bounce = dsn("alice@example.org", "5.1.1", 550, "x" * 300_000)
    _fill(tiny_disk / "filler")

    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(server.port, bounce)
    (tiny_disk / "filler").unlink()
    accepted = send(server.port, bounce)

    assert (refused.value.smtp_code, refused.value.smtp_error[:5]) == (452, b"4.3.1")
    assert accepted == {}
    engine = make_engine(url)
    try:
        assert _stored(engine) == [bounce]
    finally:
        engine.dispose()


@pytest.mark.parametrize("hostname", ["mx.exämple.net", "mx example", "mx\r\n250 x"])
def test_a_hostname_that_cannot_go_into_a_reply_names_the_key(hostname):
    """The host name is sent in every greeting and 421: plain ASCII only."""
    with pytest.raises(ConfigError) as error:
        make_config("sqlite:///x.db", smtp={"hostname": hostname})
    assert "smtp.hostname: expected a host name of ASCII" in str(error.value)


_FILE_LIMIT_CHILD = """
import resource, sys
from bounced.gate import raise_file_limit
soft, hard = int(sys.argv[1]), int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
returned = raise_file_limit(int(sys.argv[3]))
print(returned, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
"""


@pytest.mark.parametrize(
    ("soft", "hard", "wanted", "expected"),
    [(256, 4096, 2000, 2000), (256, 1024, 100_000, 1024), (3000, 4096, 2000, 3000)],
)
def test_the_open_files_limit_is_raised_as_far_as_the_hard_limit_allows(
    soft, hard, wanted, expected
):
    """In a child process (limits are per process): the soft limit rises to what
    the caps need, stops at the hard limit, and is never lowered."""
    done = subprocess.run(
        [sys.executable, "-c", _FILE_LIMIT_CHILD, str(soft), str(hard), str(wanted)],
        capture_output=True,
        check=True,
        text=True,
    )
    assert done.stdout.split() == [str(expected), str(expected)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served_on_uvloop(sqlite_url: str):
    """`bounced serve` in a child process: the uvloop event loop production runs
    on (the in-process daemon of the other tests runs on asyncio's own)."""
    port = _free_port()
    env = {
        **os.environ,
        "BOUNCED_DATABASE_URL": sqlite_url,
        "BOUNCED_SMTP_PORT": str(port),
        "BOUNCED_SMTP_BOUNCE_DOMAINS": "bounces.example.com",
        "BOUNCED_SMTP_SESSION_TIMEOUT": "500ms",
        "BOUNCED_SMTP_MAX_CONNECTIONS_PER_IP": "2",
        "BOUNCED_SMTP_MAX_COMMANDS": "3",
        "BOUNCED_PROCESSOR_ENABLED": "false",
        "BOUNCED_API_ENABLED": "false",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "bounced", "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )

    def greets() -> bool:
        try:
            # From 127.0.0.2: this probe must not hold a slot of the test's IP.
            probe = ("127.0.0.2", 0)
            with socket.create_connection(
                ("127.0.0.1", port), timeout=5, source_address=probe
            ) as sock:
                return _read_reply(sock).startswith(b"220 ")
        except OSError:
            assert child.poll() is None, child.stderr.read()  # type: ignore[union-attr]
            return False

    try:
        wait_for(greets, timeout=60)
        yield port
    finally:
        child.terminate()
        child.wait(30)
        child.stderr.close()  # type: ignore[union-attr]


def test_caps_and_deadlines_hold_on_uvloop(served_on_uvloop):
    """The idle deadline, the per-IP cap and the command cap each end with a 421
    under `bounced serve` too (uvloop's transports are no asyncio classes)."""
    port = served_on_uvloop
    with _connect(port) as idle, _connect(port) as busy:
        assert _read_reply(idle).startswith(b"220 ")
        assert _read_reply(busy).startswith(b"220 ")
        with _connect(port) as third:
            over_cap = _closed(third)
        busy.sendall(b"NOOP\r\nNOOP\r\nNOOP\r\nNOOP\r\n")
        over_commands = _closed(busy)
        timed_out = _closed(idle)

    assert over_cap.startswith(b"421 4.7.0")
    assert over_commands.split(b"\r\n")[2].startswith(b"421 4.7.0")
    assert timed_out.startswith(b"421 4.4.2")
