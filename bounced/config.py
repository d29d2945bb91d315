"""Configuration: a TOML file, then `BOUNCED_<SECTION>_<KEY>` environment overrides.

Each `[section]` is a frozen dataclass; `SECTIONS` lists them all. Validation
collects every problem before failing, and each problem names its key and what is
allowed, so an operator fixes a file in one pass (`bounced` exits 78, EX_CONFIG).
There is no global config object: the daemon passes each section to the part that
needs it.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Self

from bounced.errors import ConfigError

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
    hostname: str = setting("localhost")
    bounce_domains: tuple[str, ...] = setting(("bounces.example.com",), check=_domains)
    max_message_size: int = setting(10 * 1024 * 1024, check=_positive)
    max_line_length: int = setting(1024 * 1024, check=_positive)
    session_timeout: float = setting(300.0, check=_positive, duration=True)


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

    secrets: tuple[str, ...] = setting((), check=_secrets)
    prefix: str = setting("b", check=_prefix)
    lifetime: float = setting(30 * 86400.0, check=_positive, duration=True)
    require_signed: bool = setting(False)


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
    api: ApiConfig = field(default_factory=ApiConfig)
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
        if problems:
            raise ConfigError(problems)
        return replace(self, **changed)


# Every section, in file order. The example file and the loader follow this.
SECTIONS: dict[str, type] = {
    "smtp": SmtpConfig,
    "database": DatabaseConfig,
    "processor": ProcessorConfig,
    "verp": VerpConfig,
    "api": ApiConfig,
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
    verp = sections["verp"]
    if verp.require_signed and not verp.secrets:
        problems.append(
            "verp.require_signed: expected false unless verp.secrets is set"
        )
    problems.extend(api_problems(sections["api"]))
    if problems:
        raise ConfigError(problems)
    return Config(**sections)


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
        value, problem = _coerce(table[name], hints[name], spec.metadata)
        if problem is None:
            check = spec.metadata.get("check")
            problem = check(value) if check and value is not None else None
        if problem is not None:
            problems.append(f"{key}: expected {problem}, got {_show(table[name])}")
            continue
        values[name] = value
    return cls(**values)


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
        elif isinstance(value, tuple):  # a current value, in with_overrides()
            value = list(value)
        if not isinstance(value, list):
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


def _show(value: Any) -> str:
    text = repr(str(value)) if isinstance(value, _EnvText) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def config_path_from_environment(
    environ: Mapping[str, str] | None = None,
) -> Path | None:
    """The file named by BOUNCED_CONFIG, if set."""
    value = (os.environ if environ is None else environ).get("BOUNCED_CONFIG")
    return Path(value) if value else None
