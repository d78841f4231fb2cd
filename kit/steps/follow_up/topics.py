"""The topics of the follow up step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

FORA = Topic.declare("fora")
"""The partnership's fora and their members."""
