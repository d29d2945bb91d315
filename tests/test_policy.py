"""The policy: status, reason and history in, decision out (pure, table-driven)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bounced import pacing
from bounced.classify import classify
from bounced.config import PolicyConfig, RetryConfig
from bounced.policy import (
    DEFAULT_RULES,
    History,
    OpenRetry,
    RetryAction,
    Rules,
    Source,
    Verdict,
    decide,
    give_up,
    next_due,
)
from bounced.reasons import Reason, is_hard
from bounced.report import Action, Classification, Finding

NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
ADDRESS = "ann@example.org"


def finding(status=None, code=None, *, action="failed", feedback_type=None):
    return Finding(
        recipient=ADDRESS,
        action=Action(action),
        status=status,
        reply_code=code,
        diagnostic=f"{code} {status} text" if code else None,
        feedback_type=feedback_type,
    )


def verdict(reason: Reason, permanent: bool) -> Classification:
    return Classification(
        reason=reason,
        permanent=permanent,
        hard=is_hard(reason, permanent),
        rule="test",
    )


def history(**changes) -> History:
    return replace(History(now=NOW), **changes)


def days_ago(*numbers: int) -> tuple[date, ...]:
    return tuple(TODAY - timedelta(days=n) for n in numbers)


# (status, reply code) -> verdict, through the real classifier: the codes the
# mission names.
MISSION_CODES = [
    ("4.7.0", 421, Verdict.RETRY, True),
    (None, 447, Verdict.RETRY, True),
    ("4.2.1", 450, Verdict.RETRY, True),
    ("4.3.0", 451, Verdict.RETRY, False),
    ("4.2.2", 452, Verdict.RETRY, False),
    ("4.4.1", None, Verdict.RETRY, False),
    ("5.1.1", 550, Verdict.SUPPRESS, False),
    ("5.0.0", 554, Verdict.SUPPRESS, False),
    (None, 550, Verdict.SUPPRESS, False),
    (None, 554, Verdict.SUPPRESS, False),
]


@pytest.mark.parametrize(("status", "code", "expected", "throttle"), MISSION_CODES)
def test_mission_codes_retry_or_suppress(status, code, expected, throttle):
    """421/447/450 and other 4xx retry (421/447/450 also slow the domain down);
    550 and 554 suppress on first sight."""
    found = finding(status, code)

    decision = decide(found, classify(found), history())

    assert decision.verdict is expected
    assert decision.throttle is throttle
    if expected is Verdict.SUPPRESS:
        assert decision.scope == "global"
        assert decision.source is Source.BOUNCE


# (status, code, reason, permanent) -> (verdict, count_soft, alert, throttle)
TABLE = [
    # about the address: suppressed on first sight
    ("5.1.1", 550, Reason.USERUNKNOWN, True, Verdict.SUPPRESS, False, False, False),
    ("5.1.2", 550, Reason.HOSTUNKNOWN, True, Verdict.SUPPRESS, False, False, False),
    ("5.1.6", 550, Reason.HASMOVED, True, Verdict.SUPPRESS, False, False, False),
    ("5.1.10", 556, Reason.NOTACCEPT, True, Verdict.SUPPRESS, False, False, False),
    ("5.2.1", 550, Reason.SUSPEND, True, Verdict.SUPPRESS, False, False, False),
    ("5.2.2", 552, Reason.MAILBOXFULL, True, Verdict.SUPPRESS, False, False, False),
    # blames the sender: alert, slow down, count for the address
    ("5.7.1", 554, Reason.BLOCKED, True, Verdict.RECORD, True, True, True),
    ("5.7.1", 550, Reason.BADREPUTATION, True, Verdict.RECORD, True, True, True),
    ("5.7.25", 550, Reason.REQUIREPTR, True, Verdict.RECORD, True, True, True),
    ("5.7.26", 550, Reason.AUTHFAILURE, True, Verdict.RECORD, True, True, True),
    ("5.7.1", 550, Reason.REJECTED, True, Verdict.RECORD, True, True, True),
    ("5.7.1", 554, Reason.SPAMDETECTED, True, Verdict.RECORD, True, True, True),
    ("5.7.1", 554, Reason.NORELAYING, True, Verdict.RECORD, True, True, True),
    ("5.7.0", 554, Reason.SECURITYERROR, True, Verdict.RECORD, True, True, True),
    ("5.7.10", 530, Reason.FAILEDSTARTTLS, True, Verdict.RECORD, True, True, True),
    # permanent, about the message: a soft bounce only
    ("5.3.4", 552, Reason.MESGTOOBIG, True, Verdict.RECORD, True, False, False),
    ("5.6.0", 554, Reason.CONTENTERROR, True, Verdict.RECORD, True, False, False),
    ("5.4.7", None, Reason.EXPIRED, True, Verdict.RECORD, True, False, False),
    # nothing but "failed": not enough to condemn an address
    (None, None, Reason.UNDEFINED, True, Verdict.RECORD, True, False, False),
    # transient, with Action: failed: retried
    ("4.2.2", 452, Reason.MAILBOXFULL, False, Verdict.RETRY, False, False, False),
    ("4.7.1", 450, Reason.BLOCKED, False, Verdict.RETRY, False, False, True),
    ("4.7.0", 421, Reason.SPEEDING, False, Verdict.RETRY, False, False, True),
    ("4.4.5", 451, Reason.SYSTEMFULL, False, Verdict.RETRY, False, False, True),
    ("4.4.1", 451, Reason.NETWORKERROR, False, Verdict.RETRY, False, False, False),
]


@pytest.mark.parametrize(
    ("status", "code", "reason", "permanent", "expected", "soft", "alert", "throttle"),
    TABLE,
    ids=[f"{row[2].value}-{row[0]}" for row in TABLE],
)
def test_reason_and_status_decide(
    status, code, reason, permanent, expected, soft, alert, throttle
):
    """Each reason lands in its rule: suppress, sender alert, soft bounce, retry."""
    decision = decide(finding(status, code), verdict(reason, permanent), history())

    assert (
        decision.verdict,
        decision.count_soft,
        decision.alert,
        decision.throttle,
    ) == (
        expected,
        soft,
        alert,
        throttle,
    )


@pytest.mark.parametrize(
    ("action", "reason", "rule"),
    [
        ("delayed", Reason.EXPIRED, "delayed notice: the reporting server is not done"),
        (
            "relayed",
            Reason.UNDEFINED,
            "relayed notice: the reporting server is not done",
        ),
        ("failed", Reason.VACATION, "auto-reply"),
        ("delivered", Reason.DELIVERED, "delivered: soft bounces cleared"),
    ],
)
def test_notices_that_are_not_failures_are_recorded_only(action, reason, rule):
    """Delayed, relayed, auto-replies and deliveries never suppress, retry or count."""
    decision = decide(
        finding("4.4.7" if action == "delayed" else None, action=action),
        verdict(reason, False),
        history(soft_days=days_ago(1, 2)),
    )

    assert decision.verdict is Verdict.RECORD
    assert decision.rule == rule
    assert decision.count_soft is False


def test_a_delivery_clears_the_soft_count_and_closes_an_open_retry():
    """Success ends the soft-bounce run (Mailman resets the score) and the retry."""
    open_retry = OpenRetry(
        key="k", state="dispatched", attempt=1, created_at=NOW, give_up_at=NOW
    )

    decision = decide(
        finding(action="delivered"),
        verdict(Reason.DELIVERED, False),
        history(soft_days=days_ago(1), retry=open_retry),
    )

    assert decision.clear_soft is True
    assert decision.retry.action is RetryAction.DONE


@pytest.mark.parametrize(
    ("feedback_type", "list_id", "expected", "scope"),
    [
        ("abuse", "weekly.example.com", Verdict.SUPPRESS, "list:weekly.example.com"),
        ("abuse", None, Verdict.SUPPRESS, "global"),
        ("fraud", "weekly.example.com", Verdict.SUPPRESS, "list:weekly.example.com"),
        (None, "weekly.example.com", Verdict.SUPPRESS, "list:weekly.example.com"),
        ("not-spam", "weekly.example.com", Verdict.RECORD, "global"),
        ("auth-failure", None, Verdict.RECORD, "global"),
        ("virus", None, Verdict.RECORD, "global"),
    ],
)
def test_complaints_suppress_at_once_per_list(feedback_type, list_id, expected, scope):
    """An abuse report suppresses for its list (global when the list is unknown);
    not-spam and auth-failure reports are recorded only."""
    found = finding(action="failed", feedback_type=feedback_type or "")
    found = replace(found, feedback_type=feedback_type)
    decision = decide(found, verdict(Reason.FEEDBACK, False), history(list_id=list_id))

    assert decision.verdict is expected
    assert decision.scope == scope
    if expected is Verdict.SUPPRESS:
        assert decision.source is Source.COMPLAINT
        assert decision.inputs["feedback_type"] == (feedback_type or "abuse")


def test_complaints_can_be_global_by_configuration():
    """complaint_scope = "global" suppresses everywhere."""
    rules = Rules.from_config(PolicyConfig(complaint_scope="global"), RetryConfig())

    decision = decide(
        finding(feedback_type="abuse"),
        verdict(Reason.FEEDBACK, False),
        history(list_id="weekly.example.com"),
        rules,
    )

    assert decision.scope == "global"


def test_bounces_can_be_per_list_by_configuration():
    """bounce_scope = "list" confines a hard bounce to the list it came from."""
    rules = Rules.from_config(PolicyConfig(bounce_scope="list"), RetryConfig())

    decision = decide(
        finding("5.1.1", 550),
        verdict(Reason.USERUNKNOWN, True),
        history(list_id="weekly.example.com"),
        rules,
    )

    assert decision.scope == "list:weekly.example.com"


@pytest.mark.parametrize(
    ("previous", "expected", "days_counted"),
    [
        ((), Verdict.RECORD, 1),
        (days_ago(3), Verdict.RECORD, 2),
        (days_ago(3, 10), Verdict.SUPPRESS, 3),
        (days_ago(0, 3), Verdict.RECORD, 2),  # today already counted: one a day
        (days_ago(29, 1), Verdict.SUPPRESS, 3),  # 29 days ago is still in the window
        (days_ago(30, 31), Verdict.RECORD, 1),  # older days have decayed
    ],
)
def test_soft_bounces_suppress_on_the_third_day_within_thirty(
    previous, expected, days_counted
):
    """Three soft-bounce days within 30 suppress; one count a day; old days decay."""
    decision = decide(
        finding("5.7.1", 554),
        verdict(Reason.BLOCKED, True),
        history(soft_days=previous),
    )

    assert decision.verdict is expected
    assert len(decision.inputs["soft_days"]) == days_counted
    if expected is Verdict.SUPPRESS:
        assert decision.source is Source.SOFT_THRESHOLD
        assert "soft bounces on 3 days within 30 days" in decision.rule


def test_threshold_and_window_are_configuration():
    """soft_bounce_threshold = 2 within 7 days."""
    rules = Rules.from_config(
        PolicyConfig(soft_bounce_threshold=2, soft_bounce_window=7 * 86400),
        RetryConfig(),
    )

    inside = decide(
        finding("5.6.0", 554),
        verdict(Reason.CONTENTERROR, True),
        history(soft_days=days_ago(6)),
        rules,
    )
    outside = decide(
        finding("5.6.0", 554),
        verdict(Reason.CONTENTERROR, True),
        history(soft_days=days_ago(7)),
        rules,
    )

    assert inside.verdict is Verdict.SUPPRESS
    assert outside.verdict is Verdict.RECORD


def test_operators_can_make_sender_reasons_suppress_on_first_sight():
    """Moving "blocked" to suppress_reasons makes it condemn the address."""
    rules = Rules.from_config(
        PolicyConfig(
            suppress_reasons=("userunknown", "blocked"),
            sender_reasons=("badreputation",),
        ),
        RetryConfig(),
    )

    decision = decide(
        finding("5.7.1", 554), verdict(Reason.BLOCKED, True), history(), rules
    )

    assert decision.verdict is Verdict.SUPPRESS
    assert decision.alert is False


def test_a_new_transient_failure_schedules_the_first_step():
    """First retry after 15 minutes; give up 72 hours after the first failure."""
    decision = decide(finding("4.2.1", 450), verdict(Reason.SUSPEND, False), history())

    assert decision.retry.action is RetryAction.CREATE
    assert decision.retry.due_at == NOW + timedelta(minutes=15)
    assert decision.retry.give_up_at == NOW + timedelta(hours=72)


def test_a_retry_not_yet_sent_is_kept():
    """Another bounce while the retry waits changes nothing."""
    waiting = OpenRetry(
        key="k", state="pending", attempt=0, created_at=NOW, give_up_at=NOW
    )

    decision = decide(
        finding("4.2.1", 450), verdict(Reason.SUSPEND, False), history(retry=waiting)
    )

    assert decision.verdict is Verdict.RETRY
    assert decision.retry.action is RetryAction.KEEP


def test_a_retried_message_failing_again_moves_to_the_next_step():
    """After the first attempt the next one waits an hour."""
    sent = OpenRetry(
        key="k",
        state="dispatched",
        attempt=1,
        created_at=NOW - timedelta(minutes=20),
        give_up_at=NOW + timedelta(hours=71),
    )

    decision = decide(
        finding("4.2.1", 450), verdict(Reason.SUSPEND, False), history(retry=sent)
    )

    assert decision.retry.action is RetryAction.RESCHEDULE
    assert decision.retry.due_at == NOW + timedelta(hours=1)


def test_a_retry_whose_next_step_is_past_its_lifetime_gives_up_as_a_soft_bounce():
    """The run is over: the retry expires and counts as one soft bounce."""
    sent = OpenRetry(
        key="k",
        state="dispatched",
        attempt=5,
        created_at=NOW - timedelta(hours=60),
        give_up_at=NOW + timedelta(hours=12),
    )

    decision = decide(
        finding("4.2.1", 450),
        verdict(Reason.SUSPEND, False),
        history(retry=sent, soft_days=days_ago(2, 9)),
    )

    assert decision.retry.action is RetryAction.EXPIRE
    assert decision.count_soft is True
    assert decision.verdict is Verdict.SUPPRESS  # third soft day


def test_a_permanent_failure_cancels_an_open_retry():
    """A 550 after a 450 ends the retry and suppresses."""
    sent = OpenRetry(
        key="k", state="dispatched", attempt=1, created_at=NOW, give_up_at=NOW
    )

    decision = decide(
        finding("5.1.1", 550), verdict(Reason.USERUNKNOWN, True), history(retry=sent)
    )

    assert decision.verdict is Verdict.SUPPRESS
    assert decision.retry.action is RetryAction.CANCEL


def test_without_a_dispatcher_a_transient_failure_is_a_soft_bounce_at_once():
    """dispatcher = "none": nothing will retry it, so it counts now."""
    rules = Rules.from_config(PolicyConfig(), RetryConfig(dispatcher="none"))

    decision = decide(
        finding("4.2.2", 452), verdict(Reason.MAILBOXFULL, False), history(), rules
    )

    assert decision.verdict is Verdict.RECORD
    assert decision.count_soft is True
    assert decision.retry is None


def test_the_relay_retries_only_what_is_provably_ours():
    """With the relay, a bounce without a valid signed VERP cannot be retried."""
    rules = replace(DEFAULT_RULES, relay_only=True)

    unsigned = decide(
        finding("4.2.2", 452), verdict(Reason.MAILBOXFULL, False), history(), rules
    )
    signed = decide(
        finding("4.2.2", 452),
        verdict(Reason.MAILBOXFULL, False),
        history(provably_ours=True),
        rules,
    )

    assert (unsigned.verdict, unsigned.count_soft) == (Verdict.RECORD, True)
    assert "not provably our message" in unsigned.rule
    assert signed.verdict is Verdict.RETRY


def test_giving_up_counts_one_soft_bounce():
    """A retry that ends undelivered is a soft bounce; the third day suppresses."""
    first = give_up(history(), DEFAULT_RULES, attempts=5, why="lifetime over")
    third = give_up(
        history(soft_days=days_ago(4, 8)),
        DEFAULT_RULES,
        attempts=5,
        why="lifetime over",
    )

    assert (first.verdict, first.count_soft) == (Verdict.RECORD, True)
    assert third.verdict is Verdict.SUPPRESS
    assert third.inputs["retry_ended"] == "lifetime over"


def test_expiry_per_reason():
    """mailboxfull suppressions lapse after 30 days by default; userunknown never."""
    full = decide(finding("5.2.2", 552), verdict(Reason.MAILBOXFULL, True), history())
    unknown = decide(
        finding("5.1.1", 550), verdict(Reason.USERUNKNOWN, True), history()
    )

    assert full.expires_after == timedelta(days=30)
    assert unknown.expires_after is None


def test_every_decision_says_why_with_its_inputs():
    """The rule and the inputs it saw are kept for `suppressions show`."""
    decision = decide(
        finding("5.1.1", 550), verdict(Reason.USERUNKNOWN, True), history()
    )

    assert decision.rule == "permanent failure about the address (userunknown)"
    assert decision.inputs == {
        "reason": "userunknown",
        "permanent": True,
        "hard": True,
        "status": "5.1.1",
        "reply_code": 550,
        "action": "failed",
    }


def test_the_schedule_steps_then_repeats_its_last_step_until_the_lifetime():
    """15 min, 1 h, 4 h, 12 h, 24 h, then 24 h again, never past 72 h."""
    give_up_at = NOW + timedelta(hours=72)
    moment, delays = NOW, []
    for attempt in range(10):
        due = next_due(attempt, moment, give_up_at, DEFAULT_RULES)
        if due is None:
            break
        delays.append(due - moment)
        moment = due

    assert delays == [
        timedelta(minutes=15),
        timedelta(hours=1),
        timedelta(hours=4),
        timedelta(hours=12),
        timedelta(hours=24),
        timedelta(hours=24),
    ]


@pytest.mark.parametrize(
    ("code", "status", "reason", "expected"),
    [
        (421, "4.7.0", None, True),
        (447, None, None, True),
        (450, "4.2.1", None, True),
        (451, "4.4.5", None, True),
        (451, "4.7.28", None, True),
        (451, "4.3.0", None, False),
        (452, "4.2.2", None, False),
        (None, "4.4.1", Reason.TOOMANYCONN, True),
        (550, "5.7.0", None, False),
    ],
)
def test_which_answers_mean_slow_down(code, status, reason, expected):
    """421/447/450 and their enhanced equivalents throttle; other 4xx do not."""
    assert pacing.is_throttle(code, status, reason) is expected


def test_batches_halve_to_the_floor_and_grow_back_step_by_step():
    """AIMD: 20 → 10 → 5 → 2 → 1 → 1, then +5 per accepted batch up to the ceiling."""
    config = RetryConfig(batch_initial=20, batch_min=1, batch_max=30, batch_step=5)
    pace = pacing.initial(config)
    sizes = []
    for _ in range(5):
        pace = pacing.shrink(pace, config)
        sizes.append(pace.batch_size)
    shrunk_gap = pace.gap
    for _ in range(8):
        pace = pacing.grow(pace, config)
        sizes.append(pace.batch_size)

    assert sizes == [10, 5, 2, 1, 1, 6, 11, 16, 21, 26, 30, 30, 30]
    assert shrunk_gap == config.min_gap * 2**5  # doubled per slow-down
    assert pace.gap == config.min_gap


def test_policy_and_retry_settings_are_checked_and_each_problem_named(tmp_path):
    """Bad reasons, overlapping lists, bad expiries and inconsistent retry settings
    are all reported at once, each naming its key."""
    from bounced import config
    from bounced.errors import ConfigError

    path = tmp_path / "bad.toml"
    path.write_text(
        "[policy]\n"
        'suppress_reasons = ["userunknown", "nosuchreason"]\n'
        'expire_after = ["mailboxfull=soon"]\n'
        'complaint_scope = "everywhere"\n'
        "[retry]\n"
        'dispatcher = "carrier-pigeon"\n'
        "schedule = []\n"
    )

    with pytest.raises(ConfigError) as error:
        config.load(path, environ={})

    problems = error.value.problems
    assert any(
        p.startswith(
            "policy.suppress_reasons: expected failure reasons (not 'nosuchreason')"
        )
        for p in problems
    )
    assert any(
        p.startswith("policy.expire_after: expected entries such as") for p in problems
    )
    assert (
        "policy.complaint_scope: expected one of list, global, got 'everywhere'"
        in problems
    )
    assert any(
        p.startswith("retry.dispatcher: expected one of none, pull, webhook, relay")
        for p in problems
    )
    assert "retry.schedule: expected at least one duration above 0, got []" in problems
    assert len(problems) == 5


def test_settings_that_contradict_each_other_are_refused():
    """Overlapping reason lists, a webhook without URL, a relay without VERP
    secrets, and batch bounds out of order name the key to fix."""
    from bounced import config
    from bounced.errors import ConfigError

    with pytest.raises(ConfigError) as error:
        config.load(
            None,
            environ={
                "BOUNCED_POLICY_SENDER_REASONS": "blocked,userunknown",
                "BOUNCED_RETRY_DISPATCHER": "webhook",
                "BOUNCED_RETRY_BATCH_INITIAL": "500",
            },
        )
    with pytest.raises(ConfigError) as relay:
        config.load(None, environ={"BOUNCED_RETRY_DISPATCHER": "relay"})

    assert error.value.problems == [
        "policy.sender_reasons: expected reasons not also in policy.suppress_reasons, got userunknown",
        "retry.batch_initial: expected a size from retry.batch_min (1) to retry.batch_max (200), got 500",
        "retry.webhook_url: expected a URL when retry.dispatcher is webhook",
    ]
    assert relay.value.problems == [
        "retry.dispatcher: relay needs verp.secrets (relayed messages go out from a"
        " signed VERP address)"
    ]
