"""the SQLite full-text index declared as Datasette recognises it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Datasette finds a table's FTS index by the ``content="table"`` (or ``content=[table]``) of the
virtual table's declaration; 0002 wrote ``content='articles'``, which it does not recognise, so
its search box never appeared. The FTS5 table is declared again with the same columns and
tokenizer and rebuilt from the articles; the triggers of 0002 name it and keep working.
PostgreSQL has nothing to change.
"""
from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _declare(quote: str) -> list[str]:
    return [
        "DROP TABLE IF EXISTS articles_fts",
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        f"title, text, content={quote}articles{quote}, content_rowid='seq', "
        "tokenize='unicode61 remove_diacritics 2')",
        "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _declare('"'):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _declare("'"):
            op.execute(statement)
