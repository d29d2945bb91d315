"""Suppression list formats: each ESP export maps onto our records; exports are safe."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from bounced import interchange
from bounced.interchange import ExportRow, ImportRecord, Rejected
from bounced.reasons import Reason


def read(text: str, dialect: str = "auto"):
    name, records = interchange.read_rows(
        csv.reader(io.StringIO(text)), dialect=dialect
    )
    return name, list(records)


# One sample per dialect, with the columns each system exports
# (docs: shared/INTEGRATIONS.md "Suppression CSV export/import").
SAMPLES = {
    "mailgun": (
        "address,code,error,created_at\r\n"
        'Alice@Example.org,550,"550 5.1.1 The email account that you tried to reach'
        ' does not exist","Thu, 13 Oct 2022 18:02:00 UTC"\r\n'
    ),
    "ses": (
        "EmailAddress,Reason,LastUpdateTime\r\n"
        "alice@example.org,BOUNCE,2024-01-02T03:04:05Z\r\n"
        "carol@example.org,COMPLAINT,1704164645\r\n"
    ),
    "postmark": (
        "EmailAddress,SuppressionReason,Origin,CreatedAt\r\n"
        "alice@example.org,HardBounce,Recipient,2024-01-02T03:04:05-05:00\r\n"
        "carol@example.org,SpamComplaint,Recipient,2024-01-02T03:04:05-05:00\r\n"
        "dave@example.org,ManualSuppression,Customer,2024-01-02T03:04:05-05:00\r\n"
    ),
    "sparkpost": (
        "recipient,type,description,source,list_id,created,updated\r\n"
        "alice@example.org,non_transactional,550 5.1.1 user unknown,Bounce Rule,,"
        "2024-01-02T03:04:05+00:00,2024-01-02T03:04:05+00:00\r\n"
        "carol@example.org,non_transactional,,Spam Complaint,,"
        "2024-01-02T03:04:05+00:00,\r\n"
        "dave@example.org,non_transactional,,List Unsubscribe,,"
        "2024-01-02T03:04:05+00:00,\r\n"
    ),
    "listmonk": (
        "email,type,source,created_at,campaign,meta\r\n"
        'alice@example.org,hard,api,2024-01-02 03:04:05+00,{},"{""reason"":'
        ' ""userunknown""}"\r\n'
        "carol@example.org,complaint,api,2024-01-02 03:04:05+00,{},{}\r\n"
        "erin@example.org,soft,api,2024-01-02 03:04:05+00,{},{}\r\n"
    ),
}


def test_mailgun_bounces_are_classified_from_their_error_text():
    """Mailgun's code and error become status, reply code and a taxonomy reason."""
    name, records = read(SAMPLES["mailgun"])

    assert name == "mailgun"
    (record,) = records
    assert record.address == "alice@example.org"
    assert (record.reason, record.status, record.reply_code) == (
        Reason.USERUNKNOWN,
        "5.1.1",
        550,
    )
    assert record.seen_at == datetime(2022, 10, 13, 18, 2, tzinfo=UTC)


def test_ses_bounce_and_complaint_map_to_suppressed_and_feedback():
    name, records = read(SAMPLES["ses"])

    assert name == "ses"
    assert [(r.address, r.reason, r.source) for r in records] == [
        ("alice@example.org", Reason.SUPPRESSED, "import"),
        ("carol@example.org", Reason.FEEDBACK, "complaint"),
    ]
    assert records[1].seen_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_postmark_reasons_map_to_bounce_complaint_and_unsubscribe():
    name, records = read(SAMPLES["postmark"])

    assert name == "postmark"
    assert [(r.reason, r.source) for r in records] == [
        (Reason.SUPPRESSED, "import"),
        (Reason.FEEDBACK, "complaint"),
        (Reason.SUPPRESSED, "unsubscribe"),
    ]
    assert records[0].seen_at == datetime(2024, 1, 2, 8, 4, 5, tzinfo=UTC)


def test_sparkpost_sources_map_and_bounce_rules_are_classified():
    name, records = read(SAMPLES["sparkpost"])

    assert name == "sparkpost"
    assert [(r.address, r.reason, r.source) for r in records] == [
        ("alice@example.org", Reason.USERUNKNOWN, "import"),
        ("carol@example.org", Reason.FEEDBACK, "complaint"),
        ("dave@example.org", Reason.SUPPRESSED, "unsubscribe"),
    ]


