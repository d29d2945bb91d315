"""event subject and verp status

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 00:16:08.861488
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bounce_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column("verp", sa.String(length=32), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_bounce_events_subject"), ["subject"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("bounce_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bounce_events_subject"))
        batch_op.drop_column("verp")
        batch_op.drop_column("subject")
