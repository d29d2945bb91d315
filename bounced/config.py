"""Configuration: a TOML file, then `BOUNCED_<SECTION>_<KEY>` environment overrides.

Each `[section]` is a frozen dataclass; `SECTIONS` lists them all. Validation
collects every problem before failing, and each problem names its key and what is
allowed, so an operator fixes a file in one pass (`bounced` exits 78, EX_CONFIG).
There is no global config object: the daemon passes each section to the part that
needs it.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
import re
import ssl
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Self

from bounced.errors import ConfigError
from bounced.reasons import Reason

# A check returns None when the value is fine, else what is allowed.
Check = Callable[[Any], str | None]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def _positive(value: Any) -> str | None:
    return None if value > 0 else "a number greater than 0"


def _non_negative(value: Any) -> str | None:
    return None if value >= 0 else "a number of 0 or more"


def _port(value: Any) -> str | None:
    return None if 0 <= value <= 65535 else "a TCP port from 0 to 65535"


def _lookup_connections(value: Any) -> str | None:
    return None if 1 <= value <= 100 else "a number of connections from 1 to 100"


def _one_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in allowed else "one of " + ", ".join(allowed)

    return check


def _database_url(value: Any) -> str | None:
    if value.startswith(("sqlite://", "postgresql://", "postgresql+psycopg://")):
        return None
    return "a sqlite:///PATH or postgresql://USER@HOST/DB URL"


def _domains(value: Any) -> str | None:
    if not value:
        return "at least one domain"
    bad = [d for d in value if not re.fullmatch(r"[a-z0-9.-]+\.?[a-z0-9-]*", d.lower())]
    return f"domain names (not {bad[0]!r})" if bad else None


def _hostname(value: Any) -> str | None:
    # It goes into every greeting and 421 unencoded: ASCII letters, digits, dots
    # and hyphens only (an IDN in its xn-- form), so no reply can fail to encode.
    ok = re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?", value)
    return None if ok else "a host name of ASCII letters, digits, dots and hyphens"


def _directory_or_empty(value: Any) -> str | None:
    if value == "" or Path(value).is_dir():
        return None
    return "an existing directory, or empty for the SQLite file's directory"


def setting(
    default: Any,
    *,
    check: Check | None = None,
    duration: bool = False,
    secret: bool = False,
) -> Any:
    """A config field with a default, an optional check, and duration parsing.

    A `secret` is left out of the section's repr, so logging a config never
    shows it.
    """
    meta = {"check": check, "duration": duration}
    if isinstance(default, list | dict):
        raise TypeError("use a tuple for list defaults")  # frozen means immutable
    return field(default=default, metadata=meta, repr=not secret)


@dataclass(frozen=True, slots=True, kw_only=True)
class SmtpConfig:
    """[smtp]: the listener that receives bounces."""

    host: str = setting("127.0.0.1")
    port: int = setting(2525, check=_port)
    hostname: str = setting("localhost", check=_hostname)
    bounce_domains: tuple[str, ...] = setting(("bounces.example.com",), check=_domains)
    max_message_size: int = setting(10 * 1024 * 1024, check=_positive)
    max_line_length: int = setting(1024 * 1024, check=_positive)
    session_timeout: float = setting(300.0, check=_positive, duration=True)
    data_timeout: float = setting(600.0, check=_positive, duration=True)
    max_session_duration: float = setting(1800.0, check=_positive, duration=True)
    max_commands: int = setting(1000, check=_positive)
    max_connections: int = setting(500, check=_positive)
    max_connections_per_ip: int = setting(50, check=_positive)
    min_free_space: int = setting(100 * 1024 * 1024, check=_non_negative)
    free_space_path: str = setting("", check=_directory_or_empty)
    tls_cert: str = setting("")
    tls_key: str = setting("")
    require_tls: bool = setting(False)


@dataclass(frozen=True, slots=True, kw_only=True)
class DatabaseConfig:
    """[database]: where the spool, events and suppressions live."""

    url: str = setting("sqlite:///var/bounced.db", check=_database_url)
    pool_size: int = setting(10, check=_positive)
    commit_batch_max: int = setting(512, check=_positive)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessorConfig:
    """[processor]: turning spooled messages into events and decisions."""

    enabled: bool = setting(True)
    workers: int = setting(0, check=_non_negative)  # 0: one per CPU core
    batch_size: int = setting(64, check=_positive)
    poll_interval: float = setting(1.0, check=_positive, duration=True)
    claim_timeout: float = setting(300.0, check=_positive, duration=True)
    parse_time_limit: float = setting(10.0, check=_positive, duration=True)
    max_attempts: int = setting(5, check=_positive)


def _secrets(value: Any) -> str | None:
    short = [s for s in value if len(s) < 16]
    return "secrets of at least 16 characters each" if short else None


def _prefix(value: Any) -> str | None:
    ok = re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value)
    return None if ok else "a lowercase local-part prefix without '+' or '='"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerpConfig:
    """[verp]: signed bounce addresses, so forged bounces cannot suppress anyone."""

    secrets: tuple[str, ...] = setting((), check=_secrets, secret=True)
    prefix: str = setting("b", check=_prefix)
    lifetime: float = setting(30 * 86400.0, check=_positive, duration=True)
    require_signed: bool = setting(False)


# Event types a webhook endpoint can subscribe to (notices.EventType values).
WEBHOOK_EVENTS = ("suppression.added", "complaint", "bounce.soft", "sender.alert")
# What each format sends when `events` is left empty; listmonk has no use for a
# sender alert (it is about a domain, not a subscriber).
WEBHOOK_DEFAULT_EVENTS = {
    "generic": ("suppression.added", "complaint", "sender.alert"),
    "listmonk": ("suppression.added", "complaint"),
}


def _url(value: Any) -> str | None:
    ok = re.fullmatch(r"https?://[^\s/?#]+[^\s]*", value)
    return None if ok else "an http:// or https:// URL"


def _endpoint_name(value: Any) -> str | None:
    ok = re.fullmatch(r"[a-z0-9][a-z0-9._-]{0,62}", value)
    return None if ok else "a lowercase name of up to 63 letters, digits, '.-_'"


def _webhook_events(value: Any) -> str | None:
    bad = [e for e in value if e not in WEBHOOK_EVENTS]
    return f"event types from {', '.join(WEBHOOK_EVENTS)}" if bad else None


def _optional_secret(value: Any) -> str | None:
    return None if value == "" or len(value) >= 16 else "at least 16 characters"


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookEndpoint:
    """One [[webhooks.endpoints]] table: where to POST which events, and how."""

    name: str = setting(MISSING, check=_endpoint_name)
    url: str = setting(MISSING, check=_url)
    format: str = setting("generic", check=_one_of("generic", "listmonk"))
    events: tuple[str, ...] = setting((), check=_webhook_events)
    secret: str = setting("", check=_optional_secret, secret=True)
    username: str = setting("")
    token: str = setting("", secret=True)

    @property
    def subscribed(self) -> tuple[str, ...]:
        """The event types this endpoint receives (the format's default if unset)."""
        return self.events or WEBHOOK_DEFAULT_EVENTS[self.format]

    def problems(self) -> list[str]:
        """What the format needs: a generic receiver can only trust a signed POST,
        and listmonk's /webhooks/bounce wants an API user and token (Basic auth)."""
        found = []
        if self.format == "generic" and not self.secret:
            found.append(
                "secret: expected a secret of at least 16 characters"
                " (generic webhooks are always signed)"
            )
        if self.format == "listmonk":
            found.extend(
                f"{name}: expected the listmonk API user and token"
                " (Basic auth on /webhooks/bounce)"
                for name in ("username", "token")
                if not getattr(self, name)
            )
            if "sender.alert" in self.events:
                found.append(
                    "events: expected no sender.alert for format listmonk"
                    " (listmonk records bounces of subscribers, not of domains)"
                )
        return found


def _endpoints(value: Any) -> str | None:
    names = [endpoint.name for endpoint in value]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    return f"unique names (not {duplicate!r} twice)" if duplicate else None


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhooksConfig:
    """[webhooks]: notify other systems of suppressions, complaints and alerts."""

    endpoints: tuple[WebhookEndpoint, ...] = setting((), check=_endpoints)
    deliver: bool = setting(True)
    timeout: float = setting(10.0, check=_positive, duration=True)
    poll_interval: float = setting(1.0, check=_positive, duration=True)
    batch_size: int = setting(50, check=_positive)
    claim_timeout: float = setting(120.0, check=_positive, duration=True)
    initial_backoff: float = setting(30.0, check=_positive, duration=True)
    max_backoff: float = setting(3600.0, check=_positive, duration=True)
    give_up_after: float = setting(3 * 86400.0, check=_positive, duration=True)


# Reasons a [policy] list may name: every failure reason. Complaints, deliveries
# and auto-replies have rules of their own and are not failures.
_NOT_FAILURES = frozenset({Reason.FEEDBACK, Reason.DELIVERED, Reason.VACATION})
FAILURE_REASONS = tuple(r.value for r in Reason if r not in _NOT_FAILURES)


def _reasons(value: Any) -> str | None:
    bad = [r for r in value if r not in FAILURE_REASONS]
    if bad:
        return f"failure reasons (not {bad[0]!r}): " + ", ".join(FAILURE_REASONS)
    return None


def _expiries(value: Any) -> str | None:
    """Each entry is KEY=DURATION, KEY a failure reason, feedback or soft_threshold."""
    allowed = (
        'entries such as "mailboxfull=30d", keyed by a failure reason, '
        '"feedback" or "soft_threshold"'
    )
    for entry in value:
        key, sep, duration = entry.partition("=")
        keys = (*FAILURE_REASONS, "feedback", "soft_threshold")
        if not sep or key.strip() not in keys or _duration(duration)[1] is not None:
            return allowed
    return None


def expiry_table(entries: tuple[str, ...]) -> dict[str, float]:
    """`[policy] expire_after` as {key: seconds} (entries already checked)."""
    table = {}
    for entry in entries:
        key, _, duration = entry.partition("=")
        seconds, _ = _duration(duration)
        if seconds is not None:
            table[key.strip()] = seconds
    return table


def _schedule(value: Any) -> str | None:
    return None if value and min(value) > 0 else "at least one duration above 0"


def _optional_url(value: Any) -> str | None:
    ok = value == "" or re.match(r"^https?://[^\s/]+", value)
    return None if ok else "an http:// or https:// URL, or empty"


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyConfig:
    """[policy]: what a bounce, a complaint or a run of soft bounces does."""

    suppress_reasons: tuple[str, ...] = setting(
        (
            "userunknown",
            "hostunknown",
            "hasmoved",
            "notaccept",
            "suspend",
            "mailboxfull",
            "filtered",
            "suppressed",
            "undefined",
        ),
        check=_reasons,
    )
    sender_reasons: tuple[str, ...] = setting(
        (
            "blocked",
            "badreputation",
            "requireptr",
            "authfailure",
            "rejected",
            "spamdetected",
            "norelaying",
            "securityerror",
            "failedstarttls",
        ),
        check=_reasons,
    )
    soft_bounce_threshold: int = setting(3, check=_positive)
    soft_bounce_window: float = setting(30 * 86400.0, check=_positive, duration=True)
    complaint_types: tuple[str, ...] = setting(("abuse", "fraud"))
    complaint_scope: str = setting("list", check=_one_of("list", "global"))
    bounce_scope: str = setting("global", check=_one_of("global", "list"))
    expire_after: tuple[str, ...] = setting(("mailboxfull=30d",), check=_expiries)
    alert_window: float = setting(7 * 86400.0, check=_positive, duration=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryConfig:
    """[retry]: when transient failures are tried again, how fast, and by whom."""

    dispatcher: str = setting("pull", check=_one_of("none", "pull", "webhook", "relay"))
    schedule: tuple[float, ...] = setting(
        (900.0, 3600.0, 14400.0, 43200.0, 86400.0),
        check=_schedule,
        duration=True,
    )
    lifetime: float = setting(72 * 3600.0, check=_positive, duration=True)
    tick_interval: float = setting(10.0, check=_positive, duration=True)
    claim_timeout: float = setting(300.0, check=_positive, duration=True)
    batch_initial: int = setting(20, check=_positive)
    batch_min: int = setting(1, check=_positive)
    batch_max: int = setting(200, check=_positive)
    batch_step: int = setting(5, check=_positive)
    min_gap: float = setting(60.0, check=_non_negative, duration=True)
    max_gap: float = setting(3600.0, check=_non_negative, duration=True)
    handoff_retry: float = setting(60.0, check=_positive, duration=True)
    relay_host: str = setting("127.0.0.1")
    relay_port: int = setting(25, check=_port)
    relay_starttls: bool = setting(False)
    relay_username: str = setting("")
    relay_password: str = setting("", secret=True)
    relay_timeout: float = setting(30.0, check=_positive, duration=True)
    webhook_url: str = setting("", check=_optional_url)
    webhook_secret: str = setting("", secret=True)
    webhook_timeout: float = setting(10.0, check=_positive, duration=True)
    pull_lease: float = setting(300.0, check=_positive, duration=True)


def _tokens(value: Any) -> str | None:
    # Printable ASCII without spaces: what fits in an Authorization header as is.
    bad = [t for t in value if not re.fullmatch(r"[\x21-\x7e]{16,}", t)]
    return (
        "tokens of at least 16 printable ASCII characters, no spaces" if bad else None
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiConfig:
    """[api]: the HTTP API the newsletter system queries (bounced/api/)."""

    enabled: bool = setting(True)
    host: str = setting("127.0.0.1")
    port: int = setting(8025, check=_port)
    read_tokens: tuple[str, ...] = setting((), check=_tokens, secret=True)
    admin_tokens: tuple[str, ...] = setting((), check=_tokens, secret=True)
    public_metrics: bool = setting(False)
    max_request_size: int = setting(64 * 1024 * 1024, check=_positive)
    max_check_addresses: int = setting(100_000, check=_positive)
    max_connections: int = setting(200, check=_positive)
    # PostgreSQL connections of the single-address check, run on the event loop
    # (bounced/store/lookup.py); on top of [database] pool_size.
    lookup_connections: int = setting(4, check=_lookup_connections)

    @property
    def open(self) -> bool:
        """No tokens: every request is allowed (only ever on a loopback address)."""
        return not self.read_tokens and not self.admin_tokens


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1; host names other than localhost
    may resolve anywhere and count as not loopback."""
    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def api_problems(api: ApiConfig) -> list[str]:
    """An API reachable from other hosts must require a token."""
    if api.enabled and api.open and not is_loopback(api.host):
        return [
            "api.admin_tokens: expected at least one token in api.read_tokens or"
            f" api.admin_tokens when api.host ({api.host}) is not a loopback address"
        ]
    return []


@dataclass(frozen=True, slots=True, kw_only=True)
class PrivacyConfig:
    """[privacy]: how long raw bounces are kept, and how forgotten addresses stay
    suppressed."""

    raw_retention: float = setting(30 * 86400.0, check=_non_negative, duration=True)
    purge_interval: float = setting(3600.0, check=_positive, duration=True)
    tombstone_key: str = setting("", secret=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class LoggingConfig:
    """[logging]: where and how much the daemon says."""

    level: str = setting("INFO", check=_one_of("DEBUG", "INFO", "WARNING", "ERROR"))

    @property
    def level_number(self) -> int:
        return {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40}[self.level]


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """The whole configuration, one attribute per section."""

    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    processor: ProcessorConfig = field(default_factory=ProcessorConfig)
    verp: VerpConfig = field(default_factory=VerpConfig)
    webhooks: WebhooksConfig = field(default_factory=WebhooksConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    retry: RetryConfig = field(default_factory=RetryConfig)
    api: ApiConfig = field(default_factory=ApiConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)

    def with_overrides(self, **sections: Mapping[str, Any]) -> Self:
        """A copy with some keys changed; used by tests and the CLI."""
        problems: list[str] = []
        changed = {}
        for name, values in sections.items():
            current = getattr(self, name)
            raw = {f.name: getattr(current, f.name) for f in fields(current)}
            raw.update(values)
            changed[name] = _build(SECTIONS[name], name, raw, problems)
        if not problems:
            problems.extend(_cross_checks(replace(self, **changed)))
        if problems:
            raise ConfigError(problems)
        return replace(self, **changed)


# Every section, in file order. The example file and the loader follow this.
SECTIONS: dict[str, type] = {
    "smtp": SmtpConfig,
    "database": DatabaseConfig,
    "processor": ProcessorConfig,
    "verp": VerpConfig,
    "webhooks": WebhooksConfig,
    "policy": PolicyConfig,
    "retry": RetryConfig,
    "api": ApiConfig,
    "privacy": PrivacyConfig,
    "logging": LoggingConfig,
}


def load(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read the TOML file (if any), apply environment overrides, validate all."""
    problems: list[str] = []
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([f"{path}: no such file"]) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
    for name in data:
        if name not in SECTIONS:
            problems.append(
                f"[{name}]: unknown section; allowed: {', '.join(SECTIONS)}"
            )
    _apply_environment(data, os.environ if environ is None else environ, problems)
    sections = {}
    for name, cls in SECTIONS.items():
        table = data.get(name, {})
        if not isinstance(table, dict):
            problems.append(f"{name}: expected a [{name}] table")
            table = {}
        sections[name] = _build(cls, name, table, problems)
    if not problems:
        problems.extend(_cross_checks(Config(**sections)))
    if problems:
        raise ConfigError(problems)
    return Config(**sections)


def _cross_checks(config: Config) -> list[str]:
    """Problems that involve more than one key (each still names the key to fix)."""
    problems = []
    verp, policy, retry = config.verp, config.policy, config.retry
    if verp.require_signed and not verp.secrets:
        problems.append(
            "verp.require_signed: expected false unless verp.secrets is set"
        )
    both = sorted(set(policy.suppress_reasons) & set(policy.sender_reasons))
    if both:
        problems.append(
            "policy.sender_reasons: expected reasons not also in"
            f" policy.suppress_reasons, got {', '.join(both)}"
        )
    if not retry.batch_min <= retry.batch_initial <= retry.batch_max:
        problems.append(
            "retry.batch_initial: expected a size from retry.batch_min"
            f" ({retry.batch_min}) to retry.batch_max ({retry.batch_max}),"
            f" got {retry.batch_initial}"
        )
    if retry.min_gap > retry.max_gap:
        problems.append(
            f"retry.max_gap: expected at least retry.min_gap ({retry.min_gap:g}s),"
            f" got {retry.max_gap:g}s"
        )
    if retry.dispatcher == "webhook" and not retry.webhook_url:
        problems.append(
            "retry.webhook_url: expected a URL when retry.dispatcher is webhook"
        )
    if retry.dispatcher == "relay" and not verp.secrets:
        # A relayed message goes out from a freshly signed VERP address, so that
        # its own bounce is believed (DESIGN.md step 7): no secrets, no relay.
        problems.append(
            "retry.dispatcher: relay needs verp.secrets (relayed messages go out"
            " from a signed VERP address)"
        )
    problems.extend(tls_problems(config.smtp))
    problems.extend(api_problems(config.api))
    return problems


def tls_problems(smtp: SmtpConfig) -> list[str]:
    """STARTTLS needs a certificate and key that load; require_tls needs both."""
    if bool(smtp.tls_cert) != bool(smtp.tls_key):
        missing = "smtp.tls_key" if smtp.tls_cert else "smtp.tls_cert"
        return [f"{missing}: expected a PEM file path when the other TLS key is set"]
    if not smtp.tls_cert:
        if smtp.require_tls:
            return ["smtp.require_tls: expected false unless smtp.tls_cert is set"]
        return []
    try:
        make_tls_context(smtp)
    except (OSError, ssl.SSLError) as error:
        return [
            "smtp.tls_cert: expected a readable PEM certificate and smtp.tls_key"
            f" its private key ({error})"
        ]
    return []


def make_tls_context(smtp: SmtpConfig) -> ssl.SSLContext:
    """The server context STARTTLS upgrades with (TLS 1.2 or newer)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(smtp.tls_cert, smtp.tls_key)
    return context


def _apply_environment(
    data: dict[str, Any], environ: Mapping[str, str], problems: list[str]
) -> None:
    """BOUNCED_DATABASE_URL=... sets [database] url; values are parsed per type."""
    for var, text in environ.items():
        if not var.startswith("BOUNCED_") or var == "BOUNCED_CONFIG":
            continue
        rest = var.removeprefix("BOUNCED_").lower()
        section, _, key = rest.partition("_")
        cls = SECTIONS.get(section)
        if cls is None or key not in {f.name for f in fields(cls)}:
            problems.append(f"{var}: no such setting")
            continue
        table = data.setdefault(section, {})
        if isinstance(table, dict):
            table[key] = _EnvText(text)


class _EnvText(str):
    """A value from the environment: parsed to the field's type, not taken as is."""

    __slots__ = ()


def _build(
    cls: type, section: str, table: Mapping[str, Any], problems: list[str]
) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    for key in table:
        if key not in known:
            problems.append(
                f"{section}.{key}: unknown key; allowed: {', '.join(sorted(known))}"
            )
    values = {}
    for name, spec in known.items():
        key = f"{section}.{name}"
        if name not in table:
            if spec.default is MISSING:
                problems.append(f"{key}: required")
            continue
        item = _table_item(hints[name])
        if item is not None:
            value, problem = _tables(table[name], item, key, problems)
        else:
            value, problem = _coerce(table[name], hints[name], spec.metadata)
        if problem is None:
            check = spec.metadata.get("check")
            problem = check(value) if check and value is not None else None
        if problem == "":
            continue
        if problem is not None:
            shown = "(hidden)" if _is_secret(name) else _show(table[name])
            problems.append(f"{key}: expected {problem}, got {shown}")
            continue
        values[name] = value
    required = {n for n, f in known.items() if f.default is MISSING}
    if not required <= set(values):
        return None  # each missing or bad required key is already a problem
    built = cls(**values)
    # Checks across keys of one table (e.g. WebhookEndpoint: format needs secret).
    across = getattr(built, "problems", None)
    if callable(across):
        problems.extend(f"{section}.{problem}" for problem in across())
    return built


def _table_item(hint: Any) -> type | None:
    """The dataclass of a `tuple[SomeTable, ...]` field (an array of tables)."""
    if typing.get_origin(hint) is not tuple:
        return None
    item = typing.get_args(hint)[0]
    return item if isinstance(item, type) and dataclasses.is_dataclass(item) else None


def _tables(
    value: Any, cls: type, key: str, problems: list[str]
) -> tuple[Any, str | None]:
    """An array of tables ([[webhooks.endpoints]]); from the environment, JSON.

    Each table's problems are reported under `key[index].field`; the array itself
    only fails when it is not an array of tables.
    """
    if isinstance(value, _EnvText):
        try:
            value = json.loads(value)
        except ValueError:
            return None, "a JSON array of objects"
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, dict | cls) for v in value
    ):
        return None, "an array of tables ([[...]] in TOML)"
    before = len(problems)
    built = tuple(
        table
        if isinstance(table, cls)  # already built: Config.with_overrides()
        else _build(cls, f"{key}[{index}]", table, problems)
        for index, table in enumerate(value)
    )
    if len(problems) > before:
        return None, ""  # already reported, field by field
    return built, None


def _coerce(value: Any, hint: Any, meta: Mapping[str, Any]) -> tuple[Any, str | None]:
    """Turn a TOML or environment value into the field's type, or say what fits."""
    duration = bool(meta.get("duration"))
    optional = isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)
    if optional:
        if value is None or (isinstance(value, _EnvText) and value == ""):
            return None, None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item,) = typing.get_args(hint)[:1]
        if isinstance(value, _EnvText):
            value = [part.strip() for part in value.split(",") if part.strip()]
        # with_overrides() hands back the current value, a tuple, for keys it
        # does not change.
        if not isinstance(value, list | tuple):
            return None, "a list"
        items = []
        for element in value:
            coerced, problem = _coerce(element, item, meta)
            if problem is not None:
                return None, f"a list of {problem}"
            items.append(coerced)
        return tuple(items), None
    if duration:
        return _duration(value)
    if hint is bool:
        if isinstance(value, _EnvText):
            lowered = value.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True, None
            if lowered in {"0", "false", "no", "off"}:
                return False, None
        return (value, None) if isinstance(value, bool) else (None, "true or false")
    if hint is int:
        if isinstance(value, _EnvText):
            try:
                return int(value), None
            except ValueError:
                return None, "an integer"
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, None) if ok else (None, "an integer")
    if hint is float:
        if isinstance(value, _EnvText):
            try:
                return float(value), None
            except ValueError:
                return None, "a number"
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return (float(value), None) if ok else (None, "a number")
    if hint is str:
        return (str(value), None) if isinstance(value, str) else (None, "a string")
    raise TypeError(f"unsupported config type {hint!r}")  # a bug in a section class


def _duration(value: Any) -> tuple[float | None, str | None]:
    """Seconds from 90, 2.5, "90s", "15m", "4h" or "30d"."""
    allowed = 'a duration such as 30, "90s", "15m", "4h" or "30d"'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), None
    if isinstance(value, str):
        match = _DURATION.match(value)
        if match:
            return float(match[1]) * _UNIT_SECONDS[match[2]], None
    return None, allowed


def _is_secret(name: str) -> bool:
    """Keys whose values must not be echoed into logs and terminals."""
    return any(word in name for word in ("secret", "token", "password"))


def _show(value: Any) -> str:
    text = repr(str(value)) if isinstance(value, _EnvText) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def config_path_from_environment(
    environ: Mapping[str, str] | None = None,
) -> Path | None:
    """The file named by BOUNCED_CONFIG, if set."""
    value = (os.environ if environ is None else environ).get("BOUNCED_CONFIG")
    return Path(value) if value else None
