"""The exception hierarchy.

    BouncedError
    ├── ConfigError          a configuration value is missing or not allowed (exit 78)
    ├── StoreError
    │   ├── StoreUnavailable the database cannot be reached or written: answer 4xx
    │   │   └── StoreFull    ... because its disk is full: answer 452
    │   └── NotMigrated      the database schema is not at the code's head revision
    ├── DispatchError        a retry or webhook could not be handed over
    └── ApiError             a request the API refuses, with an HTTP status and code

Pure code (parse, classify, policy, verp) does not raise for bad input; it returns
values that describe the failure. These exceptions are for the I/O edges.
"""

from __future__ import annotations


class BouncedError(Exception):
    """Base of every error bounced raises on purpose."""


class ConfigError(BouncedError):
    """One or more configuration values are wrong; `problems` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class StoreError(BouncedError):
    """Base of database errors."""


class StoreUnavailable(StoreError):
    """The database could not be reached or written; the caller answers 4xx."""


class StoreFull(StoreUnavailable):
    """The database's disk (or quota) is full; SMTP answers 452 4.3.1."""


class NotMigrated(StoreError):
    """The database schema is not at the head revision; run `bounced db upgrade`."""


class DispatchError(BouncedError):
    """A retry batch or webhook could not be handed over; it will be tried again."""


class ApiError(BouncedError):
    """A refused API request, rendered as {"error": {"code", "message"}}."""

    def __init__(self, status: int, code: str, message: str) -> None:
        self.status = status
        self.code = code
        self.message = message
        super().__init__(message)


def at_most(count: int, limit: int, noun: str) -> None:
    """413 `too_many_<noun>` for a request that carries more than `limit` items."""
    if count > limit:
        raise ApiError(
            413, f"too_many_{noun}", f"{count} {noun}; at most {limit} per request"
        )
