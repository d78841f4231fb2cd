"""The core every step shares: the database and its migrations, the revision feed, the
model's basics, text rules, codes and errors. It knows no step: the workshop handle that
composes the steps' stores is `kit.workshop`, above both.
"""

from __future__ import annotations

from kit.core.base import normalise_code
from kit.core.db import Database, default_sqlite_path, resolve_url

__all__ = ["Database", "default_sqlite_path", "normalise_code", "resolve_url"]
