"""`bounced doctor`: check an installation the way an operator would, in one go.

Each check answers ok, warn or fail with one line saying what it saw and what to
do. Nothing here changes anything: the database is only read, the SMTP port is
only probed (a bind that succeeds is closed at once), DNS is only asked. Every
check is bounded in time and catches its own failures, so an offline machine
or a dead database gives a clear line, not a traceback.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import dns.exception
import dns.resolver
from sqlalchemy import text
from sqlalchemy.engine import Engine

from bounced.config import Config
from bounced.store import migrate, outbox
from bounced.store.engine import make_engine, normalize_url, sqlite_path
from bounced.store.outcomes import spool_counts

OK, WARN, FAIL = "ok", "warn", "fail"
TIMEOUT = 3.0  # seconds, for each network probe
SPOOL_LAG = timedelta(minutes=15)  # oldest unprocessed message older: warn
OUTBOX_LAG = timedelta(hours=1)  # oldest undelivered notice older: warn

FORGED_BOUNCES = (
    "anyone who can send mail to the bounce domain can forge a bounce that"
    " suppresses any subscriber"
)
# RFC 2606 / RFC 6761 names that can never be a real bounce domain.
_PLACEHOLDERS = (".example", ".test", ".invalid", ".localhost", "example.com")


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: str  # ok, warn, fail
    detail: str


def overall(checks: list[Check]) -> str:
    """fail if any check failed, else warn if any warned, else ok."""
    statuses = {check.status for check in checks}
    return FAIL if FAIL in statuses else WARN if WARN in statuses else OK


def exit_code(checks: list[Check]) -> int:
    """0 all ok, 1 warnings, 2 failures."""
    return {OK: 0, WARN: 1, FAIL: 2}[overall(checks)]


def run(
    config: Config,
    *,
    now: datetime,
    resolver: dns.resolver.Resolver | None = None,
) -> list[Check]:
    """Every check, in the order an operator fixes things."""
    checks = check_database(config, now)
    checks.append(check_signing(config))
    checks.append(check_smtp(config.smtp.host, config.smtp.port))
    checks.extend(check_dns(config.smtp.bounce_domains, resolver))
    checks.append(check_api(config))
    checks.extend(check_webhook_urls(config))
    return checks


# -- database ------------------------------------------------------------------


def check_database(config: Config, now: datetime) -> list[Check]:
    """Reachable and migrated; then the spool backlog and the webhook outbox."""
    url = config.database.url
    shown = normalize_url(url).render_as_string(hide_password=True)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return [
            Check(
                "database",
                FAIL,
                f"{shown}: file does not exist; run `bounced db upgrade`",
            )
        ]
    engine = make_engine(_with_connect_timeout(url), pool_size=1)
    try:
        try:
            with engine.connect().execution_options(readonly=True) as connection:
                connection.execute(text("SELECT 1"))
            current = migrate.current_revision(engine)
        except Exception as exc:  # noqa: BLE001 - doctor boundary: report, go on
            return [Check("database", FAIL, f"{shown}: unreachable: {_brief(exc)}")]
        head = migrate.head_revision()
        if current != head:
            found = current or "empty"
            return [
                Check(
                    "database",
                    FAIL,
                    f"{shown}: at revision {found}, the code needs {head};"
                    " run `bounced db upgrade`",
                )
            ]
        checks = [Check("database", OK, f"{shown}: reachable, at revision {head}")]
        checks.append(_guarded("spool", lambda: _spool(engine, now)))
        checks.append(_guarded("webhooks", lambda: _outbox(engine, config, now)))
        return checks
    finally:
        engine.dispose()


def _spool(engine: Engine, now: datetime) -> Check:
    counts = spool_counts(engine)
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    summary = summary or "empty"
    problems = []
    oldest = _oldest_new(engine)
    if oldest is not None and now - oldest > SPOOL_LAG:
        minutes = int((now - oldest).total_seconds() // 60)
        problems.append(
            f"the oldest unprocessed message has waited {minutes} min:"
            " is a daemon with [processor] enabled running?"
        )
    stuck = counts.get("quarantined", 0) + counts.get("failed", 0)
    if stuck:
        problems.append(
            f"{stuck} message(s) quarantined or failed:"
            " `bounced reprocess` after fixing the cause"
        )
    if problems:
        return Check("spool", WARN, f"{summary}; " + "; ".join(problems))
    return Check("spool", OK, summary)


def _oldest_new(engine: Engine) -> datetime | None:
    from sqlalchemy import func, select

    from bounced.store.schema import InboundMessage

    with engine.connect().execution_options(readonly=True) as connection:
        return connection.scalar(
            select(func.min(InboundMessage.received_at)).where(
                InboundMessage.state == "new"
            )
        )


def _outbox(engine: Engine, config: Config, now: datetime) -> Check:
    endpoints = config.webhooks.endpoints
    counts = outbox.counts(engine)
    if not endpoints and not counts:
        return Check("webhooks", OK, "no endpoints configured")
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    summary = f"{len(endpoints)} endpoint(s); notices: {summary or 'none yet'}"
    problems = []
    if counts.get("failed"):
        problems.append(f"{counts['failed']} notice(s) failed for good (see the log)")
    oldest = outbox.oldest_pending(engine)
    if oldest is not None and now - oldest > OUTBOX_LAG:
        hours = (now - oldest).total_seconds() / 3600
        problems.append(f"the oldest undelivered notice is {hours:.1f} h old")
    if not config.webhooks.deliver:
        problems.append("deliver = false: another daemon must deliver them")
    if problems:
        return Check("webhooks", WARN, f"{summary}; " + "; ".join(problems))
    return Check("webhooks", OK, summary)


def _with_connect_timeout(url: str) -> str:
    """PostgreSQL waits for an unreachable host for minutes unless told not to."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() != "postgresql" or "connect_timeout" in parsed.query:
        return url
    parsed = parsed.update_query_dict({"connect_timeout": str(int(TIMEOUT))})
    return parsed.render_as_string(hide_password=False)


