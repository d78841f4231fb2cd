"""The topics of the ideas step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

IDEAS = Topic.declare("ideas")
"""The participants' notes."""

THEMES = Topic.declare("themes")
"""The themes the notes are gathered in."""
