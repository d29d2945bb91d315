"""VERP: signed bounce addresses, and forged bounces that must not suppress anyone."""

from __future__ import annotations

import smtplib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bounced import verp
from bounced.store.schema import BounceEvent, Suppression
from tests.conftest import make_config
from tests.mail import dsn, send, spool_settled, wait_for

SECRET = "s3cret-s3cret-s3cret"
OLD_SECRET = "old-secret-old-secret"
TODAY = date(2026, 11, 1)
NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)
CODEC = verp.Codec((SECRET,), "b", 30)


def test_encode_then_decode_gives_back_recipient_list_and_message():
    """A signed address carries the recipient, list and message id, and verifies."""
    address = CODEC.encode(
        "Alice.Smith+news@Example.org",
        bounce_domain="bounces.example.com",
        now=NOW,
        list_id="weekly.example.com",
        message_id="<m1@example.com>",
    )

    data = CODEC.decode(address, NOW)

    assert address.startswith("b+alice.smith+news=example.org=")
    assert address.endswith("@bounces.example.com")
    assert data == verp.VerpData(
        form="bounced",
        recipient="alice.smith+news@example.org",
        list_id="weekly.example.com",
        message_id="<m1@example.com>",
        signed=True,
        valid=True,
    )


def test_the_documented_format_is_what_encode_writes():
    """The README's recipe (HMAC over local=domain=extra=expiry) reproduces the tag."""
    import hashlib
    import hmac

    address = verp.encode(
        "bob@example.net",
        secret=SECRET,
        bounce_domain="b.example",
        expires=date(2026, 12, 1),
    )

    expiry = format_base36((date(2026, 12, 1) - date(1970, 1, 1)).days)
    body = f"bob=example.net=={expiry}"
    tag = hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).hexdigest()[:16]
    assert address == f"b+{body}={tag}@b.example"


def format_base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out


def test_decoding_ignores_case_changes_made_by_remote_servers():
    """Some MTAs uppercase the address they bounce to; the tag still verifies."""
    address = CODEC.encode(
        "carol@example.org", bounce_domain="bounces.example.com", now=NOW
    )

    assert CODEC.decode(address.upper(), NOW).valid


@pytest.mark.parametrize(
    ("mangle", "problem"),
    [
        (lambda a: a.replace("carol", "carl", 1), "bad signature"),
        (lambda a: a[: a.index("@") - 1] + "0" + a[a.index("@") :], "bad signature"),
        (lambda a: a.replace("=", "", 1), "malformed"),
        (lambda a: "b+carol=example.org@bounces.example.com", "malformed"),
    ],
)
def test_tampered_addresses_do_not_verify(mangle, problem):
    """Changing any part of a signed address breaks it, and says how."""
    address = CODEC.encode(
        "carol@example.org", bounce_domain="bounces.example.com", now=NOW
    )

    data = CODEC.decode(mangle(address), NOW)

    assert data is not None
    assert (data.valid, data.problem) == (False, problem)


def test_an_address_past_its_lifetime_is_expired():
    """After `lifetime` days a signed address no longer verifies."""
    address = CODEC.encode(
        "dan@example.org", bounce_domain="bounces.example.com", now=NOW
    )

    assert CODEC.decode(address, NOW + timedelta(days=30)).valid
    assert CODEC.decode(address, NOW + timedelta(days=31)).problem == "expired"


def test_rotation_old_secret_still_verifies_new_one_signs():
    """With secrets (new, old), addresses signed with either verify; new ones use new."""
    old = verp.Codec((OLD_SECRET,), "b", 30).encode(
        "erin@example.org", bounce_domain="bounces.example.com", now=NOW
    )
    rotated = verp.Codec((SECRET, OLD_SECRET), "b", 30)

    assert rotated.decode(old, NOW).valid
    assert rotated.encode(
        "erin@example.org", bounce_domain="x.example", now=NOW
    ) == CODEC.encode("erin@example.org", bounce_domain="x.example", now=NOW)


@pytest.mark.parametrize(
    ("address", "form", "recipient", "list_id"),
    [
        (
            "news-bounces+joe=example.org@lists.example.com",
            "mailman",
            "joe@example.org",
            None,
        ),
        ("owner-list+a=b=example.org@host.example", "mailman", "a=b@example.org", None),
        (
            "bounce+joe==a==example.org==weekly@lists.example.com",
            "sympa",
            "joe@example.org",
            "weekly",
        ),
        (
            "prvs=1234567890=news-bounces+joe=example.org@x.example",
            "mailman",
            "joe@example.org",
            None,
        ),
        ("plain@bounces.example.com", None, None, None),
    ],
)
def test_other_verp_forms_are_decoded_unsigned(address, form, recipient, list_id):
    """Mailman/ezmlm, Sympa and BATV-wrapped addresses give their recipient, unsigned."""
    data = CODEC.decode(address, NOW)

    if form is None:
        assert data is None
    else:
        assert (data.form, data.recipient, data.list_id, data.signed) == (
            form,
            recipient,
            list_id,
            False,
        )


def test_attribution_with_a_valid_signature_acts_only_on_the_signed_recipient():
    """A forger's own valid address can only ever suppress the forger."""
    signed = verp.VerpData(
        form="bounced", recipient="mallory@example.org", signed=True, valid=True
    )

    result = verp.attribute("victim@example.org", signed, require_signed=True)

    assert (result.subject, result.trusted) == ("mallory@example.org", True)


