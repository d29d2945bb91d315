"""retries, domain pacing, soft bounces

Revision ID: p001
Revises: w001
Create Date: 2026-11-23 00:46:06.750663
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "p001"
down_revision: str | Sequence[str] | None = "w001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "soft_bounces",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("event_id", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["bounce_events.id"],
            name=op.f("fk_soft_bounces_event_id_bounce_events"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_soft_bounces")),
        sa.UniqueConstraint("address", "day", name=op.f("uq_soft_bounces_address")),
    )
    # Existing rows get server defaults for the new NOT NULL columns.
    with op.batch_alter_table("domain_states", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("gap", sa.Float(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("last_batch_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("throttled_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("throttles", sa.Integer(), nullable=False, server_default="0")
        )

    with op.batch_alter_table("retries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("orig_message_id", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("campaign", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("subscriber", sa.String(length=255), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "reason",
                sa.String(length=32),
                nullable=False,
                server_default="undefined",
            )
        )
        batch_op.add_column(sa.Column("status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("reply_code", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "provably_ours",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
            )
        )
        batch_op.add_column(
            sa.Column("failures", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("finished_at", sa.DateTime(), nullable=True))
        batch_op.drop_index(batch_op.f("ix_retries_recipient"))
        batch_op.create_index(
            "ix_retries_recipient_state", ["recipient", "state"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("retries", schema=None) as batch_op:
        batch_op.drop_index("ix_retries_recipient_state")
        batch_op.create_index(
            batch_op.f("ix_retries_recipient"), ["recipient"], unique=False
        )
        batch_op.drop_column("finished_at")
        batch_op.drop_column("failures")
        batch_op.drop_column("provably_ours")
        batch_op.drop_column("reply_code")
        batch_op.drop_column("status")
        batch_op.drop_column("reason")
        batch_op.drop_column("subscriber")
        batch_op.drop_column("campaign")
        batch_op.drop_column("orig_message_id")

    with op.batch_alter_table("domain_states", schema=None) as batch_op:
        batch_op.drop_column("throttles")
        batch_op.drop_column("throttled_at")
        batch_op.drop_column("last_batch_at")
        batch_op.drop_column("gap")

    op.drop_table("soft_bounces")
