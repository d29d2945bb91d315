"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 00:05:15.892989
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "domain_states",
        sa.Column("domain", sa.String(length=255), nullable=False),
        sa.Column("batch_size", sa.Integer(), nullable=False),
        sa.Column("next_batch_at", sa.DateTime(), nullable=True),
        sa.Column("last_result", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("alert_reason", sa.String(length=32), nullable=True),
        sa.Column("alert_count", sa.Integer(), nullable=False),
        sa.Column("alert_first_at", sa.DateTime(), nullable=True),
        sa.Column("alert_last_at", sa.DateTime(), nullable=True),
        sa.Column("alert_detail", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("domain", name=op.f("pk_domain_states")),
    )
    op.create_table(
        "inbound_messages",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("peer", sa.String(length=255), nullable=False),
        sa.Column("helo", sa.LargeBinary(), nullable=True),
        sa.Column("mail_from", sa.LargeBinary(), nullable=False),
        sa.Column("rcpt_tos", sa.LargeBinary(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claim_expires", sa.DateTime(), nullable=True),
        sa.Column("processed_at", sa.DateTime(), nullable=True),
        sa.Column("detector", sa.String(length=64), nullable=True),
        sa.Column("unparsed_reason", sa.Text(), nullable=True),
        sa.Column("raw_purged_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_messages")),
    )
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_inbound_messages_received_at", ["received_at"], unique=False
        )
        batch_op.create_index(
            "ix_inbound_messages_state_id", ["state", "id"], unique=False
        )

    op.create_table(
        "suppression_changes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("scope", sa.String(length=300), nullable=False),
        sa.Column("change", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppression_changes")),
    )
    with op.batch_alter_table("suppression_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suppression_changes_address"), ["address"], unique=False
        )

    op.create_table(
        "bounce_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "message_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=False),
        sa.Column("original_recipient", sa.String(length=320), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("reply_code", sa.Integer(), nullable=True),
        sa.Column("diagnostic", sa.Text(), nullable=True),
        sa.Column("remote_mta", sa.String(length=255), nullable=True),
        sa.Column("reporting_mta", sa.String(length=255), nullable=True),
        sa.Column("feedback_type", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("permanent", sa.Boolean(), nullable=False),
        sa.Column("hard", sa.Boolean(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.Column("detector", sa.String(length=64), nullable=True),
        sa.Column("orig_message_id", sa.Text(), nullable=True),
        sa.Column("list_id", sa.String(length=255), nullable=True),
        sa.Column("returned_headers", sa.Text(), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["inbound_messages.id"],
            name=op.f("fk_bounce_events_message_id_inbound_messages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bounce_events")),
    )
    with op.batch_alter_table("bounce_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bounce_events_domain"), ["domain"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bounce_events_list_id"), ["list_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bounce_events_message_id"), ["message_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_bounce_events_reason"), ["reason"], unique=False
        )
        batch_op.create_index(
            "ix_bounce_events_recipient_occurred",
            ["recipient", "occurred_at"],
            unique=False,
        )

    op.create_table(
        "retries",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column(
            "event_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column(
            "message_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=False),
        sa.Column("list_id", sa.String(length=255), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("give_up_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claim_expires", sa.DateTime(), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["bounce_events.id"],
            name=op.f("fk_retries_event_id_bounce_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["inbound_messages.id"],
            name=op.f("fk_retries_message_id_inbound_messages"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retries")),
        sa.UniqueConstraint("key", name=op.f("uq_retries_key")),
    )
    with op.batch_alter_table("retries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_retries_domain_state", ["domain", "state"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_retries_recipient"), ["recipient"], unique=False
        )
        batch_op.create_index(
            "ix_retries_state_due_at", ["state", "due_at"], unique=False
        )

    op.create_table(
        "suppressions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("scope", sa.String(length=300), nullable=False),
        sa.Column("domain", sa.String(length=255), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("reply_code", sa.Integer(), nullable=True),
        sa.Column("diagnostic", sa.Text(), nullable=True),
        sa.Column("feedback_type", sa.String(length=32), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column(
            "event_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            nullable=True,
        ),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["bounce_events.id"],
            name=op.f("fk_suppressions_event_id_bounce_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppressions")),
        sa.UniqueConstraint("address", "scope", name=op.f("uq_suppressions_address")),
    )
    with op.batch_alter_table("suppressions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suppressions_domain"), ["domain"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_suppressions_last_seen_at"), ["last_seen_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_suppressions_reason"), ["reason"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("suppressions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suppressions_reason"))
        batch_op.drop_index(batch_op.f("ix_suppressions_last_seen_at"))
        batch_op.drop_index(batch_op.f("ix_suppressions_domain"))

    op.drop_table("suppressions")
    with op.batch_alter_table("retries", schema=None) as batch_op:
        batch_op.drop_index("ix_retries_state_due_at")
        batch_op.drop_index(batch_op.f("ix_retries_recipient"))
        batch_op.drop_index("ix_retries_domain_state")

    op.drop_table("retries")
    with op.batch_alter_table("bounce_events", schema=None) as batch_op:
        batch_op.drop_index("ix_bounce_events_recipient_occurred")
        batch_op.drop_index(batch_op.f("ix_bounce_events_reason"))
        batch_op.drop_index(batch_op.f("ix_bounce_events_message_id"))
        batch_op.drop_index(batch_op.f("ix_bounce_events_list_id"))
        batch_op.drop_index(batch_op.f("ix_bounce_events_domain"))

    op.drop_table("bounce_events")
    with op.batch_alter_table("suppression_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suppression_changes_address"))

    op.drop_table("suppression_changes")
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_inbound_messages_state_id")
        batch_op.drop_index("ix_inbound_messages_received_at")

    op.drop_table("inbound_messages")
    op.drop_table("domain_states")
