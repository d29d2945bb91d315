"""`bounced verp encode|decode` and the service behind them (and POST /v1/verp)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bounced import config, service, verp
from bounced.cli import main
from bounced.errors import ApiError

SECRET = "s3cret-s3cret-s3cret"
NOW = datetime(2026, 11, 1, 12, tzinfo=UTC)
README = Path(__file__).resolve().parent.parent / "README.md"
ENV = {"BOUNCED_VERP_SECRETS": SECRET}


def encode(recipient, cfg=None, **arguments):
    cfg = cfg or config.Config().with_overrides(
        verp={"secrets": [SECRET]},
        smtp={"bounce_domains": ["bounces.example.com", "b.example.net"]},
    )
    return service.verp_encode(
        cfg.verp, cfg.smtp.bounce_domains, recipient, now=NOW, **arguments
    )


def test_encode_signs_for_the_first_bounce_domain_and_says_until_when():
    signed = encode("Alice@Example.org", list_id="weekly.example.com")

    assert signed.address.startswith("b+alice=example.org=")
    assert signed.address.endswith("@bounces.example.com")
    assert (signed.recipient, signed.list_id, signed.expires) == (
        "alice@example.org",
        "weekly.example.com",
        date(2026, 12, 1),
    )
    assert verp.Codec((SECRET,)).decode(signed.address, NOW).valid


def test_encode_warns_when_the_local_part_is_over_64_characters():
    """RFC 5321 §4.5.3.1.1; a list id and message id make the address long."""
    short = encode("a@example.org")
    long = encode(
        "a@example.org",
        list_id="weekly.example.com",
        message_id="<m1@example.com>",
    )

    assert short.warnings == ()
    assert len(long.warnings) == 1
    assert "over RFC 5321's 64" in long.warnings[0]


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"recipient": "not an address"}, "invalid_address"),
        (
            {"recipient": "a@example.org", "bounce_domain": "evil.example"},
            "unknown_bounce_domain",
        ),
        ({"recipient": "a@example.org", "list_id": "x\r\ny"}, "invalid_list_id"),
        ({"recipient": "a@example.org", "message_id": "m" * 300}, "invalid_message_id"),
    ],
)
def test_encode_refuses_what_it_cannot_sign_with_a_422(arguments, code):
    recipient = arguments.pop("recipient")

    with pytest.raises(ApiError) as error:
        encode(recipient, **arguments)

    assert (error.value.status, error.value.code) == (422, code)


def test_encode_without_a_secret_is_a_503_verp_not_configured():
    with pytest.raises(ApiError) as error:
        encode("a@example.org", config.Config())

    assert (error.value.status, error.value.code) == (503, "verp_not_configured")


def test_cli_encode_prints_the_address_and_decode_reads_it_back():
    """The round trip an operator does by hand: exit 0 and the fields shown."""
    runner = CliRunner()
    encoded = runner.invoke(
        main,
        ["verp", "encode", "bob@example.net", "--list", "news.example.com"],
        env=ENV,
    )
    address = encoded.stdout.strip()
    decoded = runner.invoke(main, ["verp", "decode", "--json", address], env=ENV)

    assert encoded.exit_code == 0
    assert re.fullmatch(
        r"b\+bob=example\.net=[a-z2-7]+=[0-9a-z]+=[0-9a-f]{16}@bounces\.example\.com",
        address,
    )
    assert decoded.exit_code == 0
    document = json.loads(decoded.stdout)
    assert (document["recipient"], document["list_id"], document["valid"]) == (
        "bob@example.net",
        "news.example.com",
        True,
    )


def test_cli_decode_exits_1_and_says_why_for_a_tampered_address():
    address = verp.Codec((SECRET,)).encode(
        "carol@example.org", bounce_domain="bounces.example.com", now=datetime.now(UTC)
    )

    result = CliRunner().invoke(
        main, ["verp", "decode", address.replace("carol", "carl")], env=ENV
    )

    assert result.exit_code == 1
    assert "signature:   not valid (bad signature)" in result.stdout
    assert "recipient:   carl@example.org" in result.stdout


def test_cli_decode_reads_other_verp_forms_as_unsigned():
    result = CliRunner().invoke(
        main,
        ["verp", "decode", "--json", "news-bounces+joe=example.org@lists.example.com"],
        env=ENV,
    )

    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert (document["form"], document["recipient"], document["signed"]) == (
        "mailman",
        "joe@example.org",
        False,
    )


def test_cli_encode_without_a_secret_exits_78_naming_the_key():
    result = CliRunner().invoke(main, ["verp", "encode", "a@example.org"], env={})

    assert result.exit_code == 78
    assert result.stderr.startswith("Error: verp.secrets: no secret configured")


def test_the_readme_worked_example_is_exactly_what_encode_writes():
    """The full address in the README, tag included, is recomputed by the recipe
    (HMAC-SHA256 over local=domain=extra=expiry) and by encode()."""
    text = README.read_text()
    documented = re.search(
        r"b\+alice=example\.org==g1g=[0-9a-f]{16}@bounces\.example\.com", text
    )
    tag = hmac.new(
        SECRET.encode(), b"alice=example.org==g1g", hashlib.sha256
    ).hexdigest()[:16]

    assert documented is not None
    assert documented[0] == f"b+alice=example.org==g1g={tag}@bounces.example.com"
    assert documented[0] == verp.encode(
        "alice@example.org",
        secret=SECRET,
        bounce_domain="bounces.example.com",
        expires=date(2026, 12, 1),
    )


def test_the_readme_example_with_a_list_and_message_id_is_what_encode_writes():
    text = README.read_text()
    expected = verp.encode(
        "alice@example.org",
        secret=SECRET,
        bounce_domain="bounces.example.com",
        expires=date(2026, 12, 1),
        list_id="weekly.example.com",
        message_id="<m1@example.com>",
    )

    assert expected in text


PHP_CALLS = """
$d = 20788 - intdiv(time(), 86400);
echo bounced_verp("Alice@example.org", "s3cret-s3cret-s3cret", "bounces.example.com", $d), "\\n";
echo bounced_verp("alice@example.org", "s3cret-s3cret-s3cret", "bounces.example.com", $d,
                  "weekly.example.com", "<m1@example.com>"), "\\n";