# -- signing -------------------------------------------------------------------


def check_signing(config: Config) -> Check:
    verp = config.verp
    if not verp.secrets:
        return Check(
            "signing",
            WARN,
            f"off: {FORGED_BOUNCES}; set [verp] secrets and require_signed = true",
        )
    if not verp.require_signed:
        return Check(
            "signing",
            WARN,
            "secrets set but require_signed = false: unsigned bounces are still"
            f" believed, so {FORGED_BOUNCES}",
        )
    return Check(
        "signing",
        OK,
        f"on: {len(verp.secrets)} secret(s); only validly signed bounce addresses"
        " are accepted and acted on",
    )


# -- SMTP ----------------------------------------------------------------------


def check_smtp(host: str, port: int) -> Check:
    """Is our daemon answering on the port, or could it bind it?"""
    where = f"{host}:{port}"
    if port == 0:
        return Check("smtp", OK, f"{where}: port 0, the system picks one (tests)")
    # A wildcard bind is probed on loopback.
    wildcard = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}  # noqa: S104
    target = wildcard.get(host, host)
    try:
        with socket.create_connection((target, port), timeout=TIMEOUT) as probe:
            banner = probe.recv(512).decode("ascii", "replace").strip()
    except TimeoutError:
        return Check("smtp", FAIL, f"{where}: connected but no greeting within 3s")
    except OSError as exc:
        if exc.errno != errno.ECONNREFUSED:
            return Check("smtp", FAIL, f"{where}: cannot connect: {exc.strerror}")
        return _bindable(host, port)
    first = banner.splitlines()[0][:120] if banner else "(nothing)"
    if not banner.startswith("220"):
        return Check(
            "smtp", FAIL, f"{where}: something that is not SMTP listens: {first!r}"
        )
    return Check("smtp", OK, f"{where}: listening: {first}")


def _bindable(host: str, port: int) -> Check:
    where = f"{host}:{port}"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as trial:
            trial.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            trial.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EACCES:
            return Check(
                "smtp",
                WARN,
                f"{where}: nothing listening, and this user may not bind it:"
                " the daemon needs CAP_NET_BIND_SERVICE for ports below 1024"
                " (deploy/systemd/bounced.service grants it)",
            )
        if exc.errno == errno.EADDRNOTAVAIL:
            return Check("smtp", FAIL, f"{where}: {host} is not an address here")
        return Check("smtp", FAIL, f"{where}: cannot bind: {exc.strerror}")
    return Check(
        "smtp",
        WARN,
        f"{where}: nothing listening (is `bounced serve` running?); the port is free",
    )


