"""schemathesis against the live API: no generated request gets a 5xx, and every
answer conforms to /openapi.json (status codes, content types, headers, bodies),
and requests that break the schema are refused with a 4xx.

The spec is taken from the app at collection time (one test per operation); the
requests go to a real daemon. schemathesis's own pytest plugin is not used: it
reads a private pytest attribute that pytest 9 removed.
"""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import create_engine

from bounced.api import create_app
from bounced.config import Config
from tests.mail import dsn, send, spool_settled, wait_for
from tests.test_api import ADMIN, api_config

pytestmark = pytest.mark.slow

# An engine that never connects: only the spec is read from this app.
SPEC = create_app(create_engine("sqlite://"), Config()).openapi()
SCHEMA = schemathesis.openapi.from_dict(SPEC)
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}


@pytest.fixture
def live_api(db_url, engine, start_daemon):
    """A running daemon that holds a bounce and a list-scoped suppression."""
    server = start_daemon(api_config(db_url))
    send(server.port, dsn("alice@example.org", "5.1.1", 550, "User unknown"))
    wait_for(spool_settled(engine, 1))
    httpx.post(
        f"{server.api_url}/v1/suppressions",
        json={"address": "bob@example.org", "list": "news"},
        headers=ADMIN,
    ).raise_for_status()
    return server.api_url


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_generated_requests_get_no_5xx_and_conform_to_the_spec(label, live_api):
    """With an admin token, whatever schemathesis sends is answered per the spec."""
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(
            base_url=live_api,
            headers=ADMIN,
            # Schema-valid is not always valid: an address, a cursor or a period
            # is checked beyond what JSON Schema can say, and answered 422.
            excluded_checks=[positive_data_acceptance],
        )

    run()
