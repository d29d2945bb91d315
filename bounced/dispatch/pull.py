"""Leave due batches on the API for the newsletter system to fetch and acknowledge.

The tick paces batches per domain as for the other dispatchers, then marks them
ready; `service.pull_retries` leases them to a consumer and
`service.ack_retries` records what the consumer did, including "throttled"
when its own send met a 421, so pacing learns from pull consumers too.
"""

from __future__ import annotations

from bounced.dispatch import Batch, DispatchResult, Outcome


class PullDispatcher:
    """Offers every due retry on the API."""

    name = "pull"

    async def send(self, batch: Batch) -> list[DispatchResult]:
        return [
            DispatchResult(
                key=item.key, outcome=Outcome.OFFERED, detail="ready to pull"
            )
            for item in batch.items
        ]

    async def close(self) -> None:
        return None
