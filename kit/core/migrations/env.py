"""Alembic environment: runs migrations on the connection `kit.store._migrate` hands over."""

from alembic import context

from kit.core.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
