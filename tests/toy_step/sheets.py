"""The toy's sheet of the exchange format: its table's rows, by id."""

from kit.core.sheets import Column, Sheet, ident

TOYS = Sheet("toys", (ident(), ident("participant_id"), Column("name")),
             references=(("participant_id", "participants"),))
