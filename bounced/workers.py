"""Parse and classify in worker processes, with a wall-clock budget per message.

The stdlib email parser is not safe on hostile input (RecursionError on deep
nesting, tens of seconds on 100k parts or encoded words), and a pure-Python hang
cannot be interrupted from another thread. So parsing runs in a process pool:
the event loop never runs it, a slow message holds one worker, not the daemon.
Each worker arms SIGALRM for the budget (the parser sees a TimeoutError between
bytecodes); if that does not work (a C call that never returns), the parent kills
the pool and starts a new one. Either way the message gets an unparsed Report
and is never retried forever.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import FrameType

from bounced import faults
from bounced.classify import classify
from bounced.parse import parse
from bounced.report import Classification, Report

log = logging.getLogger(__name__)

WORKER_MEMORY_LIMIT = 2 * 1024**3  # address space per worker: a MIME bomb dies alone
HARD_KILL_GRACE = 5.0  # seconds past the soft budget before the parent kills the pool


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the workers return for one message."""

    report: Report
    classifications: tuple[Classification, ...]


def analyze(raw: bytes) -> Analysis:
    """Parse and classify in this process (the CLI and tests use it directly)."""
    report = parse(raw)
    return Analysis(report, tuple(classify(finding) for finding in report.findings))


def unparsed(reason: str) -> Analysis:
    return Analysis(Report(unparsed_reason=reason), ())


class _Budget(BaseException):
    """The alarm: a BaseException so the parser's per-detector `except Exception`
    (a detector failing by bug is recorded and skipped) cannot swallow it."""


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Budget


def _init_worker(daemon_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    threading.Thread(target=_exit_with, args=(daemon_pid,), daemon=True).start()
    signal.signal(signal.SIGALRM, _on_alarm)
    try:
        resource.setrlimit(
            resource.RLIMIT_AS, (WORKER_MEMORY_LIMIT, WORKER_MEMORY_LIMIT)
        )
    except (ValueError, OSError):
        log.warning("could not limit worker memory")


def _exit_with(daemon_pid: int) -> None:
    """Exit when the daemon is gone, even if it was SIGKILLed.

    Each pool worker holds both ends of its call queue and a copy of the
    forkserver's liveness pipe (multiprocessing passes them on), so nothing ever
    reads EOF when the daemon dies: without this, the worker, the forkserver and
    the resource tracker would live on as orphans.
    """
    while True:
        time.sleep(1.0)
        try:
            os.kill(daemon_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass  # the pid exists under another user: still alive as far as we know


def _analyze_with_budget(
    raw: bytes, seconds: float, analyzer: Callable[[bytes], Analysis]
) -> Analysis:
    faults.parse_fault(raw)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return analyzer(raw)
    except _Budget:
        return unparsed(f"over budget: parsing took longer than {seconds:g}s")
    except MemoryError:
        return unparsed("over budget: parsing needed too much memory")
    except RecursionError:
        return unparsed("over budget: message nested too deeply")
    except Exception as exc:  # noqa: BLE001 - worker boundary: a parser bug is a finding
        return unparsed(f"parser failed: {type(exc).__name__}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


class ParserPool:
    """A pool of parser processes with a per-message budget."""

    def __init__(
        self,
        *,
        workers: int,
        time_limit: float,
        analyzer: Callable[[bytes], Analysis] = analyze,
    ) -> None:
        """`analyzer` must be a module-level function (it is pickled to workers)."""
        self._workers = workers or os.cpu_count() or 1
        self._time_limit = time_limit
        self._analyzer = analyzer
        self._pool = self._new_pool()

    def _new_pool(self, workers: int | None = None) -> ProcessPoolExecutor:
        # forkserver: the daemon has threads (executors, uvloop) that fork would copy
        # in an undefined state.
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(
            max_workers=workers or self._workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    async def analyze(self, raw: bytes) -> Analysis:
        """Parse and classify `raw` in a worker; always returns an Analysis."""
        pool = self._pool
        try:
            return await self._run(pool, raw)
        except TimeoutError:
            # Stuck, or queued behind a stuck message in the same pool: which one
            # only a run alone can tell.
            log.warning("parser pool stuck; restarting it bytes=%d", len(raw))
        except BrokenProcessPool:
            # A worker died (memory limit, crash, or killed for another message's
            # hang), taking down every message then in the pool.
            pass
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # our caller is stopping, not the pool
        # This message may be innocent: run it again alone, where only its own
        # fault can reach it.
        self._restart(pool)
        return await self._isolated(raw)

    async def _run(self, pool: ProcessPoolExecutor, raw: bytes) -> Analysis:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(
            pool, _analyze_with_budget, raw, self._time_limit, self._analyzer
        )
        return await asyncio.wait_for(future, self._time_limit + HARD_KILL_GRACE)

    async def _isolated(self, raw: bytes) -> Analysis:
        """`raw` in a one-off worker of its own: whatever breaks it is its doing.

        A poison message retried in the shared pool would kill the innocent
        messages retried beside it, over and over; alone, it only kills itself.
        """
        pool = self._new_pool(workers=1)
        try:
            return await self._run(pool, raw)
        except TimeoutError:
            log.warning("parser stuck on a message run alone bytes=%d", len(raw))
            return unparsed(f"over budget: parser stuck past {self._time_limit:g}s")
        except BrokenProcessPool:
            log.warning(
                "parser worker crashed on a message run alone bytes=%d", len(raw)
            )
            return unparsed("parser worker crashed on this message")
        finally:
            _kill(pool)

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        if self._pool is not broken:
            return  # another caller already replaced it
        _kill(broken)
        self._pool = self._new_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Shut a pool down now, its workers killed (a stuck one would never return).

    Futures still queued are failed with BrokenProcessPool by the pool itself
    (not cancelled), so whoever waits on them retries them alone.
    """
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
    pool.shutdown(wait=False)
