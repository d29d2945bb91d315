"""The composition root: one event loop hosting the listener, the processor and
the retry scheduler (APScheduler) and webhook delivery.

`serve()` builds every part from the configuration, passes each its section, and
shuts them down in order on SIGTERM or SIGINT: stop the HTTP API (open requests
finish), stop accepting connections, let open sessions finish their commits,
drain the spool, stop the retry scheduler (a running tick finishes), stop the
processor, close the parser pool, let the webhook round in flight finish,
dispose of the engine. The API is uvicorn serving in this same event loop; its
routes run their database work in worker threads.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from bounced import service
from bounced.api import create_app
from bounced.api.server import ApiServer
from bounced.config import Config, api_problems, make_tls_context
from bounced.diskspace import FreeSpace, watched_path
from bounced.errors import ConfigError
from bounced.gate import ConnectionGate, raise_file_limit
from bounced.policy import Rules
from bounced.processor import Processor
from bounced.retry import RetryScheduler, make_dispatcher
from bounced.smtp import BounceHandler, BounceSMTP
from bounced.store import migrate
from bounced.store.engine import make_engine
from bounced.store.outbox import Outbox
from bounced.store.spool import Spool
from bounced.verp import Codec
from bounced.webhooks import Deliverer
from bounced.workers import ParserPool

log = logging.getLogger(__name__)

DRAIN_SECONDS = 10.0  # how long open sessions get to finish on shutdown


def utcnow() -> datetime:
    return datetime.now(UTC)


async def serve(
    config: Config,
    *,
    clock: Callable[[], datetime] = utcnow,
    started: Callable[[list[tuple[str, int]]], Awaitable[None] | None] | None = None,
    stop: asyncio.Event | None = None,
    api_started: Callable[[tuple[str, int]], None] | None = None,
) -> None:
    """Run the daemon until `stop` is set, or SIGTERM/SIGINT when none is given.

    `started` is called with the listening (host, port) pairs once mail is accepted;
    `api_started` with the API's (host, port) once it serves, before `started`.
    """
    problems = api_problems(config.api)
    if problems:  # load() refuses these too; a Config built in code must as well
        raise ConfigError(problems)
    loop = asyncio.get_running_loop()
    engine = make_engine(config.database.url, pool_size=config.database.pool_size)
    await loop.run_in_executor(None, migrate.ensure_migrated, engine)
    api: ApiServer | None = None
    if config.api.enabled:
        try:  # bound first: a taken port stops the start before anything runs
            api = ApiServer(create_app(engine, config, clock=clock), config.api)
        except OSError:
            engine.dispose()
            raise

    spool = Spool(engine, batch_max=config.database.commit_batch_max)
    spool.start()
    verp = config.verp
    codec = Codec(verp.secrets, verp.prefix, int(verp.lifetime // 86400))
    smtp = config.smtp
    handler = BounceHandler(
        domains=smtp.bounce_domains,
        spool=spool,
        clock=clock,
        verp_check=codec.decode if verp.require_signed else None,
        free_space=_free_space(config),
        min_free_space=smtp.min_free_space,
        require_tls=smtp.require_tls,
    )
    # Headroom for the sessions, the database pool, the parser pipes and the API.
    wanted = smtp.max_connections + config.api.max_connections + 1024
    files = raise_file_limit(wanted)
    if files < wanted:  # the hard limit is lower: the kernel refuses before we can
        log.warning(
            "open-files limit is %d, under the %d that smtp.max_connections needs;"
            " raise the hard limit (LimitNOFILE= in systemd)",
            files,
            wanted,
        )
    gate = ConnectionGate(
        max_total=smtp.max_connections, max_per_client=smtp.max_connections_per_ip
    )
    tls = make_tls_context(smtp) if smtp.tls_cert else None

    def session() -> BounceSMTP:
        return BounceSMTP(
            handler,
            max_line_length=smtp.max_line_length,
            gate=gate,
            data_timeout=smtp.data_timeout,
            max_session_duration=smtp.max_session_duration,
            max_commands=smtp.max_commands,
            tls_context=tls,  # require_tls is the handler's: 530 5.7.0 at MAIL
            # explicit: aiosmtpd would call getfqdn() for every session
            hostname=smtp.hostname,
            ident="bounced",
            data_size_limit=smtp.max_message_size,
            enable_SMTPUTF8=True,
            decode_data=False,
            timeout=smtp.session_timeout,
        )

    server = await loop.create_server(session, host=smtp.host, port=smtp.port)
    bound = ", ".join(_sockname(s.getsockname()) for s in server.sockets)
    log.info("smtp listening on %s domains=%s", bound, ",".join(smtp.bounce_domains))

    pool: ParserPool | None = None
    processor: Processor | None = None
    processing: asyncio.Task[None] | None = None
    scheduler: RetryScheduler | None = None
    if config.processor.enabled:
        pool = ParserPool(
            workers=config.processor.workers,
            time_limit=config.processor.parse_time_limit,
        )
        rules = Rules.from_config(config.policy, config.retry)
        processor = Processor(
            engine,
            pool,
            config.processor,
            clock=clock,
            wake=spool.committed,
            verp=verp,
            outbox=Outbox(config.webhooks.endpoints),
            rules=rules,
            retry_config=config.retry,
        )
        processing = loop.create_task(processor.run(), name="processor")
        # An ingest-only daemon (processor disabled) dispatches nothing either.
        if config.retry.dispatcher != "none":
            scheduler = RetryScheduler(
                engine,
                make_dispatcher(config, clock=clock, engine=engine),
                config.retry,
                rules,
                clock=clock,
                worker=processor.worker,
            )
            scheduler.start()
            log.info(
                "retries dispatcher=%s tick=%gs",
                config.retry.dispatcher,
                config.retry.tick_interval,
            )

    # Webhook delivery: its own task, thread and HTTP client, so a dead receiver
    # only lets notices wait in the outbox; it never slows intake.
    deliverer: Deliverer | None = None
    delivering: asyncio.Task[None] | None = None
    if config.webhooks.deliver and config.webhooks.endpoints:
        deliverer = Deliverer(engine, config.webhooks, clock=clock)
        delivering = loop.create_task(deliverer.run(), name="webhooks")

    purging: asyncio.Task[None] | None = None
    if config.privacy.raw_retention > 0:
        purging = loop.create_task(
            purge_raw_periodically(engine, config, clock), name="purge"
        )

    if stop is None:
        stop = asyncio.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
    if api is not None:
        await api.start()
        if api_started is not None:
            api_started(api.address)
    if started is not None:
        result = started([s.getsockname()[:2] for s in server.sockets])
        if result is not None:
            await result
    try:
        await stop.wait()
    finally:
        log.info("shutting down")
        if api is not None:
            await api.stop()
        server.close()
        try:
            await asyncio.wait_for(server.wait_closed(), DRAIN_SECONDS)
        except TimeoutError:
            log.warning("sessions still open after %ss; closing", DRAIN_SECONDS)
        await spool.close()
        if purging is not None:
            purging.cancel()
            await asyncio.gather(purging, return_exceptions=True)
        if scheduler is not None:
            await scheduler.stop()
        if processor is not None and processing is not None and pool is not None:
            await processor.stop()
            await asyncio.gather(processing, return_exceptions=True)
            processor.close()
            pool.close()
        if deliverer is not None and delivering is not None:
            # A POST in flight gets its timeout to finish; cut off, its notice is
            # sent again when the lease runs out (receivers deduplicate on the id).
            await deliverer.stop()
            grace = min(config.webhooks.timeout, DRAIN_SECONDS)
            done, _ = await asyncio.wait({delivering}, timeout=grace)
            if not done:
                delivering.cancel()
            await asyncio.gather(delivering, return_exceptions=True)
            await deliverer.close()
        engine.dispose()
        log.info("stopped")


def run(config: Config) -> None:
    """Run serve() on uvloop when it is installed."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency on Linux
        asyncio.run(serve(config))
        return
    uvloop.run(serve(config))