"""
GO_MAIN = """
func main() {
	e := time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)
	fmt.Println(BouncedVERP("Alice@example.org", "s3cret-s3cret-s3cret", "bounces.example.com", e, "", ""))
	fmt.Println(BouncedVERP("alice@example.org", "s3cret-s3cret-s3cret", "bounces.example.com", e,
		"weekly.example.com", "<m1@example.com>"))
}
"""
GO_IMPORTS = (
    'package main\nimport ("crypto/hmac"; "crypto/sha256"; "encoding/base32";'
    ' "encoding/hex"; "fmt"; "strconv"; "strings"; "time")\n'
)


def _expected_examples():
    common = {
        "secret": SECRET,
        "bounce_domain": "bounces.example.com",
        "expires": date(2026, 12, 1),
    }
    return [
        verp.encode("alice@example.org", **common),
        verp.encode(
            "alice@example.org",
            list_id="weekly.example.com",
            message_id="<m1@example.com>",
            **common,
        ),
    ]


def _snippet(language):
    return re.search(rf"```{language}\n(.*?)```", README.read_text(), re.DOTALL)[1]


def test_the_readme_php_snippet_writes_the_same_addresses(tmp_path):
    """A PHP sender using the README's function gets what bounced verifies."""
    php = shutil.which("php")
    if php is None:
        pytest.skip("php is not installed (apt-get install php-cli)")
    script = tmp_path / "verp.php"
    script.write_text("<?php\n" + _snippet("php") + PHP_CALLS)

    output = subprocess.run(
        [php, str(script)], capture_output=True, text=True, timeout=60, check=True
    )

    assert output.stdout.split() == _expected_examples()


def test_the_readme_go_snippet_writes_the_same_addresses(tmp_path):
    """A Go sender using the README's function gets what bounced verifies."""
    go = shutil.which("go")
    if go is None:
        pytest.skip("go is not installed (apt-get install golang-go)")
    source = tmp_path / "main.go"
    source.write_text(GO_IMPORTS + _snippet("go") + GO_MAIN)

    output = subprocess.run(
        [go, "run", str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "GOCACHE": str(tmp_path / "cache"), "GOFLAGS": "-mod=mod"},
    )

    assert output.stdout.split() == _expected_examples()
