"""The topics of the voting step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

VOTES = Topic.declare("votes")
"""The dots on the themes."""
