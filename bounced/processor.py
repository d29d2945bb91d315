"""Turn spooled messages into events and decisions, each exactly once.

Loop: claim a batch (a short transaction), parse and classify it in the worker
processes, then record every outcome with its processed mark (one transaction,
a savepoint per message). Database work runs in a dedicated thread, parsing in
the process pool; the event loop only waits.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial

from sqlalchemy.engine import Engine

from bounced import metrics, policy
from bounced.config import ProcessorConfig, RetryConfig, VerpConfig
from bounced.store import claims, outcomes
from bounced.store.outbox import Outbox
from bounced.verp import Codec
from bounced.workers import ParserPool

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def worker_name() -> str:
    """A name for this process's claims: host, pid and a nonce (pids are reused)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Processor:
    """Claims, analyzes and records spooled messages until stopped."""

    def __init__(
        self,
        engine: Engine,
        pool: ParserPool,
        config: ProcessorConfig,
        *,
        clock: Clock,
        wake: asyncio.Event | None = None,
        decide: outcomes.Decide = policy.decide,
        verp: VerpConfig | None = None,
        outbox: Outbox | None = None,
        rules: policy.Rules = policy.DEFAULT_RULES,
        retry_config: RetryConfig | None = None,
    ) -> None:
        self._engine = engine
        self._pool = pool
        self._config = config
        self._clock = clock
        self._wake = wake or asyncio.Event()
        self._decide = decide
        self._rules = rules
        self._retry_config = retry_config or RetryConfig()
        verp = verp or VerpConfig()
        self._codec = Codec(verp.secrets, verp.prefix, int(verp.lifetime // 86400))
        self._require_signed = verp.require_signed
        self._outbox = outbox
        self.worker = worker_name()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="processor")
        self._stopping = asyncio.Event()

    async def run(self) -> None:
        """Process until stop(); a failing batch is logged and tried again later."""
        while not self._stopping.is_set():
            try:
                done = await self.run_once()
            except Exception:
                log.exception("processing batch failed; retrying after a pause")
                done = 0
            if done == 0:
                await self._idle()

    async def _idle(self) -> None:
        self._wake.clear()
        waiters = {
            asyncio.ensure_future(self._wake.wait()),
            asyncio.ensure_future(self._stopping.wait()),
        }
        _, pending = await asyncio.wait(
            waiters,
            timeout=self._config.poll_interval,
            return_when=asyncio.FIRST_COMPLETED,
        )
        for waiter in pending:
            waiter.cancel()

    async def run_once(self) -> int:
        """Claim, analyze and record one batch; returns how many messages it took."""
        loop = asyncio.get_running_loop()
        now = self._clock()
        batch = await loop.run_in_executor(
            self._db,
            partial(
                claims.claim_messages,
                self._engine,
                worker=self.worker,
                limit=self._config.batch_size,
                lease=self._config.claim_timeout,
                now=now,
            ),
        )
        if not batch:
            return 0
        fresh = []
        for message in batch:
            if message.attempts > self._config.max_attempts:
                # Claimed this often and never recorded: it kills whoever takes it.
                reason = f"quarantined after {message.attempts - 1} failed attempts"
                quarantined = await loop.run_in_executor(
                    self._db,
                    outcomes.quarantine,
                    self._engine,
                    message.id,
                    self.worker,
                    reason,
                    self._clock(),
                )
                log.error(
                    "quarantined id=%s attempts=%d", message.id, message.attempts - 1
                )
                if quarantined:
                    metrics.observe_processed([("quarantined", (), 0.0)])
            else:
                fresh.append(message)
        analyses = await asyncio.gather(
            *(self._pool.analyze(m.raw or b"") for m in fresh)
        )
        items = [
            outcomes.Outcome(
                message,
                analysis.report,
                analysis.classifications,
                self._codec.first(_envelope_recipients(message.rcpt_tos), now),
            )
            for message, analysis in zip(fresh, analyses, strict=True)
        ]
        decided_at = self._clock()  # stored as each message's processed_at
        results = await loop.run_in_executor(
            self._db,
            partial(
                outcomes.record_batch,
                self._engine,
                items,
                worker=self.worker,
                decide=self._decide,
                now=decided_at,
                require_signed=self._require_signed,
                outbox=self._outbox,
                rules=self._rules,
                retry_config=self._retry_config,
            ),
        )
        _observe(items, results, decided_at)
        for result in results:
            log.debug(
                "recorded id=%s state=%s events=%d",
                result.message_id,
                result.state,
                result.events,
            )
        return len(batch)

    async def stop(self) -> None:
        self._stopping.set()

    def close(self) -> None:
        self._db.shutdown(wait=True)


def _observe(
    items: list[outcomes.Outcome],
    results: list[outcomes.Recorded],
    decided_at: datetime,
) -> None:
    """Count what was committed: results, events by reason, ingest-to-decision."""
    by_id = {item.message.id: item for item in items}
    metrics.observe_processed(
        (
            result.state,
            [c.reason.value for c in by_id[result.message_id].classifications]
            if result.state == "processed"
            else [],
            (decided_at - by_id[result.message_id].message.received_at).total_seconds(),
        )
        for result in results
    )


def _envelope_recipients(stored: bytes) -> list[str]:
    """RCPT TO addresses as spooled (LF-separated, undecodable bytes kept)."""
    return [r.decode("utf-8", "surrogateescape") for r in stored.split(b"\n") if r]
