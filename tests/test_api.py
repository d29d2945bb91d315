"""The HTTP API over a real daemon: real sockets, a real client, both databases."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import json
import shutil
import smtplib
import socket
import typing
from datetime import UTC, datetime

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from bounced import config as config_module
from bounced import interchange
from bounced.api import suppressions as api_suppressions
from bounced.api.server import ApiBindError
from bounced.cli import main
from bounced.errors import ConfigError
from bounced.store.engine import make_engine
from bounced.store.schema import SuppressionChange
from tests.conftest import make_config
from tests.mail import dsn, send, spool_settled, wait_for
from tests.sinks import MovableClock

READ_TOKEN = "read-token-0123456789"
ADMIN_TOKEN = "admin-token-0123456789"
READ = {"Authorization": f"Bearer {READ_TOKEN}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def api_config(db_url, **api):
    """A daemon config with both token scopes (and any [api] overrides)."""
    values = {"read_tokens": [READ_TOKEN], "admin_tokens": [ADMIN_TOKEN], **api}
    return make_config(db_url, api=values)


@pytest.fixture
def client(db_url, start_daemon):
    """An HTTP client on a real daemon's API (processor on: bounces take effect)."""
    server = start_daemon(api_config(db_url))
    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        http.daemon = server  # type: ignore[attr-defined]
        yield http


