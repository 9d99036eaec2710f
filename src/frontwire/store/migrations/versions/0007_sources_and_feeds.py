"""sources and feeds: what ``frontwire watch`` follows and what it has seen

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Tables of ``frontwire.monitor`` (monitor/tables.py): ``sources`` (an outlet, its poll interval and
its last poll's health), ``source_feeds`` (each feed or sitemap URL with its ETag and
Last-Modified for conditional requests) and ``seen_urls`` (every canonical article URL found, with
its feed date, the result of fetching it and the article it became). New tables only: nothing of
an existing store is copied or changed.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('outlet', sa.Text(), nullable=True),
    sa.Column('interval_s', sa.Integer(), nullable=False),
    sa.Column('obey_robots', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_poll_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_poll_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_result', sa.Text(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_new', sa.Integer(), nullable=False),
    sa.Column('last_failed', sa.Integer(), nullable=False),
    sa.Column('total_new', sa.Integer(), nullable=False),
    sa.Column('polls', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_sources_name'))
    )
    op.create_index(op.f('ix_sources_next_poll_at'), 'sources', ['next_poll_at'], unique=False)

    op.create_table('source_feeds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('etag', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.Text(), nullable=True),
    sa.Column('last_status', sa.Integer(), nullable=True),
    sa.Column('last_bytes', sa.BigInteger(), nullable=True),
    sa.Column('last_fetched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_feeds_source_id_sources'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source_feeds')),
    sa.UniqueConstraint('source_id', 'url', name=op.f('uq_source_feeds_source_id_url'))
    )
    op.create_index(op.f('ix_source_feeds_source_id'), 'source_feeds', ['source_id'], unique=False)

    op.create_table('seen_urls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('feed_date', sa.Text(), nullable=True),
    sa.Column('feed_title', sa.Text(), nullable=True),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_seen_urls_source_id_sources'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seen_urls')),
    sa.UniqueConstraint('url', name=op.f('uq_seen_urls_url'))
    )
    op.create_index(op.f('ix_seen_urls_article_id'), 'seen_urls', ['article_id'], unique=False)
    op.create_index(op.f('ix_seen_urls_source_id'), 'seen_urls', ['source_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_seen_urls_source_id'), table_name='seen_urls')
    op.drop_index(op.f('ix_seen_urls_article_id'), table_name='seen_urls')
    op.drop_table('seen_urls')
    op.drop_index(op.f('ix_source_feeds_source_id'), table_name='source_feeds')
    op.drop_table('source_feeds')
    op.drop_index(op.f('ix_sources_next_poll_at'), table_name='sources')
    op.drop_table('sources')
