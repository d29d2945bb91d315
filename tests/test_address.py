"""Address normalization: one canonical form, whichever path computes it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounced import address


def _general(text: str, max_local: int = address.MAX_LOCAL) -> str | None:
    """normalize() with the plain-ASCII shortcut turned off."""
    shortcut = address._PLAIN
    address._PLAIN = re.compile(r"(?!)")
    try:
        return address.normalize(text, max_local=max_local)
    finally:
        address._PLAIN = shortcut


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alice@Example.ORG", "alice@example.org"),
        (" <alice@example.org> ", "alice@example.org"),
        ("mailto:alice@example.org", "alice@example.org"),
        ("alice@example.org.", "alice@example.org"),
        ("alice@bücher.example", "alice@xn--bcher-kva.example"),
        ("a" * 64 + "@example.org", "a" * 64 + "@example.org"),
        ("a" * 65 + "@example.org", None),
        ("alice@-example.org", None),
        ("alice@example..org", None),
        ("alice@exa mple.org", None),
        ("alice", None),
        ("@example.org", None),
        ("alice@", None),
        ("al,ice@example.org", None),
        ("alice@" + "a" * 64 + ".org", None),
    ],
)
def test_normalize(text: str, expected: str | None) -> None:
    assert address.normalize(text) == expected
    assert _general(text) == expected


_ATOM = st.text(
    alphabet="abcXYZ019!#$%&'*+/=?^_`{|}~.-@ <>\"\u00e9\u00df,;\t",
    min_size=0,
    max_size=80,
)
_LABEL = st.text(alphabet="abcXYZ09-_", min_size=0, max_size=66)


@settings(max_examples=3000, deadline=None)
@given(
    local=_ATOM,
    labels=st.lists(_LABEL, min_size=1, max_size=4),
    max_local=st.sampled_from([address.MAX_LOCAL, address.MAX_VERP_LOCAL]),
)
def test_the_plain_shortcut_answers_as_the_general_rules_do(
    local: str, labels: list[str], max_local: int
) -> None:
    for text in (local, f"{local}@{'.'.join(labels)}"):
        assert address.normalize(text, max_local=max_local) == _general(text, max_local)