def import_csv(client, text, **params):
    response = client.post(
        "/v1/suppressions/import",
        content=text.encode(),
        params=params,
        headers={**ADMIN, "Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response, status, code):
    """The status, and the JSON error body every refusal carries."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]["message"]


# -- auth ---------------------------------------------------------------------------


def test_requests_without_a_valid_token_get_401_with_a_json_error(client):
    """No token, a wrong token and a non-Bearer scheme are all refused alike."""
    for headers in (
        {},
        {"Authorization": "Bearer not-the-token-at-all"},
        {"Authorization": f"Basic {READ_TOKEN}"},
    ):
        response = client.get("/v1/suppressions/alice@example.org", headers=headers)
        assert_error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_read_token_reads_but_cannot_change_anything(client):
    """read scope: check and list work; add, remove and import are 403."""
    assert client.get("/v1/suppressions", headers=READ).status_code == 200

    added = client.post(
        "/v1/suppressions", json={"address": "a@example.org"}, headers=READ
    )
    removed = client.delete("/v1/suppressions/a@example.org", headers=READ)
    imported = client.post(
        "/v1/suppressions/import", content=b"a@example.org\n", headers=READ
    )

    for response in (added, removed, imported):
        assert_error(response, 403, "forbidden")
    assert client.get("/v1/suppressions", headers=READ).json()["items"] == []


def test_healthz_needs_no_token_and_reports_the_database_and_backlog(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["backlog"]) == ("ok", True, 0)


def test_an_unauthenticated_request_cannot_make_the_daemon_read_a_large_body(client):
    """Without a token a body is held to 64 KiB, refused before it is read."""
    response = client.post(
        "/v1/suppressions/check", content=b"x" * (65 * 1024), headers={}
    )

    assert_error(response, 413, "too_large")


def test_a_chunked_body_over_the_limit_is_stopped(db_url, start_daemon):
    """A body without Content-Length is counted as it streams."""
    server = start_daemon(api_config(db_url, max_request_size=10_000))

    def chunks():
        for _ in range(20):
            yield b"a@example.org\n" * 100

    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        streamed = http.post("/v1/suppressions/import", content=chunks(), headers=ADMIN)
        declared = http.post(
            "/v1/suppressions/check",
            json={"addresses": ["a@example.org"] * 1000},
            headers=READ,
        )

    assert_error(streamed, 413, "too_large")
    assert_error(declared, 413, "too_large")


def test_an_open_api_is_refused_on_a_non_loopback_address(tmp_path):
    """No token and host 0.0.0.0: a config error naming the key, exit 78."""
    path = tmp_path / "c.toml"
    path.write_text('[api]\nhost = "0.0.0.0"\n')

    with pytest.raises(ConfigError) as error:
        config_module.load(path, environ={})
    result = CliRunner().invoke(main, ["--config", str(path), "serve"])

    assert error.value.problems == [
        "api.admin_tokens: expected at least one token in api.read_tokens or"
        " api.admin_tokens when api.host (0.0.0.0) is not a loopback address"
    ]
    assert result.exit_code == 78
    assert "api.admin_tokens" in result.stderr


def test_tokens_come_from_the_environment_and_never_show_in_a_repr():
    loaded = config_module.load(
        None,
        environ={
            "BOUNCED_API_READ_TOKENS": "aaaaaaaaaaaaaaaa1,aaaaaaaaaaaaaaaa2",
            "BOUNCED_API_ADMIN_TOKENS": "bbbbbbbbbbbbbbbb1",
            "BOUNCED_API_HOST": "0.0.0.0",
        },
    )

    assert loaded.api.read_tokens == ("aaaaaaaaaaaaaaaa1", "aaaaaaaaaaaaaaaa2")
    assert "aaaaaaaaaaaaaaaa" not in repr(loaded)
    assert "bbbbbbbbbbbbbbbb" not in repr(loaded)


def test_short_tokens_are_refused_naming_the_key():
    with pytest.raises(ConfigError) as error:
        config_module.load(None, environ={"BOUNCED_API_ADMIN_TOKENS": "short"})

    assert error.value.problems[0].startswith(
        "api.admin_tokens: expected tokens of at least 16 printable ASCII"
    )


def test_a_taken_api_port_stops_the_daemon_with_the_address_named(
    sqlite_url, start_daemon
):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        with pytest.raises(ApiBindError) as error:
            start_daemon(api_config(sqlite_url, port=port))
    finally:
        taken.close()

    assert error.value.where == f"127.0.0.1:{port}"


def test_the_api_is_served_from_the_daemons_own_event_loop(sqlite_url, start_daemon):
    """One loop hosts the SMTP listener and uvicorn (a task named "api")."""
    server = start_daemon(api_config(sqlite_url))

    async def task_names():
        return {task.get_name() for task in asyncio.all_tasks()}

    names = asyncio.run_coroutine_threadsafe(task_names(), server._loop).result(10)

    assert {"api", "spool", "processor"} <= names


# -- one address --------------------------------------------------------------------


def test_a_bounced_address_is_suppressed_with_reason_status_dates_count_and_why(
    client, engine
):
    """A DSN over SMTP, then GET by any spelling of the address: 200 with why."""
    send(client.daemon.port, dsn("alice@example.org", "5.1.1", 550, "User unknown"))
    wait_for(spool_settled(engine, 1))

    response = client.get("/v1/suppressions/Alice@EXAMPLE.org", headers=READ)

    assert response.status_code == 200
    body = response.json()
    assert (body["address"], body["suppressed"]) == ("alice@example.org", True)
    (item,) = body["suppressions"]
    assert (item["reason"], item["status"], item["reply_code"], item["count"]) == (
        "userunknown",
        "5.1.1",
        550,
        1,
    )
    assert item["source"] == "bounce"
    assert item["first_seen_at"].startswith("20")
    assert item["why"]["rule"] == "permanent failure about the address (userunknown)"


def test_an_address_that_may_be_mailed_is_404_and_a_malformed_one_422(client):
    missing = client.get("/v1/suppressions/bob@example.org", headers=READ)
    malformed = client.get("/v1/suppressions/not an address", headers=READ)

    assert "bob@example.org is not suppressed" in assert_error(
        missing, 404, "not_suppressed"
    )
    assert "not a valid email address" in assert_error(
        malformed, 422, "invalid_address"
    )


def test_add_then_remove_reactivates_and_both_are_in_the_audit_trail(client, engine):
    """POST is 201 then 200; DELETE is 200 then 404; each change is recorded."""
    first = client.post(
        "/v1/suppressions",
        json={"address": "Carol@Example.org", "reason": "feedback", "note": "asked"},
        headers=ADMIN,
    )
    again = client.post(
        "/v1/suppressions", json={"address": "carol@example.org"}, headers=ADMIN
    )
    removed = client.delete(
        "/v1/suppressions/carol@example.org",
        params={"note": "resubscribed"},
        headers=ADMIN,
    )
    gone = client.delete("/v1/suppressions/carol@example.org", headers=ADMIN)
    check = client.get("/v1/suppressions/carol@example.org", headers=READ)

    assert (first.status_code, again.status_code) == (201, 200)
    assert (first.json()["reason"], again.json()["reason"]) == (
        "feedback",
        "suppressed",
    )
    assert removed.json() == {"address": "carol@example.org", "removed": 1}
    assert_error(gone, 404, "not_suppressed")
    assert check.status_code == 404
    with engine.connect() as connection:
        changes = connection.execute(
            select(
                SuppressionChange.change,
                SuppressionChange.actor,
                SuppressionChange.note,
            ).order_by(SuppressionChange.id)
        ).all()
    assert [tuple(c) for c in changes] == [
        ("added", "api", "asked"),
        ("updated", "api", None),
        ("removed", "api", "resubscribed"),
    ]


def test_bad_add_requests_say_what_was_wrong(client):
    unknown_reason = client.post(
        "/v1/suppressions",
        json={"address": "a@example.org", "reason": "because"},
        headers=ADMIN,
    )
    not_json = client.post(
        "/v1/suppressions",
        content=b"{not json",
        headers={**ADMIN, "Content-Type": "application/json"},
    )
    extra = client.post(
        "/v1/suppressions", json={"address": "a@example.org", "x": 1}, headers=ADMIN
    )
    past = client.post(
        "/v1/suppressions",
        json={"address": "a@example.org", "expires_at": "2001-01-01T00:00:00Z"},
        headers=ADMIN,
    )

    assert "body.reason" in assert_error(unknown_reason, 422, "invalid_request")
    assert_error(not_json, 422, "invalid_request")
    assert "body.x" in assert_error(extra, 422, "invalid_request")
    assert_error(past, 422, "invalid_expiry")


def test_a_nul_in_a_note_is_dropped_not_a_database_error(client):
    """PostgreSQL refuses NUL in text; the note is stored without it."""
    added = client.post(
        "/v1/suppressions",
        json={"address": "n@example.org", "note": "a\u0000b"},
        headers=ADMIN,
    )
    removed = client.delete(
        "/v1/suppressions/n@example.org", params={"note": "c\x00d"}, headers=ADMIN
    )

    assert (added.status_code, removed.status_code) == (201, 200)
    assert added.json()["why"]["note"] == "ab"


def test_unknown_routes_and_methods_answer_json(client):
    assert_error(client.get("/v1/nothing", headers=READ), 404, "not_found")
    assert_error(
        client.put("/v1/suppressions", headers=ADMIN), 405, "method_not_allowed"
    )


# -- many addresses -----------------------------------------------------------------


def test_bulk_check_returns_only_the_suppressed_and_lists_the_invalid(client):
    """Thousands of addresses in one request; answers match one-by-one lookups."""
    suppressed = [f"user{i}@example.org" for i in range(0, 3000, 7)]
    import_csv(client, "\n".join(suppressed) + "\n")
    asked = [f"User{i}@Example.org" for i in range(3000)] + ["junk", ""]

    response = client.post(
        "/v1/suppressions/check", json={"addresses": asked}, headers=READ
    )

    assert response.status_code == 200
    body = response.json()
    assert body["checked"] == 3002
    assert [item["address"] for item in body["suppressed"]] == sorted(suppressed)
    assert body["invalid"] == ["junk", ""]
    assert body["suppressed"][0]["reason"] == "suppressed"


def test_bulk_check_with_a_list_counts_global_and_that_lists_suppressions(client):
    """A list-scoped suppression stops mail to its list only; without a list
    any suppression counts."""
    import_csv(client, "a@example.org\n")
    import_csv(client, "b@example.org\n", list="news.example.com")
    addresses = ["a@example.org", "b@example.org"]

    def suppressed(**extra):
        body = client.post(
            "/v1/suppressions/check",
            json={"addresses": addresses, **extra},
            headers=READ,
        ).json()
        return [(item["address"], item["scope"]) for item in body["suppressed"]]

    assert suppressed(list="news.example.com") == [
        ("a@example.org", "global"),
        ("b@example.org", "list:news.example.com"),
    ]
    assert suppressed(list="other.example.com") == [("a@example.org", "global")]
    assert len(suppressed()) == 2


def test_bulk_check_over_the_configured_maximum_is_413(db_url, start_daemon):
    server = start_daemon(api_config(db_url, max_check_addresses=10))
    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        response = http.post(
            "/v1/suppressions/check",
            json={"addresses": [f"u{i}@example.org" for i in range(11)]},
            headers=READ,
        )

    assert "at most 10" in assert_error(response, 413, "too_many_addresses")


# -- listing, export, import --------------------------------------------------------


def test_list_filters_and_cursor_pages_walk_every_row_once(client):
    import_csv(client, "".join(f"u{i:03}@a.example\n" for i in range(25)))
    import_csv(client, "x@b.example\n", list="news")
    import_csv(
        client,
        "EmailAddress,Reason,LastUpdateTime\r\nc@b.example,COMPLAINT,2024-01-01\r\n",
    )

    seen = []
    cursor = None
    while True:
        params = {"limit": 10, "domain": "A.EXAMPLE"}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/suppressions", params=params, headers=READ).json()
        seen.extend(item["address"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    by_list = client.get(
        "/v1/suppressions", params={"list": "news"}, headers=READ
    ).json()
    by_reason = client.get(
        "/v1/suppressions", params={"reason": "feedback"}, headers=READ
    ).json()
    since_now = client.get(
        "/v1/suppressions", params={"since": "2030-01-01T00:00:00Z"}, headers=READ
    ).json()

    assert seen == [f"u{i:03}@a.example" for i in range(25)]
    assert [(i["address"], i["list"]) for i in by_list["items"]] == [
        ("x@b.example", "news")
    ]
    assert [i["address"] for i in by_reason["items"]] == ["c@b.example"]
    assert since_now["items"] == []


def test_a_forged_cursor_is_422_not_a_server_error(client):
    nul = base64.urlsafe_b64encode(b'["a\\u0000", "global"]').decode()
    for cursor in ("garbage", "W10", "WyJhIiwgMV0", nul):
        response = client.get(
            "/v1/suppressions", params={"cursor": cursor}, headers=READ
        )
        assert_error(response, 422, "invalid_cursor")


def test_csv_export_streams_every_row_and_neutralizes_formulas(client):
    """A diagnostic chosen by a remote server cannot become a spreadsheet formula."""
    rows = "".join(f"u{i:04}@example.org,550,5.1.1 unknown,\n" for i in range(2500))
    import_csv(
        client,
        "address,code,error,created_at\n"
        + rows
        + 'evil@example.org,550,"=HYPERLINK(""http://x"")",\n',
    )

    response = client.get("/v1/suppressions/export", headers=READ)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    records = list(csv.DictReader(io.StringIO(response.text)))
    assert len(records) == 2501
    evil = next(r for r in records if r["email"] == "evil@example.org")
    assert evil["diagnostic"] == '\'=HYPERLINK("http://x")'
    assert records[-1]["reason"] == "userunknown"


def test_jsonl_export_has_one_object_per_line_and_takes_filters(client):
    import_csv(client, "a@one.example\nb@two.example\n")

    response = client.get(
        "/v1/suppressions/export",
        params={"format": "jsonl", "domain": "two.example"},
        headers=READ,
    )

    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [(d["email"], d["category"], d["source"]) for d in lines] == [
        ("b@two.example", "hard", "import")
    ]


def test_export_then_import_elsewhere_gives_the_same_list(
    client, sqlite_template, tmp_path, start_daemon
):
    """Our own CSV is an import dialect: moving a list keeps reasons and scopes."""
    import_csv(
        client,
        "address,code,error,created_at\na@example.org,552,5.2.2 mailbox full,\n",
    )
    import_csv(client, "b@example.org\n", list="news")
    exported = client.get("/v1/suppressions/export", headers=READ).text
    elsewhere = tmp_path / "elsewhere.db"
    shutil.copyfile(sqlite_template, elsewhere)
    other = start_daemon(api_config(f"sqlite:///{elsewhere}"))

    with httpx.Client(base_url=other.api_url, timeout=60) as http:
        result = http.post(
            "/v1/suppressions/import", content=exported.encode(), headers=ADMIN
        ).json()
        again = http.get("/v1/suppressions/export", headers=READ).text

    assert (result["dialect"], result["added"]) == ("bounced", 2)
    assert again == exported


def test_import_reports_dialect_counts_and_rejected_lines(client):
    """Existing suppressions are kept; bad lines are listed with their numbers."""
    import_csv(client, "a@example.org\n")

    result = import_csv(
        client,
        "email,type,source,created_at,campaign,meta\n"
        "a@example.org,hard,api,2024-01-01,{},{}\n"
        "b@example.org,complaint,api,2024-01-01,{},{}\n"
        "c@example.org,soft,api,2024-01-01,{},{}\n"
        "not-an-address,hard,api,2024-01-01,{},{}\n",
    )

    assert result["dialect"] == "listmonk"
    assert (
        result["rows"],
        result["added"],
        result["existing"],
        result["rejected"],
    ) == (
        4,
        1,
        1,
        2,
    )
    assert [r["line"] for r in result["rejections"]] == [4, 5]


def test_an_unrecognized_import_format_is_422_and_adds_nothing(client):
    response = client.post(
        "/v1/suppressions/import", content=b"foo,bar\n1,2\n", headers=ADMIN
    )
    bad_dialect = client.post(
        "/v1/suppressions/import",
        content=b"a@example.org\n",
        params={"dialect": "nope"},
        headers=ADMIN,
    )

    assert_error(response, 422, "unrecognized_format")
    assert "query.dialect" in assert_error(bad_dialect, 422, "invalid_request")
    assert client.get("/v1/suppressions", headers=READ).json()["items"] == []


def test_the_documented_dialects_are_the_ones_the_importer_knows():
    assert typing.get_args(api_suppressions.DialectName) == interchange.DIALECT_NAMES


def test_undecodable_bytes_and_nuls_in_an_import_are_rejected_lines(client):
    result = import_csv(client, "a@example.org\n")
    response = client.post(
        "/v1/suppressions/import",
        content=b"b@example.org\n\xff\xfe@\x00x.org\nc@example.org\n",
        headers=ADMIN,
    )

    assert result["added"] == 1
    assert response.status_code == 200
    body = response.json()
    assert (body["added"], body["rejected"]) == (2, 1)


# -- events, stats, metrics ---------------------------------------------------------


def test_events_are_listed_filtered_and_their_raw_message_is_admin_only(client, engine):
    raw = dsn("dave@example.org", "4.2.2", 452, "Mailbox full")
    send(client.daemon.port, raw)
    send(client.daemon.port, dsn("erin@other.example", "5.1.1", 550))
    wait_for(spool_settled(engine, 2))

    everything = client.get("/v1/events", headers=READ).json()
    full = client.get(
        "/v1/events", params={"reason": "mailboxfull"}, headers=READ
    ).json()
    by_address = client.get(
        "/v1/events", params={"address": "Dave@Example.org"}, headers=READ
    ).json()
    (event,) = full["items"]
    one = client.get(f"/v1/events/{event['id']}", headers=READ).json()
    raw_read = client.get(f"/v1/events/{event['id']}/raw", headers=READ)
    raw_admin = client.get(f"/v1/events/{event['id']}/raw", headers=ADMIN)
    missing = client.get("/v1/events/999999", headers=READ)

    assert [e["recipient"] for e in everything["items"]] == [
        "erin@other.example",
        "dave@example.org",
    ]
    # A transient failure is retried (policy.py): mailbox full, 4.2.2.
    assert (event["recipient"], event["status"], event["decision"]) == (
        "dave@example.org",
        "4.2.2",
        "retry",
    )
    assert by_address["items"] == full["items"]
    assert one == event
    assert_error(raw_read, 403, "forbidden")
    assert raw_admin.content == raw
    assert raw_admin.headers["content-type"] == "message/rfc822"
    assert raw_admin.headers["content-disposition"].startswith("attachment")
    assert_error(missing, 404, "not_found")


def test_stats_count_events_by_reason_decision_and_domain(client, engine):
    send(client.daemon.port, dsn("a@example.org", "5.1.1", 550))
    send(client.daemon.port, dsn("b@example.org", "5.1.1", 550))
    send(client.daemon.port, dsn("c@other.example", "4.2.2", 452))
    wait_for(spool_settled(engine, 3))

    body = client.get("/v1/stats", params={"since": "2000-01-01"}, headers=READ).json()

    assert body["events"] == 3
    assert body["by_reason"] == {"userunknown": 2, "mailboxfull": 1}
    assert body["by_decision"] == {"suppress": 2, "retry": 1}
    assert body["by_domain"] == {"example.org": 2, "other.example": 1}
    assert body["suppressions_added"] == 2


def metric(text, name, labels=""):
    """The value of one sample in Prometheus text (0 when absent)."""
    for line in text.splitlines():
        if line.startswith(f"{name}{labels} ") or (
            not labels and line.startswith(f"{name} ")
        ):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_smtp_processing_and_suppressions(client, engine):
    """Prometheus text: accepted and refused by code, events by reason, latency,
    suppressions by reason read from the database."""
    before = client.get("/metrics", headers=READ).text
    send(client.daemon.port, dsn("m@example.org", "5.1.1", 550))
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send(client.daemon.port, b"Subject: x\r\n\r\nx\r\n", rcpt="x@elsewhere.example")
    wait_for(spool_settled(engine, 1))

    after = client.get("/metrics", headers=READ)

    assert after.headers["content-type"].startswith("text/plain")
    text = after.text

    def grew(name, labels=""):
        return metric(text, name, labels) - metric(before, name, labels)

    assert grew("bounced_smtp_messages_received_total") == 1
    assert grew("bounced_smtp_messages_accepted_total") == 1
    assert grew("bounced_smtp_refused_total", '{code="550",command="RCPT"}') == 1
    assert grew("bounced_messages_processed_total", '{result="parsed"}') == 1
    assert grew("bounced_events_total", '{reason="userunknown"}') == 1
    assert grew("bounced_ingest_to_decision_seconds_count") == 1
    assert metric(text, "bounced_suppressions", '{reason="userunknown"}') == 1
    assert metric(text, "bounced_database_up") == 1
    assert "m@example.org" not in text


def test_metrics_need_a_token_unless_public(db_url, start_daemon):
    closed = start_daemon(api_config(db_url))
    public = start_daemon(api_config(db_url, public_metrics=True))

    with httpx.Client(timeout=60) as http:
        refused = http.get(f"{closed.api_url}/metrics")
        served = http.get(f"{public.api_url}/metrics")

    assert_error(refused, 401, "unauthorized")
    assert served.status_code == 200
    assert "bounced_smtp_messages_accepted_total" in served.text


def test_request_metrics_label_the_route_template_never_the_address(client):
    client.get("/v1/suppressions/secret.person@example.org", headers=READ)

    text = client.get("/metrics", headers=READ).text

    assert 'route="/v1/suppressions/{address:path}"' in text
    assert "secret.person" not in text


def test_openapi_describes_every_route(client):
    """The spec is served without a token and lists each path a client uses."""
    spec = client.get("/openapi.json").json()

    assert set(spec["paths"]) >= {
        "/v1/suppressions",
        "/v1/suppressions/check",
        "/v1/suppressions/export",
        "/v1/suppressions/import",
        "/v1/suppressions/{address}",
        "/v1/events",
        "/v1/events/{event_id}",
        "/v1/events/{event_id}/raw",
        "/v1/stats",
        "/v1/retries",
        "/v1/retries/pull",
        "/v1/retries/ack",
        "/v1/domains",
        "/v1/domains/{domain}/alert",
        "/healthz",
        "/metrics",
    }
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


# -- retries and domains (the policy's state, exposed) ------------------------------


def test_retries_are_listed_pulled_leased_and_acknowledged_once(
    db_url, engine, start_daemon
):
    """dispatcher = pull: a due retry is taken by one consumer, offered again
    after its lease, closed by one acknowledgement."""
    clock = MovableClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    config = api_config(db_url).with_overrides(
        retry={"tick_interval": 0.05, "pull_lease": 60}
    )
    server = start_daemon(config, clock=clock)
    send(server.port, dsn("gus@example.com", "4.2.2", 452, "Mailbox full"))
    wait_for(spool_settled(engine, 1))

    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        listed = http.get("/v1/retries", headers=READ).json()
        early = http.post("/v1/retries/pull", json={"consumer": "lm"}, headers=ADMIN)
        before = http.get("/metrics", headers=READ).text
        clock.advance(minutes=15)
        wait_for(
            lambda: http.get(
                "/v1/retries", params={"state": "ready"}, headers=READ
            ).json()["items"]
        )
        offered = http.get("/metrics", headers=READ).text
        first = http.post("/v1/retries/pull", json={"consumer": "lm"}, headers=ADMIN)
        other = http.post("/v1/retries/pull", json={"consumer": "b"}, headers=ADMIN)
        clock.advance(seconds=61)
        again = http.post("/v1/retries/pull", json={"consumer": "b"}, headers=ADMIN)
        (item,) = again.json()["items"]
        acked = http.post(
            "/v1/retries/ack", json={"acks": {item["id"]: "accepted"}}, headers=ADMIN
        )
        twice = http.post(
            "/v1/retries/ack", json={"acks": {item["id"]: "accepted"}}, headers=ADMIN
        )
        bad = http.post(
            "/v1/retries/ack", json={"acks": {item["id"]: "maybe"}}, headers=ADMIN
        )
        by_reader = http.post("/v1/retries/pull", json={"consumer": "lm"}, headers=READ)

    (retry,) = listed["items"]
    assert (retry["recipient"], retry["state"], retry["reason"]) == (
        "gus@example.com",
        "pending",
        "mailboxfull",
    )
    assert listed["counts"] == {"pending": 1}
    assert early.json() == {"items": []}
    sample = ("bounced_retries_dispatched_total", '{outcome="offered"}')
    assert metric(offered, *sample) - metric(before, *sample) == 1
    assert [i["recipient"] for i in first.json()["items"]] == ["gus@example.com"]
    assert other.json() == {"items": []}
    assert item["id"] == first.json()["items"][0]["id"]
    assert item["type"] == "retry.due"
    assert acked.json() == {"results": {item["id"]: "accepted"}}
    assert twice.json() == {"results": {item["id"]: "unknown"}}
    assert "body.acks" in assert_error(bad, 422, "invalid_request")
    assert_error(by_reader, 403, "forbidden")


def test_pull_is_refused_when_retries_go_to_another_dispatcher(db_url, start_daemon):
    config = api_config(db_url).with_overrides(retry={"dispatcher": "none"})
    server = start_daemon(config)

    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        response = http.post("/v1/retries/pull", json={"consumer": "x"}, headers=ADMIN)

    assert 'dispatcher = "pull"' in assert_error(response, 409, "not_pull_dispatcher")


def test_a_sender_alert_shows_on_domains_and_is_cleared_once(client, engine):
    """550 5.7.1 blames the sender: the domain is alerted and slowed; DELETE
    acknowledges the alert."""
    send(
        client.daemon.port,
        dsn("lea@example.biz", "5.7.1", 550, "Rejected: bad IP reputation"),
    )
    wait_for(spool_settled(engine, 1))

    alerted = client.get("/v1/domains", params={"alerts": True}, headers=READ).json()
    cleared = client.delete("/v1/domains/Example.BIZ/alert", headers=ADMIN)
    again = client.delete("/v1/domains/example.biz/alert", headers=ADMIN)
    after = client.get("/v1/domains", params={"alerts": True}, headers=READ).json()

    (domain,) = alerted["items"]
    assert (domain["domain"], domain["batch_size"]) == ("example.biz", 10)
    # "bad IP reputation" is classified badreputation (as in test_decisions.py)
    assert (domain["alert"]["reason"], domain["alert"]["active"]) == (
        "badreputation",
        True,
    )
    assert cleared.status_code == 204
    assert_error(again, 404, "no_alert")
    assert after == {"items": []}


@pytest.mark.postgres
def test_an_unexpected_failure_is_a_json_500_logged_without_request_data(
    pg_url, start_daemon, caplog
):
    """A table gone (a broken deployment): 500 with a JSON body; the log names
    the route and the error, never the address asked about or the token."""
    server = start_daemon(api_config(pg_url))
    engine = make_engine(pg_url, pool_size=1)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE suppressions CASCADE")
    finally:
        engine.dispose()

    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        response = http.get("/v1/suppressions/secret.person@example.org", headers=READ)

    assert_error(response, 500, "internal_error")
    failures = [
        r.getMessage() for r in caplog.records if "api request failed" in r.getMessage()
    ]
    assert failures == [
        "api request failed route=/v1/suppressions/{address:path}"
        ' error=UndefinedTable: relation "suppressions" does not exist'
    ]
    assert "secret.person" not in caplog.text
    assert READ_TOKEN not in caplog.text


# -- VERP -----------------------------------------------------------------------------

VERP_SECRET = "verp-secret-0123456789"


@pytest.fixture
def signing_client(sqlite_url, start_daemon):
    """A daemon that requires signed bounces, with its API."""
    values = {"read_tokens": [READ_TOKEN], "admin_tokens": [ADMIN_TOKEN]}
    config = make_config(
        sqlite_url, api=values, verp={"secrets": [VERP_SECRET], "require_signed": True}
    )
    server = start_daemon(config)
    with httpx.Client(base_url=server.api_url, timeout=60) as http:
        http.daemon = server  # type: ignore[attr-defined]
        yield http


def test_a_sender_signs_over_http_and_the_bounce_to_that_address_suppresses(
    signing_client, sqlite_engine
):
    """POST /v1/verp gives the Return-Path; a bounce to it is accepted and acts on
    exactly that recipient, and /v1/verp/decode reads it back."""
    signed = signing_client.post(
        "/v1/verp",
        json={"recipient": "Ivy@Example.org", "list_id": "weekly.example.com"},
        headers=ADMIN,
    )
    assert signed.status_code == 200, signed.text
    body = signed.json()
    assert body["recipient"] == "ivy@example.org"
    assert body["bounce_domain"] == "bounces.example.com"
    address = body["address"]

    decoded = signing_client.post(
        "/v1/verp/decode", json={"address": address}, headers=READ
    )
    port = signing_client.daemon.port  # type: ignore[attr-defined]
    refused = send(port, dsn("ivy@example.org", "5.1.1", 550), rcpt=address)
    wait_for(spool_settled(sqlite_engine, 1))
    lookup = signing_client.get("/v1/suppressions/ivy@example.org", headers=READ)

    assert decoded.json()["valid"] is True
    assert decoded.json()["list_id"] == "weekly.example.com"
    assert refused == {}
    assert lookup.status_code == 200


def test_only_an_admin_token_may_sign_bounce_addresses(signing_client):
    """A signing oracle would let a read-only client mint forgeries: 403."""
    response = signing_client.post(
        "/v1/verp", json={"recipient": "a@example.org"}, headers=READ
    )

    assert_error(response, 403, "forbidden")


def test_signing_refusals_say_what_was_wrong(signing_client, client):
    """A bad recipient or an unknown bounce domain is 422; no secret is 503."""
    bad = signing_client.post(
        "/v1/verp", json={"recipient": "no at sign"}, headers=ADMIN
    )
    domain = signing_client.post(
        "/v1/verp",
        json={"recipient": "a@example.org", "domain": "elsewhere.example"},
        headers=ADMIN,
    )
    unconfigured = client.post(
        "/v1/verp", json={"recipient": "a@example.org"}, headers=ADMIN
    )

    assert_error(bad, 422, "invalid_address")
    assert_error(domain, 422, "unknown_bounce_domain")
    assert_error(unconfigured, 503, "verp_not_configured")
