"""raw inputs kept as the bytes read, with how to read them again

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

``raw_inputs.reader`` says which reader produced the article from ``data`` and with which
options (outlet, url, verbatim, the source it was read from), so a later frontwire reads the same
bytes again with its own, better readers. Rows written before this revision keep their
``encoding`` "zlib+article-json" (the reader's Article) and stay readable.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('raw_inputs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reader', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()),
                                                                       'postgresql'), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('raw_inputs', schema=None) as batch_op:
        batch_op.drop_column('reader')
