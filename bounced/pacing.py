"""How fast retries go to one destination domain: batch size and gap, AIMD.

A domain that answers "slow down" gets half the batch and twice the gap; one
that accepts a batch gets `batch_step` more and half the gap. That is TCP's
additive-increase / multiplicative-decrease (RFC 5681 §3.1): it backs off fast
when a receiver is overwhelmed and probes back up gently, which is what
receiving mail systems' rate limits reward (Gmail's and Yahoo's sender
guidelines both say to slow down on 421/4.7.x and resume gradually). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from bounced.config import RetryConfig
from bounced.reasons import Reason

# Reply codes that mean "this domain wants less from you right now" (the issue's
# 421, 447, 450). 447 is no RFC 5321 code, but some receivers use it for
# "too many connections / try later".
THROTTLE_REPLY_CODES = frozenset({421, 447, 450})

# Enhanced status codes (RFC 3463) that say the same:
#   4.3.2 system not accepting network messages (Exchange "421 4.3.2");
#   4.4.5 system congestion (RFC 3463 §3.5);
#   4.2.1 mailbox disabled / "receiving mail at a rate that prevents additional
#         messages" (Gmail 450 4.2.1);
#   4.7.0 Gmail's and Yahoo's "421 4.7.0 ... temporarily deferred" rate limits;
#   4.7.28 Gmail "unusual rate of unsolicited mail".
THROTTLE_STATUSES = frozenset({"4.3.2", "4.4.5", "4.2.1", "4.7.0", "4.7.28"})

# Sisimai's reasons for rate limits and connection caps.
THROTTLE_REASONS = frozenset({Reason.SPEEDING, Reason.TOOMANYCONN})


@dataclass(frozen=True, slots=True)
class Pace:
    """A domain's current batch size and the gap between its batches (seconds)."""

    batch_size: int
    gap: float


def is_throttle(
    reply_code: int | None, status: str | None, reason: Reason | None = None
) -> bool:
    """True when a transient answer asks us to send less to that domain."""
    if status is not None and not status.startswith("4"):
        return False
    if reply_code is not None and reply_code >= 500:
        return False
    return (
        reply_code in THROTTLE_REPLY_CODES
        or status in THROTTLE_STATUSES
        or reason in THROTTLE_REASONS
    )


def initial(config: RetryConfig) -> Pace:
    return Pace(config.batch_initial, config.min_gap)


def shrink(pace: Pace, config: RetryConfig) -> Pace:
    """Half the batch (down to the floor), twice the gap (up to the ceiling)."""
    return Pace(
        max(config.batch_min, pace.batch_size // 2),
        min(config.max_gap, max(config.min_gap, pace.gap * 2, 1.0)),
    )


def grow(pace: Pace, config: RetryConfig) -> Pace:
    """One step larger (up to the ceiling), half the gap (down to the floor)."""
    return Pace(
        min(config.batch_max, pace.batch_size + config.batch_step),
        max(config.min_gap, pace.gap / 2),
    )
