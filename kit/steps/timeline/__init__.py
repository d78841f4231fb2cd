"""Mapping the reception: cards for what the municipality and civil society already do, placed
on the refugees' timeline by area, with the gaps and overlaps the board points out; the offers
that stay current afterwards as the living overview."""
