"""sent messages: Message-IDs the sender recorded per recipient, for the relay

Revision ID: s001
Revises: f001
Create Date: 2026-11-23 10:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s001"
down_revision: str | Sequence[str] | None = "f001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sent_messages",
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("message_id", "recipient"),
    )
    op.create_index(
        op.f("ix_sent_messages_recorded_at"),
        "sent_messages",
        ["recorded_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sent_messages_recorded_at"), table_name="sent_messages")
    op.drop_table("sent_messages")
