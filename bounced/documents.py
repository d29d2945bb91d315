"""Store rows as JSON documents: one shape for the API and the CLI's --json."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bounced.store.events import EventRow, Stats
from bounced.store.suppressions import SuppressionRow


def suppression(row: SuppressionRow) -> dict[str, Any]:
    """A stored suppression as the API and `--json` show it."""
    return {
        "address": row.address,
        "scope": row.scope,
        "list": row.scope.removeprefix("list:") if row.scope != "global" else None,
        "reason": row.reason,
        "source": row.source,
        "status": row.status,
        "reply_code": row.reply_code,
        "diagnostic": row.diagnostic,
        "first_seen_at": _iso(row.first_seen_at),
        "last_seen_at": _iso(row.last_seen_at),
        "count": row.count,
        "expires_at": _iso(row.expires_at),
        "why": why_document(row.why),
    }


def checked(row: SuppressionRow) -> dict[str, Any]:
    """The short form POST /v1/suppressions/check returns per suppression."""
    return {
        "address": row.address,
        "scope": row.scope,
        "reason": row.reason,
        "source": row.source,
        "status": row.status,
        "reply_code": row.reply_code,
        "first_seen_at": _iso(row.first_seen_at),
        "last_seen_at": _iso(row.last_seen_at),
        "count": row.count,
        "expires_at": _iso(row.expires_at),
    }


def event(row: EventRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "message_id": row.message_id,
        "occurred_at": _iso(row.occurred_at),
        "recipient": row.recipient,
        "subject": row.subject,
        "domain": row.domain,
        "original_recipient": row.original_recipient,
        "action": row.action,
        "status": row.status,
        "reply_code": row.reply_code,
        "diagnostic": row.diagnostic,
        "remote_mta": row.remote_mta,
        "reporting_mta": row.reporting_mta,
        "feedback_type": row.feedback_type,
        "reason": row.reason,
        "permanent": row.permanent,
        "hard": row.hard,
        "decision": row.decision,
        "why": why_document(row.why),
        "detector": row.detector,
        "list_id": row.list_id,
        "orig_message_id": row.orig_message_id,
        "verp": row.verp,
    }


def stats(result: Stats, since: datetime, until: datetime) -> dict[str, Any]:
    return {
        "since": _iso(since),
        "until": _iso(until),
        "events": result.events,
        "by_reason": result.by_reason,
        "by_decision": result.by_decision,
        "by_domain": result.by_domain,
        "suppressions_added": result.suppressions_added,
        "suppressions_removed": result.suppressions_removed,
    }


def aware(value: datetime | None) -> datetime | None:
    """A query time as UTC: one without an offset is taken to be UTC already."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def why_document(why: str | None) -> object:
    """The stored `why` JSON as a value (None, or text kept as is if not JSON)."""
    if not why:
        return None
    try:
        return json.loads(why)
    except ValueError:
        return why