def test_listmonk_hard_and_complaints_import_and_soft_bounces_are_skipped():
    """A soft bounce is listmonk's counter, not a suppression: rejected, with why."""
    name, records = read(SAMPLES["listmonk"])

    assert name == "listmonk"
    assert [type(r) for r in records] == [ImportRecord, ImportRecord, Rejected]
    assert records[0].reason is Reason.USERUNKNOWN
    assert records[1].reason is Reason.FEEDBACK
    assert records[2].line == 4
    assert "soft bounce" in records[2].why


def test_a_plain_list_is_one_address_per_line_and_bad_lines_are_rejected():
    name, records = read("Bob@Example.ORG\n# a comment\n\nnot an address\n<c@x.org>\n")

    assert name == "plain"
    assert [getattr(r, "address", None) for r in records] == [
        "bob@example.org",
        None,
        "c@x.org",
    ]
    assert records[1] == Rejected(
        line=4, why="not a valid email address: 'not an address'"
    )


def test_a_plain_list_with_an_email_header_skips_the_header():
    name, records = read("email\nbob@example.org\n", dialect="plain")

    assert name == "plain"
    assert [r.address for r in records] == ["bob@example.org"]


def test_headers_are_matched_whatever_their_case_spacing_or_bom():
    name, records = read("\ufeffEmail Address,Suppression Reason\nA@B.org,HardBounce\n")

    assert name == "postmark"
    assert records[0].address == "a@b.org"


def test_an_unknown_header_is_not_guessed_at():
    assert read("foo,bar\n1,2\n") == (None, [])


def test_a_generic_csv_with_an_email_column_keeps_a_known_reason():
    name, records = read(
        "Name,Email,Reason\nA,a@b.org,mailboxfull\nB,b@b.org,whatever\n"
    )

    assert name == "generic"
    assert [r.reason for r in records] == [Reason.MAILBOXFULL, Reason.SUPPRESSED]


def row(**overrides) -> ExportRow:
    values = {
        "address": "alice@example.org",
        "scope": "global",
        "reason": "userunknown",
        "source": "bounce",
        "status": "5.1.1",
        "reply_code": 550,
        "diagnostic": "550 5.1.1 user unknown",
        "first_seen_at": datetime(2024, 1, 2, tzinfo=UTC),
        "last_seen_at": datetime(2024, 1, 3, tzinfo=UTC),
        "expires_at": None,
        "count": 2,
        "why": json.dumps({"rule": "permanent failure"}),
    }
    values.update(overrides)
    return ExportRow(**values)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_export_cells_that_a_spreadsheet_would_evaluate_are_quoted(start):
    """A diagnostic is a remote server's text: `=HYPERLINK(...)` must stay text."""
    cells = interchange.csv_cells(row(diagnostic=f'{start}HYPERLINK("http://x")'))

    diagnostic = cells[interchange.EXPORT_COLUMNS.index("diagnostic")]
    written = "\\r" if start == "\r" else start  # a CR is also escaped (sanitize)
    assert diagnostic == f'\'{written}HYPERLINK("http://x")'


def test_export_columns_are_the_documented_ones_with_category_and_permanence():
    cells = dict(
        zip(interchange.EXPORT_COLUMNS, interchange.csv_cells(row()), strict=True)
    )

    assert list(cells) == [
        "email", "scope", "reason", "category", "permanent", "status", "smtp_code",
        "diagnostic", "source", "first_seen_at", "last_seen_at", "expires_at", "events",
    ]  # fmt: skip
    assert (cells["category"], cells["permanent"], cells["events"]) == (
        "hard",
        "true",
        "2",
    )


def test_our_export_imports_back_to_the_same_suppression():
    """Round trip: export CSV → import keeps address, scope, reason, codes and text."""
    original = row(scope="list:news.example.com", diagnostic="=SUM(A1)")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(interchange.EXPORT_COLUMNS)
    writer.writerow(interchange.csv_cells(original))

    name, (record,) = read(buffer.getvalue())

    assert name == "bounced"
    assert (record.address, record.scope, record.reason) == (
        "alice@example.org",
        "list:news.example.com",
        Reason.USERUNKNOWN,
    )
    assert (record.status, record.reply_code, record.diagnostic) == (
        "5.1.1",
        550,
        "=SUM(A1)",
    )


def test_every_dialect_is_reachable_by_name():
    """DIALECT_NAMES lists each dialect once, plus auto and plain."""
    names = [d.name for d in interchange.DIALECTS]

    assert len(set(names)) == len(names)
    assert ("auto", "plain", *names) == interchange.DIALECT_NAMES
