"""The ideas step's sheets of the exchange format: the ideas and the themes."""

from __future__ import annotations

from kit.core.model import MAX_DESCRIPTION, MAX_IDEA, MAX_LABEL, Category
from kit.core.sheets import Column, Sheet, choice, ident
from kit.steps.ideas.model import Prompt

IDEAS = Sheet("ideas", (
    ident(), ident("participant_id"), choice("prompt", Prompt),
    Column("text", max_length=MAX_IDEA), ident("theme_id", nullable=True),
), references=(("participant_id", "participants"), ("theme_id", "themes")))

THEMES = Sheet("themes", (
    ident(), Column("label", max_length=MAX_LABEL), Column("selected", "bool"),
    # the discussion, added with the voting step's guiding questions
    *(Column(c, max_length=MAX_DESCRIPTION, multiline=True, required=False, optional=True)
      for c in ("needs", "use_each_other", "team")),
    Column("chosen", "bool", optional=True),
    # its area (issue 17): older files have none, and "" means none is known
    Column("area", choices=("", *Category), required=False, optional=True),
), translated=True)
