"""event period and list scope indexes

Revision ID: a001
Revises: p001
Create Date: 2026-11-23 00:45:07.498257
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "a001"
down_revision: str | Sequence[str] | None = "p001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bounce_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bounce_events_occurred_at", ["occurred_at"], unique=False
        )

    with op.batch_alter_table("suppressions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_suppressions_scope_address", ["scope", "address"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("suppressions", schema=None) as batch_op:
        batch_op.drop_index("ix_suppressions_scope_address")

    with op.batch_alter_table("bounce_events", schema=None) as batch_op:
        batch_op.drop_index("ix_bounce_events_occurred_at")
