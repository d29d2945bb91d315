"""Store rows as JSON documents: one shape for the API and the CLI's --json."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bounced.store.domains import DomainRow
from bounced.store.events import EventRow, Stats
from bounced.store.retries import RetryRow
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


def retry(row: RetryRow) -> dict[str, Any]:
    """A retry as `bounced retries --json` and GET /v1/retries show it."""
    return {
        "key": row.key,
        "recipient": row.recipient,
        "domain": row.domain,
        "state": row.state,
        "attempt": row.attempt,
        "reason": row.reason,
        "status": row.status,
        "reply_code": row.reply_code,
        "list_id": row.list_id,
        "message_id": row.orig_message_id,
        "created_at": _iso(row.created_at),
        "due_at": _iso(row.due_at),
        "give_up_at": _iso(row.give_up_at),
        "dispatched_at": _iso(row.dispatched_at),
        "finished_at": _iso(row.finished_at),
        "last_result": row.last_result,
    }


def domain(row: DomainRow, active: bool) -> dict[str, Any]:
    """A destination domain's pacing and sender alert (`bounced domains --json`,
    GET /v1/domains); `active` says whether the alert is still in its window."""
    return {
        "domain": row.domain,
        "batch_size": row.batch_size,
        "gap_seconds": row.gap,
        "next_batch_at": _iso(row.next_batch_at),
        "last_batch_at": _iso(row.last_batch_at),
        "throttled_at": _iso(row.throttled_at),
        "slowdowns": row.throttles,
        "last_result": row.last_result,
        "waiting": row.pending,
        "alert": {
            "active": active,
            "reason": row.alert_reason,
            "count": row.alert_count,
            "first_at": _iso(row.alert_first_at),
            "last_at": _iso(row.alert_last_at),
            "detail": row.alert_detail,
        }
        if row.alert_reason
        else None,
    }


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
