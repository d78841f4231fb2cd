"""The topics of the prepare step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

ACTORS = Topic.declare("actors")
"""The partnership's actors and their invitations."""
