"""The retry scheduler: each tick, give up on the overdue, claim what is due, dispatch.

`tick(now)` is the whole job and can be called directly (tests do, with a clock
they move); in the daemon APScheduler only triggers it every
`[retry] tick_interval`. Database work runs in a dedicated thread, never on the
event loop. Batches to different domains go out concurrently, at most
`CONCURRENT_BATCHES` at a time. One batch failing in a way nobody foresaw is
caught at the batch boundary and its retries go back to wait: a bug in one
dispatcher call must not stop the others, or the scheduler.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.engine import Engine

from bounced import faults, metrics
from bounced.config import Config, RetryConfig
from bounced.dispatch import Batch, Dispatcher, DispatchResult, Outcome
from bounced.dispatch.pull import PullDispatcher
from bounced.dispatch.relay import RelayDispatcher
from bounced.dispatch.webhook import WebhookDispatcher
from bounced.policy import Rules
from bounced.store import retries, softbounces, suppressions
from bounced.verp import Codec

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
T = TypeVar("T")

CONCURRENT_BATCHES = 8
MAINTENANCE_EVERY = 60  # ticks between pruning soft days and lapsed suppressions


@dataclass(slots=True)
class TickReport:
    """What one tick did, for logs and tests."""

    batches: int = 0
    dispatched: dict[str, int] = field(default_factory=dict)
    expired: dict[str, int] = field(default_factory=dict)
    maintenance: dict[str, int] = field(default_factory=dict)


class RetryScheduler:
    """Claims due retries, paces them per domain, and hands them to a dispatcher."""

    def __init__(
        self,
        engine: Engine,
        dispatcher: Dispatcher,
        config: RetryConfig,
        rules: Rules,
        *,
        clock: Clock,
        worker: str,
    ) -> None:
        self._engine = engine
        self._dispatcher = dispatcher
        self._config = config
        self._rules = rules
        self._clock = clock
        self.worker = worker
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="retry")
        self._scheduler: AsyncIOScheduler | None = None
        self._running: asyncio.Task[Any] | None = None
        self._ticks = 0

    async def tick(self, now: datetime | None = None) -> TickReport:
        """One round: expire, claim, dispatch, record."""
        now = now or self._clock()
        report = TickReport()
        expired = await self._in_db(
            retries.expire_due,
            self._engine,
            now=now,
            rules=self._rules,
            config=self._config,
        )
        report.expired = expired.counts
        if self._ticks % MAINTENANCE_EVERY == 0:
            report.maintenance = await self._in_db(self._maintain, now)
        self._ticks += 1
        batches = await self._in_db(
            retries.claim_due,
            self._engine,
            worker=self.worker,
            now=now,
            lease=self._config.claim_timeout,
            config=self._config,
        )
        report.batches = len(batches)
        gate = asyncio.Semaphore(CONCURRENT_BATCHES)

        async def one(batch: Batch) -> dict[str, int]:
            async with gate:
                return await self._dispatch(batch)

        for counts in await asyncio.gather(*(one(batch) for batch in batches)):
            for outcome, number in counts.items():
                report.dispatched[outcome] = report.dispatched.get(outcome, 0) + number
        if batches or expired.counts:
            log.info(
                "retry tick batches=%d results=%s expired=%s",
                report.batches,
                report.dispatched,
                report.expired,
            )
        return report

    async def _dispatch(self, batch: Batch) -> dict[str, int]:
        try:
            results = await self._dispatcher.send(batch)
        except Exception as exc:  # per-batch boundary: its retries wait again
            log.exception("dispatch failed domain=%s", batch.domain)
            detail = f"dispatcher failed: {type(exc).__name__}"
            results = [
                DispatchResult(key=item.key, outcome=Outcome.ERROR, detail=detail)
                for item in batch.items
            ]
        faults.crash_point("retry-dispatched")
        tally = await self._in_db(
            retries.record_results,
            self._engine,
            batch,
            results,
            worker=self.worker,
            now=self._clock(),
            rules=self._rules,
            config=self._config,
        )
        metrics.observe_dispatched(result.outcome.value for result in results)
        return tally.counts

    def _maintain(self, now: datetime) -> dict[str, int]:
        """Prune soft days out of every window; delete lapsed suppressions."""
        with self._engine.begin() as connection:
            pruned = softbounces.prune(connection, self._rules.window_start(now))
            lapsed = suppressions.expire(connection, now)
        return {"soft_days_pruned": pruned, "suppressions_expired": lapsed}

    async def _in_db(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db, partial(function, *args, **kwargs))

    # -- in the daemon ----------------------------------------------------------------

    def start(self) -> None:
        """Trigger tick() every tick_interval on the running loop (APScheduler 3)."""
        scheduler = AsyncIOScheduler(
            event_loop=asyncio.get_running_loop(), timezone="UTC"
        )
        scheduler.add_job(
            self._job,
            "interval",
            seconds=self._config.tick_interval,
            id="retry-tick",
            max_instances=1,  # a slow tick is never overlapped by the next
            coalesce=True,  # ticks missed while busy are run once, not all
            misfire_grace_time=None,
        )
        scheduler.start()
        self._scheduler = scheduler

    async def _job(self) -> None:
        self._running = asyncio.current_task()
        try:
            await self.tick()
        except Exception:  # tick boundary: the next tick tries again
            log.exception("retry tick failed")
        finally:
            self._running = None

    async def stop(self) -> None:
        """Stop triggering ticks and let a running one finish."""
        if self._scheduler is not None:
            # Pause first: shutting down cancels a running job, and a tick cut
            # off between claim and record leaves its retries waiting for the
            # lease to run out.
            self._scheduler.pause()
            running = self._running
            if running is not None and not running.done():
                await asyncio.gather(running, return_exceptions=True)
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        await self._dispatcher.close()
        self._db.shutdown(wait=True)


def make_dispatcher(config: Config, *, clock: Clock, engine: Engine) -> Dispatcher:
    """The dispatcher `[retry] dispatcher` names (not "none")."""
    retry = config.retry

    async def fetch_raw(message_id: int) -> bytes | None:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, retries.spooled_raw, engine, message_id)

    if retry.dispatcher == "webhook":
        return WebhookDispatcher(retry, clock=clock)
    if retry.dispatcher == "relay":
        verp = config.verp
        return RelayDispatcher(
            retry,
            codec=Codec(verp.secrets, verp.prefix, int(verp.lifetime // 86400)),
            bounce_domain=config.smtp.bounce_domains[0],
            local_hostname=config.smtp.hostname,
            fetch_raw=fetch_raw,
            clock=clock,
        )
    return PullDispatcher()
