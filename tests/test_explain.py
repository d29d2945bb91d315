"""`bounced explain`: every reason explained, codes decoded, unknown words refused."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bounced.classify import codes
from bounced.cli import main
from bounced.explain import ADVICE, explain
from bounced.reasons import Reason


def test_every_reason_has_an_explanation_and_a_remedy():
    """The taxonomy and the advice table list the same reasons, none left blank."""
    assert set(ADVICE) == set(Reason)
    for reason, advice in ADVICE.items():
        assert advice.title, reason
        assert advice.explanation, reason
        assert advice.remedy, reason
        assert advice.explanation != advice.remedy, reason


@pytest.mark.parametrize("reason", list(Reason), ids=[r.value for r in Reason])
def test_every_reason_name_is_explained(reason: Reason):
    """`explain <reason>` prints the title, the explanation and the remedy."""
    text = explain(reason.value)
    assert text is not None
    advice = ADVICE[reason]
    flat = " ".join(text.split())
    assert flat.startswith(f"{reason.value}: {advice.title}")
    assert advice.explanation in flat
    assert f"What to do: {advice.remedy}" in flat


def test_reason_names_are_case_insensitive():
    """Operators type MailboxFull as often as mailboxfull."""
    assert explain(" MailboxFull ") == explain("mailboxfull")


def test_a_reply_code_gives_its_meaning_and_likely_reasons():
    """550: the RFC 5321 text, the class, and the reasons it usually stands for."""
    text = explain("550")
    assert text is not None
    assert text.startswith("550: Requested action not taken: mailbox unavailable")
    assert "Permanent failure" in text
    assert "Usually means: userunknown, blocked, filtered, rejected." in text
    assert "userunknown: the mailbox does not exist" in text


def test_a_status_code_gives_class_subject_detail_and_reason():
    """5.2.2: RFC 3463 class, subject and detail, then the mailboxfull advice."""
    text = explain("5.2.2")
    assert text is not None
    assert text.startswith("5.2.2: Mailbox full (RFC 3463)")
    assert "Class 5: Permanent failure" in text
    assert "Subject 2: Mailbox status" in text
    assert "mailboxfull: the recipient's mailbox is full" in text
    assert "What to do: Retry later." in text


def test_a_class_free_status_is_explained_too():
    """RFC 3463 writes codes as x.2.2 when the class does not matter."""
    text = explain("X.1.1")
    assert text is not None
    assert text.startswith("x.1.1: Bad destination mailbox address")
    assert "userunknown" in text
    assert "Class" not in text


def test_a_generic_status_says_the_text_decides():
    """5.0.0 names no reason: the operator is sent to the diagnostic text."""
    text = explain("5.0.0")
    assert text is not None
    assert "no reason follows from the code alone" in text


def test_a_vendor_status_falls_back_to_its_subject():
    """Microsoft's 5.7.509 is not registered; its subject (7) still says something."""
    text = explain("5.7.509")
    assert text is not None
    assert "not in the IANA registry" in text
    assert "securityerror" in text


@pytest.mark.parametrize("word", ["frobnicate", "", "5.2", "650", "5.2.2.1", "55O"])
def test_unknown_input_is_not_explained(word: str):
    """Anything that is not a reason, reply code or status code gets None."""
    assert explain(word) is None


def test_every_registered_status_detail_is_explained():
    """Each IANA detail prints a title and, with a reason, its advice."""
    for key in codes.DETAIL_MEANINGS:
        text = explain(f"5.{key}")
        assert text is not None
        assert codes.DETAIL_MEANINGS[key] in text


def run(*args: str):
    return CliRunner().invoke(main, ["explain", *args])


def test_cli_explains_a_reply_code():
    """`bounced explain 550` prints the reply's meaning and exits 0."""
    result = run("550")
    assert result.exit_code == 0
    assert result.output.startswith("550: Requested action not taken")
    assert "userunknown" in result.output


def test_cli_explains_a_status_code():
    """`bounced explain 5.2.2` prints the status's meaning and advice, exit 0."""
    result = run("5.2.2")
    assert result.exit_code == 0
    assert "Mailbox full" in result.output
    assert "What to do:" in result.output


def test_cli_explains_a_reason():
    """`bounced explain mailboxfull` prints the explanation and remedy, exit 0."""
    result = run("mailboxfull")
    assert result.exit_code == 0
    assert result.output.startswith("mailboxfull: the recipient's mailbox is full")
    assert "What to do:" in result.output


def test_cli_refuses_an_unknown_word_with_exit_2():
    """An unknown word is a usage error: exit 2 and say what is accepted."""
    result = run("frobnicate")
    assert result.exit_code == 2
    assert "cannot explain 'frobnicate'" in result.output
    assert "mailboxfull" in result.output
    assert "550" in result.output
    assert "5.2.2" in result.output
