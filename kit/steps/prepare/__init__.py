"""Preparing the workshop: the register of actors already at work (organisations, departments,
contact people), who is invited, and whether the room's sectors are in balance before the day."""
