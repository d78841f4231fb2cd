"""Package marker for Alembic's migration scripts."""