# -- DNS -----------------------------------------------------------------------


def check_dns(
    domains: tuple[str, ...], resolver: dns.resolver.Resolver | None
) -> list[Check]:
    """Each bounce domain's MX, and the addresses of its hosts."""
    if resolver is None:
        try:
            resolver = dns.resolver.Resolver()  # /etc/resolv.conf
        except dns.resolver.NoResolverConfiguration:
            return [
                Check(f"dns {d}", WARN, "could not resolve: no DNS resolver configured")
                for d in domains
            ]
        resolver.lifetime = TIMEOUT
    bound = resolver
    return [_guarded(f"dns {d}", partial(_mx, d, bound)) for d in domains]


def _mx(domain: str, resolver: dns.resolver.Resolver) -> Check:
    name = f"dns {domain}"
    if domain == "example.com" or domain.endswith(_PLACEHOLDERS):
        return Check(
            name,
            WARN,
            "a placeholder domain (RFC 2606): set smtp.bounce_domains to yours",
        )
    try:
        answer = resolver.resolve(domain, "MX")
    except dns.resolver.NXDOMAIN:
        return Check(name, WARN, "no such domain in DNS: add an MX record for it")
    except dns.resolver.NoAnswer:
        return Check(
            name,
            WARN,
            "no MX record: add one naming this host (mail would fall back to the"
            " domain's A record, RFC 5321 §5.1)",
        )
    except (dns.exception.Timeout, dns.resolver.NoNameservers) as exc:
        return Check(name, WARN, f"could not resolve ({type(exc).__name__}): offline?")
    hosts = []
    for record in sorted(answer, key=lambda r: r.preference):
        host = record.exchange.to_text().rstrip(".")
        hosts.append(f"{record.preference} {host} ({_addresses(host)})")
    return Check(name, OK, "MX " + ", ".join(hosts))


def _addresses(host: str) -> str:
    try:
        infos = socket.getaddrinfo(host, 25, proto=socket.IPPROTO_TCP)
    except OSError:
        return "no address"
    return " ".join(sorted({str(info[4][0]) for info in infos}))


# -- API and webhook endpoints --------------------------------------------------


def check_api(config: Config) -> Check:
    """The HTTP API must not be open to anyone who can reach it.

    Reads the [api] section by name (read_tokens, admin_tokens, host, port), so
    the check works on builds with and without the API.
    """
    api: Any = getattr(config, "api", None)
    if api is None:
        return Check("api", OK, "no HTTP API in this build")
    if not getattr(api, "enabled", True):
        return Check("api", OK, "HTTP API off")
    where = f"{getattr(api, 'host', '?')}:{getattr(api, 'port', '?')}"
    read = tuple(getattr(api, "read_tokens", ()) or ())
    admin = tuple(getattr(api, "admin_tokens", ()) or ())
    if not read and not admin:
        status = WARN if _is_local(str(getattr(api, "host", ""))) else FAIL
        return Check(
            "api",
            status,
            f"HTTP API on {where} without tokens: whoever reaches it can read and"
            " change the suppression list; set [api] read_tokens and admin_tokens",
        )
    return Check(
        "api",
        OK,
        f"HTTP API on {where}, {len(read)} read and {len(admin)} admin token(s)",
    )


def check_webhook_urls(config: Config) -> list[Check]:
    """Credentials and notices to a plain-HTTP URL off this host travel in clear."""
    checks = []
    for endpoint in config.webhooks.endpoints:
        parts = urlsplit(endpoint.url)
        if parts.scheme == "http" and not _is_local(parts.hostname or ""):
            checks.append(
                Check(
                    f"webhook {endpoint.name}",
                    WARN,
                    f"plain http:// to {parts.hostname}: the notices (and a listmonk"
                    " token) can be read on the way; use https://",
                )
            )
    return checks


def _is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded(name: str, check: Callable[[], Check]) -> Check:
    try:
        return check()
    except Exception as exc:  # noqa: BLE001 - doctor boundary: one line per check
        return Check(name, FAIL, f"check failed: {_brief(exc)}")


def _brief(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return f"{type(original).__name__}: {lines[0][:200] if lines else ''}"
