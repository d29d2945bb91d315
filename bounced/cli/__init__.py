"""The `bounced` command line: serve, inspect and manage.

`main` is the click group (the console script's entry point); importing the
command modules registers their commands on it.
"""

from bounced.cli import (
    database,
    events,
    operations,
    parsing,
    privacy,
    sent,
    suppressions,
    verp,
)
from bounced.cli.root import main

__all__ = [
    "database",
    "events",
    "main",
    "operations",
    "parsing",
    "privacy",
    "sent",
    "suppressions",
    "verp",
]
