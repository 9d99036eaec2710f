"""Alembic environment: the connection (or URL) comes from the caller, never from an ini file."""

from __future__ import annotations

from alembic import context

from frontwire.store.tables import include_in_autogenerate, metadata


def run_offline() -> None:
    context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from frontwire.store.database import make_engine

        with make_engine(context.config.get_main_option("sqlalchemy.url")).begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:
    # Batch mode: SQLite cannot ALTER most things, so later migrations copy tables instead.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      include_object=include_in_autogenerate)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
