"""The voting step's sheet of the exchange format: each participant's dots on a theme."""

from __future__ import annotations

from kit.core.sheets import Column, Sheet, ident

VOTES = Sheet("votes", (
    ident("participant_id"), ident("theme_id"), Column("dots", "int", bounds=(1, 100)),
), key=("participant_id", "theme_id"),
   references=(("participant_id", "participants"), ("theme_id", "themes")))
