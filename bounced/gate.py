"""Connection admission: caps on open SMTP sessions, in total and per client.

aiosmtpd accepts every connection it is offered. On the open internet one host
(or one botnet) opening thousands of idle sockets would exhaust file descriptors
and starve the real MTAs that are trying to hand us bounces, so every session
asks the gate first and is turned away with a 421 when over a cap. IPv6 clients
are counted per /64: one host is routinely handed a whole /64, so per-address
counting would not bound it at all.
"""

from __future__ import annotations

import ipaddress
import logging
import resource

log = logging.getLogger(__name__)

IPV6_PREFIX = 64


class ConnectionGate:
    """Counts open sessions; `enter` says whether one more may open."""

    def __init__(self, *, max_total: int, max_per_client: int) -> None:
        self._max_total = max_total
        self._max_per_client = max_per_client
        self._total = 0
        self._per_client: dict[str, int] = {}

    @property
    def open(self) -> int:
        """How many sessions hold a slot now."""
        return self._total

    def enter(self, host: str) -> str | None:
        """Take a slot for a client at `host`; None when admitted, else why not."""
        if self._total >= self._max_total:
            return "total"
        key = client_key(host)
        held = self._per_client.get(key, 0)
        if held >= self._max_per_client:
            return "client"
        self._per_client[key] = held + 1
        self._total += 1
        return None

    def leave(self, host: str) -> None:
        """Give back the slot taken by `enter` for `host`."""
        key = client_key(host)
        held = self._per_client.get(key, 0)
        if held <= 1:
            self._per_client.pop(key, None)
        else:
            self._per_client[key] = held - 1
        self._total = max(0, self._total - 1)


def client_key(host: str) -> str:
    """The unit a client is counted in: its IPv4 address, or its IPv6 /64."""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host  # a UNIX socket path or similar: counted as itself
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped
        if mapped is not None:
            return str(mapped)
        network = ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False)
        return str(network)
    return str(address)


def raise_file_limit(wanted: int) -> int:
    """Raise the soft open-files limit toward `wanted` (up to the hard limit).

    Each session holds a socket; the common soft default of 1,024 would make the
    kernel refuse connections before our own cap could answer them with a 421.
    Returns the soft limit in force afterwards.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):  # pragma: no cover - refused by the OS
            log.warning("could not raise the open-files limit to %d", target)
    return soft
