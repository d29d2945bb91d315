"""Provider rules: a provider's own codes and conventions decide where generic words mislead."""

from __future__ import annotations

import pytest

from bounced.classify import classify, providers
from bounced.reasons import Reason as R
from bounced.report import Finding


def _verdict(text, *, status=None, reply=None, remote=None, command=None):
    return classify(
        Finding(
            recipient="bob@example.org",
            status=status,
            reply_code=reply,
            diagnostic=text,
            remote_mta=remote,
            smtp_command=command,
        )
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # the same "Service refuse" words; the code says overload or block
        (
            "421 4.2.0 Service refuse. Veuillez essayer plus tard. OFR005_505 [505]",
            R.SYSTEMERROR,
        ),
        ("550 5.5.0 Service refuse. Veuillez essayer plus tard. LPN005_510", R.BLOCKED),
        (
            "554 5.7.1 <mx[192.0.2.1]:4930>: Client host rejected: LPN000_630",
            R.POLICYVIOLATION,
        ),
        ("552 5.1.1 Boite du destinataire pleine. OFR_417 [417]", R.MAILBOXFULL),
        ("421 Trop de connexions. LPN105_104", R.TOOMANYCONN),
    ],
)
def test_orange_and_la_poste_codes_decide(text, reason):
    """Orange's numeric refusal code names the refusal, wherever the bounce came from."""
    assert _verdict(text, status="5.0.0").reason is reason


def test_an_orange_code_without_a_meaning_leaves_the_words_to_decide():
    """Codes whose text is only 'try again later' fall back to the generic rules."""
    verdict = _verdict(
        "550 5.5.0 Service refuse. Veuillez essayer plus tard. LPN001_108"
    )
    assert (verdict.reason, verdict.rule) == (R.BLOCKED, "phrase 'service refuse'")


def test_mimecast_codes_apply_only_to_mimecast_hosts():
    """Mimecast's 'rejected due to security policies' is its anti-virus verdict."""
    text = "554 email rejected due to security policies - MCSpamSignature.sa.2.2"
    assert _verdict(text, reply=554, remote="eu-smtp-1.mimecast.com").reason is (
        R.VIRUSDETECTED
    )
    # Elsewhere the words read as what they say, a policy refusal (Sisimai
    # Reason/PolicyViolation.pm lists them), not as a virus verdict.
    assert _verdict(text, reply=554, remote="mx.example.net").reason is (
        R.POLICYVIOLATION
    )


@pytest.mark.parametrize(
    ("status", "command", "reason"),
    [
        ("5.0.0", "DATA", R.REJECTED),  # the subscriber's reception settings
        ("5.0.0", "RCPT", R.USERUNKNOWN),
        ("5.2.0", None, R.FILTERED),
        ("5.1.1", None, R.USERUNKNOWN),
    ],
)
def test_docomo_unknown_user_follows_its_convention(status, command, reason):
    """docomo's '550 Unknown user' means a refusal by settings after DATA."""
    verdict = _verdict(
        "550 Unknown user bob@docomo.ne.jp",
        status=status,
        reply=550,
        remote="mfsmax.docomo.ne.jp",
        command=command,
    )
    assert verdict.reason is reason


def test_docomos_other_answers_mean_what_they_say():
    """'552 Too many recipients' from docomo is not an unknown user."""
    verdict = _verdict(
        "552 Too many recipients", status="5.0.0", remote="mfsmax.docomo.ne.jp"
    )
    assert verdict.reason is R.TOOMANYCONN


def test_every_provider_rule_is_named_once():
    """The provider table is explicit and its names are unique."""
    names = [provider.name for provider in providers.PROVIDERS]
    assert len(names) == len(set(names)) == 3