async def purge_raw_periodically(
    engine: Engine, config: Config, clock: Callable[[], datetime]
) -> None:
    """Drop raw bodies past [privacy] raw_retention, now and every purge_interval.

    A failed round (database away) is logged and tried again next interval.
    """
    loop = asyncio.get_running_loop()
    privacy = config.privacy
    while True:
        try:
            purged = await loop.run_in_executor(
                None,
                functools.partial(
                    service.purge_raw,
                    engine,
                    retention=privacy.raw_retention,
                    now=clock(),
                ),
            )
            if purged:
                log.info("purged raw_messages=%d (past privacy.raw_retention)", purged)
        except Exception:  # noqa: BLE001 - the next round retries
            log.warning(
                "raw message purge failed; retrying in %gs", privacy.purge_interval
            )
        await asyncio.sleep(privacy.purge_interval)


def _free_space(config: Config) -> FreeSpace | None:
    """The probe MAIL asks, or None when nothing is to be measured."""
    path = watched_path(config.smtp.free_space_path, config.database.url)
    if path is None or config.smtp.min_free_space <= 0:
        return None
    return FreeSpace(path)


def _sockname(name: object) -> str:
    if isinstance(name, tuple) and len(name) >= 2:
        host, port = name[0], name[1]
        return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"
    return str(name)
