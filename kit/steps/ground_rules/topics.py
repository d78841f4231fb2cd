"""The topics of the ground rules step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

RULES = Topic.declare("rules")
"""The ground rules' tasks and who takes them."""
