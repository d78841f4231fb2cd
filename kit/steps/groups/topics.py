"""The topics of the groups step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

PREFERENCES = Topic.declare("preferences")
"""The participants' wishes for a group."""

GROUPS = Topic.declare("groups")
"""The working groups, their members and actions."""