def test_attribution_without_signature_when_required_acts_on_nobody():
    result = verp.attribute("victim@example.org", None, require_signed=True)

    assert (result.subject, result.trusted) == (None, False)


# -- over SMTP --------------------------------------------------------------------


def _signed_config(db_url):
    return make_config(db_url, verp={"secrets": [SECRET], "require_signed": True})


def test_rcpt_to_an_unsigned_tampered_or_expired_address_is_refused_with_550(
    sqlite_url, start_daemon
):
    """With require_signed, only a valid signature (or postmaster@) gets past RCPT."""
    server = start_daemon(_signed_config(sqlite_url))
    now = datetime.now(UTC)
    good = CODEC.encode(
        "frank@example.org", bounce_domain="bounces.example.com", now=now
    )
    expired = verp.encode(
        "frank@example.org",
        secret=SECRET,
        bounce_domain="bounces.example.com",
        expires=now.date() - timedelta(days=1),
    )
    tampered = good.replace("frank", "frand", 1)

    with smtplib.SMTP(server.host, server.port) as client:
        client.ehlo("mx.example.net")
        client.mail("")
        codes = {
            name: client.rcpt(address)[0]
            for name, address in {
                "unsigned": "bounces@bounces.example.com",
                "tampered": tampered,
                "expired": expired,
                "good": good,
                "postmaster": "postmaster@bounces.example.com",
            }.items()
        }

    assert codes == {
        "unsigned": 550,
        "tampered": 550,
        "expired": 550,
        "good": 250,
        "postmaster": 250,
    }


def test_forged_bounces_for_real_subscribers_leave_the_suppression_list_untouched(
    db_url, engine, start_daemon
):
    """Forgeries, each claiming a subscriber is unknown: to postmaster (unsigned),
    and to the forger's own valid address. Only the forger's address is affected."""
    server = start_daemon(_signed_config(db_url))
    mallory = CODEC.encode(
        "mallory@example.org",
        bounce_domain="bounces.example.com",
        now=datetime.now(UTC),
    )

    send(
        server.port,
        dsn("victim1@example.org", "5.1.1", 550),
        rcpt="postmaster@bounces.example.com",
    )
    send(server.port, dsn("victim2@example.org", "5.1.1", 550), rcpt=mallory)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send(
            server.port,
            dsn("victim3@example.org", "5.1.1", 550),
            rcpt="bounces@bounces.example.com",
        )

    wait_for(spool_settled(engine, 2))
    with engine.connect() as connection:
        suppressed = connection.scalars(select(Suppression.address)).all()
        events = connection.execute(
            select(
                BounceEvent.recipient, BounceEvent.subject, BounceEvent.verp
            ).order_by(BounceEvent.id)
        ).all()
    assert suppressed == ["mallory@example.org"]
    assert [tuple(e) for e in events] == [
        ("victim1@example.org", None, None),
        ("victim2@example.org", "mallory@example.org", "valid"),
    ]


def test_a_genuine_signed_bounce_suppresses_its_recipient(db_url, engine, start_daemon):
    """The normal case with signing on: the signed recipient is suppressed."""
    server = start_daemon(_signed_config(db_url))
    address = CODEC.encode(
        "grace@example.org", bounce_domain="bounces.example.com", now=datetime.now(UTC)
    )

    send(server.port, dsn("grace@example.org", "5.1.1", 550), rcpt=address)

    wait_for(spool_settled(engine, 1))
    with engine.connect() as connection:
        assert connection.scalars(select(Suppression.address)).all() == [
            "grace@example.org"
        ]


def test_the_readme_example_is_what_encode_writes():
    """The worked example in the README matches the code, day number included."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    address = verp.encode(
        "alice@example.org",
        secret="s3cret-s3cret-s3cret",
        bounce_domain="bounces.example.com",
        expires=date(2026, 12, 1),
    )

    assert "day 20788, `g1g`" in readme
    assert address.startswith("b+alice=example.org==g1g=")
    assert 'HMAC-SHA256("s3cret-s3cret-s3cret", "alice=example.org==g1g")' in readme


def test_a_signed_address_carrying_list_and_message_ids_is_accepted_and_acts(
    sqlite_url, sqlite_engine, start_daemon
):
    """With a list id and message id the local part passes RFC 5321's 64 octets;
    our own listener must still take it, and the bounce must act on its recipient."""
    server = start_daemon(_signed_config(sqlite_url))
    address = CODEC.encode(
        "henry.long-name@example.org",
        bounce_domain="bounces.example.com",
        now=datetime.now(UTC),
        list_id="weekly.newsletter.example.com",
        message_id="<20261122093000.4f2a@news.example.com>",
    )
    assert len(address.split("@")[0]) > 64

    assert (
        send(
            server.port, dsn("henry.long-name@example.org", "5.1.1", 550), rcpt=address
        )
        == {}
    )

    wait_for(spool_settled(sqlite_engine, 1))
    with sqlite_engine.connect() as connection:
        row = connection.execute(select(Suppression.address, Suppression.scope)).one()
        event = connection.execute(select(BounceEvent.list_id, BounceEvent.verp)).one()
    assert row.address == "henry.long-name@example.org"
    assert (event.list_id, event.verp) == ("weekly.newsletter.example.com", "valid")
