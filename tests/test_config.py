"""Configuration: every bad value names its key; the example file is complete."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from bounced import config
from bounced.cli import main
from bounced.errors import ConfigError

EXAMPLE = Path(__file__).parent.parent / "config" / "bounced.example.toml"


def test_example_file_equals_the_defaults():
    """config/bounced.example.toml documents exactly the built-in defaults."""
    assert config.load(EXAMPLE, environ={}) == config.Config()


def test_example_file_shows_every_key_of_every_section():
    """A new setting cannot be added without documenting it in the example."""
    document = tomllib.loads(EXAMPLE.read_text())
    for name, section in config.SECTIONS.items():
        keys = {f.name for f in dataclasses.fields(section)}
        assert set(document.get(name, {})) == keys, name
    assert set(document) == set(config.SECTIONS)


def test_every_problem_is_reported_with_its_key_and_what_is_allowed(tmp_path):
    """All bad values are listed at once, each naming the key and the allowed values."""
    path = tmp_path / "bad.toml"
    path.write_text(
        '[smtp]\nport = "twenty-five"\nmax_message_size = -1\nsession_timeout = "soon"\n'
        'colour = "blue"\n[logging]\nlevel = "LOUD"\n[nonsense]\nx = 1\n'
    )

    with pytest.raises(ConfigError) as error:
        config.load(path, environ={})

    problems = error.value.problems
    assert "smtp.port: expected an integer, got 'twenty-five'" in problems
    assert "smtp.max_message_size: expected a number greater than 0, got -1" in problems
    assert any(
        p.startswith("smtp.session_timeout: expected a duration") for p in problems
    )
    assert any(p.startswith("smtp.colour: unknown key; allowed:") for p in problems)
    assert (
        "logging.level: expected one of DEBUG, INFO, WARNING, ERROR, got 'LOUD'"
        in problems
    )
    assert any(p.startswith("[nonsense]: unknown section") for p in problems)
    assert len(problems) == 6


def test_environment_overrides_the_file(tmp_path):
    """BOUNCED_<SECTION>_<KEY> wins over the file and is parsed to the key's type."""
    path = tmp_path / "c.toml"
    path.write_text('[database]\nurl = "sqlite:///file.db"\n[smtp]\nport = 2600\n')

    loaded = config.load(
        path,
        environ={
            "BOUNCED_DATABASE_URL": "postgresql://u@db/bounced",
            "BOUNCED_SMTP_PORT": "2700",
            "BOUNCED_SMTP_BOUNCE_DOMAINS": "a.example, b.example",
            "BOUNCED_PROCESSOR_CLAIM_TIMEOUT": "2m",
        },
    )

    assert loaded.database.url == "postgresql://u@db/bounced"
    assert loaded.smtp.port == 2700
    assert loaded.smtp.bounce_domains == ("a.example", "b.example")
    assert loaded.processor.claim_timeout == 120.0


def test_bad_environment_value_names_the_variable():
    """An unknown or malformed environment setting is reported, not ignored."""
    with pytest.raises(ConfigError) as error:
        config.load(None, environ={"BOUNCED_SMTP_PORT": "x", "BOUNCED_SMTP_PROT": "1"})

    assert "smtp.port: expected an integer, got 'x'" in error.value.problems
    assert "BOUNCED_SMTP_PROT: no such setting" in error.value.problems


def test_cli_exits_78_with_each_problem_on_stderr(tmp_path):
    """A bad configuration stops the command with EX_CONFIG and says why."""
    path = tmp_path / "bad.toml"
    path.write_text('[database]\nurl = "mysql://x"\n')

    result = CliRunner().invoke(main, ["--config", str(path), "status"])

    assert result.exit_code == 78
    assert (
        "Error: database.url: expected a sqlite:///PATH or postgresql://"
        in result.stderr
    )


def _all_section_classes():
    seen, todo = [], list(config.SECTIONS.values())
    while todo:
        cls = todo.pop()
        seen.append(cls)
        for spec in dataclasses.fields(cls):
            hint = str(spec.type)
            for other in (config.WebhookEndpoint,):
                if other.__name__ in hint and other not in seen:
                    todo.append(other)
    return seen


@pytest.mark.parametrize("cls", _all_section_classes(), ids=lambda c: c.__name__)
def test_every_secret_like_key_is_kept_out_of_reprs(cls):
    """Secrets, tokens and passwords never show when a config is logged or printed."""
    leaky = [
        spec.name
        for spec in dataclasses.fields(cls)
        if any(word in spec.name for word in ("secret", "token", "password"))
        and spec.repr
    ]

    assert leaky == []


def test_a_configured_secret_does_not_appear_in_the_configs_repr(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[verp]\nsecrets = ["verp-secret-AAAAAAAAAA"]\n'
        '[retry]\nrelay_password = "relay-password-BBBB"\nwebhook_secret = "hook-secret-CCCCCCCC"\n'
        '[[webhooks.endpoints]]\nname = "lm"\nurl = "http://127.0.0.1/x"\nformat = "listmonk"\n'
        'username = "u"\ntoken = "listmonk-token-DDDD"\n'
    )

    text = repr(config.load(path, environ={}))

    for value in ("AAAAAAAAAA", "BBBB", "CCCCCCCC", "DDDD"):
        assert value not in text
