"""The topics of the timeline step's own tables: what its writes announce and what
pages listening to it redraw for (`kit.core.model.Topic`)."""

from __future__ import annotations

from kit.core.model import Topic

CARDS = Topic.declare("cards")
"""The timeline's cards (what is done for whom, and when)."""

FINDINGS = Topic.declare("findings")
"""The findings drawn from the cards."""
