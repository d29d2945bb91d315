"""Operations shared by the CLI and the HTTP API, one function per verb.

Each takes an engine and plain values and returns plain values, so the two
front ends stay thin and behave the same. Addresses are validated and normalized
here, once, for both.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from bounced import address as addresses
from bounced.errors import ApiError
from bounced.store import outcomes, suppressions
from bounced.store.suppressions import SuppressionRow


def normalize_or_raise(text: str) -> str:
    """The normalized address, or an ApiError(422) that names the problem."""
    normalized = addresses.normalize(text)
    if normalized is None:
        raise ApiError(
            422, "invalid_address", f"not a valid email address: {text[:320]!r}"
        )
    return normalized


def check(engine: Engine, address: str) -> list[SuppressionRow]:
    """The suppressions of one address (empty when it may be mailed)."""
    normalized = normalize_or_raise(address)
    with engine.connect().execution_options(readonly=True) as connection:
        return suppressions.find(connection, normalized)


def list_suppressions(
    engine: Engine,
    *,
    reason: str | None = None,
    domain: str | None = None,
    limit: int = 100,
    after: str | None = None,
) -> list[SuppressionRow]:
    with engine.connect().execution_options(readonly=True) as connection:
        return suppressions.list_(
            connection, reason=reason, domain=domain, limit=limit, after=after
        )


def remove(
    engine: Engine, address: str, *, actor: str, now: datetime, note: str | None = None
) -> int:
    """Reactivate an address: delete its suppressions, recording who did it."""
    normalized = normalize_or_raise(address)
    with engine.begin() as connection:
        return suppressions.remove(
            connection, normalized, scopes=None, actor=actor, now=now, note=note
        )


def spool_counts(engine: Engine) -> dict[str, int]:
    return outcomes.spool_counts(engine)


def reprocess(engine: Engine, ids: list[int] | None = None) -> int:
    """Queue unparsed, failed and quarantined messages to be parsed again."""
    return outcomes.reset_unparsed(engine, ids=ids)
