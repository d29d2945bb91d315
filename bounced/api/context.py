"""What every route needs from the daemon: the engine, the configuration, a clock.

Stored on `app.state` by `create_app` and handed to routes by the `context`
dependency, so routes never reach for globals and tests can pass their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from fastapi import Request
from sqlalchemy.engine import Engine

from bounced.config import ApiConfig, Config


@dataclass(frozen=True, slots=True)
class ApiContext:
    engine: Engine
    config: Config  # the whole of it: retries and VERP routes need their sections
    clock: Callable[[], datetime]

    @property
    def api(self) -> ApiConfig:
        return self.config.api


async def context(request: Request) -> ApiContext:
    """async although it awaits nothing: FastAPI runs a plain `def` dependency in
    a worker thread, a hop per request for an attribute read."""
    found: ApiContext = request.app.state.context
    return found
