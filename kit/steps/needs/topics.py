"""The topics of the needs step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

NEEDS = Topic.declare("needs")
"""The answers of the needs check."""
